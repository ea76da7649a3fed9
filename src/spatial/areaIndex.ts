import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { AreaFeature } from '../domain/types';

/**
 * Point → area lookup over one polygon layer.
 *
 * Index: a uniform grid over the layer's bounding box (cells roughly square in metres). A cell that no
 * polygon edge touches lies wholly inside one area (or outside all) and answers directly from a typed array;
 * a "boundary" cell keeps the short, ascending list of candidate areas whose edges touch it, plus the area
 * (if any) that covers the whole cell. The exact test is an even–odd ray cast (holes and MultiPolygons
 * handled, all rings of an area together) over only those edges of the area that span the point's latitude,
 * found through a per-area band index (horizontal strips of the area's bounding box).
 *
 * Border rule (deterministic, documented): an edge counts as crossed when it spans the point's y half-open
 * (lower endpoint included, upper excluded) and its crossing lies strictly east of the point; the crossing is
 * always computed from the edge's lower endpoint, so both areas sharing an edge compute the same number.
 * Consequence for a partition like the LOR: a point exactly on a shared border belongs to the area lying
 * EAST of it; on an east–west border, to the area lying NORTH of it; a point on a vertex follows the same rule.
 * Where areas overlap (e.g. Erhaltungsgebiete), the area with the LOWEST feature index wins.
 *
 * `buildFlatbushAreaIndex` is the plain reference (Flatbush R-tree over bounding boxes + full ray cast) with the
 * same rule; benchmarks and tests compare the two.
 */
export interface AreaIndex {
  /** Feature index of the area containing the point, or -1 when it lies in none. */
  locate(lon: number, lat: number): number;
  /** Batch version of `locate`; writes into `out` when given (same length as `lons`). */
  locateMany(lons: ArrayLike<number>, lats: ArrayLike<number>, out?: Int32Array): Int32Array;
  readonly size: number;
}

export interface AreaIndexOptions {
  /** Number of grid cells along the longer side (default: 1.2·√edges, clamped to 64…1024). */
  gridSize?: number;
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

export function featureRings(f: AreaFeature): Rings {
  const g = f.geometry;
  if (!g) return [];
  return g.type === 'Polygon' ? toRings(g.coordinates) : g.coordinates.flatMap((p) => toRings(p));
}

/**
 * x where the edge (xa,ya)–(xb,yb) crosses the horizontal line y, always computed from the lower endpoint
 * with the inverse slope (x1−x0)/(y1−y0) — exactly the arithmetic of the grid index below.
 */
function crossX(xa: number, ya: number, xb: number, yb: number, y: number): number {
  return ya < yb ? xa + (y - ya) * ((xb - xa) / (yb - ya)) : xb + (y - yb) * ((xa - xb) / (ya - yb));
}

/** Even–odd crossing test over all rings of one area (outer rings and holes alike), border rule above. */
export function ringsContain(rings: Rings, x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = r[2 * i + 1];
      const yj = r[2 * j + 1];
      if (yi > y !== yj > y && x < crossX(r[2 * i], yi, r[2 * j], yj, y)) inside = !inside;
    }
  }
  return inside;
}

/** [minX, minY, maxX, maxY] of rings given as interleaved [x0, y0, x1, y1, …] arrays. */
export function ringsBBox(r: Rings): [number, number, number, number] {
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
  return [minX, minY, maxX, maxY];
}

interface Reference {
  rings: Rings[];
  bboxes: [number, number, number, number][];
  tree: Flatbush;
  locate(x: number, y: number): number;
}

