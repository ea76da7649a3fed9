/**
 * Roll-up along the LOR hierarchy PLR → BZR → PGR → Bezirk → Berlin, on typed arrays.
 *
 * Rules (the only ones used anywhere in the app):
 * - counts and sums are summed;
 * - ratios are recomputed on every level from the summed numerator and the summed denominator — never
 *   averaged (a Bezirk's pupils per teacher = Σ pupils / Σ teachers of its schools);
 * - categorical indices (MSS status / dynamics class) are summarised as distributions: the share of a weight
 *   (residents) per class on every coarser level;
 * - small numbers: a value whose supporting count is ≥ 1 and below the threshold (default 3) is flagged for
 *   suppression (0 is not flagged: "none" discloses nothing about individuals).
 *
 * Index convention: values per level are arrays aligned with `hierarchy.levelIds[level]`; `berlin` has length 1.
 */
import { LOR_LEVELS, type LorLevel, lorAncestorId } from '../domain/lor';

export type RollupLevel = LorLevel | 'berlin';
export const ROLLUP_LEVELS: readonly RollupLevel[] = ['plr', 'bzr', 'pgr', 'bez', 'berlin'];

export interface Hierarchy {
  /** Sorted unique IDs per level; `berlin` is `['00']`. */
  levelIds: Record<RollupLevel, readonly string[]>;
  /** Index into levelIds.plr → index into levelIds[level]. */
  plrToLevel: Record<RollupLevel, Int32Array>;
  /** Position of an ID within its level. */
  indexOf(level: RollupLevel, id: string): number;
}

export type LevelValues = Record<RollupLevel, Float64Array>;

export const DEFAULT_SUPPRESSION_THRESHOLD = 3;

/** Hierarchy from the PLR IDs alone (higher levels derived by prefix). Input order does not matter. */
export function buildHierarchy(plrIds: readonly string[]): Hierarchy {
  const plr = [...new Set(plrIds)].sort();
  const levelIds = { berlin: ['00'] } as Record<RollupLevel, string[]>;
  const plrToLevel = { berlin: new Int32Array(plr.length) } as Record<RollupLevel, Int32Array>;
  const positions = new Map<RollupLevel, Map<string, number>>();
  for (const level of LOR_LEVELS) {
    const ids = [...new Set(plr.map((id) => lorAncestorId(id, level)))].sort();
    const pos = new Map(ids.map((id, i) => [id, i]));
    levelIds[level] = ids;
    positions.set(level, pos);
    plrToLevel[level] = Int32Array.from(plr, (id) => pos.get(lorAncestorId(id, level)) ?? -1);
  }
  positions.set('berlin', new Map([['00', 0]]));
  return {
    levelIds,
    plrToLevel,
    indexOf: (level, id) => positions.get(level)?.get(id) ?? -1,
  };
}

export function levelSize(h: Hierarchy, level: RollupLevel): number {
  return h.levelIds[level].length;
}

/**
 * Sum per PLR over items (institutions, sites …) given each item's PLR index (-1 = unassigned, skipped).
 * `values` null → count items. NaN values are skipped. `mask` (1 = keep) filters items.
 */
export function sumByPlr(
  nPlr: number,
  itemPlr: Int32Array,
  values: Float64Array | null,
  mask?: Uint8Array | null,
  out?: Float64Array,
): Float64Array {
  const acc = out ?? new Float64Array(nPlr);
  acc.fill(0);
  const n = itemPlr.length;
  if (values === null) {
    if (mask) {
      for (let i = 0; i < n; i++) {
        const p = itemPlr[i];
        if (p >= 0 && mask[i] !== 0) acc[p] += 1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const p = itemPlr[i];
        if (p >= 0) acc[p] += 1;
      }
    }
    return acc;
  }
  for (let i = 0; i < n; i++) {
    const p = itemPlr[i];
    const v = values[i];
    if (p >= 0 && !Number.isNaN(v) && mask?.[i] !== 0) acc[p] += v;
  }
  return acc;
}

/**
 * Paired sums for a ratio over items: numerator and denominator are summed only over items where BOTH are
 * known (a school without a teacher count does not inflate pupils per teacher). Also counts those items.
 */
