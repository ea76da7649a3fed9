/**
 * `npm run bench` — every benchmark figure of issue #7, one line per figure, each with the baseline measured
 * in the same run where one exists. Timings are reported, never asserted (the size budgets are asserted by
 * scripts/check-budgets.ts in `npm test`).
 *
 *   npm run bench                       # vite build, sizes, join + re-aggregation, import (Node + Chromium),
 *                                       # papaparse baseline, cold start
 *   npm run bench -- --no-build         # measure the existing dist/ instead of a fresh build
 *   npm run bench -- --quick            # 200k points / rows, 1 cold start (a smoke run, not the figures)
 *   npm run bench -- --verbose          # also stream the full output of every benchmark
 *
 * Runs the benchmark scripts one after another as subprocesses (scripts/bench/{join,import,
 * papaparse-baseline,startup}.ts) and collects their figures: lines `FIGURE <id> <value> …` and, for
 * import.ts, its human-readable lines.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { budgetLines, infoLines, loadBudgets, measureBuild } from '../check-budgets';

const ROOT = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const VERBOSE = args.includes('--verbose');
const QUICK = args.includes('--quick');
const NO_BUILD = args.includes('--no-build');
const N = QUICK ? 200_000 : 1_000_000;
const STARTUP_RUNS = QUICK ? 1 : 3;
// A fresh build into a folder of its own: never replaces dist/ under e2e tests running at the same time.
const DIST = NO_BUILD ? join(ROOT, 'dist') : join(tmpdir(), `bildungsraum-bench-dist-${process.pid}`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, argv: string[], timeoutMs = 20 * 60_000): Promise<Run> {
  const t0 = performance.now();
  return new Promise((ok) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (VERBOSE) process.stderr.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (VERBOSE) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

const tsx = (script: string, argv: string[] = []) =>
  run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, script), ...argv]);

const lines: string[] = [];
const emit = (line: string) => {
  lines.push(line);
  console.log(line);
};
const failed = (step: string, r: Run) => {
  const last = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' | ');
  emit(`${step} FAILED (exit code ${r.code}): ${last}`);
};

/** `FIGURE id value …` lines of a benchmark's output → Map id → rest of the line. */
function figures(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of out.split('\n')) {
    const f = /^FIGURE (\S+) (.*)$/.exec(l.trim());
    if (f) m.set(f[1], f[2]);
  }
  return m;
}
const num = (s: string | undefined): number => (s ? Number(s.replace(/,/g, '')) : Number.NaN);
const value = (rest: string | undefined): number => num(rest?.split(' ')[0]);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `# npm run bench — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), load average ${load()}${QUICK ? ' — QUICK smoke run' : ''}`,
);

// 1. build + sizes (deterministic)
if (!NO_BUILD) {
  const b = await run(join(ROOT, 'node_modules', '.bin', 'vite'), [
    'build',
    '--outDir',
    DIST,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  if (b.code !== 0) failed('vite build', b);
}
try {
  const sizes = measureBuild(DIST);
  for (const l of budgetLines(sizes, loadBudgets(join(ROOT, 'budgets.json')))) emit(l.line);
  for (const l of infoLines(sizes)) if (!l.startsWith(' ')) emit(l);
} catch (e) {
  emit(`size FAILED: ${(e as Error).message}`);
}

// 2. join + re-aggregation
const j = await tsx('scripts/bench/join.ts', ['--points', String(N)]);
if (j.code !== 0) failed('join', j);
for (const [id, rest] of figures(j.stdout)) emit(`${id} ${rest}`);

// 3. papaparse baseline (Node and main thread in Chromium), then the app's import (Node and worker in Chromium)
const p = await tsx('scripts/bench/papaparse-baseline.ts', ['--rows', String(N)]);
if (p.code !== 0) failed('papaparse baseline', p);
const pf = figures(p.stdout);
for (const [id, rest] of pf) emit(`${id.replace(/_MBps$/, `_${N === 1_000_000 ? '1M' : N}_MBps`)} ${rest}`);
const papaNode = value(pf.get('import.papaparse_node_MBps'));
const papaMain = value(pf.get('import.papaparse_main_thread_MBps'));
const papaTask = num(
  /longest main-thread task ([\d,.]+) ms/.exec(pf.get('import.papaparse_main_thread_MBps') ?? '')?.[1],
);

const im = await tsx('scripts/bench/import.ts', ['--rows', String(N), '--dist', DIST]);
if (im.code !== 0) failed('import', im);
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a';
const rows = N === 1_000_000 ? '1M' : String(N);
let seen = 0;
for (const raw of im.stdout.split('\n')) {
  const l = raw.trim();
  let m = /^node\s+import (.+?): ([\d,.]+) MB\/s, ([\d,.]+) rows\/s \((.*)\)$/.exec(l);
  if (m) {
    const crs = /25833/.test(m[1]) ? 'epsg25833_decimal_comma' : 'wgs84';
    emit(
      `import.node_${crs}_${rows}_MBps ${m[2]} MB/s (${m[3]} rows/s; app pipeline in Node${crs === 'wgs84' ? `; plain papaparse in Node ${pf.get('import.papaparse_node_MBps') ? `${papaNode} MB/s, ${ratio(num(m[2]), papaNode)}` : 'n/a'}` : ''}; ${m[4]})`,
    );
    seen++;
    continue;
  }
  m = /^chrome import in worker[^:]*: ([\d,.]+) MB\/s, ([\d,.]+) rows\/s \((.*)\)$/.exec(l);
  if (m) {
    emit(
      `import.browser_worker_${rows}_MBps ${m[1]} MB/s (file chosen → report shown, import worker; plain papaparse on the main thread ${Number.isFinite(papaMain) ? `${papaMain} MB/s, ${ratio(num(m[1]), papaMain)}` : 'n/a'}; ${m[3]})`,
    );
    seen++;
    continue;
  }
  m = /^chrome longest main-thread task during import[^:]*: ([\d,.]+) ms (.*)$/.exec(l);
  if (m) {
    emit(
      `import.browser_longest_task_ms ${m[1]} ms (during the ${rows}-row import in the app; plain papaparse on the main thread blocks ${Number.isFinite(papaTask) ? `${papaTask} ms` : 'n/a'}; ${m[2]})`,
    );
    seen++;
    continue;
  }
  m = /^chrome join to Planungsräume in worker: (.*)$/.exec(l);
  if (m) {
    emit(`import.browser_join_info ${m[1]}`);
    continue;
  }
  // figures import.ts prints in the `id value …` form (e.g. import.heap_1M_MB) or as FIGURE lines
  const f = /^(?:FIGURE )?(import\.[\w.]+ .*)$/.exec(l);
  if (f) emit(f[1]);
}
if (seen === 0)
  emit('import: no figures recognised in the output of scripts/bench/import.ts (run with --verbose)');

// 4. cold start
const s = await tsx('scripts/bench/startup.ts', [String(STARTUP_RUNS), '--dist', DIST]);
if (s.code !== 0) failed('startup', s);
for (const [id, rest] of figures(s.stdout)) emit(`${id} ${rest}`);

if (!NO_BUILD) rmSync(DIST, { recursive: true, force: true });
console.log(`# done — load average ${load()}`);
process.exitCode = lines.some((l) => / FAILED/.test(l)) ? 1 : 0;
