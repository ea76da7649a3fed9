/**
 * Small geometry helpers shared by the joins (pure, coordinates as given — WGS84 lon/lat in the app).
 */
import type { AreaFeature } from '../domain/types';
import { featureRings, ringsContain } from './areaIndex';

/**
 * A point guaranteed to lie strictly inside the area (not on its border): on the horizontal line through
 * the middle of the bounding box (nudged off vertices), the midpoint of the widest inside interval.
 * Deterministic; unlike a vertex-based fallback it is never on a shared border.
 */
export function interiorPoint(f: AreaFeature): [number, number] | null {
  const rings = featureRings(f);
  let minY = Infinity;
  let maxY = -Infinity;
  for (const r of rings)
    for (let i = 1; i < r.length; i += 2) {
      if (r[i] < minY) minY = r[i];
      if (r[i] > maxY) maxY = r[i];
    }
  if (!(maxY > minY)) return null;
  // try a few scanlines, widest interval wins
  let best: [number, number] | null = null;
  let bestW = 0;
  for (const t of [0.5, 0.3701, 0.6299, 0.2113, 0.7887]) {
    const y = minY + (maxY - minY) * t;
    const xs: number[] = [];
    for (const r of rings) {
      const n = r.length / 2;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const yi = r[2 * i + 1];
        const yj = r[2 * j + 1];
        if (yi > y !== yj > y) xs.push(r[2 * i] + ((y - yi) * (r[2 * j] - r[2 * i])) / (yj - yi));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = xs[k + 1] - xs[k];
      if (w > bestW) {
        const mx = (xs[k] + xs[k + 1]) / 2;
        if (ringsContain(rings, mx, y)) {
          bestW = w;
          best = [mx, y];
        }
      }
    }
    if (best && t === 0.5) break;
  }
  return best;
}

type Project = (x: number, y: number) => [number, number];

/**
 * Area-weighted centroid (planar formula) of a (Multi)Polygon: outer rings count positive, holes negative,
 * whatever their winding. Coordinates are first passed through `project` (e.g. WGS84 → EPSG:25833 metres);
 * the result is in the projected coordinates. Null for zero area. May lie outside a concave area.
 */
export function planarCentroid(f: AreaFeature, project: Project = (x, y) => [x, y]): [number, number] | null {
  const g = f.geometry;
  if (!g) return null;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let A = 0;
  let CX = 0;
  let CY = 0;
  for (const poly of polys) {
    poly.forEach((ring, k) => {
      const pts = ring.map((p) => project(p[0], p[1]));
      const n = pts.length;
      if (n < 3) return;
      const [x0, y0] = pts[0];
      let a2 = 0;
      let cx = 0;
      let cy = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const xi = pts[i][0] - x0;
        const yi = pts[i][1] - y0;
        const xj = pts[j][0] - x0;
        const yj = pts[j][1] - y0;
        const c = xj * yi - xi * yj;
        a2 += c;
        cx += (xj + xi) * c;
        cy += (yj + yi) * c;
      }
      if (a2 === 0) return;
      const sign = (k === 0 ? 1 : -1) * Math.sign(a2); // outer ring positive, holes negative
      const area = Math.abs(a2) / 2;
      const ccx = cx / (3 * a2) + x0;
      const ccy = cy / (3 * a2) + y0;
      A += sign * area;
      CX += sign * area * ccx;
      CY += sign * area * ccy;
    });
  }
  if (A === 0) return null;
  return [CX / A, CY / A];
}
