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

/**
 * Triangulate every polygon of the areas (earcut, holes respected). `triangulate: false` lays out the rings
 * only (no triangles), e.g. for outlines.
 */
export function buildAreaMesh(
  areas: Areas,
  { triangulate = true }: { triangulate?: boolean } = {},
): AreaMesh {
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
      if (!triangulate) continue;
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

/** How the geometry of one feature travels from the data worker (see packAreaGeometry). */
export const GEOMETRY_SENT = 0;
export const GEOMETRY_POLYGON = 1;
export const GEOMETRY_MULTIPOLYGON = 2;

/** True when every ring of the polygon has vertices of two numbers (nothing the mesh would drop or cut). */
function meshKeepsRings(rings: Position[][]): boolean {
  if (rings.length === 0) return false;
  for (const r of rings) {
    if (r.length === 0) return false;
    for (const c of r) if (c.length !== 2) return false;
  }
  return true;
}

/**
 * Per feature: can its geometry be rebuilt exactly from the mesh (the mesh keeps every ring vertex in order)?
 * GEOMETRY_POLYGON / GEOMETRY_MULTIPOLYGON when yes (the type to rebuild), GEOMETRY_SENT otherwise (e.g. an
 * empty ring, a third coordinate, extra geometry members): such a geometry is sent as it is.
 */
export function meshGeometryKinds(areas: Areas, mesh: AreaMesh): Uint8Array {
  const out = new Uint8Array(areas.features.length);
  if (mesh.featureCount !== areas.features.length) return out;
  areas.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || Object.keys(g).length !== 2) return;
    if (g.type === 'Polygon' && meshKeepsRings(g.coordinates)) out[i] = GEOMETRY_POLYGON;
    else if (g.type === 'MultiPolygon' && g.coordinates.length > 0 && g.coordinates.every(meshKeepsRings))
      out[i] = GEOMETRY_MULTIPOLYGON;
  });
  return out;
}

/**
 * The areas to post from the data worker: features whose geometry the mesh holds go without it (the main
 * thread rebuilds it on first use, restoreAreaGeometry), so that the message is mostly transferred typed
 * arrays instead of tens of thousands of small coordinate arrays to deserialise on the main thread.
 */
export function packAreaGeometry(areas: Areas, mesh: AreaMesh): { areas: Areas; geometryKinds: Uint8Array } {
  const geometryKinds = meshGeometryKinds(areas, mesh);
  const features = areas.features.map((f, i) => {
    if (geometryKinds[i] === GEOMETRY_SENT) return f;
    const { geometry: _, ...rest } = f;
    return rest as typeof f;
  });
  return { areas: { ...areas, features }, geometryKinds };
}

/**
 * Undo packAreaGeometry on the receiving side: every feature marked in `geometryKinds` gets its `geometry`
 * back as a lazy property, built from the mesh on first read (then an ordinary data property). The rebuilt
 * coordinates are the same numbers in the same order as the original rings.
 */
