/**
 * Filter-independent per-Planungsraum figures that are expensive to compute (polygon overlay, nearest
 * facility): compute them once (data pipeline or worker start-up), keep them as a small table, and feed the
 * table to the indicator engine (`staticsForEngine`).
 *
 * Columns: plr_id, area_m2 (Turf area), em_m2 / es_m2 / eg_m2 (part inside Milieuschutz / städtebauliche /
 * any Erhaltungsgebiete — pieces from Turf intersect, unioned per PLR so overlaps count once),
 * dist_youth_m / dist_primary_m (see distance.ts for the method).
 */
import { area, featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreaFeature } from '../domain/types';
import type { EngineInput } from '../indicators/compute';
import { nearestFacility } from './distance';
import { intersectionPieces } from './overlay';
import { featureId, LOR_ID_PROPERTIES } from './pointJoin';

export interface PlrStaticsRow {
  plr_id: string;
  area_m2: number;
  em_m2: number | null;
  es_m2: number | null;
  eg_m2: number | null;
  dist_youth_m: number | null;
  dist_primary_m: number | null;
}

export interface PlrStaticsInput {
  plr: readonly AreaFeature[];
  em?: readonly AreaFeature[];
  es?: readonly AreaFeature[];
  youth?: { lon: ArrayLike<number>; lat: ArrayLike<number> };
  primarySchools?: { lon: ArrayLike<number>; lat: ArrayLike<number> };
}

type Poly = Feature<Polygon | MultiPolygon>;

function unionArea(parts: Poly[]): number {
  if (parts.length === 0) return 0;
  if (parts.length === 1) return area(parts[0]);
  try {
    const u = union(featureCollection(parts));
    return u ? area(u) : 0;
  } catch {
    return parts.reduce((s, p) => s + area(p), 0);
  }
}

export function computePlrStatics(input: PlrStaticsInput): PlrStaticsRow[] {
  const { plr } = input;
  const ids = plr.map((f) => featureId(f, LOR_ID_PROPERTIES.plr));
  const areaM2 = plr.map((f) => area(f));
  const em = input.em ? intersectionPieces(plr, input.em) : null;
  const es = input.es ? intersectionPieces(plr, input.es) : null;
  const dy = input.youth ? nearestFacility(plr, input.youth.lon, input.youth.lat).metres : null;
  const dp = input.primarySchools
    ? nearestFacility(plr, input.primarySchools.lon, input.primarySchools.lat).metres
    : null;
  const cap = (v: number, i: number): number => Math.min(v, areaM2[i]);
  return ids.map((plr_id, i) => ({
    plr_id,
    area_m2: areaM2[i],
    em_m2: em ? cap(unionArea(em[i]), i) : null,
    es_m2: es ? cap(unionArea(es[i]), i) : null,
    eg_m2: em || es ? cap(unionArea([...(em?.[i] ?? []), ...(es?.[i] ?? [])]), i) : null,
    dist_youth_m: dy && Number.isFinite(dy[i]) ? dy[i] : null,
    dist_primary_m: dp && Number.isFinite(dp[i]) ? dp[i] : null,
  }));
}

/** Statics table (rows as computed, or as read back from CSV text) → the engine's input fields. */
export function staticsForEngine(
  rows: readonly Partial<Record<keyof PlrStaticsRow, string | number | null>>[],
): Pick<EngineInput, 'plrAreaM2' | 'overlayM2' | 'distances'> {
  const num = (v: string | number | null | undefined): number | null => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const col = (key: keyof PlrStaticsRow): Record<string, number> | undefined => {
    const out: Record<string, number> = {};
    let any = false;
    for (const r of rows) {
      const v = num(r[key]);
      if (v !== null && r.plr_id) {
        out[String(r.plr_id)] = v;
        any = true;
      }
    }
    return any ? out : undefined;
  };
  return {
    plrAreaM2: col('area_m2'),
    overlayM2: { em: col('em_m2'), es: col('es_m2'), eg: col('eg_m2') },
    distances: { youth: col('dist_youth_m'), primary: col('dist_primary_m') },
  };
}
