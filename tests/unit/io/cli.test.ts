import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type InspectOutput, runInspect } from '../../../src/cli/inspect';
import { FIXTURES } from './helpers';

async function inspect(args: string[]) {
  let out = '';
  let err = '';
  const code = await runInspect(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, json: out ? (JSON.parse(out) as InspectOutput) : null };
}

describe('bildungsraum inspect', () => {
  it('prints format, encoding, delimiter, decimal, rows, columns, crs, location and issues', async () => {
    const { code, json } = await inspect([join(FIXTURES, 'schulen_win1252_25833.csv')]);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      decimal: ',',
      rows: 4,
      crs: 'EPSG:25833',
      location: { method: 'coordinates', columns: ['Rechtswert', 'Hochwert'] },
      issues: [],
    });
    expect(json?.columns.find((c) => c.name === 'Schüler')).toMatchObject({ type: 'decimal', role: 'none' });
  });
  it('lists issues with row, column, value, reason and writes the report CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-'));
    const rep = join(dir, 'r.csv');
    const { code, json } = await inspect([join(FIXTURES, 'ragged_quoted.csv'), '--report', rep]);
    expect(code).toBe(0);
    expect(json?.issues[0]).toMatchObject({ row: 4, column: null, reason: 'Zeile hat 2 Felder, erwartet 5' });
    expect(readFileSync(rep, 'utf8')).toContain('row-ragged');
  });
  it.each([
    'empty.csv',
    'header_only.csv',
    'binary.csv',
    'error_page.csv',
    'not_geojson.json',
    'coord_empty.csv',
  ])('%s: exit code 1 with a message', async (f) => {
    const { code, err } = await inspect([join(FIXTURES, f)]);
    expect(code).toBe(1);
    expect(err).toMatch(/^Fehler: .+/);
  });
  it('refuses a 300 MB file by its size without reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-'));
    const big = join(dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 300 * 1024 * 1024); // sparse: no disk used
    const { code, err, json } = await inspect([big]);
    expect(code).toBe(1);
    expect(err).toContain('300 MB');
    expect(json?.rows).toBe(0);
  });
  it('usage errors exit with 2, a missing file with 1', async () => {
    expect((await inspect([])).code).toBe(2);
    expect((await inspect(['a.csv', '--crs', 'EPSG:9999'])).code).toBe(2);
    const missing = await inspect([join(FIXTURES, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('ENOENT');
  });
  it('--sheet and --crs', async () => {
    const x = await inspect([join(FIXTURES, 'kitas_two_sheets.xlsx'), '--sheet', 'Daten']);
    expect(x.json).toMatchObject({ format: 'xlsx', sheet: 'Daten', rows: 4, crs: 'EPSG:4326' });
  });
});