export function pairedSumsByPlr(
  nPlr: number,
  itemPlr: Int32Array,
  num: Float64Array,
  den: Float64Array,
  mask?: Uint8Array | null,
): { num: Float64Array; den: Float64Array; n: Float64Array } {
  const sn = new Float64Array(nPlr);
  const sd = new Float64Array(nPlr);
  const cnt = new Float64Array(nPlr);
  for (let i = 0; i < itemPlr.length; i++) {
    const p = itemPlr[i];
    const a = num[i];
    const b = den[i];
    if (p >= 0 && !Number.isNaN(a) && !Number.isNaN(b) && mask?.[i] !== 0) {
      sn[p] += a;
      sd[p] += b;
      cnt[p] += 1;
    }
  }
  return { num: sn, den: sd, n: cnt };
}

/**
 * Sum PLR values up to every level. NaN in a PLR propagates as "unknown" only if ALL PLR of the parent are NaN;
 * otherwise NaN PLR are skipped (use `missingCount` to show how many were missing).
 */
export function rollupSum(h: Hierarchy, plrValues: Float64Array): LevelValues {
  const out = {} as LevelValues;
  out.plr = plrValues;
  for (const level of ROLLUP_LEVELS) {
    if (level === 'plr') continue;
    const map = h.plrToLevel[level];
    const acc = new Float64Array(levelSize(h, level)).fill(Number.NaN);
    for (let i = 0; i < plrValues.length; i++) {
      const v = plrValues[i];
      if (Number.isNaN(v)) continue;
      const k = map[i];
      acc[k] = Number.isNaN(acc[k]) ? v : acc[k] + v;
    }
    out[level] = acc;
  }
  return out;
}

/** Ratio per level from summed numerators and denominators: scale · Σnum / Σden (NaN where Σden = 0). */
export function rollupRatio(num: LevelValues, den: LevelValues, scale = 1): LevelValues {
  const out = {} as LevelValues;
  for (const level of ROLLUP_LEVELS) {
    const a = num[level];
    const b = den[level];
    const r = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++)
      r[i] = b[i] > 0 && !Number.isNaN(a[i]) ? (scale * a[i]) / b[i] : Number.NaN;
    out[level] = r;
  }
  return out;
}

/** Difference b − a per level (e.g. change between two school years). */
export function levelDiff(a: LevelValues, b: LevelValues): LevelValues {
  const out = {} as LevelValues;
  for (const level of ROLLUP_LEVELS) out[level] = b[level].map((v, i) => v - a[level][i]);
  return out;
}

export interface Distribution {
  /** Category codes in column order. */
  categories: readonly number[];
  /** Per level: row-major [area][category] weight sums. */
  weights: Record<RollupLevel, Float64Array>;
  /** Per level: row-major [area][category] shares of the area's classified weight (0…1, NaN if none). */
  shares: Record<RollupLevel, Float64Array>;
  /** Per level: weight of PLR without a valid category (e.g. MSS "ohne Zuordnung"). */
  unclassified: LevelValues;
}

/**
 * Distribution of a categorical PLR attribute on every level, weighted (e.g. residents per MSS status class).
 * `plrCategory[i]` is the code of PLR i (anything not in `categories` counts as unclassified).
 */
export function rollupDistribution(
  h: Hierarchy,
  plrCategory: ArrayLike<number>,
  plrWeight: Float64Array,
  categories: readonly number[],
): Distribution {
  const nc = categories.length;
  const col = new Map(categories.map((c, i) => [c, i]));
  const weights = {} as Record<RollupLevel, Float64Array>;
  const shares = {} as Record<RollupLevel, Float64Array>;
  const unclassified = {} as LevelValues;
  for (const level of ROLLUP_LEVELS) {
    const n = levelSize(h, level);
    const map = h.plrToLevel[level];
    const w = new Float64Array(n * nc);
    const u = new Float64Array(n);
    for (let i = 0; i < plrWeight.length; i++) {
      const wt = plrWeight[i];
      if (Number.isNaN(wt)) continue;
      const k = level === 'plr' ? i : map[i];
      const c = col.get(plrCategory[i]);
      if (c === undefined) u[k] += wt;
      else w[k * nc + c] += wt;
    }
    const s = new Float64Array(n * nc);
    for (let k = 0; k < n; k++) {
      let tot = 0;
      for (let c = 0; c < nc; c++) tot += w[k * nc + c];
      for (let c = 0; c < nc; c++) s[k * nc + c] = tot > 0 ? w[k * nc + c] / tot : Number.NaN;
    }
    weights[level] = w;
    shares[level] = s;
    unclassified[level] = u;
  }
  return { categories, weights, shares, unclassified };
}

