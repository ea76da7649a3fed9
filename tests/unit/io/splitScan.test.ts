/**
 * A large CSV is scanned in two halves (the second in another worker, see src/worker/scan.worker.ts):
 * the merged table must be the table of one scan over the whole file. Here the tail is scanned in
 * process (scanTail on the tail's own bytes, as the worker gets them) and the results are compared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CsvDialect,
  detectDialect,
  NeedWhole,
  type ParseCallbacks,
  parseDelimitedBytes,
  parseDelimitedBytesSplit,
  type RawTable,
  scanTail,
  type TailJob,
} from '../../../src/io/csv';
import type { DecimalSeparator } from '../../../src/io/numbers';

/** The table with every text column as strings and typed arrays as plain arrays, for deep equality. */
function plain(t: RawTable) {
  return {
    header: t.header,
    columns: t.columns.map((c, j) => t.text?.[j]?.toArray() ?? c),
    rowNumbers: Array.from(t.rowNumbers),
    numbers: t.numbers?.map((a) => (a ? Array.from(a, (x) => (Number.isNaN(x) ? 'NaN' : x)) : null)),
    bad: t.bad?.map((m) => [...m].sort((a, b) => a[0] - b[0])),
    blanks: t.blanks ? Array.from(t.blanks) : undefined,
    ragged: t.ragged,
    emptyLines: t.emptyLines,
    unguarded: t.unguarded,
    edge: t.text?.map((x) => (x ? x.edge : null)),
  };
}

interface Run {
  whole: RawTable;
  split: RawTable;
  job: TailJob | null;
}

