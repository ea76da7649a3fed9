import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../../src/domain/types';
import { areaReferencePoint, nearestFacility, toUtm33 } from '../../../src/spatial/distance';
import { square } from './helpers';

describe('distance to the nearest facility', () => {
  // two ~700 m squares in Berlin
  const a = square(13.4, 52.5, 13.41, 52.506, { id: 'A' });
  const b = square(13.42, 52.5, 13.43, 52.506, { id: 'B' });
  it('measures straight-line metres in EPSG:25833 from the centroid to the nearest point', () => {
    const fac = { lon: [13.405, 13.5], lat: [52.503, 52.5] };
    const r = nearestFacility([a, b], fac.lon, fac.lat);
    expect(r.refKind).toEqual(['centroid', 'centroid']);
    expect(r.nearest[0]).toBe(0);
    expect(r.metres[0]).toBeLessThan(1); // facility at the centroid
    const [cx, cy] = toUtm33(r.refLon[1], r.refLat[1]);
    const [fx, fy] = toUtm33(13.405, 52.503);
    expect(r.metres[1]).toBeCloseTo(Math.hypot(fx - cx, fy - cy), 6);
    expect(r.metres[1]).toBeGreaterThan(1300);
    expect(r.metres[1]).toBeLessThan(1400);
  });
  it('uses an interior point when the centroid lies outside (U shape)', () => {
    const u: AreaFeature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [13.4, 52.5],
            [13.43, 52.5],
            [13.43, 52.53],
            [13.42, 52.53],
            [13.42, 52.51],
            [13.41, 52.51],
            [13.41, 52.53],
            [13.4, 52.53],
            [13.4, 52.5],
          ],
        ],
      },
    };
    const r = areaReferencePoint(u);
    expect(r?.kind).toBe('interior');
  });
  it('gives NaN without facilities', () => {
    const r = nearestFacility([a], [], []);
    expect(Number.isNaN(r.metres[0])).toBe(true);
    expect(r.nearest[0]).toBe(-1);
  });
});
