import { describe, expect, it } from 'vitest';
import {
  arealInterpolation,
  estimateFromPlr,
  overlayLayers,
  shareInside,
} from '../../../src/spatial/overlay';
import { square } from './helpers';

// Squares on the equator split only along meridians: spherical area is linear in the longitude span,
// so the expected shares are exact fractions.
describe('area × area overlay', () => {
  const plr = [square(0, 0, 0.02, 0.01, { id: 'A' }), square(0.02, 0, 0.04, 0.01, { id: 'B' })];
  it('share of each area inside a layer (overlapping layer parts are not counted twice)', () => {
    const eg = [square(0.015, 0, 0.03, 0.01), square(0.025, 0, 0.035, 0.01), square(1, 1, 1.01, 1.01)];
    const s = shareInside(plr, eg);
    expect(s.share[0]).toBeCloseTo(0.25, 9);
    expect(s.share[1]).toBeCloseTo(0.75, 9); // 0.02–0.035 covered by the union of the two overlapping parts
    expect(s.insideM2[1]).toBeCloseTo(s.areaM2[1] * 0.75, 3);
  });
  it('an area without overlap has share 0; an area inside has share 1', () => {
    const s = shareInside(plr, [square(-0.1, -0.1, 0.021, 0.1)]);
    expect(s.share[0]).toBeCloseTo(1, 9);
    expect(s.share[1]).toBeCloseTo(0.05, 9);
    expect(shareInside(plr, []).share[0]).toBe(0);
  });
  it('areal interpolation distributes counts by area share', () => {
    const esb = [square(0, 0, 0.03, 0.01, { id: 'E1' }), square(0.03, 0, 0.04, 0.01, { id: 'E2' })];
    const o = overlayLayers(plr, esb);
    const r = arealInterpolation(o, [1000, 400], esb.length);
    expect(r.values[0]).toBeCloseTo(1000 + 200, 6);
    expect(r.values[1]).toBeCloseTo(200, 6);
    expect(r.values[0] + r.values[1]).toBeCloseTo(1400, 6); // nothing lost when B covers A
    expect(o.pieces.map((p) => [p.a, p.b])).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
  });
  it('estimates a target layer from PLR values and says how much of each target was covered', () => {
    const target = [square(0.01, 0, 0.03, 0.01, { id: 'T1' }), square(0.03, 0, 0.06, 0.01, { id: 'T2' })];
    const r = estimateFromPlr(plr, ['01100101', '01100102'], { '01100101': 100, '01100102': 50 }, target);
    expect(r.estimate[0]).toBeCloseTo(50 + 25, 6);
    expect(r.estimate[1]).toBeCloseTo(25, 6);
    expect(r.coveredShare[0]).toBeCloseTo(1, 9);
    expect(r.coveredShare[1]).toBeCloseTo(1 / 3, 9); // 0.04–0.06 lies outside every PLR
  });
});
