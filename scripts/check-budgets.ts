/**
 * Size budgets of the static build (issue #7): run after `vite build`, deterministic (gzip level 9 of the
 * bytes in dist/). Prints one line per figure with budget and margin; exits 1 when a budget is exceeded.
 *
 *   npx tsx scripts/check-budgets.ts [--dist DIR] [--budgets FILE] [--json]
 *
 * - initial JS: the entry script of dist/index.html, its <link rel="modulepreload"> chunks and (transitively)
 *   every chunk they import statically — what the browser must load before the first render;
 * - lazy JS (dynamic import()) and worker scripts: reported as info, not budgeted;
 * - default data: every file under dist/data (the data folder the app fetches from), each gzipped on its own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Budgets {
  initialJsGzip: number;
  defaultDataGzip: number;
}

export interface FileSize {
  path: string;
  raw: number;
  gzip: number;
}

export interface BuildSizes {
  initialJs: FileSize[];
  lazyJs: FileSize[];
  workers: FileSize[];
  css: FileSize[];
  data: FileSize[];
}

export const gzipSize = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

/** Static imports / re-exports of an ES module chunk (`import x from"./a.js"`, `import"./a.js"`, `export … from`); not `import()`. */
export function staticImports(code: string): string[] {
  const re = /\b(?:import|export)\s*(?:[^"'`();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.m?js)["']/g;
  return [...code.matchAll(re)].map((m) => m[1]);
}

/** Script and modulepreload URLs of the built index.html (relative to dist/). */
export function htmlEntries(html: string): { scripts: string[]; css: string[] } {
  const attr = (tag: string, name: string) =>
    new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];
  const scripts: string[] = [];
  const css: string[] = [];
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    if (tag.startsWith('<script')) {
      const src = attr(tag, 'src');
      if (src) scripts.push(src);
    } else {
      const rel = attr(tag, 'rel');
      const href = attr(tag, 'href');
      if (!href) continue;
      if (rel === 'modulepreload') scripts.push(href);
      else if (rel === 'stylesheet') css.push(href);
    }
  }
  const clean = (u: string) => posix.normalize(u.replace(/^\.?\//, ''));
  return { scripts: scripts.map(clean), css: css.map(clean) };
}

export function measureBuild(dist: string): BuildSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = htmlEntries(html);
  const size = (rel: string): FileSize => {
    const buf = readFileSync(join(dist, rel));
    return { path: rel, raw: buf.length, gzip: gzipSize(buf) };
  };
  // initial JS: closure of the entry scripts over static imports
  const initial = new Set<string>();
  const queue = [...entries.scripts];
  while (queue.length > 0) {
    const rel = queue.shift() as string;
    if (initial.has(rel)) continue;
    const abs = join(dist, rel);
    if (!existsSync(abs))
      throw new Error(`${rel}: referenced by index.html (or a chunk) but missing in ${dist}`);
    initial.add(rel);
    for (const imp of staticImports(readFileSync(abs, 'utf8'))) {
      queue.push(posix.normalize(posix.join(posix.dirname(rel), imp)));
    }
  }
  const assets = walk(join(dist, 'assets')).map((p) => relative(dist, p).split('\\').join('/'));
  const js = assets.filter((p) => /\.m?js$/.test(p) && !initial.has(p));
  const isWorker = (p: string) => /worker/i.test(posix.basename(p));
  const bySize = (a: FileSize, b: FileSize) => b.gzip - a.gzip || a.path.localeCompare(b.path);
  return {
    initialJs: [...initial].map(size).sort(bySize),
    lazyJs: js
      .filter((p) => !isWorker(p))
      .map(size)
      .sort(bySize),
    workers: js.filter(isWorker).map(size).sort(bySize),
    css: assets
      .filter((p) => p.endsWith('.css'))
      .map(size)
      .sort(bySize),
    data: walk(join(dist, 'data'))
      .map((p) => size(relative(dist, p).split('\\').join('/')))
      .sort(bySize),
  };
}

const sum = (fs: FileSize[], k: 'raw' | 'gzip') => fs.reduce((s, f) => s + f[k], 0);
export const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

export interface BudgetLine {
  id: string;
  gzip: number;
  raw: number;
  budget: number;
  ok: boolean;
  line: string;
}

export function budgetLines(sizes: BuildSizes, budgets: Budgets): BudgetLine[] {
  const line = (id: string, files: FileSize[], budget: number): BudgetLine => {
    const gzip = sum(files, 'gzip');
    const raw = sum(files, 'raw');
    const ok = gzip <= budget;
    const margin = budget - gzip;
    return {
      id,
      gzip,
      raw,
      budget,
      ok,
      line: `${id} ${kB(gzip)} gzip (${kB(raw)} raw, ${files.length} files; budget ${kB(budget)}, ${
        ok ? `margin ${kB(margin)}` : `OVER by ${kB(-margin)}`
      }) ${ok ? 'ok' : 'FAIL'}`,
    };
  };
  return [
    line('size.initial_js', sizes.initialJs, budgets.initialJsGzip),
    line('size.default_data', sizes.data, budgets.defaultDataGzip),
  ];
}

export function infoLines(sizes: BuildSizes): string[] {
  const group = (id: string, files: FileSize[]) =>
    `${id} ${kB(sum(files, 'gzip'))} gzip (${kB(sum(files, 'raw'))} raw, ${files.length} files; info)`;
  const each = (id: string, files: FileSize[]) =>
    files.map((f) => `  ${id} ${f.path} ${kB(f.gzip)} gzip (${kB(f.raw)} raw)`);
  return [
    ...each('initial', sizes.initialJs),
    group('size.lazy_js', sizes.lazyJs),
    ...each('lazy', sizes.lazyJs),
    group('size.workers_js', sizes.workers),
    ...each('worker', sizes.workers),
    group('size.css', sizes.css),
    ...each('data', sizes.data),
  ];
}

export function loadBudgets(path: string): Budgets {
  const b = JSON.parse(readFileSync(path, 'utf8')) as Partial<Budgets>;
  for (const k of ['initialJsGzip', 'defaultDataGzip'] as const) {
    if (typeof b[k] !== 'number' || !Number.isFinite(b[k]) || (b[k] as number) <= 0) {
      throw new Error(`${path}: "${k}" must be a positive number of bytes`);
    }
  }
  return b as Budgets;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: join(ROOT, 'dist') },
      budgets: { type: 'string', default: join(ROOT, 'budgets.json') },
      quiet: { type: 'boolean', default: false },
    },
  });
  const dist = resolve(values.dist as string);
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`✘ ${join(dist, 'index.html')} is missing: run \`vite build\` first.`);
    return 1;
  }
  const budgets = loadBudgets(resolve(values.budgets as string));
  const sizes = measureBuild(dist);
  const lines = budgetLines(sizes, budgets);
  for (const l of lines) console.log(l.line);
  if (!values.quiet) for (const l of infoLines(sizes)) console.log(l);
  const failed = lines.filter((l) => !l.ok);
  if (failed.length > 0) {
    console.error(`✘ Over budget (budgets.json): ${failed.map((l) => l.id).join(', ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`✘ check-budgets: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