async function bothWays(
  bytes: Uint8Array,
  plan: (DecimalSeparator | null)[],
  opts: {
    dialect?: CsvDialect;
    enc?: 'utf-8' | 'windows-1252';
    fail?: boolean;
    decline?: boolean;
    chunk?: number;
    /** The tail starts at the first record at or after this byte (default: the middle). */
    from?: number;
    /** Only bytes [0, filled) are scanned here (the rest is the other worker's). */
    filled?: number;
  } = {},
): Promise<Run & { fills: number }> {
  const dialect = opts.dialect ?? detectDialect(new TextDecoder().decode(bytes.subarray(0, 4096)));
  const enc = opts.enc ?? 'utf-8';
  const base: ParseCallbacks = { plan: () => plan, chunkBytes: opts.chunk ?? 64 };
  const whole = parseDelimitedBytes(bytes, 0, enc, dialect, base);
  let job: TailJob | null = null;
  // the scanned buffer: with `filled`, only the first part of the file (as in the import worker)
  const filled = opts.filled;
  const buf = bytes.slice(0, filled);
  let fills = 0;
  const split = await parseDelimitedBytesSplit(
    buf,
    0,
    enc,
    dialect,
    {
      ...base,
      tailMinBytes: 1,
      tailFrom: opts.from ?? Math.floor(bytes.length / 2),
      tail: (j) => {
        job = j;
        if (opts.decline) return null;
        if (opts.fail) return Promise.reject(new Error('worker gone'));
        // the worker gets a copy of the tail's bytes only; they come back with its table
        const own = bytes.slice(j.at, j.end);
        return Promise.resolve({ ...scanTail(own, j), bytes: own });
      },
    },
    filled === undefined
      ? undefined
      : {
          size: bytes.length,
          rest: async (at) => {
            fills++;
            return bytes.slice(at);
          },
        },
  );
  return { whole, split, job, fills };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('split scan = one scan', () => {
  it('LF file with repeated and distinct text, numbers, bad numbers, ragged rows, empty lines, guards', async () => {
    const lines = ['id,kat,name,wert'];
    for (let i = 0; i < 3000; i++) {
      if (i % 401 === 3) lines.push('');
      const wert = i % 97 === 0 ? 'n/a' : i % 89 === 0 ? '' : `${i / 4}`;
      const name = i % 211 === 0 ? `'=X${i}` : `Schüler ${i}`;
      lines.push(i % 313 === 7 ? `${i},K${i % 5}` : `${i},K${i % 5},${name},${wert}`);
    }
    const { whole, split, job } = await bothWays(enc(`${lines.join('\n')}\n`), [null, null, null, '.']);
    expect(job).not.toBeNull();
    expect(split.rowNumbers.length).toBe(3000);
    expect(split.text?.map((t) => t?.storage ?? null)).toEqual(['codes', 'codes', 'codes', null]);
    expect(plain(split)).toEqual(plain(whole));
  });

  it('one half repeats, the other overflows the dictionary: both become byte ranges', async () => {
    const lines = ['a;b'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i < 25_000 ? `X${i % 3}` : `Y${i}`};${i},5`);
    const { whole, split } = await bothWays(enc(`${lines.join('\r\n')}\r\n`), [null, ','], {
      chunk: 4096,
    });
    expect(split.text?.[0]?.storage).toBe('ranges');
    expect(plain(split)).toEqual(plain(whole));
  });

  it('the other worker fails: the scan reads the tail itself', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 2000; i++) lines.push(`${i % 7},Ort ${i}`);
    const { whole, split, job } = await bothWays(enc(`${lines.join('\n')}`), ['.', null], { fail: true });
    expect(job).not.toBeNull();
    expect(plain(split)).toEqual(plain(whole));
  });

  it('only the head is read when the scan starts: the tail never needs the rest of the bytes', async () => {
    const lines = ['id;ort;wert'];
    for (let i = 0; i < 4000; i++) lines.push(`${i};Ort ${i % 50};${i},5`);
    const bytes = enc(`${lines.join('\r\n')}\r\n`);
    const from = Math.floor(bytes.length * 0.45);
    // the head's bytes end a little after the cut, in the middle of a record
    const { whole, split, job, fills } = await bothWays(bytes, [null, null, ','], {
      from,
      filled: from + 37,
    });
    expect(job).not.toBeNull();
    expect(fills).toBe(0);
    expect(split.rowNumbers.length).toBe(4000);
    expect(plain(split)).toEqual(plain(whole));
  });

  it('only the head is read, and the tail is declined or fails: the rest is fetched and scanned here', async () => {
    const lines = ['id,ort'];
    for (let i = 0; i < 3000; i++) lines.push(`${i},Ort ${i}`);
    const bytes = enc(`${lines.join('\n')}\n`);
    const from = Math.floor(bytes.length * 0.5);
    for (const opts of [{ decline: true }, { fail: true }]) {
      const { whole, split, fills } = await bothWays(bytes, ['.', null], {
        ...opts,
        from,
        filled: from + 20,
      });
      expect(fills).toBe(1);
      expect(plain(split)).toEqual(plain(whole));
    }
  });

  it('only the head is read and no record starts after the cut in it: NeedWhole (the caller reads all)', async () => {
    const lines = ['id,ort'];
    for (let i = 0; i < 3000; i++) lines.push(`${i},Ort ${i}`);
    const bytes = enc(lines.join('\n'));
    const from = bytes.length - 3;
    await expect(bothWays(bytes, ['.', null], { from, filled: from + 2 })).rejects.toBeInstanceOf(NeedWhole);
  });

  it('CR-only line breaks and Windows-1252 bytes', async () => {
    const lines = ['ort|wert'];
    for (let i = 0; i < 3000; i++) lines.push(`Köpenick ${i % 1500}|${i}`);
    const text = `${lines.join('\r')}\r`;
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const dialect = detectDialect(text.slice(0, 4096));
    expect(dialect.lineEnding).toBe('CR');
    const { whole, split } = await bothWays(bytes, [null, '.'], { dialect, enc: 'windows-1252' });
    expect(split.text?.[0]?.get(2999)).toBe('Köpenick 1499');
    expect(plain(split)).toEqual(plain(whole));
  });

  it('property: random tables, split anywhere after the plan', async () => {
    const cell = fc
      .array(fc.constantFrom(..."abcäöü019 .,-'".split(''), ''), { maxLength: 6 })
      .map((a) => a.join(''));
    const row = fc.array(cell, { minLength: 0, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 120 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 8, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (rows, nl, chunk, where) => {
          // ';' as delimiter: the cells may hold ',' (a decimal comma) but never ';'
          const text = `h1;h2;h3${nl}${rows.map((r) => r.join(';')).join(nl)}${nl}`;
          const dialect: CsvDialect = {
            ...detectDialect('h1;h2;h3\n1;2;3\n'),
            lineEnding: nl === '\n' ? 'LF' : 'CRLF',
          };
          const bytes = enc(text);
          const from = Math.floor(where * bytes.length);
          const { whole, split } = await bothWays(bytes, [null, ',', null], { dialect, chunk, from });
          expect(plain(split)).toEqual(plain(whole));
        },
      ),
      { numRuns: 150 },
    );
  });
});
