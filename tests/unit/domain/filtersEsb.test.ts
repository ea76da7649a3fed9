/**
 * Range filters on the Einschulbereiche (level 'esb', outside the LOR hierarchy): an institution passes when
 * the Einschulbereich it lies in (`context.itemAreas.esb`, the join the engine / worker made) has a value in
 * range; the dimming of the areas uses the same values. Made-up ids and values.
 */
import { describe, expect, it } from 'vitest';
import {
  areaOutOfRange,
  EMPTY_FILTERS,
  type FilterableItem,
  type InstitutionFilters,
  type ItemAreas,
  institutionMask,
  type MaskContext,
} from '../../../src/domain/filters';

const item = (kind: string, plrId: string | null): FilterableItem => ({
  kind,
  type: kind === 'school' ? 'Grundschule' : 'Kita',
  plrId,
  lon: 13.4,
  lat: 52.5,
  fields: {},
});

// five items: two schools in ESB 1001, one in 1003, a Kita in 1002, a Kita in no Einschulbereich
const items: FilterableItem[] = [
  item('school', '01100101'),
  item('school', '01100102'),
  item('school', '02200201'),
  item('kita', '02200202'),
  item('kita', null),
];
const esb: ItemAreas = { ids: ['1001', '1002', '1003', '1004'], index: Int32Array.from([0, 0, 2, 1, -1]) };
// children 6 to under 15 per Einschulbereich; 1004 without an estimate
const esbValues = new Map([
  ['1001', 80],
  ['1002', 120],
  ['1003', 160],
]);
const bzrValues = new Map([
  ['011001', 5],
  ['022002', 20],
]);
const areaValues: MaskContext['areaValues'] = (id, level) =>
  id === 'esb_pop_6_15' && level === 'esb' ? esbValues : id === 'x' && level === 'bzr' ? bzrValues : null;

const f = (p: Partial<InstitutionFilters>): InstitutionFilters => ({ ...EMPTY_FILTERS, ...p });
const esbRange = (min: number, max: number) => ({ indicatorId: 'esb_pop_6_15', level: 'esb', min, max });
const arr = (m: Uint8Array) => Array.from(m);

describe('institutionMask with a range on the Einschulbereiche', () => {
  it('keeps the institutions whose Einschulbereich has a value in range', () => {
    const ctx: MaskContext = { areaValues, itemAreas: { esb } };
    expect(arr(institutionMask(items, f({ ranges: [esbRange(100, 200)] }), ctx))).toEqual([0, 0, 1, 1, 0]);
    expect(arr(institutionMask(items, f({ ranges: [esbRange(70, 90)] }), ctx))).toEqual([1, 1, 0, 0, 0]);
    // bounds are inclusive; an open upper end keeps everything from the lower one
    expect(
      arr(institutionMask(items, f({ ranges: [esbRange(120, Number.POSITIVE_INFINITY)] }), ctx)),
    ).toEqual([0, 0, 1, 1, 0]);
  });

  it('drops institutions in no Einschulbereich or in one without a value', () => {
    const in1004: ItemAreas = { ids: esb.ids, index: Int32Array.from([3, 3, 3, 3, 3]) };
    const all = f({ ranges: [esbRange(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)] });
    expect(arr(institutionMask(items, all, { areaValues, itemAreas: { esb } }))).toEqual([1, 1, 1, 1, 0]);
    expect(arr(institutionMask(items, all, { areaValues, itemAreas: { esb: in1004 } }))).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });

  it('ignores the range while the Einschulbereich of the items is not known (or belongs to other items)', () => {
    const filters = f({ ranges: [esbRange(100, 200)] });
    expect(arr(institutionMask(items, filters, { areaValues }))).toEqual([1, 1, 1, 1, 1]);
    expect(arr(institutionMask(items, filters, { areaValues, itemAreas: { esb: undefined } }))).toEqual([
      1, 1, 1, 1, 1,
    ]);
    const shorter: ItemAreas = { ids: esb.ids, index: Int32Array.from([2, 2]) };
    expect(arr(institutionMask(items, filters, { areaValues, itemAreas: { esb: shorter } }))).toEqual([
      1, 1, 1, 1, 1,
    ]);
    // … and without values for the indicator on that level, or in the engine's own (range-free) masks
    const other = f({ ranges: [{ indicatorId: 'pop_total', level: 'esb', min: 0, max: 1 }] });
    expect(arr(institutionMask(items, other, { areaValues, itemAreas: { esb } }))).toEqual([1, 1, 1, 1, 1]);
    expect(
      arr(institutionMask(items, filters, { areaValues, itemAreas: { esb }, skip: { ranges: true } })),
    ).toEqual([1, 1, 1, 1, 1]);
  });

  it('combines with a range on a LOR level and with the other filters', () => {
    const ctx: MaskContext = { areaValues, itemAreas: { esb } };
    const both = f({
      ranges: [esbRange(100, 200), { indicatorId: 'x', level: 'bzr', min: 10, max: 30 }],
    });
    // ESB keeps items 2 and 3, the Bezirksregion 022002 (value 20) keeps items 2 and 3 as well
    expect(arr(institutionMask(items, both, ctx))).toEqual([0, 0, 1, 1, 0]);
    const narrower = f({ ranges: [esbRange(100, 200)], schularten: ['Gymnasium'] });
    expect(arr(institutionMask(items, narrower, ctx))).toEqual([0, 0, 0, 1, 0]);
  });
});

describe('areaOutOfRange on the Einschulbereiche', () => {
  it('dims the Einschulbereiche outside the range and those without a value', () => {
    const ids = ['1001', '1002', '1003', '1004'];
    expect(arr(areaOutOfRange(ids, 'esb', f({ ranges: [esbRange(100, 200)] }), areaValues))).toEqual([
      1, 0, 0, 1,
    ]);
    // a LOR range does not dim the Einschulbereiche, an ESB range does not dim a LOR level
    const lor = f({ ranges: [{ indicatorId: 'x', level: 'bzr', min: 10, max: 30 }] });
    expect(arr(areaOutOfRange(ids, 'esb', lor, areaValues))).toEqual([0, 0, 0, 0]);
    expect(arr(areaOutOfRange(['011001'], 'bzr', f({ ranges: [esbRange(0, 1)] }), areaValues))).toEqual([0]);
  });
});
