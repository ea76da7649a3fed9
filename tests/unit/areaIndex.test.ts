import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../src/domain/types';
import { buildAreaIndex } from '../../src/spatial/areaIndex';

const sq = (x0: number, y0: number, x1: number, y1: number, hole?: number[][]): AreaFeature => ({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
      ...(hole ? [hole] : []),
    ],
  } as Polygon,
});

describe('buildAreaIndex', () => {
  const idx = buildAreaIndex([
    sq(0, 0, 1, 1, [
      [0.4, 0.4],
      [0.6, 0.4],
      [0.6, 0.6],
      [0.4, 0.6],
      [0.4, 0.4],
    ]),
    sq(1, 0, 2, 1),
  ]);
  it('finds the containing area', () => {
    expect(idx.locate(0.2, 0.2)).toBe(0);
    expect(idx.locate(1.5, 0.5)).toBe(1);
  });
  it('respects holes and reports points outside every area', () => {
    expect(idx.locate(0.5, 0.5)).toBe(-1);
    expect(idx.locate(3, 3)).toBe(-1);
  });
  it('assigns a point on a shared border to exactly one area', () => {
    expect(idx.locate(1, 0.5)).toBe(1);
  });
});
