import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/io/importFile';
import { reportIsConsistent, reportToCsv } from '../../../src/io/report';
import type { ImportResult } from '../../../src/io/types';
import { PLACES } from '../fixtures/import/places';
import { col, fixture, importFixture, importString, metres } from './helpers';

function expectInvariant(r: ImportResult) {
  expect(reportIsConsistent(r.report)).toBe(true);
  expect(r.report.rowsRead).toBe(r.length);
  // every unused row has at least one error with its row number, no used row has one
  const errRows = new Set(
    r.report.issues.filter((i) => i.severity === 'error' && i.row !== null).map((i) => i.row),
  );
  for (let i = 0; i < r.length; i++) expect(errRows.has(r.rowNumbers[i])).toBe(r.used[i] === 0);
}

function expectPlaces(r: ImportResult, tolMetres = 1) {
  expect(r.lon && r.lat).toBeTruthy();
  PLACES.forEach((p, i) => {
    const d = metres(p.lon, p.lat, (r.lon as Float64Array)[i], (r.lat as Float64Array)[i]);
    expect(d, p.name).toBeLessThan(tolMetres);
  });
}

describe('Windows-1252 semicolon CSV with decimal commas and EPSG:25833', () => {
  it('imports with correct umlauts, numbers and positions', async () => {
    const r = await importFixture('schulen_win1252_25833.csv');
    expect(r.source).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      lineEnding: 'CRLF',
      header: true,
      decimal: ',',
      thousands: '.',
    });
    expect(r.columns.map((c) => c.name)).toEqual([
      'Schulname',
      'Schulart',
      'Schüler',
      'Rechtswert',
      'Hochwert',
      'Bemerkung',
    ]);
    expect(col(r, 'Schulname')).toEqual(PLACES.map((p) => p.name));
    expect(col(r, 'Bemerkung')[0]).toBe('Größe ß ä ö ü Ä Ö Ü');
    expect(col(r, 'Schüler')).toEqual(PLACES.map((p) => p.schueler));
    expect(r.columns.find((c) => c.name === 'Rechtswert')).toMatchObject({ type: 'decimal', role: 'x' });
    expect(r.columns.find((c) => c.name === 'Hochwert')).toMatchObject({ type: 'decimal', role: 'y' });
    expect(r.location).toMatchObject({ method: 'coordinates', crs: 'EPSG:25833', swapped: false });
    expectPlaces(r, 0.5);
    expect(r.report).toMatchObject({ rowsRead: 4, rowsUsed: 4, rowsListed: 0 });
    expect(r.dataset.geometry).toBe('point');
    expectInvariant(r);
  });
});

describe('CRS detection', () => {
  it.each([
    ['soldner_3068.csv', 'EPSG:3068', 1],
    ['webmercator_pipe.csv', 'EPSG:3857', 1],
  ])('%s → %s', async (file, crs, tol) => {
    const r = await importFixture(file);
    expect(r.location.crs).toBe(crs);
    expectPlaces(r, tol);
    expectInvariant(r);
  });
  it('pipe delimiter is detected', async () => {
    expect((await importFixture('webmercator_pipe.csv')).source.delimiter).toBe('|');
  });
  it('swapped lat/lon are detected and swapped back', async () => {
    const r = await importFixture('swapped.csv');
    expect(r.location).toMatchObject({ crs: 'EPSG:4326', swapped: true });
    expect(r.lon?.[0]).toBeCloseTo(13.3777, 6);
    expect(r.lat?.[0]).toBeCloseTo(52.5163, 6);
    expect(r.report.issues.some((i) => i.code === 'coord-swapped')).toBe(true);
  });
  it('a forced CRS overrides detection', async () => {
    const r = await importString('name,x,y\nA,391440.03,5820079.67\n', 'a.csv', { crs: 'EPSG:25833' });
    expect(r.location).toMatchObject({ crs: 'EPSG:25833', crsSource: 'override' });
    expect(r.lon?.[0]).toBeCloseTo(13.4, 4);
  });
  it('points outside Berlin are kept and flagged, not dropped', async () => {
    const r = await importString('name;lat;lon\nBerlin;52,52;13,40\nMünchen;48,137;11,575\n');
    expect(r.report).toMatchObject({ rowsRead: 2, rowsUsed: 2, rowsListed: 0 });
    expect(Array.from(r.flagged)).toEqual([0, 1]);
    const w = r.report.issues.find((i) => i.code === 'outside-berlin');
    expect(w).toMatchObject({ row: 3, severity: 'warning', column: 'lon/lat' });
  });
});

