/**
 * Point → LOR join. The Planungsraum (PLR) is found by geometry (see areaIndex.ts for the index and the
 * border rule); Bezirksregion, Prognoseraum and Bezirk are DERIVED from the nested PLR ID by prefix
 * (`01100101` → BZR `011001`, PGR `0110`, BEZ `01`), never by a second geometric lookup. `checkLorHierarchy`
 * verifies once that this derivation agrees with the coarser geometries.
 */
import { LOR_LEVEL_LABEL_DE, LOR_LEVELS, type LorLevel, lorAncestorId } from '../domain/lor';
import type { AreaFeature, JoinReport } from '../domain/types';
import { type AreaIndex, buildAreaIndex } from './areaIndex';
import { interiorPoint } from './geometry';

/** Property names that may carry the ID of an LOR area, in order of preference. */
export const LOR_ID_PROPERTIES: Record<LorLevel, readonly string[]> = {
  plr: ['id', 'PLR_ID', 'plr_id'],
  bzr: ['id', 'BZR_ID', 'bzr_id'],
  pgr: ['id', 'PGR_ID', 'pgr_id'],
  bez: ['id', 'BEZ_ID', 'bez_id'],
};

/** The ID of an area feature as a string (never a number), or '' when none of the candidate properties exists. */
export function featureId(f: AreaFeature, candidates: readonly string[]): string {
  const p = f.properties ?? {};
  for (const k of candidates) {
    const v = p[k];
    if (v !== undefined && v !== null && v !== '') return String(v);
  }
  return '';
}

export interface LorJoiner {
  readonly index: AreaIndex;
  /** PLR ID per PLR feature (feature order). */
  readonly plrIds: readonly string[];
  /** Sorted unique IDs per level (for `plr`: the PLR IDs sorted). */
  readonly levelIds: Record<LorLevel, readonly string[]>;
  /** PLR feature index → index into `levelIds[level]`. */
  readonly plrToLevel: Record<LorLevel, Int32Array>;
  /** Index into `levelIds.plr` for each point, -1 outside every PLR. */
  locatePlr(lons: ArrayLike<number>, lats: ArrayLike<number>): Int32Array;
  /**
   * Indices into `levelIds[level]` for all four levels; -1 outside. Pass `out` (arrays of the points' length)
   * to reuse buffers on repeated calls.
   */
  assign(
    lons: ArrayLike<number>,
    lats: ArrayLike<number>,
    out?: Record<LorLevel, Int32Array>,
  ): Record<LorLevel, Int32Array>;
}

export function buildLorJoiner(plrFeatures: readonly AreaFeature[]): LorJoiner {
  const plrIds = plrFeatures.map((f, i) => {
    const id = featureId(f, LOR_ID_PROPERTIES.plr);
    if (!/^\d{8}$/.test(id)) throw new Error(`PLR feature ${i + 1}: ID "${id}" is not an 8-digit PLR ID`);
    return id;
  });
  const index = buildAreaIndex(plrFeatures);
  const levelIds = {} as Record<LorLevel, string[]>;
  const plrToLevel = {} as Record<LorLevel, Int32Array>;
  for (const level of LOR_LEVELS) {
    const ids = [...new Set(plrIds.map((id) => lorAncestorId(id, level)))].sort();
    const pos = new Map(ids.map((id, i) => [id, i]));
    levelIds[level] = ids;
    plrToLevel[level] = Int32Array.from(plrIds, (id) => pos.get(lorAncestorId(id, level)) ?? -1);
  }
  const toPlr = plrToLevel.plr;
  const locatePlr = (lons: ArrayLike<number>, lats: ArrayLike<number>): Int32Array => {
    const k = index.locateMany(lons, lats);
    for (let i = 0; i < k.length; i++) if (k[i] >= 0) k[i] = toPlr[k[i]];
    return k;
  };
  return {
    index,
    plrIds,
    levelIds,
    plrToLevel,
    locatePlr,
    assign(lons, lats, out) {
      const n = lons.length;
      const res = out ?? {
        plr: new Int32Array(n),
        bzr: new Int32Array(n),
        pgr: new Int32Array(n),
        bez: new Int32Array(n),
      };
      // feature index first (into res.plr), then all four levels in one pass through the lookup tables
      const plr = index.locateMany(lons, lats, res.plr);
      const { bzr, pgr, bez } = res;
      const mPlr = plrToLevel.plr;
      const mBzr = plrToLevel.bzr;
      const mPgr = plrToLevel.pgr;
      const mBez = plrToLevel.bez;
      for (let i = 0; i < n; i++) {
        const k = plr[i];
        if (k < 0) {
          bzr[i] = -1;
          pgr[i] = -1;
          bez[i] = -1;
        } else {
          plr[i] = mPlr[k];
          bzr[i] = mBzr[k];
          pgr[i] = mPgr[k];
          bez[i] = mBez[k];
        }
      }
      return res;
    },
  };
}