function buildReference(features: readonly AreaFeature[]): Reference {
  const rings = features.map(featureRings);
  const bboxes = rings.map(ringsBBox);
  const tree = new Flatbush(Math.max(1, features.length));
  for (const b of bboxes) {
    if (Number.isFinite(b[0])) tree.add(b[0], b[1], b[2], b[3]);
    else tree.add(0, 0, 0, 0); // empty geometry: never contains anything
  }
  if (features.length === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  const locate = (x: number, y: number): number => {
    if (features.length === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return -1;
    let best = -1;
    for (const c of tree.search(x, y, x, y)) {
      if ((best === -1 || c < best) && ringsContain(rings[c], x, y)) best = c;
    }
    return best;
  };
  return { rings, bboxes, tree, locate };
}

/** Plain reference index: Flatbush over area bounding boxes + full ray cast over every ring. */
export function buildFlatbushAreaIndex(features: readonly AreaFeature[]): AreaIndex {
  const ref = buildReference(features);
  return {
    size: features.length,
    locate: ref.locate,
    locateMany(lons, lats, out) {
      const res = out ?? new Int32Array(lons.length);
      for (let i = 0; i < lons.length; i++) res[i] = ref.locate(lons[i], lats[i]);
      return res;
    },
  };
}

export function buildAreaIndex(features: readonly AreaFeature[], options: AreaIndexOptions = {}): AreaIndex {
  const n = features.length;
  const ref = buildReference(features);
  const empty: AreaIndex = {
    size: n,
    locate: () => -1,
    locateMany: (lons, _lats, out) => (out ?? new Int32Array(lons.length)).fill(-1),
  };
  if (n === 0) return empty;

  // ---- edges, normalised so that (xa,ya) is the lower endpoint ----
  const isClosed = (ring: Float64Array): boolean => {
    const m = ring.length / 2;
    return m > 1 && ring[0] === ring[2 * m - 2] && ring[1] === ring[2 * m - 1];
  };
  let edgeCount = 0;
  for (const r of ref.rings)
    for (const ring of r) edgeCount += isClosed(ring) ? ring.length / 2 - 1 : ring.length / 2;
  const EX0 = new Float64Array(edgeCount);
  const EY0 = new Float64Array(edgeCount);
  const EX1 = new Float64Array(edgeCount);
  const EY1 = new Float64Array(edgeCount);
  const areaEdgeStart = new Int32Array(n + 1);
  let e = 0;
  for (let a = 0; a < n; a++) {
    areaEdgeStart[a] = e;
    for (const ring of ref.rings[a]) {
      const m = ring.length / 2;
      // closed rings repeat the first vertex; an unclosed ring gets its closing edge too
      const last = isClosed(ring) ? m - 1 : m;
      for (let i = 0; i < last; i++) {
        const j = i + 1 < m ? i + 1 : 0;
        const xi = ring[2 * i];
        const yi = ring[2 * i + 1];
        const xj = ring[2 * j];
        const yj = ring[2 * j + 1];
        if (yi === yj) continue; // horizontal edges never count in the crossing test
        if (yi < yj) {
          EX0[e] = xi;
          EY0[e] = yi;
          EX1[e] = xj;
          EY1[e] = yj;
        } else {
          EX0[e] = xj;
          EY0[e] = yj;
          EX1[e] = xi;
          EY1[e] = yi;
        }
        e++;
      }
    }
  }
  areaEdgeStart[n] = e;

  // ---- per-area band index ----
  const bandMinY = new Float64Array(n);
  const bandInv = new Float64Array(n);
  const bandCount = new Int32Array(n);
  const bandBase = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) {
    const ne = areaEdgeStart[a + 1] - areaEdgeStart[a];
    const [, minY, , maxY] = ref.bboxes[a];
    const nb = ne === 0 || !(maxY > minY) ? 1 : Math.max(1, Math.min(1024, Math.ceil(ne / 4)));
    bandCount[a] = nb;
    bandMinY[a] = Number.isFinite(minY) ? minY : 0;
    bandInv[a] = nb > 1 ? nb / (maxY - minY) : 0;
    bandBase[a + 1] = bandBase[a] + nb;
  }
  const bandOf = (a: number, y: number): number => {
    const b = Math.floor((y - bandMinY[a]) * bandInv[a]);
    return b < 0 ? 0 : b >= bandCount[a] ? bandCount[a] - 1 : b;
  };
  const bandFill = new Int32Array(bandBase[n] + 1);
  for (let a = 0; a < n; a++) {
    for (let k = areaEdgeStart[a]; k < areaEdgeStart[a + 1]; k++) {
      const b0 = bandOf(a, EY0[k]);
      const b1 = bandOf(a, EY1[k]);
      for (let b = b0; b <= b1; b++) bandFill[bandBase[a] + b + 1]++;
    }
  }
  for (let i = 1; i < bandFill.length; i++) bandFill[i] += bandFill[i - 1];
  const bandStart = bandFill.slice();
  // band entries store the edge itself, [y0, y1, x0, dx/dy], so a band scan reads memory sequentially
  const bandData = new Float64Array(4 * bandFill[bandFill.length - 1]);
  const cursor = bandFill.slice(0, bandFill.length - 1);
  for (let a = 0; a < n; a++) {
    for (let k = areaEdgeStart[a]; k < areaEdgeStart[a + 1]; k++) {
      const b0 = bandOf(a, EY0[k]);
      const b1 = bandOf(a, EY1[k]);
      const slope = (EX1[k] - EX0[k]) / (EY1[k] - EY0[k]);
      for (let b = b0; b <= b1; b++) {
        const o = 4 * cursor[bandBase[a] + b]++;
        bandData[o] = EY0[k];
        bandData[o + 1] = EY1[k];
        bandData[o + 2] = EX0[k];
        bandData[o + 3] = slope;
      }
    }
  }

  const contains = (a: number, x: number, y: number): boolean => {
    const gb = bandBase[a] + bandOf(a, y);
    let inside = false;
    for (let o = 4 * bandStart[gb], end = 4 * bandStart[gb + 1]; o < end; o += 4) {
      // half-open span: lower endpoint included, upper excluded (y0 < y1 always); crossing strictly east
      if (
        bandData[o] <= y &&
        y < bandData[o + 1] &&
        x < bandData[o + 2] + (y - bandData[o]) * bandData[o + 3]
      )
        inside = !inside;
    }
    return inside;
  };

  const fastRefLocate = (x: number, y: number): number => {
    let best = -1;
    for (const c of ref.tree.search(x, y, x, y)) if ((best === -1 || c < best) && contains(c, x, y)) best = c;
    return best;
  };

  // ---- uniform grid over the layer's bounding box ----
  let gMinX = Infinity;
  let gMinY = Infinity;
  let gMaxX = -Infinity;
  let gMaxY = -Infinity;
  for (const b of ref.bboxes) {
    if (!Number.isFinite(b[0])) continue;
    gMinX = Math.min(gMinX, b[0]);
    gMinY = Math.min(gMinY, b[1]);
    gMaxX = Math.max(gMaxX, b[2]);
    gMaxY = Math.max(gMaxY, b[3]);
  }
  if (!Number.isFinite(gMinX) || !(gMaxX > gMinX) || !(gMaxY > gMinY)) {
    // degenerate layer: fall back to the reference
    return { ...buildFlatbushAreaIndex(features), size: n };
  }
  const side = options.gridSize ?? Math.max(64, Math.min(1024, Math.round(Math.sqrt(edgeCount) * 1.2)));
  // cells roughly square in metres: scale longitude by cos(latitude) for geographic coordinates
  const geographic = gMinX >= -180 && gMaxX <= 180 && gMinY >= -90 && gMaxY <= 90;
  const kx = geographic ? Math.cos((((gMinY + gMaxY) / 2) * Math.PI) / 180) : 1;
  const wx = (gMaxX - gMinX) * kx;
  const wy = gMaxY - gMinY;
  const nx = Math.max(1, wx >= wy ? side : Math.round((side * wx) / wy)) | 0;
  const ny = Math.max(1, wy >= wx ? side : Math.round((side * wy) / wx)) | 0;
  const invW = nx / (gMaxX - gMinX);
  const invH = ny / (gMaxY - gMinY);
  const cellW = (gMaxX - gMinX) / nx;
  const cellH = (gMaxY - gMinY) / ny;
  const cellX = (x: number): number => {
    const c = Math.floor((x - gMinX) * invW);
    return c < 0 ? 0 : c >= nx ? nx - 1 : c;
  };
  const cellY = (y: number): number => {
    const c = Math.floor((y - gMinY) * invH);
    return c < 0 ? 0 : c >= ny ? ny - 1 : c;
  };

  // mark cells touched by edges (conservatively: the edge's bounding box, widened by a small margin),
  // recording (cell, area) pairs once per area
  const nCells = nx * ny;
  const lastArea = new Int32Array(nCells).fill(-1);
  let pairCell = new Int32Array(1 << 16);
  let pairArea = new Int32Array(1 << 16);
  let nPairs = 0;
  const epsX = cellW * 1e-6;
  const epsY = cellH * 1e-6;
  for (let a = 0; a < n; a++) {
    for (const ring of ref.rings[a]) {
      const m = ring.length / 2;
      for (let i = 0; i < m; i++) {
        const j = i + 1 < m ? i + 1 : 0;
        const x0 = Math.min(ring[2 * i], ring[2 * j]);
        const x1 = Math.max(ring[2 * i], ring[2 * j]);
        const y0 = Math.min(ring[2 * i + 1], ring[2 * j + 1]);
        const y1 = Math.max(ring[2 * i + 1], ring[2 * j + 1]);
        const cx0 = cellX(x0 - epsX);
        const cx1 = cellX(x1 + epsX);
        const cy0 = cellY(y0 - epsY);
        const cy1 = cellY(y1 + epsY);
        for (let cy = cy0; cy <= cy1; cy++) {
          for (let cx = cx0; cx <= cx1; cx++) {
            const c = cy * nx + cx;
            if (lastArea[c] === a) continue;
            lastArea[c] = a;
            if (nPairs === pairCell.length) {
              const pc = new Int32Array(nPairs * 2);
              pc.set(pairCell);
              pairCell = pc;
              const pa = new Int32Array(nPairs * 2);
              pa.set(pairArea);
              pairArea = pa;
            }
            pairCell[nPairs] = c;
            pairArea[nPairs] = a;
            nPairs++;
          }
        }
      }
    }
  }

  // CSR per boundary cell; areas are ascending because pairs were generated area by area
  const cellVal = new Int32Array(nCells).fill(-1);
  const cellPairCount = new Int32Array(nCells);
  for (let p = 0; p < nPairs; p++) cellPairCount[pairCell[p]]++;
  let nBoundary = 0;
  for (let c = 0; c < nCells; c++) if (cellPairCount[c] > 0) cellVal[c] = -2 - nBoundary++;
  const tmpStart = new Int32Array(nBoundary + 1);
  for (let c = 0; c < nCells; c++) if (cellPairCount[c] > 0) tmpStart[-2 - cellVal[c] + 1] = cellPairCount[c];
  for (let i = 1; i <= nBoundary; i++) tmpStart[i] += tmpStart[i - 1];
  const tmpCands = new Int32Array(nPairs);
  const fill = tmpStart.slice(0, nBoundary);
  for (let p = 0; p < nPairs; p++) tmpCands[fill[-2 - cellVal[pairCell[p]]]++] = pairArea[p];

  // areas that cover a whole boundary cell without an edge in it (only where areas overlap): cut the list
  const bStart = new Int32Array(nBoundary + 1);
  const bFallback = new Int32Array(nBoundary).fill(-1);
  const bCands = new Int32Array(nPairs);
  let w = 0;
  for (let c = 0; c < nCells; c++) {
    const v = cellVal[c];
    if (v > -2) continue;
    const b = -2 - v;
    const s = tmpStart[b];
    const t = tmpStart[b + 1];
    const cx = c % nx;
    const cy = (c - cx) / nx;
    const x0 = gMinX + cx * cellW;
    const y0 = gMinY + cy * cellH;
    const mx = x0 + cellW / 2;
    const my = y0 + cellH / 2;
    let full = -1;
    for (const o of ref.tree.search(x0, y0, x0 + cellW, y0 + cellH)) {
      if (full !== -1 && o > full) continue;
      let hasEdge = false;
      for (let q = s; q < t; q++)
        if (tmpCands[q] === o) {
          hasEdge = true;
          break;
        }
      if (!hasEdge && contains(o, mx, my)) full = o;
    }
    bStart[b] = w;
    for (let q = s; q < t; q++) if (full === -1 || tmpCands[q] < full) bCands[w++] = tmpCands[q];
    bFallback[b] = full;
    if (w === bStart[b] && full >= 0) cellVal[c] = full; // the covering area wins outright
  }
  bStart[nBoundary] = w;

  // interior cells: each run of edge-free cells in a row lies in one area (or none) — test its first centre
  for (let cy = 0; cy < ny; cy++) {
    let runVal = -3;
    const my = gMinY + (cy + 0.5) * cellH;
    for (let cx = 0; cx < nx; cx++) {
      const c = cy * nx + cx;
      if (cellPairCount[c] > 0) {
        runVal = -3;
        continue;
      }
      if (runVal === -3) runVal = fastRefLocate(gMinX + (cx + 0.5) * cellW, my);
      cellVal[c] = runVal;
    }
  }

  const locateBoundary = (b: number, x: number, y: number): number => {
    for (let q = bStart[b], end = bStart[b + 1]; q < end; q++) {
      const a = bCands[q];
      if (contains(a, x, y)) return a;
    }
    return bFallback[b];
  };

  const locate = (x: number, y: number): number => {
    if (!(x >= gMinX && x <= gMaxX && y >= gMinY && y <= gMaxY)) return -1; // also rejects NaN
    let cx = ((x - gMinX) * invW) | 0;
    if (cx >= nx) cx = nx - 1;
    let cy = ((y - gMinY) * invH) | 0;
    if (cy >= ny) cy = ny - 1;
    const v = cellVal[cy * nx + cx];
    return v > -2 ? v : locateBoundary(-2 - v, x, y);
  };

  return {
    size: n,
    locate,
    locateMany(lons, lats, out) {
      const len = lons.length;
      const res = out ?? new Int32Array(len);
      for (let i = 0; i < len; i++) {
        const x = lons[i];
        const y = lats[i];
        if (!(x >= gMinX && x <= gMaxX && y >= gMinY && y <= gMaxY)) {
          res[i] = -1;
          continue;
        }
        // x ≥ gMinX here, so truncation (| 0) equals floor and keeps the arithmetic in int32
        let cx = ((x - gMinX) * invW) | 0;
        if (cx >= nx) cx = nx - 1;
        let cy = ((y - gMinY) * invH) | 0;
        if (cy >= ny) cy = ny - 1;
        const v = cellVal[cy * nx + cx];
        res[i] = v > -2 ? v : locateBoundary(-2 - v, x, y);
      }
      return res;
    },
  };
}