describe('encodings and dialects', () => {
  it('UTF-16 LE TSV with English column names and 1,234.5 numbers', async () => {
    const r = await importFixture('utf16le_tab.tsv');
    expect(r.source).toMatchObject({ format: 'tsv', encoding: 'utf-16le', bom: true, delimiter: '\t' });
    expect(col(r, 'name')).toEqual(['Müggelsee', 'Tor']);
    expect(col(r, 'value')).toEqual([1234.5, 12.5]);
    expect(r.location.columns).toEqual(['longitude', 'latitude']);
  });
  it('English number format with thousands commas in quoted fields', async () => {
    const r = await importFixture('english_numbers.csv');
    expect(col(r, 'amount')).toEqual([1234.5, 12345678, 999]);
    expect(col(r, 'share')).toEqual([0.25, 0.5, 1.75]);
    expect(r.source.decimal).toBe('.');
  });
  it('UTF-8 BOM, empty lines and a trailing newline', async () => {
    const r = await importFixture('population_plr_lost_zeros.csv');
    expect(r.source).toMatchObject({ encoding: 'utf-8', bom: true, emptyLines: 1 });
    expect(r.columns[0].name).toBe('PLR_ID');
    expect(r.rowNumbers[2]).toBe(5); // the empty line keeps its number
  });
  it('trailing delimiters as in the Berlin school statistics file', async () => {
    const r = await importFixture('trailing_delimiter.csv');
    expect(r.source.trailingDelimiter).toBe(true);
    expect(r.columns.map((c) => c.name)).toEqual([
      'Schuljahr',
      'BSN',
      'NAME',
      'Schüler (m/w/d)',
      'Lehrkräfte (w)',
    ]);
    expect(r.location).toMatchObject({ method: 'bsn', columns: ['BSN'] });
    expect(r.keys?.slice(0, 2)).toEqual(['01B01', '01G02']);
    expect(r.report.issues.find((i) => i.severity === 'error')).toMatchObject({
      row: 4,
      column: 'BSN',
      code: 'key-missing',
    });
    expectInvariant(r);
  });
  it('ragged rows, quoted newlines, duplicate and empty headers', async () => {
    const r = await importFixture('ragged_quoted.csv');
    expect(r.columns.map((c) => c.name)).toEqual(['name', 'name (2)', 'Spalte 3', 'lat', 'lon']);
    expect(col(r, 'name').slice(0, 2)).toEqual(['Schule "Am See"', 'Zeile mit\nUmbruch']);
    const errors = r.report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [4, 'row-ragged'],
      [5, 'row-ragged'],
    ]);
    expect(errors[0].reason).toContain('2 Felder, erwartet 5');
    const codes = r.report.issues.map((i) => i.code);
    expect(codes).toContain('header-duplicate');
    expect(codes).toContain('header-empty');
    expect(r.report).toMatchObject({ rowsRead: 4, rowsUsed: 2, rowsListed: 2 });
    expectInvariant(r);
  });
  it('CRLF, quoting and a header row are reported', async () => {
    const r = await importString('"a";"b"\r\n"x;1";"2,5"\r\n');
    expect(r.source).toMatchObject({ lineEnding: 'CRLF', quoted: true, delimiter: ';', header: true });
    expect(col(r, 'a')).toEqual(['x;1']);
    expect(col(r, 'b')).toEqual([2.5]);
  });
  it('a file without header row gets generated names', async () => {
    const r = await importString('A;52,5;13,4\nB;52,51;13,41\n');
    expect(r.source.header).toBe(false);
    expect(r.columns.map((c) => c.name)).toEqual(['Spalte 1', 'Spalte 2', 'Spalte 3']);
    expect(r.location.method).toBe('coordinates'); // detected by value ranges
    expect(r.report.rowsUsed).toBe(2);
  });
});

