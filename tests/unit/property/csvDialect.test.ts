/**
 * Property tests (fast-check) for CSV dialect detection and parsing: random tables with a random delimiter
 * (, ; TAB |), random cell text (quotes, line breaks and the delimiter itself, quoted as RFC 4180 wants),
 * random line endings and a random decimal style are serialised, then detected and parsed again:
 * the delimiter is found, every cell comes back exactly, numbers come back as numbers, and every row
 * read is used (rows read = rows used + rows listed). Ragged tables (rows with fields missing or extra
 * non-empty fields): exactly the ragged rows are listed, all others used.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectDialect, parseDelimited } from '../../../src/io/csv';
import { importText } from '../../../src/io/importFile';
import { reportIsConsistent } from '../../../src/io/report';

const DELIMS = [',', ';', '\t', '|'] as const;
type Delim = (typeof DELIMS)[number];

/**
 * Cell text: letters, umlauts, digits, spaces, quotes, line breaks and the table's own delimiter
 * (`all`: every candidate delimiter; such tables are written with every field quoted).
 */
function cellArb(d: Delim, all = false): fc.Arbitrary<string> {
  const chars = fc.constantFrom(...'abcXYZäöüß019 -_."'.split(''), '\n', '\r\n', ...(all ? DELIMS : [d]));
  return fc.array(chars, { maxLength: 12 }).map((a) => a.join(''));
}

interface Table {
  delimiter: Delim;
  /** Every field quoted (cells may then contain any delimiter). */
  quoteAll: boolean;
  newline: '\n' | '\r\n';
  decimal: ',' | '.';
  header: string[];
  /** Text columns (cells as written). */
  text: string[][];
  /** Numeric column (two decimals) and coordinates (inside Berlin), per row. */
  amount: number[];
  lat: number[];
  lon: number[];
}

const tableArb: fc.Arbitrary<Table> = fc
  .record({
    delimiter: fc.constantFrom(...DELIMS),
    newline: fc.constantFrom('\n' as const, '\r\n' as const),
    decimal: fc.constantFrom(',' as const, '.' as const),
    quoteAll: fc.boolean(),
    textCols: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 1, max: 12 }),
  })
  .chain(({ delimiter, newline, decimal, quoteAll, textCols, rows }) =>
    fc.record({
      delimiter: fc.constant(delimiter),
      quoteAll: fc.constant(quoteAll),
      newline: fc.constant(newline),
      decimal: fc.constant(decimal),
      header: fc.constant<string[]>([
        ...Array.from({ length: textCols }, (_, j) => `Text${j + 1}`),
        'Betrag',
        'lat',
        'lon',
      ]),
      text: fc.array(fc.array(cellArb(delimiter, quoteAll), { minLength: rows, maxLength: rows }), {
        minLength: textCols,
        maxLength: textCols,
      }),
      amount: fc.array(fc.integer({ min: -999_999, max: 999_999 }), { minLength: rows, maxLength: rows }),
      lat: fc.array(fc.integer({ min: 523_400, max: 526_700 }), { minLength: rows, maxLength: rows }),
      lon: fc.array(fc.integer({ min: 131_000, max: 137_500 }), { minLength: rows, maxLength: rows }),
    }),
  )
  .map((t) => ({
    ...t,
    amount: t.amount.map((v) => v / 100),
    lat: t.lat.map((v) => v / 10_000),
    lon: t.lon.map((v) => v / 10_000),
  }));

function formatNumber(v: number, digits: number, decimal: ',' | '.'): string {
  const s = v.toFixed(digits);
  return decimal === ',' ? s.replace('.', ',') : s; // serialising test data, not parsing
}

function serialise(t: Table): string {
  const n = t.amount.length;
  const rows = Array.from({ length: n }, (_, i) => [
    ...t.text.map((c) => c[i]),
    formatNumber(t.amount[i], 2, t.decimal),
    formatNumber(t.lat[i], 4, t.decimal),
    formatNumber(t.lon[i], 4, t.decimal),
  ]);
  return `${Papa.unparse({ fields: t.header, data: rows }, { delimiter: t.delimiter, newline: t.newline, quotes: t.quoteAll })}${t.newline}`;
}

