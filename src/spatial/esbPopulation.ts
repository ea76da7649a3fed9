/**
 * Population of Einschulbereiche (ESB, primary-school catchments) estimated from Planungsraum (PLR)
 * population by area share (areal interpolation, see overlay.ts `arealInterpolation`):
 *
 *   estimate(ESB) = Σ over PLR of value(PLR) × area(PLR ∩ ESB) / area(PLR)
 *
 * i.e. residents are assumed to be spread evenly within each Planungsraum. The PLR × ESB overlay is done
 * once (Flatbush bounding-box prefilter, Turf `intersect` on candidate pairs only) and reused for every
 * column. Computed in the data pipeline (scripts/data/esb.ts → tables/esb_population.csv).
 */
import type { AreaFeature } from '../domain/types';
import { arealInterpolation, type Overlay, overlayLayers } from './overlay';

export interface EsbPopulationRow {
  esb_id: string;
  name: string;
  bez_id: string;
  area_m2: number;
  /** Share (0…1) of the ESB's area covered by Planungsräume with a population figure. */
  covered_share: number;
  /** Planungsräume contributing at least PLR_MIN_SHARE of their own area to this ESB. */
  plr_count: number;
  /** Estimated residents per population column (e.g. total, age_6_15). */
  values: Record<string, number>;
}

/** A PLR counts as "contributing" to an ESB when at least this share of its area lies inside it. */
export const PLR_MIN_SHARE = 0.01;

const parseNum = (v: string | number | undefined | null): number => {
  if (typeof v === 'number') return v;
  if (v === undefined || v === null) return Number.NaN;
  const t = v.trim();
  return t !== '' && /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
};

/**
 * Areal interpolation of every `columns` entry of `population` (rows keyed by `plr_id`) onto `esb`.
 * `overlay` may be passed when already computed (PLR = layer A, ESB = layer B).
 */
export function estimateEsbPopulation(input: {
  plr: readonly AreaFeature[];
  esb: readonly AreaFeature[];
  population: readonly Record<string, string | number | undefined>[];
  columns: readonly string[];
  overlay?: Overlay;
}): { rows: EsbPopulationRow[]; overlay: Overlay } {
  const { plr, esb, population, columns } = input;
  const o = input.overlay ?? overlayLayers(plr, esb);
  const byId = new Map<string, Record<string, string | number | undefined>>();
  for (const r of population) byId.set(String(r.plr_id ?? ''), r);
  const plrRows = plr.map((f) => byId.get(String(f.properties?.id ?? '')));
  const total = Float64Array.from(plrRows, (r) => (r ? parseNum(r.total ?? r[columns[0]]) : Number.NaN));
  const covered = arealInterpolation(o, total, esb.length).coveredM2;
  const est: Record<string, Float64Array> = {};
  for (const c of columns) {
    const v = Float64Array.from(plrRows, (r) => (r ? parseNum(r[c]) : Number.NaN));
    est[c] = arealInterpolation(o, v, esb.length).values;
  }
  const contributing = new Uint32Array(esb.length);
  for (const p of o.pieces) if (o.areaA[p.a] > 0 && p.m2 / o.areaA[p.a] >= PLR_MIN_SHARE) contributing[p.b]++;
  const rows = esb.map((f, b): EsbPopulationRow => {
    const props = f.properties ?? {};
    const values: Record<string, number> = {};
    for (const c of columns) values[c] = est[c][b];
    return {
      esb_id: String(props.id ?? ''),
      name: String(props.name ?? ''),
      bez_id: String(props.bez_id ?? ''),
      area_m2: o.areaB[b],
      covered_share: o.areaB[b] > 0 ? Math.min(1, covered[b] / o.areaB[b]) : Number.NaN,
      plr_count: contributing[b],
      values,
    };
  });
  return { rows, overlay: o };
}