describe('column types and roles', () => {
  it('ID with leading zeros, boolean, date, integer, category', async () => {
    const r = await importFixture('types.csv');
    const t = Object.fromEntries(r.columns.map((c) => [c.name, `${c.type}/${c.role}`]));
    expect(t).toMatchObject({
      plz: 'id/id',
      aktiv: 'boolean/none',
      datum: 'date/none',
      anzahl: 'integer/none',
    });
    expect(col(r, 'plz')[0]).toBe('01067');
    expect(col(r, 'aktiv')).toEqual([true, false, true, false]);
    expect(col(r, 'datum')).toEqual(['2024-02-01', '2024-03-05', '2024-03-05', '']);
  });
  it('overrides from the mapping dialog win over detection', async () => {
    const r = await importFixture('types.csv', {
      overrides: { anzahl: { type: 'text' }, notiz: { role: 'name' } },
    });
    const anzahl = r.columns.find((c) => c.name === 'anzahl');
    expect(anzahl).toMatchObject({ type: 'text', detected: { type: 'integer' } });
    expect(col(r, 'anzahl')).toEqual(['1', '2', '3', '4']);
    expect(r.columns.find((c) => c.name === 'notiz')?.role).toBe('name');
  });
  it('a number column with a bad value keeps the row and warns', async () => {
    const good = Array.from({ length: 12 }, (_, i) => `A${i};${i},5;52,5;13,4`);
    const r = await importString(['name;wert;lat;lon', ...good, 'B;k.A.;52,5;13,4'].join('\n'));
    expect(col(r, 'wert').slice(-2)).toEqual([11.5, null]);
    expect(r.report.rowsUsed).toBe(13);
    expect(r.report.issues.find((i) => i.code === 'number-invalid')).toMatchObject({
      row: 14,
      column: 'wert',
      value: 'k.A.',
    });
  });
});

describe('location by key', () => {
  it('PLR IDs that lost their leading zero are repaired and reported', async () => {
    const r = await importFixture('population_plr_lost_zeros.csv');
    expect(r.location).toMatchObject({ method: 'areaKey', areaLevel: 'plr', repairedKeys: 3 });
    expect(r.keys).toEqual(['01100101', '01100102', '08200101', '12601235', '']);
    const w = r.report.issues.find((i) => i.code === 'key-leading-zero');
    expect(w?.reason).toContain('1100101 → 01100101');
    expect(r.report.issues.find((i) => i.code === 'key-invalid')).toMatchObject({ row: 7, value: 'abc' });
    expect(col(r, 'Anteil_unter_6')).toEqual([5.5, 6.25, 7, 4.5, 1]);
    expectInvariant(r);
  });
});

