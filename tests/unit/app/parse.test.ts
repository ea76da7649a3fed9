import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import {
  checkManifest,
  parseDotDecimal,
  parseInstitutionsCsv,
  topoToAreas,
} from '../../../src/datasets/parse';

const SCHOOLS = [
  'bsn,name,schulart,schultyp,traeger,bezirk,ortsteil,plz,strasse,hausnr,lon,lat,plr_id,pupils_2023_24,teachers_2023_24,pupils_2024_25,teachers_2024_25',
  '01B01,OSZ Test,Oberstufenzentrum,Berufsschule,öffentlich,Mitte,Moabit,10557,Alt-Moabit,10,13.3578671,52.5239061,01100101,100,10,,',
  '02G03,"Gymnasium ""Am See""",Gymnasium,Gymnasium,privat,Friedrichshain-Kreuzberg,Kreuzberg,10999,Weg,1a,13.42,52.50,,,,,',
  '03K04,Ohne Koordinate,Grundschule,Grundschule,öffentlich,Pankow,Prenzlauer Berg,10405,Straße,2,,52.54,03100101,,,,',
  '04K05,Komma-Dezimal,Grundschule,Grundschule,öffentlich,Pankow,Pankow,13187,Straße,3,"13,4",52.57,03100102,,,,',
  ',Ohne BSN,Grundschule,Grundschule,öffentlich,Pankow,Pankow,13187,Straße,4,13.41,52.57,,,,,',
  '05Z06,Vertauscht,Grundschule,Grundschule,öffentlich,Spandau,Spandau,13597,Straße,5,52.53,13.2,,,,,',
].join('\n');

describe('parseDotDecimal', () => {
  it('accepts dot decimals only', () => {
    expect(parseDotDecimal('13.5')).toBe(13.5);
    expect(parseDotDecimal(' -2 ')).toBe(-2);
    expect(parseDotDecimal('13,5')).toBeNull();
    expect(parseDotDecimal('')).toBeNull();
    expect(parseDotDecimal(undefined)).toBeNull();
    expect(parseDotDecimal('1e3')).toBeNull();
  });
});

describe('parseInstitutionsCsv', () => {
  const { value, issues } = parseInstitutionsCsv('school', 'institutions/schools.csv', SCHOOLS);

  it('keeps IDs as strings and reads the rows with coordinates', () => {
    expect(value.rowsRead).toBe(6);
    expect(value.items.map((i) => i.id)).toEqual(['01B01', '02G03', '05Z06']);
    const first = value.items[0];
    expect(first.plrId).toBe('01100101');
    expect(first.type).toBe('Oberstufenzentrum');
    expect(first.fields.pupils_2023_24).toBe('100');
    expect(first.fields.pupils_2024_25).toBe('');
    expect(first.address).toBe('Alt-Moabit 10, 10557');
    expect(value.items[1].name).toBe('Gymnasium "Am See"');
    expect(value.items[1].plrId).toBeNull();
  });

  it('packs positions for deck.gl in row order', () => {
    expect(Array.from(value.positions)).toEqual([13.3578671, 52.5239061, 13.42, 52.5, 52.53, 13.2]);
  });

  it('lists every dropped or suspicious row with file, row and column', () => {
    const byRow = new Map(issues.map((i) => [i.row, i]));
    expect(byRow.get(4)).toMatchObject({
      file: 'institutions/schools.csv',
      column: 'lon',
      severity: 'error',
    });
    expect(byRow.get(5)).toMatchObject({ column: 'lon', value: '13,4', severity: 'error' });
    expect(byRow.get(6)).toMatchObject({ column: 'bsn', severity: 'error' });
    expect(byRow.get(7)).toMatchObject({ severity: 'warning', reason: expect.stringContaining('außerhalb') });
    // every row is either used or reported
    const dropped = issues.filter((i) => i.severity === 'error').length;
    expect(value.items.length + dropped).toBe(value.rowsRead);
  });

  it('reports a missing required column instead of crashing', () => {
    const r = parseInstitutionsCsv('youth', 'institutions/youth.csv', 'id,name,lon\n1,A,13.4\n');
    expect(r.value.items).toEqual([]);
    expect(r.issues[0]).toMatchObject({ row: 1, column: 'lat', severity: 'error' });
  });

  it('uses the kind to pick id and type columns', () => {
    const r = parseInstitutionsCsv(
      'kita',
      'institutions/kitas.csv',
      'id,name,traeger_name,traeger_art,bezirk,plz,strasse,hausnr,places,lon,lat,plr_id\n01010010,Kita A,Träger,frei,Mitte,10117,Str.,20,69,13.38,52.52,01100101\n',
    );
    expect(r.value.items[0]).toMatchObject({
      id: '01010010',
      type: 'Kita',
      operator: 'Träger',
      kind: 'kita',
    });
  });
});

const fc = (features: FeatureCollection['features']): FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});

describe('topoToAreas', () => {
  const square = (x: number, id: string) => ({
    type: 'Feature' as const,
    properties: { id, name: `Gebiet ${id}`, bez_id: id.slice(0, 2) },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, 52],
          [x + 1, 52],
          [x + 1, 53],
          [x, 53],
          [x, 52],
        ],
      ],
    },
  });

  it('converts the "areas" object to GeoJSON with string ids', () => {
    const topo = topology({ areas: fc([square(13, '0101'), square(14, '0102')]) });
    const { value, issues } = topoToAreas('areas/pgr.topo.json', topo);
    expect(issues).toEqual([]);
    expect(value.features.map((f) => f.properties.id)).toEqual(['0101', '0102']);
    expect(value.features[0].geometry.type).toBe('Polygon');
  });

  it('reports features without string id and files without the object', () => {
    const bad = square(13, 'x');
    (bad.properties as Record<string, unknown>).id = 101;
    const topo = topology({ areas: fc([bad, square(14, '0102')]) });
    const { value, issues } = topoToAreas('areas/pgr.topo.json', topo);
    expect(value.features).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 1, column: 'id', value: '101' });
    expect(topoToAreas('f.json', { type: 'Topology', objects: {} }).issues[0].reason).toMatch(/areas/);
  });
});

describe('checkManifest', () => {
  it('names the file when the manifest is unusable', () => {
    expect(() => checkManifest('manifest.json', { foo: 1 })).toThrow(/manifest\.json/);
  });
  it('fills optional parts', () => {
    const m = checkManifest('manifest.json', { datasets: [] });
    expect(m.joinReport).toEqual([]);
    expect(m.counts).toEqual({});
  });
});
