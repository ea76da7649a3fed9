import { describe, expect, it } from 'vitest';
import { prepareEngine } from '../../../src/indicators/compute';
import { computePlrStatics, staticsForEngine } from '../../../src/spatial/plrStatics';
import { square } from './helpers';

// Two PLR on the equator split along meridians (exact area fractions, see overlay.test.ts)
const plr = [square(0, 0, 0.02, 0.01, { id: '01100101' }), square(0.02, 0, 0.04, 0.01, { id: '01100102' })];

describe('per-PLR statics (overlay + distance) feeding the engine', () => {
  const rows = computePlrStatics({
    plr,
    em: [square(0, 0, 0.01, 0.01)],
    es: [square(0.005, 0, 0.03, 0.01)], // overlaps the EM part: counted once in eg
    youth: { lon: [0.01], lat: [0.005] },
  });
  it('computes area, overlay areas (union for eg) and distances', () => {
    const a = rows[0].area_m2;
    expect(rows[0].em_m2).toBeCloseTo(a * 0.5, 3);
    expect(rows[0].es_m2).toBeCloseTo(a * 0.75, 3);
    expect(rows[0].eg_m2).toBeCloseTo(a, 3);
    expect(rows[1].eg_m2).toBeCloseTo(a * 0.5, 3);
    expect(rows[0].dist_youth_m).toBeLessThan(1);
    expect(rows[1].dist_youth_m).toBeGreaterThan(2000);
    expect(rows[0].dist_primary_m).toBeNull();
  });
  it('round-trips through text (CSV cells) into the engine', () => {
    const asText = rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])),
    );
    const e = prepareEngine({
      plrIds: ['01100101', '01100102'],
      population: [
        { plr_id: '01100101', total: '100' },
        { plr_id: '01100102', total: '300' },
      ],
      ...staticsForEngine(asText),
    });
    const r = e.compute({ indicators: ['eg_share', 'em_share', 'dist_youth_m', 'dist_primary_m'] });
    expect(r.values.eg_share.berlin[0]).toBeCloseTo(0.75, 6);
    expect(r.values.em_share.bez[0]).toBeCloseTo(0.25, 6);
    expect(r.values.dist_youth_m.berlin[0]).toBeCloseTo(
      (100 * (rows[0].dist_youth_m ?? 0) + 300 * (rows[1].dist_youth_m ?? 0)) / 400,
      6,
    );
    expect(r.unavailable).toEqual(['dist_primary_m']);
  });
});
