import { describe, expect, it } from 'vitest';
import {
  areaOutOfRange,
  EMPTY_FILTERS,
  type FilterableItem,
  haversineM,
  type InstitutionFilters,
  institutionMask,
  pointInRing,
  traegerCategory,
} from '../../../src/domain/filters';

const item = (
  kind: string,
  type: string,
  plrId: string | null,
  lon: number,
  lat: number,
  fields: Record<string, string> = {},
): FilterableItem => ({ kind, type, plrId, lon, lat, fields });

const items: FilterableItem[] = [
  item('school', 'Grundschule', '01100101', 13.4, 52.5, { traeger: 'öffentlich' }),
  item('school', 'Gymnasium', '01100102', 13.41, 52.5, { traeger: 'privat' }),
  item('school', 'Grundschule', '02200201', 13.45, 52.52, { traeger: 'öffentlich' }),
  item('kita', 'Kita', '02200202', 13.5, 52.55, { traeger_art: 'Eigenbetrieb' }),
  item('kita', 'Kita', null, 13.6, 52.6, { traeger_art: 'Sonstiger freier Träger' }),
];
const f = (p: Partial<InstitutionFilters>): InstitutionFilters => ({ ...EMPTY_FILTERS, ...p });
const arr = (m: Uint8Array) => Array.from(m);

describe('institutionMask', () => {
  it('keeps everything without filters', () => {
    expect(arr(institutionMask(items, EMPTY_FILTERS))).toEqual([1, 1, 1, 1, 1]);
  });
  it('filters schools by Schulart and leaves other kinds alone', () => {
    expect(arr(institutionMask(items, f({ schularten: ['Grundschule'] })))).toEqual([1, 0, 1, 1, 1]);
  });
  it('normalises Träger to public / free across kinds', () => {
    expect(traegerCategory(items[3])).toBe('public');
    expect(arr(institutionMask(items, f({ traeger: ['public'] })))).toEqual([1, 0, 1, 1, 0]);
    expect(arr(institutionMask(items, f({ traeger: ['free'] })))).toEqual([0, 1, 0, 0, 1]);
  });
  it('filters by Bezirk prefix of the PLR id; items without PLR drop out', () => {
    expect(arr(institutionMask(items, f({ bezirke: ['02'] })))).toEqual([0, 0, 1, 1, 0]);
  });
  it('applies ranges on the area value of the item at the range level', () => {
    const values = new Map([
      ['011001', 5],
      ['022002', 20],
    ]);
    const ctx = {
      areaValues: (id: string, level: string) => (id === 'x' && level === 'bzr' ? values : null),
    };
    const filters = f({ ranges: [{ indicatorId: 'x', level: 'bzr', min: 10, max: 30 }] });
    expect(arr(institutionMask(items, filters, ctx))).toEqual([0, 0, 1, 1, 0]);
    // skipped for the engine, ignored without values
    expect(arr(institutionMask(items, filters, { ...ctx, skip: { ranges: true } }))).toEqual([1, 1, 1, 1, 1]);
    expect(arr(institutionMask(items, filters))).toEqual([1, 1, 1, 1, 1]);
    expect(arr(areaOutOfRange(['011001', '022002', '033003'], 'bzr', filters, ctx.areaValues))).toEqual([
      1, 0, 1,
    ]);
  });
  it('filters inside / outside the Erhaltungsgebiete with per-item membership', () => {
    const overlay = { em: Uint8Array.from([1, 0, 0, 0, 0]), es: Uint8Array.from([0, 1, 0, 0, 0]) };
    const mask = (layer: 'em' | 'es' | 'any', mode: 'inside' | 'outside') =>
      arr(institutionMask(items, f({ overlay: { layer, mode } }), { overlay }));
    expect(mask('em', 'inside')).toEqual([1, 0, 0, 0, 0]);
    expect(mask('any', 'inside')).toEqual([1, 1, 0, 0, 0]);
    expect(mask('any', 'outside')).toEqual([0, 0, 1, 1, 1]);
    // without membership the overlay filter cannot apply yet: nothing is dropped
    expect(arr(institutionMask(items, f({ overlay: { layer: 'em', mode: 'inside' } })))).toEqual([
      1, 1, 1, 1, 1,
    ]);
  });
  it('filters by radius (great-circle metres) and by polygon', () => {
    expect(haversineM(13.4, 52.5, 13.41, 52.5)).toBeGreaterThan(670);
    expect(haversineM(13.4, 52.5, 13.41, 52.5)).toBeLessThan(690);
    expect(arr(institutionMask(items, f({ radius: { lon: 13.4, lat: 52.5, m: 700 } })))).toEqual([
      1, 1, 0, 0, 0,
    ]);
    const ring: [number, number][] = [
      [13.44, 52.51],
      [13.52, 52.51],
      [13.52, 52.56],
      [13.44, 52.56],
    ];
    expect(pointInRing(13.45, 52.52, ring)).toBe(true);
    expect(arr(institutionMask(items, f({ polygon: ring })))).toEqual([0, 0, 1, 1, 0]);
  });
  it('combines filters with AND', () => {
    expect(arr(institutionMask(items, f({ bezirke: ['01'], traeger: ['free'] })))).toEqual([0, 1, 0, 0, 0]);
  });
});
