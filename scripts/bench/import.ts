/**
 * Import throughput benchmark (prints figures; no assertions).
 *
 *   npx tsx scripts/bench/import.ts            # Node (same pipeline code as the worker) + browser
 *   npx tsx scripts/bench/import.ts --node     # Node only
 *   npx tsx scripts/bench/import.ts --browser  # headless Chromium only
 *   npx tsx scripts/bench/import.ts --rows 200000
 *   npx tsx scripts/bench/import.ts --browser --dist /tmp/other-dist   # serve another build
 *
 * 1. Node: generated CSV files with 1M rows (WGS84 with decimal point; EPSG:25833 with `;` and decimal
 *    commas) through `importBytes` → MB/s and rows/s.
 * 2. Browser (needs `vite build` → dist/): the same WGS84 file picked with the app's file input in
 *    headless Chromium; parsing/detection/locating run in the import worker. Prints worker throughput
 *    (file chosen → report shown) and the longest main-thread task during the import
 *    (PerformanceObserver 'longtask'; tasks < 50 ms are not reported by the browser, so "0" = none ≥ 50 ms).
 *    Before the file is picked the page must be quiet: the map's background prefetch of the other LOR
 *    levels has been requested, the map is idle and no long task for 8 s. After the report, the worker joins the points
 *    to the Planungsräume; the line `import.heap_1M_MB page=… worker=…` gives the page's JS heap after
 *    that (CDP Runtime.getHeapUsage after a forced GC) and the import worker's peak JS heap (CDP
 *    Runtime.getHeapUsage on the worker target via auto-attach, polled every 100 ms), against the
 *    budget `importHeap1MMB` in budgets.json.
 *
 * TRACE=1 (or TRACE_OUT=file): a Chrome trace from the file choice to the drawn points, for figures by
 * thread CPU time (wall times are inflated on a busy machine): the longest task overall, the file-choice task
 * (Playwright's setInputFiles delivers the file in a DevTools task; the app's change handler runs inside it:
 * worker start, progress UI) and the longest other task while the worker parses. TRACE_CATEGORIES=a,b,…
 * replaces the trace categories (e.g. add disabled-by-default-v8.cpu_profiler for JS samples in the trace).
 * PROFILE=1: a CPU profile of the same span (see profileTasks.ts).
 * As a user, the bench points at the import area THINK_MS (default 1500) before it picks the file: the app
 * then makes the import worker ahead (importClient.prepareImportWorker) and loads the mapping and report
 * parts. COLD=1 picks the file at once without pointing (all that happens when the file comes).
 *
 * Goals: ≥ 50 MB/s, no main-thread task > 50 ms.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { importBytes } from '../../src/io/importFile';
import { isTask, mainThreadEvents, type TraceEvent } from '../../tests/e2e/trace';
import { chromiumThreadCpu, rendererCpuMs, threadCpuDelta } from './rendererCpu';

const args = process.argv.slice(2);
const ROWS = Number(args[args.indexOf('--rows') + 1]) || 1_000_000;
const NODE_ONLY = args.includes('--node');
const BROWSER_ONLY = args.includes('--browser');
const DIST = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : undefined;

/**
 * Encode generated lines block by block into one buffer: no million-string array is left behind for
 * the garbage collector to clean up while the import is being measured.
 */
