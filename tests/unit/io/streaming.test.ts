import { describe, expect, it } from 'vitest';
import { reportIsConsistent } from '../../../src/io/report';
import { col, importString } from './helpers';

/** > 1 MB so that the CSV is parsed in several chunks and numeric columns are converted while streaming. */
function bigCsv(rows: number): string {
  const lines = ['id;name;wert;lat;lon'];
  for (let i = 0; i < rows; i++) {
    const wert = i === 50_000 ? 'k.A.' : i === 60_000 ? '1.234.567,5' : `${i},25`;
    const lat = i === 55_000 ? '' : `52,${500000 + (i % 999)}`;
    lines.push(`A${i};Ort Nummer ${i} mit Straße;${wert};${lat};13,${400000 + (i % 777)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('large CSV: several chunks, numbers converted while streaming', () => {
  it('values, failures and row numbers stay right across chunk borders', async () => {
    const text = bigCsv(70_000);
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    const r = await importString(text, 'gross.csv');
    expect(r.report.rowsRead).toBe(70_000);
    const wert = col(r, 'wert');
    expect(wert[0]).toBe(0.25);
    expect(wert[49_999]).toBe(49_999.25);
    expect(wert[50_000]).toBeNull();
    expect(wert[60_000]).toBe(1234567.5);
    expect(wert[69_999]).toBe(69_999.25);
    const bad = r.report.issues.find((i) => i.code === 'number-invalid');
    expect(bad).toMatchObject({ row: 50_002, column: 'wert', value: 'k.A.' });
    // the missing latitude: row not used, listed with the column
    const miss = r.report.issues.find((i) => i.severity === 'error');
    expect(miss).toMatchObject({ row: 55_002, column: 'lat', code: 'coord-missing' });
    expect(r.report).toMatchObject({ rowsUsed: 69_999, rowsListed: 1 });
    expect(reportIsConsistent(r.report)).toBe(true);
    expect(r.lat?.[69_999]).toBeCloseTo(52.5 + (69_999 % 999) / 1e6, 9);
    expect(r.columns.find((c) => c.name === 'wert')?.filled).toBe(70_000);
    expect(col(r, 'name')[65_000]).toBe('Ort Nummer 65000 mit Straße');
  });
});

describe('importedRows', () => {
  it('gives one object per row with WGS84 position or the problem', async () => {
    const { importedRows } = await import('../../../src/io/rows');
    const r = await importString('name;lat;lon;n\nA;52,5;13,4;1\nB;;13,4;2\n', 'x.csv');
    const rows = importedRows(r);
    expect(rows[0]).toEqual({
      row: 2,
      values: { name: 'A', lat: '52.5', lon: '13.4', n: '1' },
      lon: 13.4,
      lat: 52.5,
    });
    expect(rows[1]).toMatchObject({ row: 3, lon: null, lat: null, problem: 'lat: Koordinate fehlt' });
  });
});
