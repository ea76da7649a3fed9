/**
 * Main-thread cost of switching level and indicator on the default data (issue #5: no task > 50 ms).
 * Opens the built app (default `dist/`, or BILDUNGSRAUM_DIST), waits for the map, then repeats
 * level / indicator switches and prints, per switch, the longest main-thread task (PerformanceObserver
 * "longtask") and — with PROFILE=1 — the functions with the most self time in a CPU profile (CDP
 * Profiler; build with `npx vite build --minify false --outDir /tmp/x` for readable names).
 *
 *   npx vite build && npx tsx scripts/bench/switch.ts            # figures
 *   PROFILE=1 BILDUNGSRAUM_DIST=/tmp/x npx tsx scripts/bench/switch.ts
 *   DETAIL=1 … prints the direct child events (wall / CPU ms) of each switch's longest task.
 */
import { gotoApp, openApp, readProbe, waitForMapIdle } from '../../tests/e2e/harness';
import { longestTaskBreakdown, longestTraceTask, TRACE_CATEGORIES } from '../../tests/e2e/trace';
import { addInclusive, type CpuProfile, key, stackIndex } from './profileTasks';

function topSelf(p: CpuProfile, n = 12): string[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node) continue;
    const k = key(node);
    self.set(k, (self.get(k) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...self]
    .filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`);
}

/** Inclusive time per function (each function counted once per sample stack). */
function topInclusive(p: CpuProfile, n = Number(process.env.INCL_N ?? 25)): string[] {
  const index = stackIndex(p);
  const incl = new Map<string, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const first = index.byId.get(samples[i]);
    if (!first || /^\((idle|program|garbage collector)\)/.test(first.callFrame.functionName)) continue;
    addInclusive(incl, index, samples[i], (deltas[i] ?? 0) / 1000);
  }
  return [...incl]
    .filter(([k]) => !/^\((root|anon)\)/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`);
}

async function main() {
  const rounds = Number(process.env.ROUNDS ?? 3);
  const profile = process.env.PROFILE === '1';
  const s = await openApp({ viewport: { width: 1400, height: 900 }, root: process.env.BILDUNGSRAUM_DIST });
  await s.context.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const { page } = s;
  await gotoApp(s);
  const cdp = await s.context.newCDPSession(page);
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  }
  // let the background preload of the other levels (MapView idle handler, after 1.5 s) finish first?
  const warm = process.env.WARM !== '0';
  if (warm) await page.waitForTimeout(4000);
  const longest = (since: number) =>
    page.evaluate(
      (t) =>
        Math.max(
          0,
          ...(window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks
            .filter((e) => e.start >= t)
            .map((e) => e.duration),
        ),
      since,
    );
  const figures: Record<string, number[]> = { level: [], indicator: [] };
  // CPU time (thread time) of the longest main-thread task from a Chrome trace: unlike the wall-clock
  // "longtask" duration it is not inflated when other processes compete for the CPU
  const cpu: Record<string, number[]> = { level: [], indicator: [] };
  const tracing = process.env.TRACE !== '0';
  const step = async (what: 'level' | 'indicator', act: () => Promise<void>, label: string) => {
    const since = await page.evaluate(() => performance.now());
    const before = (await readProbe(page))?.idleCount ?? 0;
    if (profile) await cdp.send('Profiler.start');
    if (tracing) await s.browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await act();
    await waitForMapIdle(page, { afterCount: before });
    await page.waitForTimeout(300);
    const ms = await longest(since);
    figures[what].push(ms);
    let cpuNote = '';
    if (tracing) {
      const trace = JSON.parse((await s.browser.stopTracing()).toString('utf8'));
      const t = longestTraceTask(trace);
      cpu[what].push(Math.round(t.cpu));
      cpuNote = `; trace: longest main-thread task ${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU`;
      // DETAIL=1: what the longest task consists of (its direct child events in the trace)
      if (process.env.DETAIL === '1') cpuNote += `\n   ${longestTaskBreakdown(trace).parts.join('\n   ')}`;
    }
    console.log(`${label}: longest task ${ms.toFixed(0)} ms (longtask observer)${cpuNote}`);
    if (profile) {
      const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      for (const l of topSelf(p)) console.log(`   ${l}`);
      if (process.env.INCL === '1') {
        console.log('   -- inclusive --');
        for (const l of topInclusive(p)) console.log(`   ${l}`);
      }
    }
  };
  // LEVELS=plr,bez,pgr,bzr,esb adds the Einschulbereiche (loaded on their first switch)
  const levels = (process.env.LEVELS ?? 'plr,bez,pgr,bzr').split(',');
  const indicators = ['kita_places_per_100_u6', 'pop_total', 'pupils_per_teacher_2024_25'];
  for (let r = 0; r < rounds; r++) {
    for (const l of levels)
      await step(
        'level',
        () =>
          (l === 'esb'
            ? page.getByTestId('level-esb')
            : page.locator(`input[name="lor-level"][value="${l}"]`)
          ).check(),
        `level → ${l}`,
      );
    for (const id of indicators)
      await step(
        'indicator',
        () =>
          page
            .getByTestId('indicator-select')
            .selectOption(id)
            .then(() => undefined),
        `indicator → ${id}`,
      );
  }
  const stats = (a: number[]) => {
    const s2 = [...a].sort((x, y) => x - y);
    return `min ${s2[0]} / median ${s2[Math.floor(s2.length / 2)]} / max ${s2[s2.length - 1]} ms (n=${a.length})`;
  };
  console.log(`level switch (longtask, wall):     ${stats(figures.level)}`);
  console.log(`indicator switch (longtask, wall): ${stats(figures.indicator)}`);
  if (tracing) {
    console.log(`level switch (trace, CPU):         ${stats(cpu.level)}`);
    console.log(`indicator switch (trace, CPU):     ${stats(cpu.indicator)}`);
  }
  await s.close();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
