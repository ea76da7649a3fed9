import { area } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../../src/domain/types';
import { estimateEsbPopulation, PLR_MIN_SHARE } from '../../../src/spatial/esbPopulation';

/** Axis-aligned square in degrees near Berlin (small: spherical area ≈ planar, equal widths compare well). */
const square = (id: string, x0: number, y0: number, w: number, h = w): AreaFeature => ({
  type: 'Feature',
  properties: { id, name: `Gebiet ${id}`, bez_id: '01' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x0 + w, y0],
        [x0 + w, y0 + h],
        [x0, y0 + h],
        [x0, y0],
      ],
    ],
  },
});

// two Planungsräume side by side: P1 = [13.40, 13.41], P2 = [13.41, 13.42] (× 52.50 … 52.51)
const P1 = square('01100101', 13.4, 52.5, 0.01);
const P2 = square('01100102', 13.41, 52.5, 0.01);
const population = [
  { plr_id: '01100101', total: '1000', age_6_15: '100' },
  { plr_id: '01100102', total: '3000', age_6_15: '' },
];

describe('estimateEsbPopulation (areal interpolation)', () => {
  it('splits residents by the area share of each Planungsraum', () => {
    // E1 covers the east half of P1 and the west half of P2; E2 the rest of P2; E3 lies outside both
    const E1 = square('0101', 13.405, 52.5, 0.01, 0.01);
    const E2 = square('0102', 13.415, 52.5, 0.005, 0.01);
    const E3 = square('0103', 13.5, 52.5, 0.01);
    const { rows } = estimateEsbPopulation({
      plr: [P1, P2],
      esb: [E1, E2, E3],
      population,
      columns: ['total', 'age_6_15'],
    });
    expect(rows.map((r) => r.esb_id)).toEqual(['0101', '0102', '0103']);
    expect(rows[0].values.total).toBeCloseTo(500 + 1500, 0);
    expect(rows[1].values.total).toBeCloseTo(1500, 0);
    expect(rows[2].values.total).toBe(0);
    // a PLR without a figure contributes nothing to that column
    expect(rows[0].values.age_6_15).toBeCloseTo(50, 0);
    expect(rows[1].values.age_6_15).toBe(0);
    // the west half of P1 lies in no ESB: its 500 residents are not distributed
    const sum = rows.reduce((s, r) => s + r.values.total, 0);
    expect(sum).toBeCloseTo(4000 - 500, 0);
    expect(rows[0].plr_count).toBe(2);
    expect(rows[1].plr_count).toBe(1);
    expect(rows[0].covered_share).toBeCloseTo(1, 3);
    expect(rows[2].covered_share).toBe(0);
    expect(rows[0].area_m2).toBeCloseTo(area(E1), 0);
  });

  it('reports the uncovered part of an ESB and leaves residents outside every ESB out', () => {
    // E sticks out of both PLR by half of its width; it covers only the east half of P2
    const E = square('0201', 13.415, 52.5, 0.01);
    const { rows } = estimateEsbPopulation({ plr: [P1, P2], esb: [E], population, columns: ['total'] });
    expect(rows[0].values.total).toBeCloseTo(1500, 0);
    expect(rows[0].covered_share).toBeCloseTo(0.5, 2);
    expect(rows[0].plr_count).toBe(1);
  });

  it('does not count a PLR that only touches or barely overlaps an ESB as contributing', () => {
    // E overlaps P1 by 0.5 % of its width and touches nothing else
    const E = square('0301', 13.3951, 52.5, 0.005);
    const { rows } = estimateEsbPopulation({ plr: [P1], esb: [E], population, columns: ['total'] });
    expect(rows[0].values.total).toBeGreaterThan(0);
    expect(rows[0].values.total / 1000).toBeLessThan(PLR_MIN_SHARE);
    expect(rows[0].plr_count).toBe(0);
  });
});
