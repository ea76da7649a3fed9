/**
 * Area × area overlay (area-weighted), on WGS84 GeoJSON with Turf:
 * - `intersect` gives the common part of two polygons, `area` its size in m² (Turf's spherical area);
 * - candidate pairs come from a Flatbush index over bounding boxes;
 * - `shareInside`: the part of each area A covered by the union of layer B (B may overlap itself:
 *   the pieces are unioned before measuring, so nothing is counted twice);
 * - `arealInterpolation`: a count of A (e.g. residents per Planungsraum) distributed to B by area share,
 *   assuming an even spread within each A. Method text for the UI: catalogue ESB_POPULATION.method.
 */
import { area, bboxClip, featureCollection, intersect, union } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreaFeature } from '../domain/types';

type BBox4 = [number, number, number, number];

export interface OverlayPiece {
  /** Feature index in layer A / layer B. */
  a: number;
  b: number;
  /** Area of A ∩ B in m². */
  m2: number;
}

export interface Overlay {
  pieces: OverlayPiece[];
  /** Area of every A feature in m². */
  areaA: Float64Array;
  areaB: Float64Array;
}

function bboxOf(f: AreaFeature): BBox4 {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polys)
    for (const r of p)
      for (const [x, y] of r) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
  return [minX, minY, maxX, maxY];
}

function indexLayer(layer: readonly AreaFeature[], boxes: BBox4[]): Flatbush {
  const t = new Flatbush(Math.max(1, layer.length));
  for (const b of boxes) {
    if (Number.isFinite(b[0])) t.add(b[0], b[1], b[2], b[3]);
    else t.add(0, 0, 0, 0);
  }
  if (layer.length === 0) t.add(0, 0, 0, 0);
  t.finish();
  return t;
}

export type Poly = Feature<Polygon | MultiPolygon>;

/** Drop rings that bboxClip left with fewer than 4 positions. */
function cleanClip(f: Poly): Poly | null {
  const g = f.geometry;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    .map((p) => p.filter((r) => r.length >= 4))
    .filter((p) => p.length > 0);
  if (polys.length === 0) return null;
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } };
}

/**
 * A ∩ B. Both are first clipped to the other's bounding box (exact, and far fewer vertices for Turf's
 * polygon clipper); the intersection itself is Turf `intersect`.
 */
function safeIntersect(a: Poly, b: Poly, ba: BBox4, bb: BBox4): Poly | null {
  const ix0 = Math.max(ba[0], bb[0]);
  const iy0 = Math.max(ba[1], bb[1]);
  const ix1 = Math.min(ba[2], bb[2]);
  const iy1 = Math.min(ba[3], bb[3]);
  if (!(ix0 < ix1 && iy0 < iy1)) return null;
  try {
    const box: BBox4 = [ix0, iy0, ix1, iy1];
    const ca = cleanClip(bboxClip(a, box) as Poly);
    const cb = cleanClip(bboxClip(b, box) as Poly);
    if (!ca || !cb) return null;
    return intersect(featureCollection([ca, cb])) as Poly | null;
  } catch {
    try {
      return intersect(featureCollection([a, b])) as Poly | null;
    } catch {
      return null;
    }
  }
}

/** All non-empty intersections between two layers, with their areas in m². */
export function overlayLayers(layerA: readonly AreaFeature[], layerB: readonly AreaFeature[]): Overlay {
  const boxesB = layerB.map(bboxOf);
  const tree = indexLayer(layerB, boxesB);
  const pieces: OverlayPiece[] = [];
  const areaA = Float64Array.from(layerA, (f) => area(f));
  const areaB = Float64Array.from(layerB, (f) => area(f));
  layerA.forEach((fa, a) => {
    const ba = bboxOf(fa);
    const [x0, y0, x1, y1] = ba;
    if (!Number.isFinite(x0) || layerB.length === 0) return;
    for (const b of tree.search(x0, y0, x1, y1).sort((p, q) => p - q)) {
      const piece = safeIntersect(fa as Poly, layerB[b] as Poly, ba, boxesB[b]);
      if (!piece) continue;
      const m2 = area(piece);
      if (m2 > 0) pieces.push({ a, b, m2 });
    }
  });
  return { pieces, areaA, areaB };
}

