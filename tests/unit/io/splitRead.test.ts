/**
 * A large file is read by two workers (src/worker/tailScanner.ts): the import worker reads only its head,
 * the other worker reads and checks the rest (quotes, UTF-8) and scans the tail. Simulated here in
 * process: whatever the rest holds, the result must be that of importing the whole file at once.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scanTail, tailStart } from '../../../src/io/csv';
import { asciiCut, checkBytes } from '../../../src/io/encoding';
import { type ImportHooks, importBytes } from '../../../src/io/importFile';
import type { ImportResult } from '../../../src/io/types';

/** ~3.8 MB (the tail must start after the first chunk of 1 MB); `edit` may change line i. */
function bigFile(edit: (i: number, line: string) => string = (_, l) => l): Uint8Array {
  const parts: string[] = ['nr;name;kategorie;wert;lat;lon\n'];
  for (let i = 0; i < 50_000; i++) {
    const wert = i % 5_021 === 7 ? 'k.A.' : `${i % 1000},5`;
    parts.push(
      edit(i, `${i};Schule Nr. ${i} Köpenick;Kat ${i % 7};${wert};52,${400000 + (i % 9991)};13,4${i % 10}\n`),
    );
  }
  return new TextEncoder().encode(parts.join(''));
}

/** What a user sees of a result, hashed per column (the arrays are too long to compare one by one in a test). */
function fingerprint(r: ImportResult) {
  const h = (s: string | Uint8Array) => createHash('sha1').update(s).digest('hex');
  return {
    source: { ...r.source },
    report: { ...r.report, issues: h(JSON.stringify(r.report.issues)) },
    issues: r.report.issues.slice(0, 5),
    columns: r.columns.map((c) => ({ ...c })),
    values: r.values.map((v) =>
      v.kind === 'text'
        ? h(v.values.toArray().join('\u0001'))
        : h(new Uint8Array(v.values.buffer, v.values.byteOffset, v.values.byteLength)),
    ),
    rowNumbers: h(new Uint8Array(r.rowNumbers.buffer, r.rowNumbers.byteOffset, r.rowNumbers.byteLength)),
    used: h(r.used),
    lon: r.lon && h(new Uint8Array(r.lon.buffer, r.lon.byteOffset, r.lon.byteLength)),
    location: r.location,
  };
}

/** Import `file` as the workers do: the head read, the rest read, checked and scanned "elsewhere". */
async function importSplit(file: Uint8Array, how: { decline?: boolean; fail?: boolean } = {}) {
  const size = file.length;
  const rest = tailStart(size);
  const filled = Math.min(size, rest + (1 << 20));
  const bytes = file.slice(0, filled);
  const calls = { fill: 0, tail: 0 };
  // the other worker's part: from the byte before `rest` (for the ASCII cut) to the end
  const from = rest - 1;
  const part = file.slice(from);
  const hooks: ImportHooks = {
    head: {
      size,
      rest,
      other: async () => {
        calls.fill++;
        return { bytes: part, from };
      },
    },
    tail: (job) => {
      calls.tail++;
      if (how.decline) return null;
      if (how.fail) return Promise.reject(new Error('worker gone'));
      const own = part.subarray(job.at - from, job.end - from);
      const table = { ...scanTail(own, job), bytes: own };
      return Promise.resolve({ table, check: checkBytes(part, from, asciiCut(part, from, rest)) });
    },
  };
  const r = await importBytes(bytes, { fileName: 'gross.csv' }, { ...hooks, tailMinBytes: 1 << 20 });
  return { r, calls };
}

async function expectSame(file: Uint8Array, how: { decline?: boolean; fail?: boolean } = {}) {
  const whole = await importBytes(file, { fileName: 'gross.csv' });
  const { r, calls } = await importSplit(file, how);
  const a = fingerprint(whole);
  const b = fingerprint(r);
  // generated ids differ per import
  expect(b).toEqual(a);
  return { whole, calls };
}

describe('a large file read in two parts = the file read whole', () => {
  it('quote-free UTF-8: the tail is scanned elsewhere, nothing more is read here', async () => {
    const { whole, calls } = await expectSame(bigFile());
    expect(calls).toEqual({ fill: 0, tail: 1 });
    expect(whole.report.rowsRead).toBe(50_000);
    expect(whole.source.encoding).toBe('utf-8');
    // the invalid value in the rest is listed with its file row
    expect(whole.report.issues.some((i) => i.row === 45_198 && i.value === 'k.A.')).toBe(true);
  });

  it('the tail is declined or its worker fails: the rest is filled and scanned here', async () => {
    const file = bigFile();
    expect((await expectSame(file, { decline: true })).calls).toEqual({ fill: 1, tail: 1 });
    expect((await expectSame(file, { fail: true })).calls).toEqual({ fill: 1, tail: 1 });
  });

  it('a quoted field only in the rest: read again with the quoting parser', async () => {
    const file = bigFile((i, l) =>
      i === 48_000 ? '48000;"Schule; mit Semikolon";Kat 1;1,5;52,5;13,4\n' : l,
    );
    const { whole } = await expectSame(file);
    const name = whole.values[whole.columns.find((c) => c.name === 'name')?.index ?? -1];
    expect(name.kind === 'text' && name.values.get(48_000)).toBe('Schule; mit Semikolon');
  });

  it('a Windows-1252 byte only in the rest: the encoding verdict of the whole file is kept', async () => {
    const file = bigFile();
    // one "ö" of the rest as the single Windows-1252 byte 0xF6 (and a space, to keep the length)
    const at = file.indexOf(0xc3, Math.floor(file.length * 0.9));
    file[at] = 0xf6;
    file[at + 1] = 0x20;
    const { whole } = await expectSame(file);
    expect(whole.source.encoding).toBe('utf-8');
    const name = whole.values[whole.columns.find((c) => c.name === 'name')?.index ?? -1];
    expect(name.kind === 'text' && name.values.toArray().some((s) => s.includes('Kö penick'))).toBe(true);
  });
});
