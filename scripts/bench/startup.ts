/**
 * Startup benchmark: headless Chromium (SwiftShader) time from navigation to "map idle"
 * (MapLibre idle and deck.gl has drawn the default data layers) against the built app, and the longest
 * main-thread task during that cold start (PerformanceObserver 'longtask', registered before any page script
 * via addInitScript; the browser reports only tasks ≥ 50 ms, so "0" means none ≥ 50 ms).
 *
 *   npx vite build && npx tsx scripts/bench/startup.ts [runs=3] [--dist DIR]
 *
 * Every run is a new browser (cold HTTP cache). Prints one line per run with the app's milestones, then
 * min / median / max, and two machine-readable FIGURE lines (collected by scripts/bench/all.ts).
 */
import { gotoApp, openApp } from '../../tests/e2e/harness';

interface LongTask {
  start: number;
  duration: number;
}

const argv = process.argv.slice(2);
const distAt = argv.indexOf('--dist');
const DIST = distAt >= 0 ? argv[distAt + 1] : undefined;
const runs = Math.max(1, Number(argv.find((a, i) => /^\d+$/.test(a) && argv[i - 1] !== '--dist') ?? 3) || 3);
const results: number[] = [];
const longest: number[] = [];
const blocking: number[] = [];

for (let i = 0; i < runs; i++) {
  const s = await openApp({ root: DIST });
  try {
    await s.page.addInitScript(() => {
      const w = window as unknown as { __startupLongTasks: { start: number; duration: number }[] };
      w.__startupLongTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            w.__startupLongTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // longtask timing unsupported: reported as no tasks
      }
    });
    const { mapIdleMs, timings } = await gotoApp(s);
    // tasks that started before map idle (the observer callback may lag one frame)
    await s.page.waitForTimeout(100);
    const tasks = await s.page.evaluate(
      () => (window as unknown as { __startupLongTasks?: LongTask[] }).__startupLongTasks ?? [],
    );
    const during = tasks.filter((t) => t.start <= mapIdleMs);
    const maxTask = during.reduce((m, t) => Math.max(m, t.duration), 0);
    const tbt = during.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
    results.push(mapIdleMs);
    longest.push(maxTask);
    blocking.push(tbt);
    const milestones = Object.entries(timings)
      .sort((a, b) => a[1] - b[1])
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const top = [...during]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map((t) => `${Math.round(t.duration)} ms @${Math.round(t.start)}`)
      .join(', ');
    console.log(
      `run ${i + 1}: navigation → map idle ${mapIdleMs} ms; longest main-thread task ${Math.round(maxTask)} ms ` +
        `(${during.length} task(s) ≥ 50 ms${top ? `: ${top}` : ''}; blocking time ${Math.round(tbt)} ms)  (${milestones})`,
    );
    if (s.foreignRequests.length > 0)
      console.log(`  WARNING: non-local requests: ${s.foreignRequests.join(', ')}`);
    if (s.consoleErrors.length > 0) console.log(`  WARNING: console errors: ${s.consoleErrors.join(' | ')}`);
  } finally {
    await s.close();
  }
}

const stats = (a: number[]) => {
  const sorted = [...a].sort((x, y) => x - y);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};
const t = stats(results);
const l = stats(longest);
const b = stats(blocking);
console.log(
  `startup (navigation → map idle, headless Chromium/SwiftShader, ${runs} runs): ` +
    `min ${t.min} ms, median ${t.median} ms, max ${t.max} ms`,
);
console.log(
  `FIGURE startup.cold_start_ms ${t.median} ms (navigation → map idle with all default layers, headless Chromium/SwiftShader, median of ${runs} cold runs; min ${t.min}, max ${t.max})`,
);
console.log(
  `FIGURE startup.longest_task_ms ${Math.round(l.median)} ms (longest main-thread task during cold start, median of ${runs}; max ${Math.round(l.max)}; total blocking time median ${Math.round(b.median)} ms)`,
);
