/**
 * Main-thread cost of switching level and indicator on the default data (issue #5: no task > 50 ms).
 * Opens the built app (default `dist/`, or BILDUNGSRAUM_DIST), waits for the map, then repeats
 * level / indicator switches and prints, per switch, the longest main-thread task (PerformanceObserver
 * "longtask") and — with PROFILE=1 — the functions with the most self time in a CPU profile (CDP
 * Profiler; build with `npx vite build --minify false --outDir /tmp/x` for readable names).
 *
 *   npx vite build && npx tsx scripts/bench/switch.ts            # figures
 *   npx tsx scripts/bench/switch.ts --dist /tmp/x                  # another build (or BILDUNGSRAUM_DIST=/tmp/x)
 *   PROFILE=1 BILDUNGSRAUM_DIST=/tmp/x npx tsx scripts/bench/switch.ts
 *   DETAIL=1 … prints the direct child events (wall / CPU ms) of each switch's longest task.
 *   TRACE_DIR=/tmp/x … keeps each switch's Chrome trace as a file. TRACE_CATEGORIES=a,b,… other categories.
 *   TASKS=1 … lists every main-thread task of a switch with more than 4 ms CPU (wall/CPU ms, largest event).
 *   PROFILE=1 TASK=1 … the functions with the most inclusive time inside the TASK_N (2) tasks with most CPU.
 *   WARM=0 … switch right after the first idle (like tests/e2e/map.test.ts), not after 4 s.
 *   STARTUP=1 … also traces the start-up (navigation until the background preparation is done) and lists its
 *     main-thread tasks over 50 ms wall or 30 ms CPU (with PROFILE=1 TASK=1: their functions by inclusive time).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gotoApp, openApp, readProbe, waitForMapIdle } from '../../tests/e2e/harness';
import {
  longestTaskBreakdown,
  longestTraceTask,
  TRACE_CATEGORIES,
  type TraceEvent,
} from '../../tests/e2e/trace';
import { addInclusive, type CpuProfile, key, stackIndex } from './profileTasks';

// TRACE_CATEGORIES=a,b,…: other trace categories (e.g. gpu, to see the main thread wait for the GPU process)
const CATEGORIES = process.env.TRACE_CATEGORIES?.split(',') ?? TRACE_CATEGORIES;

interface TaskSpan {
  start: number;
  end: number;
  wall: number;
  cpu: number;
}

/** Top-level main-thread tasks of a trace (µs, trace clock; wall / CPU ms), nested task events left out. */
function mainTasks(trace: { traceEvents?: TraceEvent[] }): TaskSpan[] {
  const events = trace.traceEvents ?? [];
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const all = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
        mains.has(`${e.pid}:${e.tid}`),
    )
    .map((e) => ({
      start: e.ts ?? 0,
      end: (e.ts ?? 0) + (e.dur ?? 0),
      wall: (e.dur ?? 0) / 1000,
      cpu: (e.tdur ?? 0) / 1000,
    }))
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const out: TaskSpan[] = [];
  for (const t of all) if (!out.length || t.start >= out[out.length - 1].end) out.push(t);
  return out;
}

/** Main-thread tasks with more than `minCpu` ms thread CPU, in order: "wall/CPU ms (largest child event)". */
function taskList(
  trace: { traceEvents?: TraceEvent[] },
  minCpu = 4,
  keep: (t: TaskSpan) => boolean = (t) => t.cpu > minCpu,
  t0?: number,
): string {
  const events = trace.traceEvents ?? [];
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const isTask = (e: TraceEvent) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
  const onMain = events.filter((e) => e.ph === 'X' && !isTask(e) && mains.has(`${e.pid}:${e.tid}`));
  return mainTasks(trace)
    .filter(keep)
    .map((t) => {
      let big: TraceEvent | undefined;
      for (const e of onMain)
        if (
          (e.ts ?? 0) >= t.start &&
          (e.ts ?? 0) + (e.dur ?? 0) <= t.end &&
          (!big || (e.tdur ?? 0) > (big.tdur ?? 0))
        )
          big = e;
      const d = (big?.args as { data?: { type?: string } } | undefined)?.data;
      const at = t0 === undefined ? '' : `@${((t.start - t0) / 1000).toFixed(0)} `;
      return `${at}${t.wall.toFixed(0)}/${t.cpu.toFixed(0)} (${big?.name ?? '?'}${d?.type ? ` ${d.type}` : ''})`;
    })
    .join(', ');
}

/**
 * Inclusive time per function for the samples inside a window of the trace clock (the CDP profile's
 * `startTime` and the trace's `ts` are both microseconds of the same monotonic clock).
 */
