import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { AreaFeature } from '../domain/types';

/**
 * Point → area lookup over one polygon layer.
 *
 * Candidate areas come from a Flatbush R-tree over area bounding boxes; the exact test is an
 * even–odd ray cast (holes and MultiPolygons handled) with the half-open edge rule.
 *
 * Border rule (deterministic): a point exactly on a border shared by two areas belongs to the area
 * for which the half-open crossing test (edge includes its lower endpoint, excludes its upper one,
 * intersection counted only when strictly right of the point) says "inside"; if several still
 * claim it, the area with the lowest feature index wins.
 */
export interface AreaIndex {
  /** Feature index of the area containing the point, or -1 when it lies in none. */
  locate(lon: number, lat: number): number;
  readonly size: number;
}

type Rings = Float64Array[]; // each ring as [x0,y0,x1,y1,...]

function toRings(coords: Position[][]): Rings {
  return coords.map((ring) => {
    const a = new Float64Array(ring.length * 2);
    for (let i = 0; i < ring.length; i++) {
      a[2 * i] = ring[i][0];
      a[2 * i + 1] = ring[i][1];
    }
    return a;
  });
}

/** Even–odd crossing test over all rings of one area (outer rings and holes alike). */
export function ringsContain(rings: Rings, x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = r[2 * i + 1];
      const yj = r[2 * j + 1];
      if (yi > y !== yj > y) {
        const xi = r[2 * i];
        const xj = r[2 * j];
        const xCross = xi + ((y - yi) * (xj - xi)) / (yj - yi);
        if (x < xCross) inside = !inside;
      }
    }
  }
  return inside;
}

export function buildAreaIndex(features: readonly AreaFeature[]): AreaIndex {
  const rings: Rings[] = [];
  const tree = new Flatbush(Math.max(1, features.length));
  for (const f of features) {
    const g = f.geometry;
    const r: Rings = g.type === 'Polygon' ? toRings(g.coordinates) : g.coordinates.flatMap((p) => toRings(p));
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const ring of r) {
      for (let i = 0; i < ring.length; i += 2) {
        if (ring[i] < minX) minX = ring[i];
        if (ring[i] > maxX) maxX = ring[i];
        if (ring[i + 1] < minY) minY = ring[i + 1];
        if (ring[i + 1] > maxY) maxY = ring[i + 1];
      }
    }
    rings.push(r);
    tree.add(minX, minY, maxX, maxY);
  }
  if (features.length === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  return {
    size: features.length,
    locate(lon: number, lat: number): number {
      if (features.length === 0 || !Number.isFinite(lon) || !Number.isFinite(lat)) return -1;
      const cands = tree.search(lon, lat, lon, lat);
      let best = -1;
      for (const c of cands) {
        if ((best === -1 || c < best) && ringsContain(rings[c], lon, lat)) best = c;
      }
      return best;
    },
  };
}