/** Share of one category per level (column of a distribution), e.g. residents in status class 4. */
export function distributionColumn(d: Distribution, category: number): LevelValues {
  const c = d.categories.indexOf(category);
  const out = {} as LevelValues;
  const nc = d.categories.length;
  for (const level of ROLLUP_LEVELS) {
    const s = d.shares[level];
    const n = s.length / nc;
    out[level] = Float64Array.from({ length: n }, (_, k) => (c < 0 ? Number.NaN : s[k * nc + c]));
  }
  return out;
}

/** Suppression flags: 1 where 1 ≤ count < threshold (small numbers), else 0. */
export function suppressionFlags(
  counts: Float64Array,
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): Uint8Array {
  const f = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    f[i] = c >= 1 && c < threshold ? 1 : 0;
  }
  return f;
}

export function levelSuppression(counts: LevelValues, threshold = DEFAULT_SUPPRESSION_THRESHOLD) {
  const out = {} as Record<RollupLevel, Uint8Array>;
  for (const level of ROLLUP_LEVELS) out[level] = suppressionFlags(counts[level], threshold);
  return out;
}

export interface ItemAggSpec {
  /** Count the kept items. */
  count: boolean;
  /** Count kept items where the flag array is 1 (e.g. schultyp = Grundschule). */
  flags: Uint8Array[];
  /** Sum numeric columns over kept items (NaN skipped). */
  sums: Float64Array[];
  /** Paired sums (numerator, denominator) over kept items where both are known. */
  pairs: [Float64Array, Float64Array][];
}

export interface ItemAggResult {
  count: Float64Array | null;
  flags: Float64Array[];
  sums: Float64Array[];
  pairs: { num: Float64Array; den: Float64Array; n: Float64Array }[];
}

/**
 * All per-PLR aggregates of one item set in ONE pass over the items (the re-aggregation hot path after a
 * filter change): counts, flagged counts, sums and paired sums. `mask` (1 = keep) is the filter.
 * (Measured: one fused pass beats one loop per quantity here — the pass is memory-bound.)
 */
export function aggregateItems(
  nPlr: number,
  itemPlr: Int32Array,
  mask: Uint8Array | null | undefined,
  spec: ItemAggSpec,
): ItemAggResult {
  const count = spec.count ? new Float64Array(nPlr) : null;
  const flagAcc = spec.flags.map(() => new Float64Array(nPlr));
  const sumAcc = spec.sums.map(() => new Float64Array(nPlr));
  const pairAcc = spec.pairs.map(() => ({
    num: new Float64Array(nPlr),
    den: new Float64Array(nPlr),
    n: new Float64Array(nPlr),
  }));
  const nf = spec.flags.length;
  const ns = spec.sums.length;
  const np = spec.pairs.length;
  const n = itemPlr.length;
  for (let i = 0; i < n; i++) {
    const p = itemPlr[i];
    if (p < 0 || (mask && mask[i] === 0)) continue;
    if (count) count[p] += 1;
    for (let k = 0; k < nf; k++) if (spec.flags[k][i] !== 0) flagAcc[k][p] += 1;
    for (let k = 0; k < ns; k++) {
      const v = spec.sums[k][i];
      if (!Number.isNaN(v)) sumAcc[k][p] += v;
    }
    for (let k = 0; k < np; k++) {
      const a = spec.pairs[k][0][i];
      const b = spec.pairs[k][1][i];
      if (!Number.isNaN(a) && !Number.isNaN(b)) {
        const acc = pairAcc[k];
        acc.num[p] += a;
        acc.den[p] += b;
        acc.n[p] += 1;
      }
    }
  }
  return { count, flags: flagAcc, sums: sumAcc, pairs: pairAcc };
}