function windowInclusive(p: CpuProfile, w: [number, number], n = Number(process.env.INCL_N ?? 30)): string[] {
  const index = stackIndex(p);
  const incl = new Map<string, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  let t = p.startTime;
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    if (t < w[0] || t > w[1]) continue;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    total += ms;
    addInclusive(incl, index, samples[i], ms);
  }
  return [
    `-- inclusive, samples inside the task (${total.toFixed(1)} ms sampled) --`,
    ...[...incl]
      .filter(([k]) => !/^\((root|anon)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`),
  ];
}

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
  // `--dist <folder>` or BILDUNGSRAUM_DIST: the build to open (default dist/)
  const distArg = process.argv.indexOf('--dist');
  const root = distArg >= 0 ? process.argv[distArg + 1] : process.env.BILDUNGSRAUM_DIST;
  const s = await openApp({ viewport: { width: 1400, height: 900 }, root });
  await s.context.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const { page } = s;
  const cdp = await s.context.newCDPSession(page);
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  }
  /** Until the map's background preparation of the other levels has ended (MapView's idle handler), then 1 s. */
  const backgroundPrepared = async () => {
    await page
      .waitForFunction(() => window.__bildungsraum?.timings.backgroundPrefetchDone !== undefined, undefined, {
        timeout: 30_000,
        polling: 250,
      })
      .catch(() => console.log('(background prefetch not done after 30 s)'));
    await page.waitForTimeout(1000);
  };
  const startup = process.env.STARTUP === '1';
  if (startup) {
    if (profile) await cdp.send('Profiler.start');
    await s.browser.startTracing(page, { categories: CATEGORIES });
  }
  await gotoApp(s);
  if (startup) {
    await backgroundPrepared();
    const trace = JSON.parse((await s.browser.stopTracing()).toString('utf8'));
    if (process.env.TRACE_DIR) {
      mkdirSync(process.env.TRACE_DIR, { recursive: true });
      writeFileSync(join(process.env.TRACE_DIR, '00-startup.json'), JSON.stringify(trace));
    }
    const long = (t: TaskSpan) => t.wall > 50 || t.cpu > 30;
    const all = mainTasks(trace);
    const t0 = all[0]?.start ?? 0;
    const timings = (await readProbe(page))?.timings ?? {};
    console.log(`start-up timings (ms since navigation): ${JSON.stringify(timings)}`);
    console.log(
      `start-up: ${all.filter(long).length} main-thread tasks > 50 ms wall or > 30 ms CPU (trace ms from first task; wall/CPU ms):`,
    );
    console.log(`   ${taskList({ traceEvents: trace.traceEvents }, 0, long, t0)}`);
    if (profile) {
      const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      if (process.env.TASK === '1')
        for (const w of all.filter(long)) {
          console.log(
            `   == task at ${((w.start - t0) / 1000).toFixed(0)} ms: ${w.wall.toFixed(0)} ms wall, ${w.cpu.toFixed(0)} ms CPU`,
          );
          for (const l of windowInclusive(p, [w.start, w.end])) console.log(`   ${l}`);
        }
    }
  }
  // let the background preload of the other levels (MapView idle handler, after 1.5 s) finish first?
  // Playwright injects its script on the first locator action: not part of the app's switch
  await page.locator('input[name="lor-level"]').first().isVisible();
  await page.getByTestId('indicator-select').isVisible();
  const warm = process.env.WARM !== '0';
  if (warm) {
    // until the background preparation of the other levels has ended (MapView's idle handler), then a bit
    await backgroundPrepared();
  }
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
  let traceNo = 0;
  const step = async (what: 'level' | 'indicator', act: () => Promise<void>, label: string) => {
    const since = await page.evaluate(() => performance.now());
    const before = (await readProbe(page))?.idleCount ?? 0;
    if (profile) await cdp.send('Profiler.start');
    if (tracing) await s.browser.startTracing(page, { categories: CATEGORIES });
    await act();
    await waitForMapIdle(page, { afterCount: before });
    await page.waitForTimeout(300);
    const ms = await longest(since);
    figures[what].push(ms);
    let cpuNote = '';
    let taskWindows: TaskSpan[] = [];
    if (tracing) {
      const buf = await s.browser.stopTracing();
      // TRACE_DIR=/tmp/x keeps each switch's trace (open in Chrome DevTools / Perfetto)
      if (process.env.TRACE_DIR) {
        mkdirSync(process.env.TRACE_DIR, { recursive: true });
        writeFileSync(
          join(
            process.env.TRACE_DIR,
            `${String(++traceNo).padStart(2, '0')}-${label.replace(/[^\w]+/g, '_')}.json`,
          ),
          buf,
        );
      }
      const trace = JSON.parse(buf.toString('utf8'));
      const t = longestTraceTask(trace);
      taskWindows = mainTasks(trace)
        .sort((x, y) => y.cpu - x.cpu)
        .slice(0, Number(process.env.TASK_N ?? 2));
      cpu[what].push(Math.round(t.cpu));
      cpuNote = `; trace: longest main-thread task ${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU`;
      // DETAIL=1: what the longest task consists of (its direct child events in the trace)
      if (process.env.TASKS === '1') cpuNote += `\n   tasks > 4 ms CPU (wall/CPU ms): ${taskList(trace)}`;
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
      // TASK=1: what the longest task (by thread CPU time, from the trace) spends its time in
      if (process.env.TASK === '1')
        for (const w of taskWindows) {
          console.log(`   == task of ${w.wall.toFixed(0)} ms wall, ${w.cpu.toFixed(0)} ms CPU`);
          for (const l of windowInclusive(p, [w.start, w.end])) console.log(`   ${l}`);
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
