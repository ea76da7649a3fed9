import { describe, expect, it } from 'vitest';
import { type CsvDialect, detectDialect, parseDelimited, type RawTable } from '../../../src/io/csv';
import type { DecimalSeparator } from '../../../src/io/numbers';

/** The table with every text column as strings (the byte scanner keeps large ones as codes / byte ranges). */
function plain(t: RawTable): RawTable {
  const { text, ...rest } = t;
  return { ...rest, columns: t.columns.map((c, j) => text?.[j]?.toArray() ?? c) };
}

/**
 * Text without any quote character goes through the char-code scanner; the same text with the first
 * header cell quoted goes through papaparse. Both must give the same table.
 */
function bothPaths(text: string, plan: (DecimalSeparator | null)[] | null, dialect?: Partial<CsvDialect>) {
  const d = { ...detectDialect(text), ...dialect };
  const cb = plan ? { plan: () => plan } : {};
  const fast = parseDelimited(text, d, cb);
  const quoted = text.replace(/^([^,;\t|\r\n]*)/, '"$1"');
  expect(quoted.startsWith('"')).toBe(true);
  const slow = parseDelimited(quoted, { ...d, quoted: true }, cb);
  expect(slow.text).toBeUndefined();
  return { fast: plain(fast), slow, lazy: fast.text };
}

describe('CSV fast path (no quotes) = papaparse path', () => {
  const cases: [string, string, (DecimalSeparator | null)[] | null][] = [
    ['LF, plan', 'id,name,wert\n1,A,1.5\n\n2,B,x\n   \n3,C,\n4,D,7,extra\n5\n', ['.', null, '.']],
    ['CRLF, no plan', 'id;name;wert\r\n1;A;1,5\r\n\r\n2;B;2,5\r\n', null],
    ['CRLF, decimal comma', 'id;name;wert\r\n1;A;1,5\r\n2;B\r\n3;C;1.234,5\r\n', [',', null, ',']],
    ['CR only', 'a,b\r1,2\r3,4\r', ['.', '.']],
    ['trailing delimiter', 'a;b;\n1;2;\n3;4;\n', [',', ',']],
    ['no header', '1,2\n3,4\n5,6\n', ['.', '.']],
    ['NBSP-only cell and blank extras', 'a,b\n1,\u00a0\n2,3, \n', ['.', '.']],
    ['no final newline, double final newline', 'a,b\n1,2\n\n', ['.', null]],
  ];
  for (const [label, text, plan] of cases)
    it(label, () => {
      const { fast, slow } = bothPaths(text, plan);
      expect(fast).toEqual(slow);
    });

  it('big file across many chunks with a late plan', () => {
    const lines = ['id,name,x,y'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i},N${i % 50},${i % 7 === 0 ? 'n/a' : i / 4},${i * 2}`);
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1 << 20);
    const { fast, slow } = bothPaths(text, [null, null, '.', '.']);
    expect(fast.rowNumbers.length).toBe(60_000);
    expect(fast.numbers?.[2]?.[5]).toBe(1.25);
    expect(fast.bad?.[2].get(7)).toBe('n/a');
    // compared as JSON (deep equality of 60 000-element arrays is slow)
    const json = (t: typeof fast) =>
      JSON.stringify(t, (_, v) =>
        v instanceof Float64Array ? Array.from(v, String) : v instanceof Map ? [...v] : v,
      );
    expect(json(fast) === json(slow)).toBe(true);
  }, 30_000);

  it('text columns: repeated values shared, more than 20 000 distinct values, values differing in one char', () => {
    const lines = ['id,kat,name,x'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`${i},K${i % 7}${i % 2 ? 'a' : 'b'},Einrichtung ${(i * 7919) % 25_000},${i / 2}`);
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1 << 20); // the scanner interns after the first chunk
    const { fast, slow, lazy } = bothPaths(text, [null, null, null, '.']);
    // repeated values as dictionary codes, distinct ones as byte ranges (switched when the dictionary filled)
    expect(lazy?.map((t) => t?.storage ?? null)).toEqual(['ranges', 'codes', 'ranges', null]);
    expect(fast.columns[1].slice(0, 3)).toEqual(['K0b', 'K1a', 'K2b']);
    expect(fast.columns[2][99_999]).toBe(`Einrichtung ${(99_999 * 7919) % 25_000}`);
    expect(fast.columns.map((c) => c.length)).toEqual([100_000, 100_000, 100_000, 0]);
    expect(JSON.stringify(fast.columns) === JSON.stringify(slow.columns)).toBe(true);
    expect(Array.from(fast.rowNumbers)).toEqual(Array.from(slow.rowNumbers));
  }, 30_000);

  it('a final line break is not an empty line (LF, CRLF, CR)', () => {
    for (const nl of ['\n', '\r\n', '\r'])
      for (const t of [`a,b${nl}1,2${nl}`, `"a",b${nl}1,2${nl}`])
        expect(parseDelimited(t, detectDialect(t)).emptyLines).toBe(0);
  });
});
