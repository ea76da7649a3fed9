import { describe, expect, it } from 'vitest';
import { declutterLabels } from '../../../src/map/labelDeclutter';
import type { LabelPoint } from '../../../src/map/layers/overlays';

const pt = (id: string, lon: number, lat: number, priority: number): LabelPoint => ({
  id,
  name: `Bezirk ${id}`,
  position: [lon, lat],
  priority,
});

describe('declutterLabels', () => {
  const points = [
    pt('small', 13.4, 52.52, 10),
    pt('big', 13.402, 52.521, 50), // ~150 m away: overlaps at city zoom
    pt('far', 13.2, 52.45, 5),
  ];
  it('leaves out the smaller of two overlapping labels and keeps separate ones', () => {
    expect(declutterLabels(points, 10, 13).map((p) => p.id)).toEqual(['big', 'far']);
  });
  it('keeps both once zoomed in far enough', () => {
    expect(declutterLabels(points, 17, 13).map((p) => p.id)).toEqual(['small', 'big', 'far']);
  });
  it('returns the same array for the same inputs (stable layer data)', () => {
    expect(declutterLabels(points, 10, 13)).toBe(declutterLabels(points, 10, 13));
  });
});
