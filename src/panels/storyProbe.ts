/**
 * Read-only test hook of the linked views (like state/perf.ts), used by tests/e2e/stories.test.ts:
 *
 *   window.__bildungsraumViews.areaClickPoint('bzr', '011001')  // [x, y] in map-container pixels, or null
 *   window.__bildungsraumViews.filteredCount('school')          // institutions left after all filters
 *
 * `areaClickPoint` returns a point inside the area (of the loaded level) that is as far as possible from
 * every visible institution point and from the area's outline, so a click there picks the area and not a
 * point symbol or the neighbour across the outline.
 */
import type { Position } from 'geojson';
import type { LorLevel } from '../domain/lor';
import type { InstitutionKind } from '../domain/types';
import { getMapHandle } from '../map/mapHandle';
import { useDataStore } from '../state/dataStore';
import { getFilteredInstitutions } from '../state/filterStore';
import { useViewStore } from '../state/viewStore';

export interface ViewsProbe {
  areaClickPoint(level: LorLevel, id: string): [number, number] | null;
  filteredCount(kind: InstitutionKind): number;
}

declare global {
  interface Window {
    __bildungsraumViews?: ViewsProbe;
  }
}

/** Planar even-odd test over all rings (holes included) — enough for picking a click point. */
function inside(polys: Position[][][], x: number, y: number): boolean {
  let c = false;
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
      }
  return c;
}

/** Squared distance of a point to a segment [x1, y1, x2, y2]. */
function segmentDistance2(x: number, y: number, [x1, y1, x2, y2]: [number, number, number, number]): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
  return (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2;
}

function areaClickPoint(level: LorLevel, id: string): [number, number] | null {
  const handle = getMapHandle();
  const feature = useDataStore.getState().areas[level]?.features.find((f) => f.properties.id === id);
  if (!handle || !feature) return null;
  const { map } = handle;
  const canvas = map.getCanvas();
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  // visible institution points, projected
  const layers = useViewStore.getState().layers;
  const pts: [number, number][] = [];
  for (const kind of ['school', 'youth', 'kita'] as const) {
    if (!layers[kind]) continue;
    for (const it of getFilteredInstitutions(kind)) {
      const p = map.project([it.lon, it.lat]);
      pts.push([p.x, p.y]);
    }
  }
  // bounding box of the area
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const rings =
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const poly of rings)
    for (const [lon, lat] of poly[0]) {
      minX = Math.min(minX, lon);
      maxX = Math.max(maxX, lon);
      minY = Math.min(minY, lat);
      maxY = Math.max(maxY, lat);
    }
  // the outline in pixels: a click within a pixel or two of it may pick the neighbouring area
  const edges: [number, number, number, number][] = [];
  for (const poly of rings)
    for (const ring of poly)
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = map.project([ring[k][0], ring[k][1]]);
        const b = map.project([ring[k + 1][0], ring[k + 1][1]]);
        edges.push([a.x, a.y, b.x, b.y]);
      }
  let best: [number, number] | null = null;
  let bestScore = -1;
  const N = 32;
  for (let i = 1; i < N; i++)
    for (let j = 1; j < N; j++) {
      const lon = minX + ((maxX - minX) * i) / N;
      const lat = minY + ((maxY - minY) * j) / N;
      if (!inside(rings, lon, lat)) continue;
      const p = map.project([lon, lat]);
      if (p.x < 8 || p.y < 8 || p.x > w - 8 || p.y > h - 8) continue;
      let d = Number.POSITIVE_INFINITY;
      for (const q of pts) d = Math.min(d, (q[0] - p.x) ** 2 + (q[1] - p.y) ** 2);
      for (const e of edges) d = Math.min(d, segmentDistance2(p.x, p.y, e));
      if (d > bestScore) {
        bestScore = d;
        best = [p.x, p.y];
      }
    }
  return best;
}

/** Install the probe once (no-op outside the browser). */
export function installViewsProbe(): void {
  if (typeof window === 'undefined' || window.__bildungsraumViews) return;
  window.__bildungsraumViews = {
    areaClickPoint,
    filteredCount: (kind) => getFilteredInstitutions(kind).length,
  };
}
