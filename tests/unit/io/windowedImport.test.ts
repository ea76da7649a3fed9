import { describe, expect, it } from 'vitest';
import { type ChunkReader, importBytes, WINDOW_BYTES } from '../../../src/io/importFile';
import type { ImportResult } from '../../../src/io/types';
import { blobReader } from '../../../src/worker/blobReader';

/**
 * A large file read window by window (ChunkReader: the import worker's way with a picked file) must give
 * exactly what the import of the whole file gives — including when a later window shows what the first
 * did not (a quote, a Windows-1252 umlaut, a stray byte), lines longer than the window, and reads that
 * return fewer bytes than asked for.
 */
function reader(
  bytes: Uint8Array,
  windowBytes: number,
  step: number,
  transfer: boolean,
): ChunkReader & { wholeCalls: number } {
  let pos = 0;
  return {
    wholeCalls: 0,
    size: bytes.length,
    windowBytes,
    async read(into) {
      const n = Math.min(into.length, step, bytes.length - pos);
      into.set(bytes.subarray(pos, pos + n));
      pos += n;
      // like a BYOB stream read: the window's memory comes back in a new ArrayBuffer, the old one is detached
      const buffer = transfer ? structuredClone(into.buffer, { transfer: [into.buffer] }) : into.buffer;
      return { n, window: new Uint8Array(buffer) };
    },
    async whole() {
      this.wholeCalls++;
      return bytes;
    },
  };
}

function view(r: ImportResult) {
  return {
    source: r.source,
    columns: r.columns,
    values: r.values.map((v) => Array.from(v.values as ArrayLike<unknown>)),
    rowNumbers: Array.from(r.rowNumbers),
    used: Array.from(r.used),
    lon: r.lon ? Array.from(r.lon) : null,
    lat: r.lat ? Array.from(r.lat) : null,
    report: r.report,
    location: r.location,
  };
}

const enc = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function table(rows: number, line: (i: number) => string, header: string, nl = '\n'): string {
  const out = [header];
  for (let i = 0; i < rows; i++) out.push(line(i));
  return out.join(nl) + nl;
}

const plain = (i: number) =>
  `S${String(i).padStart(5, '0')};Schule ${i % 300};${i % 11 === 0 ? '' : `${i},5`};52,${500000 + (i % 999)};13,${400000 + (i % 777)}`;
const HEAD = 'bsn;name;wert;lat;lon';

/** [label, file, read whole after all (the first window did not show it)] */
const cases: [string, Uint8Array, boolean?][] = [
  ['plain UTF-8, LF', enc(table(9000, plain, HEAD))],
  ['CRLF without a final line break', enc(table(9000, plain, HEAD, '\r\n').slice(0, -2))],
  ['CR only', enc(table(9000, plain, HEAD, '\r'))],
  [
    'umlauts in UTF-8 and empty lines at the end',
    enc(`${table(9000, (i) => `${plain(i)} Straße`, HEAD)}\n\n`),
  ],
  [
    'a quote after the first window',
    enc(table(9000, (i) => (i === 8000 ? 'S1;"Schule; Mitte";1;52,5;13,4' : plain(i)), HEAD)),
    true,
  ],
  [
    'Windows-1252 umlaut after the first window',
    latin1(table(9000, (i) => (i === 8500 ? `${plain(i)} Köpenick` : plain(i)), HEAD)),
    true,
  ],
  ['Windows-1252 from the start', latin1(table(9000, (i) => `${plain(i)} Grünau`, HEAD))],
  [
    'UTF-8 with a stray Windows-1252 byte late',
    (() => {
      const b = enc(table(9000, (i) => `${plain(i)} Straße`, HEAD));
      b[b.length - 100] = 0xe4;
      return b;
    })(),
    true,
  ],
  [
    'a line longer than the window',
    enc(table(3000, (i) => (i === 2000 ? `${plain(i)}${'x'.repeat(300_000)}` : plain(i)), HEAD)),
  ],
  ['sep= line and title lines', enc(`sep=;\n${table(9000, plain, HEAD)}`)],
  ['title lines', enc(`Schulen in Berlin, Stand 2024\n\n${table(9000, plain, HEAD)}`)],
  ['UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...enc(table(9000, plain, HEAD))])],
];

describe('windowed import = whole import', { timeout: 60_000 }, () => {
  for (const [label, bytes, readWhole] of cases)
    it(label, async () => {
      const whole = await importBytes(bytes, { fileName: 'w.csv' });
      for (const [win, step, transfer] of [
        [96 * 1024, 96 * 1024, true],
        [64 * 1024, 7_001, false],
      ] as const) {
        const r = reader(bytes, win, step, transfer);
        const parts = await importBytes(r, { fileName: 'w.csv' });
        expect(view(parts)).toEqual(view(whole));
        expect(r.wholeCalls).toBe(readWhole ? 1 : 0);
      }
      expect(whole.report.rowsRead).toBeGreaterThan(2000);
    });
});

describe('blobReader (the worker reads a picked file this way)', { timeout: 60_000 }, () => {
  it('a file larger than the window gives the same result as the whole file', async () => {
    const bytes = enc(table(110_000, plain, HEAD));
    expect(bytes.length).toBeGreaterThan(WINDOW_BYTES);
    const whole = await importBytes(bytes, { fileName: 'b.csv' });
    const r = blobReader(new Blob([new Uint8Array(bytes)]));
    const parts = await importBytes(r, { fileName: 'b.csv' });
    expect(view(parts)).toEqual(view(whole));
  });
});
