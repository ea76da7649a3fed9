/**
 * Distance from each area to the nearest facility.
 *
 * Method (stated in the catalogue wherever the figure is shown): straight-line (Euclidean) distance in metres
 * in ETRS89 / UTM zone 33N (EPSG:25833, the official Berlin CRS; scale error < 0.05 % within Berlin) from the
 * area's AREA-WEIGHTED CENTROID to the nearest facility point. If the centroid lies outside the area (concave
 * or multi-part areas) an interior point is used instead (`interiorPoint`, midpoint of the widest inside span).
 * The nearest facility is found with a Flatbush `neighbors` query over the projected facility points.
 * Not a walking distance; barriers (rivers, railways) are ignored.
 */
import Flatbush from 'flatbush';
import proj4 from 'proj4';
import type { AreaFeature } from '../domain/types';
import { featureRings, ringsContain } from './areaIndex';
import { interiorPoint, planarCentroid } from './geometry';

const UTM33 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
const wgsToUtm = proj4('EPSG:4326', UTM33);
const utmToWgs = proj4(UTM33, 'EPSG:4326');

export function toUtm33(lon: number, lat: number): [number, number] {
  const p = wgsToUtm.forward([lon, lat]);
  return [p[0], p[1]];
}

/** The reference point of an area in lon/lat (centroid, or an interior point if the centroid is outside). */
export function areaReferencePoint(
  f: AreaFeature,
): { lon: number; lat: number; kind: 'centroid' | 'interior' } | null {
  const c = planarCentroid(f, toUtm33);
  if (c) {
    const [lon, lat] = utmToWgs.forward([c[0], c[1]]);
    if (ringsContain(featureRings(f), lon, lat)) return { lon, lat, kind: 'centroid' };
  }
  const p = interiorPoint(f);
  return p ? { lon: p[0], lat: p[1], kind: 'interior' } : null;
}

export interface NearestResult {
  /** Distance in metres to the nearest facility (NaN when there is none). */
  metres: Float64Array;
  /** Index of the nearest facility (-1 when none). */
  nearest: Int32Array;
  /** Reference points used (lon/lat) and whether each was the centroid. */
  refLon: Float64Array;
  refLat: Float64Array;
  refKind: ('centroid' | 'interior' | 'none')[];
}

/** Nearest facility for every area. Facilities as lon/lat arrays (NaN entries are ignored). */
export function nearestFacility(
  areas: readonly AreaFeature[],
  facLon: ArrayLike<number>,
  facLat: ArrayLike<number>,
): NearestResult {
  const n = areas.length;
  const metres = new Float64Array(n).fill(Number.NaN);
  const nearest = new Int32Array(n).fill(-1);
  const refLon = new Float64Array(n).fill(Number.NaN);
  const refLat = new Float64Array(n).fill(Number.NaN);
  const refKind: NearestResult['refKind'] = new Array(n).fill('none');
  const valid: number[] = [];
  for (let i = 0; i < facLon.length; i++)
    if (Number.isFinite(facLon[i]) && Number.isFinite(facLat[i])) valid.push(i);
  let tree: Flatbush | null = null;
  const fx = new Float64Array(valid.length);
  const fy = new Float64Array(valid.length);
  if (valid.length > 0) {
    tree = new Flatbush(valid.length);
    valid.forEach((i, k) => {
      const [x, y] = toUtm33(facLon[i], facLat[i]);
      fx[k] = x;
      fy[k] = y;
      tree?.add(x, y, x, y);
    });
    tree.finish();
  }
  areas.forEach((f, a) => {
    const r = areaReferencePoint(f);
    if (!r) return;
    refLon[a] = r.lon;
    refLat[a] = r.lat;
    refKind[a] = r.kind;
    if (!tree) return;
    const [x, y] = toUtm33(r.lon, r.lat);
    const [k] = tree.neighbors(x, y, 1);
    if (k === undefined) return;
    nearest[a] = valid[k];
    metres[a] = Math.hypot(fx[k] - x, fy[k] - y);
  });
  return { metres, nearest, refLon, refLat, refKind };
}

/** The shape the indicator engine takes: area id → metres. */
export function distanceById(ids: readonly string[], metres: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  ids.forEach((id, i) => {
    if (Number.isFinite(metres[i])) out[id] = metres[i];
  });
  return out;
}