describe('CSV dialect detection (property)', () => {
  it('detects the delimiter and round-trips every cell', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const text = serialise(t);
        const dialect = detectDialect(text);
        expect(dialect.delimiter).toBe(t.delimiter);
        expect(dialect.header).toBe(true);
        const raw = parseDelimited(text, dialect);
        expect(raw.header).toEqual(t.header);
        expect(raw.ragged).toEqual([]);
        expect(raw.malformed).toEqual([]);
        t.text.forEach((col, j) => {
          expect(raw.columns[j]).toEqual(col);
        });
        expect(raw.rowNumbers).toHaveLength(t.amount.length);
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('imports every row with numbers and positions intact (rows read = used + listed)', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const r = await importText(serialise(t), { fileName: 'zufall.csv' });
        const rep = r.report;
        expect(rep.fatal).toBeUndefined();
        expect(reportIsConsistent(rep)).toBe(true);
        expect(rep.rowsRead).toBe(t.amount.length);
        expect(rep.rowsUsed).toBe(t.amount.length);
        expect(r.source.delimiter).toBe(t.delimiter);
        const amount = r.values[r.columns.findIndex((c) => c.name === 'Betrag')];
        expect(amount.kind).toBe('number');
        if (amount.kind === 'number')
          t.amount.forEach((v, i) => {
            expect(amount.values[i]).toBeCloseTo(v, 9);
          });
        expect(r.location.method).toBe('coordinates');
        t.lat.forEach((v, i) => {
          expect(r.lat?.[i]).toBeCloseTo(v, 9);
          expect(r.lon?.[i]).toBeCloseTo(t.lon[i], 9);
        });
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});

describe('ragged rows (property)', () => {
  /** Rows of plain cells; some rows lose trailing fields or gain extra non-empty ones. */
  const raggedArb = fc.record({
    delimiter: fc.constantFrom(...DELIMS),
    rows: fc.array(
      fc.record({
        name: fc.stringMatching(/^[a-zäöüß][a-zäöüß ]{0,7}$/),
        lat: fc.integer({ min: 523_400, max: 526_700 }),
        lon: fc.integer({ min: 131_000, max: 137_500 }),
        change: fc.oneof(
          { weight: 4, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: -2, max: -1 }) },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
        ),
      }),
      { minLength: 3, maxLength: 25 },
    ),
  });

  it('every ragged row is listed, every other row used: rows read = used + listed', async () => {
    await fc.assert(
      fc.asyncProperty(raggedArb, async ({ delimiter, rows }) => {
        const ragged = rows.filter((r) => r.change !== 0).length;
        fc.pre(ragged * 2 < rows.length); // a majority of regular rows keeps the delimiter detectable
        const lines = rows.map((r) => {
          const cells = [r.name, (r.lat / 10_000).toFixed(4), (r.lon / 10_000).toFixed(4)];
          if (r.change < 0) cells.length = 3 + r.change;
          for (let k = 0; k < r.change; k++) cells.push(`extra${k}`);
          return cells.join(delimiter);
        });
        const text = `${['name', 'lat', 'lon'].join(delimiter)}\n${lines.join('\n')}\n`;
        const r = await importText(text, { fileName: 'zackig.csv' });
        expect(r.source.delimiter).toBe(delimiter);
        expect(reportIsConsistent(r.report)).toBe(true);
        expect(r.report).toMatchObject({
          rowsRead: rows.length,
          rowsUsed: rows.length - ragged,
          rowsListed: ragged,
        });
        const listedRows = new Set(r.report.issues.filter((i) => i.code === 'row-ragged').map((i) => i.row));
        rows.forEach((row, i) => {
          expect(listedRows.has(i + 2)).toBe(row.change !== 0); // file row: header = 1
        });
      }),
      { numRuns: 80 },
    );
  }, 30_000);
});
