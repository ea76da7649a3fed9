import type { Position } from 'geojson';
import type { AreaFeature } from '../../../src/domain/types';

export const ring = (x0: number, y0: number, x1: number, y1: number, ccw = true): Position[] =>
  ccw
    ? [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ]
    : [
        [x0, y0],
        [x0, y1],
        [x1, y1],
        [x1, y0],
        [x0, y0],
      ];

export const square = (
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  properties: Record<string, unknown> = {},
  holes: Position[][] = [],
): AreaFeature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [ring(x0, y0, x1, y1), ...holes] },
});

export const multi = (polys: Position[][][], properties: Record<string, unknown> = {}): AreaFeature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'MultiPolygon', coordinates: polys },
});

/** Deterministic pseudo-random numbers in [0, 1) (Park–Miller). */
export function seeded(seed = 1): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}
