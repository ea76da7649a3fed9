import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/io/importFile';
import { col } from './helpers';

/**
 * The byte scanner (CSV without quotes, UTF-8 or Windows-1252, parsed from the bytes; see
 * parseDelimitedBytes) on what it must get right beyond the papaparse comparison in csvFastPath.test.ts.
 * Files are > 1 MB where the behaviour after the type plan (first MB) matters.
 */
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string) => new TextEncoder().encode(s);

function big(rows: number, line: (i: number) => string, header: string): string {
  const out = [header];
  for (let i = 0; i < rows; i++) out.push(line(i));
  return `${out.join('\n')}\n`;
}

describe('byte scanner', () => {
  it('Windows-1252: NBSP (byte A0) groups thousands, umlauts in text cells, after the plan', async () => {
    const text = big(
      40_000,
      (i) => `${i};Grün ${i};1\u00a0234,${i % 10};Straße ${i % 7}`,
      'id;name;wert;ort',
    );
    const bytes = latin1(text);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const r = await importBytes(bytes, { fileName: 'w.csv' });
    expect(r.source.encoding).toBe('windows-1252');
    expect(col(r, 'wert')[39_999]).toBe(1234.9);
    expect(col(r, 'name')[39_999]).toBe('Grün 39999');
    expect(col(r, 'ort')[39_999]).toBe('Straße 1');
    expect(r.report.rowsRead).toBe(40_000);
  });

  it('UTF-8: NBSP and narrow NBSP group thousands; unique non-ASCII and ASCII text cells side by side', async () => {
    const text = big(
      40_000,
      (i) => `${i};${i % 2 ? `Köpenick ${i}` : `Mitte ${i}`};${i % 3 ? '1\u00a0234,5' : '2\u202f345,5'}`,
      'id;name;wert',
    );
    const r = await importBytes(utf8(text), { fileName: 'u.csv' });
    expect(r.source.encoding).toBe('utf-8');
    const name = col(r, 'name');
    expect(name[39_999]).toBe('Köpenick 39999');
    expect(name[39_998]).toBe('Mitte 39998');
    expect(col(r, 'wert')[39_999]).toBe(2345.5);
    expect(col(r, 'wert')[39_998]).toBe(1234.5);
  });

  it('many long text cells: batches are decoded in the right order', async () => {
    const long = (i: number) => `Beschreibung ${i} ${'x'.repeat(i % 97)}`;
    const text = big(30_000, (i) => `${i},${long(i)}`, 'nr,text');
    const r = await importBytes(utf8(text), { fileName: 'l.csv' });
    const t = col(r, 'text');
    for (const i of [0, 1, 9_999, 20_001, 29_999]) expect(t[i]).toBe(long(i));
  });

  it('an ID column is trimmed (NBSP too); a row with a longitude but no latitude keeps its longitude value', async () => {
    const text = 'bsn;lon;lat\n01B01 ;13,40;52,50\n\u00a002K03;13,41;\n03G22;13,42;52,52\n';
    const r = await importBytes(utf8(text), { fileName: 'k.csv' });
    expect(col(r, 'bsn')).toEqual(['01B01', '02K03', '03G22']);
    expect(col(r, 'lon')).toEqual([13.4, 13.41, 13.42]);
    expect(Number.isNaN(r.lon?.[1] ?? 0)).toBe(true);
    expect(r.lon?.[2]).toBe(13.42);
    expect(r.report.issues.find((i) => i.code === 'coord-missing')).toMatchObject({ row: 3, column: 'lat' });
  });

  it("a text cell with a formula guard after the plan loses one '", async () => {
    const text = big(40_000, (i) => `${i},${i === 39_000 ? "'=SUMME(A1)" : `Wert ${i % 9}`}`, 'nr,text');
    const r = await importBytes(utf8(text), { fileName: 'g.csv' });
    expect(col(r, 'text')[39_000]).toBe('=SUMME(A1)');
    expect(r.source.formulaGuardRemoved).toBe(1);
  });
});

describe('quoting errors are reported in German', () => {
  it('an unclosed quote names the problem, not papaparse’s English message', async () => {
    const r = await importBytes(utf8('name,lat,lon\nA,52.5,13.4\n"B,52.51,13.41\nC,52.52,13.42\n'), {
      fileName: 'q.csv',
    });
    const issue = r.report.issues.find((i) => i.code === 'row-malformed');
    expect(issue?.reason).toContain('Anführungszeichen nicht geschlossen');
    expect(issue?.reason).not.toMatch(/Quoted field/);
  });
});
