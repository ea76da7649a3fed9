/**
 * Robustness corpus (tests/fixtures/corpus, see its README.md) through the import pipeline the app's worker
 * and the CLI use (`importBytes`). Every file: no throw, finished within a generous time box, and either a
 * usable result whose report keeps rows read = rows used + rows listed, or a clear refusal message naming
 * the file — each compared with the hand-written expectations in expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importBytes } from '../../src/io/importFile';
import { reportIsConsistent } from '../../src/io/report';
import type { ImportResult } from '../../src/io/types';
import { CORPUS_DIR, type CorpusExpectation, loadExpectations } from '../fixtures/corpus/expectations';
import { writeRuntimeCorpus } from '../fixtures/corpus/runtime';

/** A hang guard, not a performance assertion: no file of the corpus may take anywhere near this long. */
const TIME_BOX_MS = 10_000;

const committed = loadExpectations();
const runtime = writeRuntimeCorpus();
const all: { e: CorpusExpectation; path: string }[] = [
  ...committed.map((e) => ({ e, path: join(CORPUS_DIR, e.file) })),
  ...runtime.entries.map((e) => ({ e, path: join(runtime.dir, e.file) })),
];
const timings: [string, number][] = [];

afterAll(() => {
  const slowest = [...timings].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(
    `corpus: ${timings.length} files; slowest ${slowest.map(([f, ms]) => `${f} ${ms.toFixed(0)} ms`).join(', ')}`,
  );
});

async function timeBoxed(bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t0 = performance.now();
  try {
    const r = await Promise.race([
      importBytes(bytes, { fileName }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${fileName}: no result within ${TIME_BOX_MS} ms`)),
          TIME_BOX_MS,
        );
      }),
    ]);
    // the pipeline is mostly synchronous, so the timer above cannot fire during it: check the elapsed time too
    const ms = performance.now() - t0;
    timings.push([fileName, ms]);
    expect(ms, `${fileName} took ${ms.toFixed(0)} ms`).toBeLessThan(TIME_BOX_MS);
    return r;
  } finally {
    clearTimeout(timer);
  }
}

function textCells(r: ImportResult): string[] {
  return r.values.flatMap((v) => (v.kind === 'text' ? v.values.toArray() : []));
}

describe('robustness corpus: import pipeline', () => {
  it('has at least 30 committed files of every kind', () => {
    expect(committed.length).toBeGreaterThanOrEqual(30);
    for (const ext of ['.csv', '.tsv', '.xlsx', '.geojson', '.json'])
      expect(committed.some((e) => e.file.endsWith(ext))).toBe(true);
  });

  it.each(all.map(({ e, path }) => [e.file, e, path] as const))('%s', async (file, e, path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const r = await timeBoxed(bytes, file);
    const rep = r.report;
    expect(reportIsConsistent(rep), `${file}: ${rep.rowsRead} ≠ ${rep.rowsUsed} + ${rep.rowsListed}`).toBe(
      true,
    );
    expect(rep.rowsRead).toBe(r.length);
    // every row not used is listed with a reason; every listed row is not used
    const listed = new Set(
      rep.issues.filter((i) => i.severity === 'error' && i.row !== null).map((i) => i.row),
    );
    for (let i = 0; i < r.length; i++) expect(listed.has(r.rowNumbers[i])).toBe(r.used[i] === 0);
    for (const is of rep.issues)
      expect(is.reason.trim().length, `${file}: empty reason (${is.code})`).toBeGreaterThan(5);

    if (e.outcome === 'refused') {
      expect(rep.fatal, `${file} should be refused`).toBeDefined();
      expect(rep.fatal?.message).toContain(e.message as string);
      expect(rep.fatal?.message).toContain(file);
      expect(rep.rowsRead).toBe(0);
    } else {
      expect(rep.fatal, `${file}: unexpected refusal: ${rep.fatal?.message}`).toBeUndefined();
      expect({ read: rep.rowsRead, used: rep.rowsUsed, listed: rep.rowsListed }).toEqual({
        read: e.rowsRead,
        used: e.rowsUsed,
        listed: e.rowsListed,
      });
      if (e.outcome === 'ok') expect(rep.rowsUsed).toBeGreaterThan(0);
      else expect(rep.rowsUsed).toBe(0);
    }
    const codes = new Set(rep.issues.map((i) => i.code));
    for (const c of e.codes ?? []) expect([...codes], `${file}: issue code ${c}`).toContain(c);
    if (e.delimiter) expect(r.source.delimiter).toBe(e.delimiter);
    if (e.decimal) expect(r.source.decimal).toBe(e.decimal);
    if (e.encoding) expect(r.source.encoding).toBe(e.encoding);
    if (e.crs) expect(r.location.crs).toBe(e.crs);
    if (e.contains) expect(textCells(r)).toContain(e.contains);
    // used point rows have finite WGS84 positions
    if (r.lon && r.lat)
      for (let i = 0; i < r.length; i++)
        if (r.used[i]) expect(Number.isFinite(r.lon[i]) && Number.isFinite(r.lat[i])).toBe(true);
    // the result crosses the worker boundary: it must survive structured cloning
    expect(() => structuredClone(r)).not.toThrow();
  });
});