function encodeLines(header: string, rows: number, line: (i: number) => string): Uint8Array {
  const enc = new TextEncoder();
  const blocks: Uint8Array[] = [enc.encode(header)];
  let total = blocks[0].length;
  for (let i = 0; i < rows; i += 10_000) {
    let s = '';
    for (let k = i; k < Math.min(rows, i + 10_000); k++) s += line(k);
    const b = enc.encode(s);
    blocks.push(b);
    total += b.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

function makeWgs84Csv(rows: number): Uint8Array {
  const cats = ['Grundschule', 'Gymnasium', 'ISS', 'Förderschule'];
  return encodeLines('id,name,kategorie,wert,lat,lon\n', rows, (i) => {
    const lat = 52.34 + ((i * 7919) % 33000) / 100000;
    const lon = 13.1 + ((i * 104729) % 65000) / 100000;
    return `${i},Einrichtung ${i % 5000},${cats[i % 4]},${((i * 37) % 100000) / 100},${lat.toFixed(6)},${lon.toFixed(6)}\n`;
  });
}

function makeUtmGermanCsv(rows: number): Uint8Array {
  const fwd = proj4('EPSG:4326', '+proj=utm +zone=33 +ellps=GRS80 +units=m +no_defs');
  const nf = new Intl.NumberFormat('de-DE', {
    useGrouping: false,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return encodeLines('ID;Name;Schüler;Rechtswert;Hochwert\n', rows, (i) => {
    const [x, y] = fwd.forward([
      13.1 + ((i * 104729) % 65000) / 100000,
      52.34 + ((i * 7919) % 33000) / 100000,
    ]);
    return `${i};Schule ${i % 5000};${nf.format((i * 37) % 1000)};${nf.format(x)};${nf.format(y)}\n`;
  });
}

function fmt(n: number, d = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
}

interface NodeFigures {
  mbps: number;
  rowsps: number;
}

async function nodeRun(label: string, bytes: Uint8Array, fileName: string): Promise<NodeFigures> {
  // one warm-up on a slice so that JIT and proj4 set-up are not measured
  const lines = new TextDecoder().decode(bytes.subarray(0, 200_000)).split('\n').slice(0, -1).join('\n');
  await importBytes(new TextEncoder().encode(lines), { fileName });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await importBytes(bytes, { fileName });
  const c1 = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  // CPU time (user + system, all threads incl. GC helpers): less sensitive to machine load than wall time
  const cpuMs = (c1.user + c1.system) / 1000;
  const mb = bytes.length / 1e6;
  const rows = r.report.rowsRead;
  console.log(
    `node   import ${label}: ${fmt(mb / (ms / 1000))} MB/s, ${fmt(rows / (ms / 1000), 0)} rows/s ` +
      `(${fmt(mb)} MB, ${rows.toLocaleString('en-US')} rows, ${r.report.rowsUsed.toLocaleString('en-US')} used, ${r.location.crs}; ` +
      `wall ${fmt(ms / 1000, 2)} s; CPU ${fmt(cpuMs / 1000, 2)} s → ${fmt(mb / (cpuMs / 1000))} MB/s)`,
  );
  const mem = process.memoryUsage();
  console.log(
    `node   heap after import ${label} (result alive, no forced GC): ` +
      `JS heap ${fmt(mem.heapUsed / 1e6, 0)} MB, array buffers ${fmt(mem.arrayBuffers / 1e6, 0)} MB`,
  );
  void r.length; // keeps the result alive up to here
  return { mbps: mb / (ms / 1000), rowsps: rows / (ms / 1000) };
}

/**
 * Heap budget of issue #7 (MB; page after the import and join of 1M points, import worker at its peak):
 * `importHeap1MMB` in budgets.json.
 */
function heapBudget(): { page: number; worker: number } {
  try {
    const b = JSON.parse(readFileSync(join(import.meta.dirname, '../../budgets.json'), 'utf8')) as {
      importHeap1MMB?: { page: number; worker: number };
    };
    if (b.importHeap1MMB) return b.importHeap1MMB;
  } catch {
    // no budgets file: the defaults below
  }
  return { page: 64, worker: 256 };
}
const HEAP_BUDGET_MB = heapBudget();

/**
 * The import window of a Chrome trace, by thread CPU time (not inflated when other processes compete for the
 * CPU): the task that delivers the file choice (Playwright's DOM.setFileInputFiles, with the app's `change`
 * handler inside it), and the longest other main-thread task from the file choice up to `untilMs` after it
 * (the parsing phase, before the result arrives), with its direct children.
 */
function importWindowTasks(
  trace: { traceEvents?: TraceEvent[] },
  untilMs: number,
): {
  choice: { wall: number; cpu: number; changeCpu: number } | null;
  longest: { at: number; wall: number; cpu: number; parts: string[] } | null;
} {
  const onMain = mainThreadEvents(trace);
  const change = onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change');
  if (!change) return { choice: null, longest: null };
  const t0 = change.ts ?? 0;
  const within = (o: TraceEvent, e: TraceEvent) =>
    (o.ts ?? 0) <= (e.ts ?? 0) && (o.ts ?? 0) + (o.dur ?? 0) >= (e.ts ?? 0) + (e.dur ?? 0);
  const tasks = onMain.filter(isTask);
  const choiceTask = tasks.find((t) => within(t, change));
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  let longest: TraceEvent | undefined;
  for (const t of tasks) {
    if (t === choiceTask || within(t, change)) continue; // nested RunTask records of the same task
    if ((t.ts ?? 0) < t0 || (t.ts ?? 0) > t0 + untilMs * 1000) continue;
    if (!longest || (t.tdur ?? 0) > (longest.tdur ?? 0)) longest = t;
  }
  let parts: string[] = [];
  if (longest) {
    const l = longest;
    const inside = onMain.filter((e) => e !== l && !isTask(e) && within(l, e));
    parts = inside
      .filter((e) => !inside.some((o) => o !== e && within(o, e) && (o.dur ?? 0) > (e.dur ?? 0)))
      .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
      .slice(0, 5)
      .map((e) => `${e.name} ${ms(e.tdur).toFixed(1)} ms CPU`);
  }
  return {
    choice: choiceTask
      ? { wall: ms(choiceTask.dur), cpu: ms(choiceTask.tdur), changeCpu: ms(change.tdur) }
      : null,
    longest: longest
      ? { at: ms((longest.ts ?? 0) - t0), wall: ms(longest.dur), cpu: ms(longest.tdur), parts }
      : null,
  };
}

type Cdp = Awaited<ReturnType<import('playwright-core').BrowserContext['newCDPSession']>>;

interface TargetEvent {
  sessionId: string;
  targetInfo: { type: string; title: string; url: string };
}

/**
 * Follows the import worker through the page's CDP session (auto-attach, non-flat sessions) and polls
 * `Runtime.getHeapUsage` on it every 100 ms: the peak JS heap of the worker during the import and the join.
 */
function watchImportWorker(cdp: Cdp): { peakMB: () => number; stop: () => void } {
  let peak = 0;
  let session: string | null = null;
  let msgId = 0;
  type Result = { usedSize?: number };
  const pending = new Map<number, (v: Result) => void>();
  const send = (sid: string, method: string, done: (r: Result) => void) => {
    const id = ++msgId;
    pending.set(id, done);
    cdp
      .send('Target.sendMessageToTarget', { sessionId: sid, message: JSON.stringify({ id, method }) })
      .catch(() => pending.delete(id));
  };
  cdp.on('Target.attachedToTarget', (ev: TargetEvent) => {
    if (ev.targetInfo.type === 'worker' && ev.targetInfo.title === 'import') session = ev.sessionId;
  });
  cdp.on('Target.detachedFromTarget', (ev: { sessionId: string }) => {
    if (ev.sessionId === session) session = null;
  });
  cdp.on('Target.receivedMessageFromTarget', (ev: { message: string }) => {
    const m = JSON.parse(ev.message) as { id?: number; result?: Result };
    const done = m.id !== undefined ? pending.get(m.id) : undefined;
    if (done && m.id !== undefined) {
      pending.delete(m.id);
      done(m.result ?? {});
    }
  });
  void cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const timer = setInterval(() => {
    const sid = session;
    if (!sid) return;
    send(sid, 'Runtime.getHeapUsage', (r) => {
      if (r.usedSize) peak = Math.max(peak, r.usedSize);
    });
  }, 100);
  return { peakMB: () => peak / 1e6, stop: () => clearInterval(timer) };
}

/** JS heap of the page after a forced GC, and the array buffers (typed arrays) held outside it, in MB. */
async function pageHeapMB(cdp: Cdp): Promise<{ js: number; buffers: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  return { js: h.usedSize / 1e6, buffers: (h.backingStorageSize ?? 0) / 1e6 };
}

async function browserRun(bytes: Uint8Array): Promise<void> {
  const { openApp } = await import('../../tests/e2e/harness');
  const dir = mkdtempSync(join(tmpdir(), 'br-bench-'));
  const file = join(dir, 'bench_1m.csv');
  writeFileSync(file, bytes);
  const s = await openApp({ root: DIST });
  try {
    await s.page.addInitScript(() => {
      const w = window as unknown as {
        __longtasks: { start: number; duration: number }[];
        __importStart: number;
      };
      w.__longtasks = [];
      w.__importStart = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      document.addEventListener(
        'change',
        (ev) => {
          if ((ev.target as HTMLElement).getAttribute?.('data-testid') === 'import-file')
            w.__importStart = performance.now();
        },
        true,
      );
    });
    const cdp = await s.page.context().newCDPSession(s.page);
    await s.page.goto(s.server.url, { waitUntil: 'load' });
    await s.page.locator('[data-testid="import-file"]').waitFor({ state: 'attached', timeout: 60_000 });
    // let the app settle: the map prefetches the other LOR levels after its first idle and builds their
    // (hidden) layers — wait for those files, then for the map to be idle and 8 s without a long task
    const prefetch = ['bez', 'pgr', 'bzr', 'plr'].map((l) => `areas/${l}.topo.json`);
    for (let t = 0; t < 240 && !prefetch.every((f) => s.requests.some((u) => u.includes(f))); t++)
      await s.page.waitForTimeout(500);
    await s.page.waitForFunction(
      () => {
        const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
        const last = w.__longtasks.reduce((a, t) => Math.max(a, t.start + t.duration), 0);
        const probe = (window as unknown as { __bildungsraum?: { mapIdle: boolean } }).__bildungsraum;
        return performance.now() - last > 8000 && (!probe || probe.mapIdle);
      },
      undefined,
      { timeout: 180_000, polling: 250 },
    );
    // the map prepares the other levels' layers in idle time after start-up: wait until that is done, so
    // that the import is measured on its own (8 s without a long task do not show it: its tasks are short)
    await s.page
      .waitForFunction(
        () =>
          (window as unknown as { __bildungsraum?: { timings: Record<string, number> } }).__bildungsraum
            ?.timings.backgroundPrefetchDone !== undefined,
        undefined,
        { timeout: 120_000, polling: 250 },
      )
      .catch(() => console.log('(the map did not report the end of its background prefetch within 120 s)'));
    await s.page.waitForTimeout(1000);
    // inject Playwright's helper script now: its first evaluation is a long task of its own
    await s.page.locator('[data-testid="report-csv"], body').first().count();
    const heapBefore = await pageHeapMB(cdp);
    const watcher = watchImportWorker(cdp);
    // PROFILE=1: CPU profile of the page from the file choice to the first draw (see profileTasks.ts)
    const profile = process.env.PROFILE === '1';
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // TRACE=1 (or TRACE_OUT=file): Chrome trace of the same span → the longest task by thread CPU time,
    // which, unlike the longtask observer's wall time, is not inflated when other processes compete for the CPU
    const trace = process.env.TRACE === '1' || !!process.env.TRACE_OUT;
    if (trace)
      await s.browser.startTracing(s.page, {
        // TRACE_CATEGORIES=a,b,…: other trace categories (e.g. disabled-by-default-v8.cpu_profiler for JS samples)
        categories: process.env.TRACE_CATEGORIES?.split(',') ?? [
          'toplevel',
          'devtools.timeline',
          'v8',
          'gpu',
        ],
      });
    // as a user: point at the import area first (the app makes the import worker then), then
    // pick the file THINK_MS later (a file dialog takes seconds); COLD=1 picks it at once, without pointing
    const cold = process.env.COLD === '1';
    if (!cold) {
      await s.page.hover('[data-testid="import-drop"]');
      await s.page.waitForTimeout(Number(process.env.THINK_MS ?? 1500));
    }
    const render0 = rendererCpuMs();
    const threads0 = chromiumThreadCpu();
    await s.page.locator('[data-testid="import-file"]').setInputFiles(file);
    await s.page.waitForFunction(
      (name) => {
        const el = document.querySelector('[data-testid="import-report"] h3');
        return (
          !!el && el.textContent?.includes(name) && !!document.querySelector('[data-testid="rows-used"]')
        );
      },
      'bench_1m.csv',
      { timeout: 300_000, polling: 20 },
    );
    const shownAt = await s.page.evaluate(() => performance.now());
    const renderCpu = rendererCpuMs() - render0;
    const threads = threadCpuDelta(threads0, chromiumThreadCpu());
    // the join to the Planungsräume runs in the worker after the report is shown
    const joined = await s.page
      .waitForSelector('[data-testid="import-join"]', { timeout: 120_000 })
      .then(() => true)
      .catch(() => false);
    await s.page.waitForTimeout(1500); // map draws the points
    const res = await s.page.evaluate((shown) => {
      const w = window as unknown as {
        __longtasks: { start: number; duration: number }[];
        __importStart: number;
      };
      const end = performance.now();
      const during = w.__longtasks.filter((t) => t.start + t.duration >= w.__importStart && t.start <= end);
      const afterResult = during.filter((t) => t.start + t.duration >= shown - 1000);
      return {
        afterResult: afterResult.reduce((a, t) => Math.max(a, t.duration), 0),
        ms: shown - w.__importStart,
        totalMs: end - w.__importStart,
        longest: during.reduce((a, t) => Math.max(a, t.duration), 0),
        count: during.length,
        tasks: during
          .map((t) => `${Math.round(t.start - w.__importStart)}ms+${Math.round(t.duration)}`)
          .join(', '),
        rows: document.querySelector('[data-testid="rows-read"]')?.textContent ?? '',
        timings: (window as unknown as { __bildungsraum?: { timings: Record<string, number> } })
          .__bildungsraum?.timings,
        join: document.querySelector('[data-testid="import-join"]')?.textContent ?? '',
      };
    }, shownAt);
    watcher.stop();
    if (trace) {
      const buf = await s.browser.stopTracing();
      if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, buf);
      const { longestTaskBreakdown } = await import('../../tests/e2e/trace');
      const t = longestTaskBreakdown(JSON.parse(buf.toString('utf8')));
      console.log(
        `chrome longest main-thread task by thread CPU time (Chrome trace, file chosen → points drawn): ` +
          `${fmt(t.cpu, 0)} ms CPU (${fmt(t.wall, 0)} ms wall)${t.parts.length ? `: ${t.parts.join('; ')}` : ''}`,
      );
      const w = importWindowTasks(JSON.parse(buf.toString('utf8')), res.ms - 1000);
      if (w.choice)
        console.log(
          `chrome file choice task (Chrome trace; Playwright's setInputFiles delivers the file, the app's change handler ` +
            `starts the worker and shows the progress): ${fmt(w.choice.cpu, 1)} ms CPU (${fmt(w.choice.wall, 0)} ms wall), ` +
            `of which the change handler ${fmt(w.choice.changeCpu, 1)} ms CPU`,
        );
      if (w.longest)
        console.log(
          `chrome longest other main-thread task by thread CPU time while the worker parses (file chosen → 1 s before the report): ` +
            `${fmt(w.longest.cpu, 1)} ms CPU (${fmt(w.longest.wall, 0)} ms wall) at ${fmt(w.longest.at, 0)} ms: ${w.longest.parts.join('; ')}`,
        );
    }
    if (profile) {
      const { profile: prof } = (await cdp.send('Profiler.stop')) as {
        profile: import('./profileTasks').CpuProfile;
      };
      const { longSpanReport } = await import('./profileTasks');
      for (const l of longSpanReport(prof, Number(process.env.PROFILE_SPANS ?? 3))) console.log(l);
      if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(prof));
    }
    const heapAfter = await pageHeapMB(cdp);
    const mb = bytes.length / 1e6;
    console.log(
      `chrome import in worker (file chosen → report shown): ${fmt(mb / (res.ms / 1000))} MB/s, ` +
        `${fmt(ROWS / (res.ms / 1000), 0)} rows/s (${fmt(mb)} MB, ${res.rows} rows in ${fmt(res.ms / 1000, 2)} s)`,
    );
    // the software renderer shares the two cores with the workers (see renderCost.ts)
    console.log(
      `chrome software renderer (SwiftShader threads) in that time: ${fmt(renderCpu, 0)} ms CPU (/proc, Linux only)`,
    );
    console.log(`chrome CPU per thread in that time (ms, /proc): ${threads}`);
    const tm = res.timings ?? {};
    console.log(
      cold
        ? 'chrome import worker made when the file came (COLD=1)'
        : `chrome import worker made ahead (pointer on the import area ${process.env.THINK_MS ?? 1500} ms before the file)`,
    );
    if (tm['import.workerMs'] !== undefined) {
      const inWorker = tm['import.readMs'] + tm['import.workerMs'] + tm['import.payloadMs'];
      console.log(
        `chrome import inside the worker (read + parse/detect/locate + payload): ${fmt(mb / (inWorker / 1000))} MB/s, ` +
          `${fmt(ROWS / (inWorker / 1000), 0)} rows/s (reading the file ${tm['import.readMs']} ms – its first part when a second worker reads the rest –, ` +
          `import ${tm['import.workerMs']} ms, payload ${tm['import.payloadMs']} ms; ` +
          `without the read ${fmt(mb / ((tm['import.workerMs'] + tm['import.payloadMs']) / 1000))} MB/s)`,
      );
      console.log(
        tm['import.tail.scanMs'] !== undefined
          ? `chrome second scanner: a second worker read the file's second part in ${tm['import.tail.readMs']} ms (with its check) ` +
              `and scanned it in ${tm['import.tail.scanMs']} ms (inside the import time above; the scan waited ${tm['import.tail.readWaitMs']} ms for that read, ` +
              `its answer ${tm['import.tail.answerWaitMs']} ms for the import worker; ` +
              `the import worker had the tail back ${tm['import.tail.roundTripMs']} ms after asking for it)`
          : 'chrome second scanner: not used (the file was scanned in one piece)',
      );
      const steps = Object.entries(tm)
        .filter(([k]) => k.startsWith('import.step.'))
        .map(([k, v]) => `${k.slice('import.step.'.length)} ${v}`);
      if (steps.length)
        console.log(
          `chrome import steps inside the worker (ms since the file was read, at the end of each): ${steps.join(', ')}`,
        );
    }
    console.log(
      `chrome longest main-thread task during import${joined ? ' + join' : ''}: ${fmt(res.longest, 0)} ms ` +
        `(${res.count} task(s) ≥ 50 ms${res.count ? `: start after file chosen + duration ${res.tasks}` : ''}; goal ≤ 50 ms)` +
        (s.consoleErrors.length ? `; console errors: ${s.consoleErrors.join(' | ')}` : ''),
    );
    console.log(
      `chrome longest main-thread task from 1 s before the report is shown (result message, render, map layer${joined ? ', join' : ''}): ` +
        `${fmt(res.afterResult, 0)} ms (earlier long tasks on a busy machine are usually the map's background prefetch of the other LOR levels)`,
    );
    if (joined)
      console.log(`chrome join to Planungsräume in worker: ${res.join.replace(/\s+/g, ' ').trim()}`);
    console.log(
      `import.heap_1M_MB page=${fmt(heapAfter.js, 0)} worker=${fmt(watcher.peakMB(), 0)} ` +
        `(budget page ≤ ${HEAP_BUDGET_MB.page}, worker ≤ ${HEAP_BUDGET_MB.worker}; page: CDP Runtime.getHeapUsage after GC, ` +
        `${fmt(heapBefore.js, 0)} before the import; array buffers ${fmt(heapBefore.buffers, 0)} → ${fmt(heapAfter.buffers, 0)} MB; worker: peak of Runtime.getHeapUsage on the import worker target, ` +
        `polled every 100 ms during import${joined ? ' and join' : ''})`,
    );
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const wgs = makeWgs84Csv(ROWS);
if (!BROWSER_ONLY) {
  await nodeRun(`${ROWS} rows WGS84, comma, decimal point`, wgs, 'bench_wgs84.csv');
  await nodeRun(`${ROWS} rows EPSG:25833, ';', decimal comma`, makeUtmGermanCsv(ROWS), 'bench_25833.csv');
}
if (!NODE_ONLY) await browserRun(wgs);
console.log(
  `goals: ≥ 50 MB/s; no main-thread task > 50 ms. Machine: ${(await import('node:os')).cpus().length} cores, load ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
