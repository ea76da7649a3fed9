/**
 * Robustness corpus (tests/fixtures/corpus) through the real command line: `node scripts/bildungsraum.mjs
 * inspect …` as a child process with a time box (killed when it hangs). Usable files print valid JSON and
 * exit 0; files with nothing usable print a clear `Fehler:` line on stderr naming the file and exit ≠ 0;
 * never a stack trace. All files go through one process (`inspect A B C …`, one JSON line per file: a node
 * start with tsx costs ~1–2 s), plus a few single-file runs for the exit code of each kind.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectOutput } from '../../src/cli/inspect';
import { CORPUS_DIR, type CorpusExpectation, loadExpectations } from '../fixtures/corpus/expectations';
import { writeRuntimeCorpus } from '../fixtures/corpus/runtime';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'scripts', 'bildungsraum.mjs');
/** A stack trace line as Node prints it ("    at fn (file:line:col)"). */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

const runtime = writeRuntimeCorpus();
const all: { e: CorpusExpectation; path: string }[] = [
  ...loadExpectations().map((e) => ({ e, path: join(CORPUS_DIR, e.file) })),
  ...runtime.entries.map((e) => ({ e, path: join(runtime.dir, e.file) })),
];

function inspect(files: string[], timeoutMs: number) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'inspect', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ...r, ms: performance.now() - t0 };
}

function checkAgainst(e: CorpusExpectation, out: InspectOutput): void {
  expect(out.file).toBe(e.file);
  if (e.outcome === 'refused') {
    expect(out.error, `${e.file} should be refused`).toContain(e.message as string);
    expect(out.rows).toBe(0);
  } else {
    expect(out.error, `${e.file}: unexpected refusal`).toBeNull();
    expect({ file: e.file, rows: out.rows, used: out.rowsUsed, listed: out.rowsListed }).toEqual({
      file: e.file,
      rows: e.rowsRead,
      used: e.rowsUsed,
      listed: e.rowsListed,
    });
    const codes = new Set(out.issues.map((i) => i.code));
    for (const c of e.codes ?? []) expect([...codes], `${e.file}: issue ${c}`).toContain(c);
    if (e.crs) expect(out.crs).toBe(e.crs);
  }
  expect(out.rowsUsed + out.rowsListed, `${e.file}: rows read = used + listed`).toBe(out.rows);
}

describe('robustness corpus: bildungsraum inspect', () => {
  it('all files in one process: one JSON line each, matching the expectations; a message per unusable file', () => {
    const r = inspect(
      all.map((x) => x.path),
      120_000,
    );
    expect(r.error, 'the CLI did not finish in time').toBeUndefined();
    console.log(`inspect of ${all.length} corpus files in one process: ${r.ms.toFixed(0)} ms`);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(all.length);
    const outs = lines.map((l) => JSON.parse(l) as InspectOutput);
    all.forEach(({ e }, i) => {
      checkAgainst(e, outs[i]);
    });
    const errLines = r.stderr.split('\n').filter((l) => l !== '');
    const unusable = all.filter(({ e }) => e.outcome !== 'ok');
    expect(errLines).toHaveLength(unusable.length);
    unusable.forEach(({ e }, i) => {
      expect(errLines[i]).toMatch(/^Fehler: /);
      expect(errLines[i]).toContain(e.file);
      if (e.message) expect(errLines[i]).toContain(e.message);
    });
    expect(r.stderr).not.toMatch(STACK);
    expect(r.status).toBe(1); // some files had nothing usable
  });

  it.each([
    ['semicolon_crlf_decimal_comma.csv', 0],
    ['png_bytes.csv', 1],
    ['no_location.csv', 1],
  ] as const)('single file %s: exit code %i, pretty JSON, no stack trace', (file, code) => {
    const item = all.find((x) => x.e.file === file);
    if (!item) throw new Error(`${file} is not in the corpus`);
    const r = inspect([item.path], 60_000);
    expect(r.error, 'the CLI did not finish in time').toBeUndefined();
    expect(r.status).toBe(code);
    const out = JSON.parse(r.stdout) as InspectOutput;
    checkAgainst(item.e, out);
    if (code === 0) expect(r.stderr).toBe('');
    else {
      expect(r.stderr).toMatch(new RegExp(`^Fehler: .*${file.replace('.', '\\.')}`));
      expect(r.stderr).not.toMatch(STACK);
    }
  });
});
