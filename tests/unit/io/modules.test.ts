import { describe, expect, it } from 'vitest';
import { detectColumn, normalizeName } from '../../../src/io/columns';
import { detectCrs, parseCrsName, toWgs84 } from '../../../src/io/crs';
import { detectDialect, detectHeader } from '../../../src/io/csv';
import { parseWkt } from '../../../src/io/wkt';

describe('column roles from German and English names', () => {
  it.each([
    ['lat', 'lat'],
    ['Breite', 'lat'],
    ['Breitengrad', 'lat'],
    ['latitude', 'lat'],
    ['lon', 'lon'],
    ['lng', 'lon'],
    ['Länge', 'lon'],
    ['Längengrad', 'lon'],
    ['longitude', 'lon'],
    ['x', 'x'],
    ['Rechtswert', 'x'],
    ['RW', 'x'],
    ['X_Koord', 'x'],
    ['y', 'y'],
    ['Hochwert', 'y'],
    ['HW', 'y'],
  ])('%s → %s', (name, role) => {
    expect(detectColumn(name, ['52,1', '13,5', '391440,2'], ',').role).toBe(role);
  });
  it('normalizeName folds umlauts and punctuation', () => {
    expect(normalizeName('Längen-Grad (WGS84)')).toBe('laengengradwgs84');
  });
  it('IDs, names, categories, WKT, area keys, BSN', () => {
    expect(detectColumn('BSN', ['01B01', '11K10'], '.')).toMatchObject({ type: 'id', role: 'bsn' });
    expect(detectColumn('Schlüssel', ['0101', '0102'], '.')).toMatchObject({ type: 'id' });
    expect(detectColumn('PLR_ID', ['01100101', '1100102'], '.')).toMatchObject({
      role: 'areaId',
      areaLevel: 'plr',
    });
    expect(detectColumn('BZR', ['011001', '11002'], '.')).toMatchObject({ role: 'areaId', areaLevel: 'bzr' });
    expect(detectColumn('raum', ['01100101', '08200101', '12601235'], '.')).toMatchObject({ role: 'areaId' });
    expect(detectColumn('Bezeichnung', ['A', 'B'], '.').role).toBe('name');
    expect(detectColumn('Art', ['Kita', 'Kita', 'Schule', 'Kita', 'Schule', 'Kita'], '.').role).toBe(
      'category',
    );
    expect(detectColumn('g', ['POINT (1 2)', 'POLYGON ((0 0, 1 0, 1 1, 0 0))'], '.').role).toBe('wkt');
    expect(detectColumn('Anzahl', ['1', '2', '3'], '.').type).toBe('integer');
    expect(detectColumn('leer', [], '.').type).toBe('empty');
  });
});

describe('CRS', () => {
  it('parses CRS names', () => {
    expect(parseCrsName('urn:ogc:def:crs:EPSG::25833')).toBe('EPSG:25833');
    expect(parseCrsName('EPSG:3068')).toBe('EPSG:3068');
    expect(parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('EPSG:4326');
    expect(parseCrsName('3857')).toBe('EPSG:3857');
    expect(parseCrsName('EPSG:31468')).toBeNull();
  });
  it('detects UTM 33N and reprojects (13.4 E, 52.52 N) to within ~1 m', () => {
    const g = detectCrs([391440.03], [5820079.67]);
    expect(g).toMatchObject({ crs: 'EPSG:25833', swapped: false });
    const [lon, lat] = toWgs84('EPSG:25833', 391440.03, 5820079.67);
    expect(lon).toBeCloseTo(13.4, 5);
    expect(lat).toBeCloseTo(52.52, 5);
  });
  it('detects swapped UTM axes and unknown values', () => {
    expect(detectCrs([5820079.67], [391440.03])).toMatchObject({ crs: 'EPSG:25833', swapped: true });
    expect(detectCrs([9e9], [9e9])).toBeNull();
    expect(detectCrs([2.35], [48.85])).toMatchObject({ crs: 'EPSG:4326', insideBerlin: 0 });
  });
});

describe('dialect', () => {
  it('detects each delimiter', () => {
    expect(detectDialect('a,b\n1,2\n').delimiter).toBe(',');
    expect(detectDialect('a;b\n1;2\n').delimiter).toBe(';');
    expect(detectDialect('a\tb\n1\t2\n').delimiter).toBe('\t');
    expect(detectDialect('a|b\n1|2\n').delimiter).toBe('|');
    expect(detectDialect('a;b\r\n1,5;2,5\r\n')).toMatchObject({ delimiter: ';', lineEnding: 'CRLF' });
  });
  it('header detection', () => {
    expect(
      detectHeader([
        ['jahr', 'wert'],
        ['2020', '1'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['plr_id', '2019', '2020'],
        ['01100101', '3', '4'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['1', '2'],
        ['3', '4'],
      ]),
    ).toBe(false);
  });
});

describe('WKT', () => {
  it('reads points, polygons, multipolygons, Z and SRID', () => {
    expect(parseWkt('POINT (13.4 52.5)').geometry).toEqual({ type: 'Point', coordinates: [13.4, 52.5] });
    const z = parseWkt('SRID=25833;POINT Z (391440 5820079 34)');
    expect(z).toMatchObject({ srid: 25833, dropped3d: true, geometry: { coordinates: [391440, 5820079] } });
    const mp = parseWkt('MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))');
    expect(mp.geometry?.type).toBe('MultiPolygon');
    expect(parseWkt('MULTIPOINT ((1 2), (3 4))').geometry).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
  });
  it('reports errors', () => {
    expect(parseWkt('POINT (a b)').error).toContain('ungültig');
    expect(parseWkt('CIRCLE (1 2)').error).toContain('nicht unterstützt');
    expect(parseWkt('POINT EMPTY').error).toContain('EMPTY');
    expect(parseWkt('POLYGON ((0 0, 1 1)').error).toBeTruthy();
  });
});
