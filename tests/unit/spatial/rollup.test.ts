import { describe, expect, it } from 'vitest';
import {
  buildHierarchy,
  distributionColumn,
  pairedSumsByPlr,
  rollupDistribution,
  rollupRatio,
  rollupSum,
  sumByPlr,
  suppressionFlags,
} from '../../../src/spatial/rollup';

// PLR in two Bezirke; deliberately given unsorted
const PLR = ['02100102', '01100101', '02100101', '01100102', '01200201'];

describe('roll-up', () => {
  const h = buildHierarchy(PLR);
  it('derives the hierarchy from nested IDs', () => {
    expect(h.levelIds.plr).toEqual(['01100101', '01100102', '01200201', '02100101', '02100102']);
    expect(h.levelIds.bzr).toEqual(['011001', '012002', '021001']);
    expect(h.levelIds.pgr).toEqual(['0110', '0120', '0210']);
    expect(h.levelIds.bez).toEqual(['01', '02']);
    expect(h.levelIds.berlin).toEqual(['00']);
    expect(Array.from(h.plrToLevel.bez)).toEqual([0, 0, 0, 1, 1]);
    expect(h.indexOf('pgr', '0120')).toBe(1);
  });
  it('sums counts and sums on every level', () => {
    const s = rollupSum(h, Float64Array.of(1, 2, 3, 4, 5));
    expect(Array.from(s.bzr)).toEqual([3, 3, 9]);
    expect(Array.from(s.bez)).toEqual([6, 9]);
    expect(Array.from(s.berlin)).toEqual([15]);
  });
  it('a ratio at Bezirk level equals the ratio of sums (not the mean of ratios)', () => {
    // pupils / teachers per PLR: 10/1, 90/9, 100/20 in Bezirk 01 → ratios 10, 10, 5
    const num = rollupSum(h, Float64Array.of(10, 90, 100, 30, 0));
    const den = rollupSum(h, Float64Array.of(1, 9, 20, 3, 0));
    const r = rollupRatio(num, den);
    expect(r.bez[0]).toBeCloseTo(200 / 30, 12);
    expect(r.bez[0]).not.toBeCloseTo((10 + 10 + 5) / 3, 3);
    expect(r.berlin[0]).toBeCloseTo(230 / 33, 12);
    expect(Number.isNaN(r.plr[4])).toBe(true); // 0/0 → no value
    expect(rollupRatio(num, den, 100).bez[1]).toBeCloseTo(1000, 12);
  });
  it('sums items into PLR with masks and skips unknown values', () => {
    const itemPlr = Int32Array.of(0, 0, 1, -1, 4);
    const v = Float64Array.of(5, Number.NaN, 7, 100, 1);
    expect(Array.from(sumByPlr(5, itemPlr, null))).toEqual([2, 1, 0, 0, 1]);
    expect(Array.from(sumByPlr(5, itemPlr, v))).toEqual([5, 7, 0, 0, 1]);
    expect(Array.from(sumByPlr(5, itemPlr, v, Uint8Array.of(0, 1, 1, 1, 1)))).toEqual([0, 7, 0, 0, 1]);
  });
  it('paired sums use only items where numerator and denominator are both known', () => {
    const p = pairedSumsByPlr(
      2,
      Int32Array.of(0, 0, 1),
      Float64Array.of(100, 50, 10),
      Float64Array.of(10, Number.NaN, 2),
    );
    expect(Array.from(p.num)).toEqual([100, 10]);
    expect(Array.from(p.den)).toEqual([10, 2]);
    expect(Array.from(p.n)).toEqual([1, 1]);
  });
  it('summarises a categorical index as a weighted distribution on higher levels', () => {
    // status class per PLR (sorted order), -1 = unrated; weights = residents
    const d = rollupDistribution(
      h,
      Int32Array.of(1, 4, 4, -1, 2),
      Float64Array.of(100, 300, 100, 50, 200),
      [1, 2, 3, 4],
    );
    const bez = d.shares.bez;
    expect(Array.from(bez.slice(0, 4))).toEqual([0.2, 0, 0, 0.8]);
    expect(Array.from(bez.slice(4, 8))).toEqual([0, 1, 0, 0]);
    expect(d.unclassified.bez[1]).toBe(50);
    expect(distributionColumn(d, 4).berlin[0]).toBeCloseTo(400 / 700, 12);
  });
  it('flags small numbers 1…threshold−1 for suppression (0 is not flagged)', () => {
    expect(Array.from(suppressionFlags(Float64Array.of(0, 1, 2, 3, 10)))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(suppressionFlags(Float64Array.of(0, 1, 4, 5), 5))).toEqual([0, 1, 1, 0]);
  });
});
