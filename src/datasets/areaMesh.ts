/**
 * Pre-triangulated polygons of an area level, built in the data worker so that the map does not run earcut
 * (deck.gl's polygon tessellation) on the main thread when a level is first shown. Pure TypeScript: runs in
 * the worker, in Node and in tests.
 *
 * The arrays follow the polygon part of deck.gl's / loaders.gl's binary feature format (GeoJsonLayer binary
 * mode): every Polygon and every part of a MultiPolygon is one polygon; rings keep GeoJSON's closing vertex.
 */
import earcut from 'earcut';
import type { Position } from 'geojson';
import type { Areas } from './types';

export interface AreaMesh {
  /** Number of features (areas) the mesh was built from; feature indexes refer to `areas.features`. */
  featureCount: number;
  /** [lon0, lat0, lon1, lat1, …] of every ring vertex. */
  positions: Float64Array;
  /** First vertex of every polygon, followed by the vertex count (length = polygons + 1). */
  polygonStarts: Uint32Array;
  /** First vertex of every ring (outer rings and holes), followed by the vertex count (length = rings + 1). */
  ringStarts: Uint32Array;
  /** Triangles of the polygon surfaces: three vertex indexes (into `positions`) each. */
  triangles: Uint32Array;
  /** Feature index of every vertex. */
  vertexFeature: Uint32Array;
}

/** Web-Mercator y of a latitude in degrees (earcut runs on projected coordinates, as deck.gl does). */
function mercatorY(lat: number): number {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return (Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180) / Math.PI;
}

/** Rings with at least one vertex, as lists of positions (empty rings are left out). */
function polygonsOf(areas: Areas, i: number): Position[][][] {
  const g = areas.features[i].geometry;
  if (!g) return [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polys.map((rings) => rings.filter((r) => r.length > 0)).filter((rings) => rings.length > 0);
}

/** Triangulate every polygon of the areas (earcut, holes respected). */
export function buildAreaMesh(areas: Areas): AreaMesh {
  const n = areas.features.length;
  let vertexCount = 0;
  let polygonCount = 0;
  let ringCount = 0;
  const all: Position[][][][] = [];
  for (let i = 0; i < n; i++) {
    const polys = polygonsOf(areas, i);
    all.push(polys);
    for (const rings of polys) {
      polygonCount++;
      ringCount += rings.length;
      for (const r of rings) vertexCount += r.length;
    }
  }
  const positions = new Float64Array(vertexCount * 2);
  const polygonStarts = new Uint32Array(polygonCount + 1);
  const ringStarts = new Uint32Array(ringCount + 1);
  const vertexFeature = new Uint32Array(vertexCount);
  const triangles: number[] = [];
  let v = 0;
  let p = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    for (const rings of all[i]) {
      polygonStarts[p++] = v;
      const first = v;
      const holes: number[] = [];
      let size = 0;
      for (const ring of rings) size += ring.length;
      const projected = new Float64Array(size * 2);
      for (let k = 0; k < rings.length; k++) {
        ringStarts[r++] = v;
        if (k > 0) holes.push(v - first);
        for (const c of rings[k]) {
          const lon = c[0];
          const lat = c[1];
          positions[2 * v] = lon;
          positions[2 * v + 1] = lat;
          projected[2 * (v - first)] = lon;
          projected[2 * (v - first) + 1] = mercatorY(lat);
          vertexFeature[v] = i;
          v++;
        }
      }
      const t = earcut(projected, holes.length ? holes : undefined, 2);
      for (const idx of t) triangles.push(idx + first);
    }
  }
  polygonStarts[p] = v;
  ringStarts[r] = v;
  return {
    featureCount: n,
    positions,
    polygonStarts,
    ringStarts,
    triangles: Uint32Array.from(triangles),
    vertexFeature,
  };
}

/** The buffers of a mesh, for transferring it from the worker without copying. */
export function meshTransferables(mesh: AreaMesh): ArrayBuffer[] {
  return [mesh.positions, mesh.polygonStarts, mesh.ringStarts, mesh.triangles, mesh.vertexFeature].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

const meshes = new WeakMap<Areas, AreaMesh>();

/** Remember the mesh built for these areas (ignored when it does not match their feature count). */
export function attachAreaMesh(areas: Areas, mesh: AreaMesh): void {
  if (mesh.featureCount === areas.features.length) meshes.set(areas, mesh);
}

/** The mesh attached to these areas, if any (areas loaded by the data worker have one). */
export function areaMeshOf(areas: Areas): AreaMesh | undefined {
  return meshes.get(areas);
}
