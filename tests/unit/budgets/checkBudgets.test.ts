import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetLines,
  gzipSize,
  htmlEntries,
  loadBudgets,
  measureBuild,
  staticImports,
} from '../../../scripts/check-budgets';

describe('staticImports', () => {
  it('finds static imports and re-exports of minified chunks, not dynamic import()', () => {
    const code =
      'import{a as e,b as t}from"./jsx-runtime-1.js";import"./side-2.js";export{x}from"../up-3.js";' +
      'const l=()=>import("./lazy-4.js");import  *  as  ns  from \'./ns-5.mjs\';';
    expect(staticImports(code)).toEqual(['./jsx-runtime-1.js', './side-2.js', '../up-3.js', './ns-5.mjs']);
  });
});

describe('htmlEntries', () => {
  it('reads the entry script, modulepreloads and stylesheets of the built index.html', () => {
    const html = `<head><meta charset="UTF-8" />
      <script type="module" crossorigin src="./assets/index-A.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/dep-B.js">
      <link rel="stylesheet" crossorigin href="./assets/index-C.css">
      <link rel="icon" href="./favicon.svg"></head>`;
    expect(htmlEntries(html)).toEqual({
      scripts: ['assets/index-A.js', 'assets/dep-B.js'],
      css: ['assets/index-C.css'],
    });
  });
});

describe('measureBuild + budgetLines on a small dist/', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'budgets-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'data', 'areas'), { recursive: true });
    writeFileSync(
      join(dist, 'index.html'),
      '<script type="module" src="./assets/index.js"></script><link rel="stylesheet" href="./assets/a.css">',
    );
    // entry → static dep → its static dep; entry → lazy (dynamic) → lazy dep
    writeFileSync(join(dist, 'assets/index.js'), 'import{a}from"./dep.js";const l=()=>import("./lazy.js");');
    writeFileSync(join(dist, 'assets/dep.js'), `import"./deep.js";export const a=${'1+'.repeat(500)}1;`);
    writeFileSync(join(dist, 'assets/deep.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets/lazy.js'), 'import"./lazydep.js";');
    writeFileSync(join(dist, 'assets/lazydep.js'), 'x');
    writeFileSync(join(dist, 'assets/data.worker-1.js'), 'self.onmessage=()=>{}');
    writeFileSync(join(dist, 'assets/a.css'), 'body{}');
    writeFileSync(join(dist, 'data/manifest.json'), '{}');
    writeFileSync(join(dist, 'data/areas/plr.topo.json'), '{"type":"Topology"}'.repeat(100));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('splits initial JS (entry closure over static imports), lazy chunks, workers and data', () => {
    const s = measureBuild(dist);
    expect(s.initialJs.map((f) => f.path).sort()).toEqual([
      'assets/deep.js',
      'assets/dep.js',
      'assets/index.js',
    ]);
    expect(s.lazyJs.map((f) => f.path).sort()).toEqual(['assets/lazy.js', 'assets/lazydep.js']);
    expect(s.workers.map((f) => f.path)).toEqual(['assets/data.worker-1.js']);
    expect(s.data.map((f) => f.path).sort()).toEqual(['data/areas/plr.topo.json', 'data/manifest.json']);
    const dep = s.initialJs.find((f) => f.path === 'assets/dep.js');
    expect(dep?.gzip).toBeLessThan(dep?.raw ?? 0);
    expect(gzipSize(Buffer.from('aaaa'.repeat(1000)))).toBeLessThan(100);
  });

  it('fails a budget that the sizes exceed and passes one they meet', () => {
    const s = measureBuild(dist);
    const js = s.initialJs.reduce((n, f) => n + f.gzip, 0);
    const data = s.data.reduce((n, f) => n + f.gzip, 0);
    const [jsLine, dataLine] = budgetLines(s, { initialJsGzip: js, defaultDataGzip: data - 1 });
    expect(jsLine.ok).toBe(true);
    expect(jsLine.line).toMatch(/^size\.initial_js [\d.]+ kB gzip .*margin 0\.0 kB\) ok$/);
    expect(dataLine.ok).toBe(false);
    expect(dataLine.line).toMatch(/OVER by 0\.0 kB\) FAIL$/);
  });

  it('names a chunk that index.html references but the build lacks', () => {
    writeFileSync(join(dist, 'index.html'), '<script type="module" src="./assets/gone.js"></script>');
    expect(() => measureBuild(dist)).toThrow(
      'assets/gone.js: referenced by index.html (or a chunk) but missing',
    );
  });

  it('rejects a budgets file without positive byte counts', () => {
    const p = join(dist, 'budgets.json');
    writeFileSync(p, JSON.stringify({ initialJsGzip: 700000 }));
    expect(() => loadBudgets(p)).toThrow('"defaultDataGzip" must be a positive number of bytes');
  });
});