/** For every A, the non-empty pieces A ∩ B (B in ascending index order). */
export function intersectionPieces(layerA: readonly AreaFeature[], layerB: readonly AreaFeature[]): Poly[][] {
  const boxesB = layerB.map(bboxOf);
  const tree = indexLayer(layerB, boxesB);
  return layerA.map((fa) => {
    const ba = bboxOf(fa);
    const parts: Poly[] = [];
    if (!Number.isFinite(ba[0]) || layerB.length === 0) return parts;
    for (const b of tree.search(ba[0], ba[1], ba[2], ba[3]).sort((p, q) => p - q)) {
      const piece = safeIntersect(fa as Poly, layerB[b] as Poly, ba, boxesB[b]);
      if (piece && area(piece) > 0) parts.push(piece);
    }
    return parts;
  });
}

/**
 * For every A: m² covered by the union of all B features, and the share (0…1) of A's area.
 * Overlapping B features are unioned per A first, so no area is counted twice.
 */
export function shareInside(
  layerA: readonly AreaFeature[],
  layerB: readonly AreaFeature[],
): { insideM2: Float64Array; areaM2: Float64Array; share: Float64Array } {
  const areaM2 = Float64Array.from(layerA, (f) => area(f));
  const pieces = intersectionPieces(layerA, layerB);
  const insideM2 = Float64Array.from(pieces, (parts, a) => {
    if (parts.length === 0) return 0;
    let merged: Poly | null = parts[0];
    if (parts.length > 1) {
      try {
        merged = union(featureCollection(parts)) as Poly | null;
      } catch {
        merged = null;
      }
    }
    // union failure (degenerate input): fall back to the plain sum; never more than the area itself
    const m2 = merged ? area(merged) : parts.reduce((s, p) => s + area(p), 0);
    return Math.min(m2, areaM2[a]);
  });
  const share = insideM2.map((v, i) => (areaM2[i] > 0 ? v / areaM2[i] : Number.NaN));
  return { insideM2, areaM2, share };
}

/**
 * Areal interpolation: value of B = Σ over A of value(A) × area(A ∩ B) / area(A).
 * A values that are NaN contribute nothing; `coveredShare` says which part of B's value sources was known.
 */
export function arealInterpolation(
  overlay: Overlay,
  valuesA: ArrayLike<number>,
  nB: number,
): { values: Float64Array; coveredM2: Float64Array } {
  const values = new Float64Array(nB);
  const coveredM2 = new Float64Array(nB);
  for (const p of overlay.pieces) {
    const v = valuesA[p.a];
    const aa = overlay.areaA[p.a];
    if (!(aa > 0) || Number.isNaN(v)) continue;
    values[p.b] += (v * p.m2) / aa;
    coveredM2[p.b] += p.m2;
  }
  return { values, coveredM2 };
}

/** `shareInside` as a record plr_id → m² inside, the shape the indicator engine takes (overlayM2). */
export function insideM2ById(ids: readonly string[], insideM2: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  ids.forEach((id, i) => {
    out[id] = insideM2[i];
  });
  return out;
}

/**
 * Estimate a PLR count (e.g. residents) for another area layer (e.g. Einschulbereiche) by area share.
 * Method text for the UI: catalogue `ESB_POPULATION.method`. Returns, per target area, the estimate and the
 * share of the target's area that overlapped PLR with a known value (1 = fully covered).
 */
export function estimateFromPlr(
  plr: readonly AreaFeature[],
  plrIds: readonly string[],
  valueByPlrId: Readonly<Record<string, number>>,
  target: readonly AreaFeature[],
): { estimate: Float64Array; coveredShare: Float64Array } {
  const o = overlayLayers(plr, target);
  const values = Float64Array.from(plrIds, (id) => (id in valueByPlrId ? valueByPlrId[id] : Number.NaN));
  const r = arealInterpolation(o, values, target.length);
  return {
    estimate: r.values,
    coveredShare: r.coveredM2.map((m2, i) => (o.areaB[i] > 0 ? Math.min(1, m2 / o.areaB[i]) : Number.NaN)),
  };
}