describe('GeoJSON', () => {
  it.each(['points_25833_nocrs.geojson', 'points_25833_oldcrs.geojson'])('%s is reprojected', async (f) => {
    const r = await importFixture(f);
    expect(r.location).toMatchObject({ method: 'geojson', crs: 'EPSG:25833' });
    expect(r.location.crsSource).toBe(f.includes('oldcrs') ? 'file' : 'detected');
    PLACES.forEach((p, i) => {
      const g = r.geometries?.[i];
      expect(g?.type).toBe('Point');
      const [lon, lat] = (g as { coordinates: number[] }).coordinates;
      expect(metres(p.lon, p.lat, lon, lat)).toBeLessThan(0.5);
    });
    expect(col(r, 'id')[0]).toBe('01');
  });
  it('repairs 3D, winding and unclosed rings; reports self-intersections, bad rings, missing geometry', async () => {
    const r = await importFixture('polygons_repair.geojson');
    const codes = r.report.issues.map((i) => `${i.severity}:${i.code}:${i.row ?? '-'}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'warning:z-dropped:-',
        'warning:ring-closed:-',
        'warning:ring-rewound:-',
        'warning:self-intersection:3',
        'error:ring-invalid:4',
        'error:geometry-missing:5',
        'warning:outside-berlin:6',
      ]),
    );
    const first = r.geometries?.[0] as { coordinates: number[][][] };
    expect(first.coordinates[0][0]).toHaveLength(2);
    expect(r.report).toMatchObject({ rowsRead: 6, rowsUsed: 4, rowsListed: 2 });
    expect(r.dataset.geometry).toBe('polygon');
    expectInvariant(r);
  });
});

describe('WKT and XLSX', () => {
  it('WKT column: points and polygons, broken WKT listed', async () => {
    const r = await importFixture('wkt.csv');
    expect(r.location).toMatchObject({ method: 'wkt', columns: ['geom'] });
    expect(r.geometries?.[1]?.type).toBe('Polygon');
    expect(r.report.issues.find((i) => i.severity === 'error')).toMatchObject({
      row: 4,
      code: 'wkt-invalid',
    });
    expect(r.dataset.geometry).toBe('mixed');
    expectInvariant(r);
  });
  it('XLSX: the first sheet by default, a chosen sheet on request', async () => {
    const first = await importFixture('kitas_two_sheets.xlsx');
    expect(first.source.sheets).toEqual(['Hinweise', 'Daten']);
    expect(first.report.fatal?.message).toContain('Weitere Tabellenblätter: Daten');
    const r = await importFixture('kitas_two_sheets.xlsx', { sheet: 'Daten' });
    expect(r.source).toMatchObject({ format: 'xlsx', sheet: 'Daten' });
    expect(col(r, 'Name')).toEqual(PLACES.map((p) => p.name));
    expect(r.columns.find((c) => c.name === 'Plätze')?.type).toBe('integer');
    expectPlaces(r, 0.01);
    expect(r.rowNumbers[0]).toBe(2);
    const byNumber = await importFixture('kitas_two_sheets.xlsx', { sheet: 2 });
    expect(byNumber.report.rowsUsed).toBe(4);
  });
});

describe('bad input: a clear message, never a crash', () => {
  it.each([
    ['empty.csv', 'empty', 'leer'],
    ['header_only.csv', 'header-only', 'nur eine Kopfzeile'],
    ['binary.csv', 'binary', 'Binärdaten'],
    ['error_page.csv', 'html', 'HTML-Seite'],
    ['not_geojson.json', 'json-not-geojson', 'kein GeoJSON'],
  ])('%s → %s', async (file, code, text) => {
    const r = await importFixture(file);
    expect(r.report.fatal?.code).toBe(code);
    expect(r.report.fatal?.message).toContain(text);
    expect(r.report.fatal?.message).toContain(file);
    expect(r.report.rowsUsed).toBe(0);
    expectInvariant(r);
  });
  it('a coordinate column that is all empty', async () => {
    const r = await importFixture('coord_empty.csv');
    expect(r.report.issues.find((i) => i.code === 'coord-all-empty')?.reason).toContain('"lon" und "lat"');
    expect(r.report).toMatchObject({ rowsRead: 3, rowsUsed: 0, rowsListed: 3 });
    expectInvariant(r);
  });
  it('a table without any location lists every row with the reason', async () => {
    const r = await importFixture('no_location.csv');
    expect(r.report.rowsListed).toBe(2);
    expect(r.report.issues[0].code).toBe('no-location');
  });
  it('a file above the size limit is refused without parsing', async () => {
    const r = await importBytes(new Uint8Array(2048), { fileName: 'gross.csv', maxBytes: 1024 });
    expect(r.report.fatal?.code).toBe('too-large');
    expect(r.report.fatal?.message).toMatch(/gross\.csv ist .* groß; die Grenze/);
  });
  it('broken XLSX and truncated JSON', async () => {
    const zip = await importBytes(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), { fileName: 'kaputt.xlsx' });
    expect(zip.report.fatal?.code).toBe('xlsx-invalid');
    const json = await importString('{"type":"FeatureCollection","features":[', 'x.geojson');
    expect(json.report.fatal?.code).toBe('json-invalid');
  });
  it('missing sheet names the available ones', async () => {
    const r = await importBytes(fixture('kitas_two_sheets.xlsx'), { fileName: 'k.xlsx', sheet: 'Fehlt' });
    expect(r.report.fatal?.message).toContain('Hinweise, Daten');
  });
});

describe('report CSV', () => {
  it('has the summary and one line per issue with row, column, value, reason', async () => {
    const r = await importFixture('ragged_quoted.csv');
    const csv = reportToCsv(r.report);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('"file","severity","row","column","value","reason","code"');
    expect(lines[1]).toContain('"4","rows read"');
    expect(lines[2]).toContain('"2","rows used"');
    expect(csv).toContain(
      '"ragged_quoted.csv","error","4","","","Zeile hat 2 Felder, erwartet 5","row-ragged"',
    );
    expect(lines.length).toBe(4 + r.report.issues.length);
  });
});