export interface PointInput {
  key: string;
  name?: string;
  lon: number | null;
  lat: number | null;
}

export interface LorAssignment {
  plr_id: string;
  bzr_id: string;
  pgr_id: string;
  bez_id: string;
}

export interface PointJoinResult {
  /** One entry per input point, null when outside every PLR or without coordinates. */
  assigned: (LorAssignment | null)[];
  /** Points that found no Planungsraum (with reason) — listed, never dropped silently. */
  unassigned: { key: string; name?: string; detail: string }[];
}

export function joinPointsToLor(joiner: LorJoiner, points: readonly PointInput[]): PointJoinResult {
  const lons = Float64Array.from(points, (p) => (p.lon === null ? Number.NaN : p.lon));
  const lats = Float64Array.from(points, (p) => (p.lat === null ? Number.NaN : p.lat));
  const plr = joiner.locatePlr(lons, lats);
  const unassigned: PointJoinResult['unassigned'] = [];
  const assigned = points.map((p, i): LorAssignment | null => {
    if (plr[i] < 0) {
      unassigned.push({
        key: p.key,
        name: p.name,
        detail:
          p.lon === null || p.lat === null || !Number.isFinite(lons[i]) || !Number.isFinite(lats[i])
            ? 'keine gültigen Koordinaten / no valid coordinates'
            : `außerhalb aller Planungsräume / outside every Planungsraum (${lons[i]}, ${lats[i]})`,
      });
      return null;
    }
    const id = joiner.levelIds.plr[plr[i]];
    return {
      plr_id: id,
      bzr_id: lorAncestorId(id, 'bzr'),
      pgr_id: lorAncestorId(id, 'pgr'),
      bez_id: lorAncestorId(id, 'bez'),
    };
  });
  return { assigned, unassigned };
}

/**
 * Check once that the prefix-derived hierarchy agrees with the coarser geometries: an interior point of
 * every PLR (`interiorPoint`: never on a border) is located in each given coarser layer and compared with the ID prefix.
 */
export function checkLorHierarchy(
  plrFeatures: readonly AreaFeature[],
  coarser: Partial<Record<Exclude<LorLevel, 'plr'>, readonly AreaFeature[]>>,
): JoinReport {
  const items: JoinReport['items'] = [];
  const pts = plrFeatures.map((f) => interiorPoint(f) ?? [Number.NaN, Number.NaN]);
  const lons = Float64Array.from(pts, (p) => p[0]);
  const lats = Float64Array.from(pts, (p) => p[1]);
  for (const level of ['bzr', 'pgr', 'bez'] as const) {
    const layer = coarser[level];
    if (!layer) continue;
    const ids = layer.map((f) => featureId(f, LOR_ID_PROPERTIES[level]));
    const k = buildAreaIndex(layer).locateMany(lons, lats);
    plrFeatures.forEach((f, i) => {
      const plrId = featureId(f, LOR_ID_PROPERTIES.plr);
      const expected = lorAncestorId(plrId, level);
      const found = k[i] < 0 ? '' : ids[k[i]];
      if (found !== expected)
        items.push({
          key: plrId,
          name: String(f.properties?.PLR_NAME ?? f.properties?.name ?? ''),
          detail: `${LOR_LEVEL_LABEL_DE[level]}: ID-Präfix ${expected}, Geometrie ${found || '– (keine)'}`,
        });
    });
  }
  return {
    id: 'lor-hierarchy',
    title: 'Planungsräume, deren ID-Hierarchie nicht zur Geometrie der gröberen Ebenen passt',
    count: items.length,
    items,
  };
}

/**
 * Compare the Bezirk derived from the join with a Bezirk name given in the source (e.g. the school list's
 * `bezirk` field). Names are compared case-insensitively with hyphens/spaces normalised.
 */
export function compareBezirk(
  rows: readonly { key: string; name?: string; bezirkField: string; bezIdByJoin: string | null }[],
  bezNameById: ReadonlyMap<string, string>,
  title = 'Bezirk laut Join ≠ Bezirk laut Quelldatei',
): JoinReport {
  const norm = (s: string): string =>
    s
      .toLocaleLowerCase('de-DE')
      .replace(/[\s\u2010-\u2015-]+/g, '-')
      .trim();
  const items: JoinReport['items'] = [];
  for (const r of rows) {
    if (r.bezIdByJoin === null) continue;
    const joined = bezNameById.get(r.bezIdByJoin) ?? r.bezIdByJoin;
    if (norm(joined) !== norm(r.bezirkField))
      items.push({
        key: r.key,
        name: r.name,
        detail: `Join: ${r.bezIdByJoin} ${joined}; Quelle: ${r.bezirkField || '(leer)'}`,
      });
  }
  return { id: 'bezirk-mismatch', title, count: items.length, items };
}