export function restoreAreaGeometry(areas: Areas, mesh: AreaMesh, geometryKinds: Uint8Array): void {
  const n = areas.features.length;
  if (mesh.featureCount !== n || geometryKinds.length !== n) return;
  // first polygon of every feature and first ring of every polygon, made on the first geometry read
  let index: { featurePolygon: Uint32Array; polygonRing: Uint32Array } | null = null;
  const indexOf = () => {
    if (index) return index;
    const polygons = mesh.polygonStarts.length - 1;
    const featurePolygon = new Uint32Array(n + 1);
    const polygonRing = new Uint32Array(polygons + 1);
    let r = 0;
    for (let p = 0; p < polygons; p++) {
      while (mesh.ringStarts[r] < mesh.polygonStarts[p]) r++;
      polygonRing[p] = r;
    }
    polygonRing[polygons] = mesh.ringStarts.length - 1;
    // polygons are in feature order
    let p = 0;
    for (let i = 0; i < n; i++) {
      featurePolygon[i] = p;
      while (p < polygons && mesh.vertexFeature[mesh.polygonStarts[p]] === i) p++;
    }
    featurePolygon[n] = p;
    index = { featurePolygon, polygonRing };
    return index;
  };
  const pos = mesh.positions;
  const ring = (k: number): Position[] => {
    const out: Position[] = [];
    for (let v = mesh.ringStarts[k]; v < mesh.ringStarts[k + 1]; v++) out.push([pos[2 * v], pos[2 * v + 1]]);
    return out;
  };
  type Geometry = Areas['features'][number]['geometry'];
  const build = (i: number): Geometry => {
    const { featurePolygon, polygonRing } = indexOf();
    const parts: Position[][][] = [];
    for (let q = featurePolygon[i]; q < featurePolygon[i + 1]; q++) {
      const rings: Position[][] = [];
      for (let k = polygonRing[q]; k < polygonRing[q + 1]; k++) rings.push(ring(k));
      parts.push(rings);
    }
    return geometryKinds[i] === GEOMETRY_POLYGON
      ? { type: 'Polygon', coordinates: parts[0] ?? [] }
      : { type: 'MultiPolygon', coordinates: parts };
  };
  for (let i = 0; i < n; i++) {
    if (geometryKinds[i] === GEOMETRY_SENT) continue;
    const f = areas.features[i];
    const settle = (value: Geometry) =>
      Object.defineProperty(f, 'geometry', { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(f, 'geometry', {
      get() {
        const g = build(i);
        settle(g);
        return g;
      },
      set: settle,
      enumerable: true,
      configurable: true,
    });
  }
}

/**
 * The ring outlines of a mesh as plain triangles for a non-instanced line layer (map/layers/areaOutlineLayer):
 * every segment of every ring is two triangles, six vertices that each carry both ends of their segment and
 * a corner (x: 0 = at the source, 1 = at the target; y: -1 / 1 = the side the shader widens it to).
 * Segments of length 0 (a repeated vertex) are left out. Built in the data worker with the mesh.
 *
 * Positions are split for deck.gl's 64-bit positions as deck.gl would split them on the main thread:
 * per vertex [high lon, high lat, low lon, low lat], high = the float32 nearest the number, low = the rest.
 */
export interface OutlineMesh {
  vertexCount: number;
  /** The segment's source per vertex: [high lon, high lat, low lon, low lat]. */
  source: Float32Array;
  /** The segment's target per vertex, laid out like `source`. */
  target: Float32Array;
  /** [end, side] per vertex. */
  corner: Float32Array;
  /** Feature index per vertex. */
  vertexFeature: Uint32Array;
}

const CORNERS = [0, -1, 1, -1, 0, 1, 0, 1, 1, -1, 1, 1];

/** Write a lon/lat pair as float32 high and low parts at vertex `o`. */
function putSplit(out: Float32Array, o: number, lon: number, lat: number): void {
  const hx = Math.fround(lon);
  const hy = Math.fround(lat);
  out[4 * o] = hx;
  out[4 * o + 1] = hy;
  out[4 * o + 2] = lon - hx;
  out[4 * o + 3] = lat - hy;
}

export function buildOutlineMesh(mesh: AreaMesh): OutlineMesh {
  const { positions, ringStarts } = mesh;
  const same = (a: number, b: number) =>
    positions[2 * a] === positions[2 * b] && positions[2 * a + 1] === positions[2 * b + 1];
  let segments = 0;
  for (let r = 0; r + 1 < ringStarts.length; r++)
    for (let v = ringStarts[r]; v + 1 < ringStarts[r + 1]; v++) if (!same(v, v + 1)) segments++;
  const vertexCount = segments * 6;
  const source = new Float32Array(vertexCount * 4);
  const target = new Float32Array(vertexCount * 4);
  const corner = new Float32Array(vertexCount * 2);
  const vertexFeature = new Uint32Array(vertexCount);
  let o = 0;
  for (let r = 0; r + 1 < ringStarts.length; r++) {
    for (let v = ringStarts[r]; v + 1 < ringStarts[r + 1]; v++) {
      if (same(v, v + 1)) continue;
      const feature = mesh.vertexFeature[v];
      for (let k = 0; k < 6; k++, o++) {
        putSplit(source, o, positions[2 * v], positions[2 * v + 1]);
        putSplit(target, o, positions[2 * v + 2], positions[2 * v + 3]);
        corner[2 * o] = CORNERS[2 * k];
        corner[2 * o + 1] = CORNERS[2 * k + 1];
        vertexFeature[o] = feature;
      }
    }
  }
  return { vertexCount, source, target, corner, vertexFeature };
}

/** The buffers of an outline mesh, for transferring it from the worker without copying. */
export function outlineTransferables(outline: OutlineMesh): ArrayBuffer[] {
  return [outline.source, outline.target, outline.corner, outline.vertexFeature].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

const outlines = new WeakMap<AreaMesh, OutlineMesh>();
const coarseOutlines = new WeakMap<AreaMesh, OutlineMesh>();

/** Remember the outline meshes the worker built for a mesh: full and, if made, coarse (for low zoom). */
export function attachOutlineMesh(mesh: AreaMesh, outline: OutlineMesh, coarse?: OutlineMesh): void {
  outlines.set(mesh, outline);
  if (coarse) coarseOutlines.set(mesh, coarse);
}

/** The coarse outline mesh of a mesh (datasets/coarseOutline.ts), if the worker made one. */
export function coarseOutlineMeshOf(mesh: AreaMesh): OutlineMesh | undefined {
  return coarseOutlines.get(mesh);
}

/** The outline mesh of a mesh: the worker's, or built here on first use (meshes made outside the worker). */
export function outlineMeshOf(mesh: AreaMesh): OutlineMesh {
  let out = outlines.get(mesh);
  if (!out) {
    out = buildOutlineMesh(mesh);
    outlines.set(mesh, out);
  }
  return out;
}
