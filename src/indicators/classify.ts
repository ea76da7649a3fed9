/**
 * Classification of indicator values for choropleth maps (pure: no DOM, no React).
 *
 * Convention: `breaks` are the k−1 inner thresholds of k classes, ascending. Class i holds the values
 * v with breaks[i−1] < v ≤ breaks[i] (upper bound inclusive), the first class everything ≤ breaks[0],
 * the last class everything > breaks[k−2]. `classIndexOf` implements exactly this rule, so a map, a
 * histogram and a table that use it always agree.
 */
import { ckmeans, mean as ssMean, standardDeviation } from 'simple-statistics';

export type ClassifyMethod = 'quantile' | 'equal' | 'jenks' | 'stddev' | 'manual';
export const CLASSIFY_METHODS: readonly ClassifyMethod[] = ['quantile', 'equal', 'jenks', 'stddev', 'manual'];

export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;
export const DEFAULT_CLASSES = 5;
/** classOf value of a missing / non-finite value. */
export const NO_DATA = -1;
/** classOf value of a value suppressed for privacy (small counts). */
export const SUPPRESSED = -2;

export interface ClassifyOptions {
  method: ClassifyMethod;
  /** Requested number of classes, 3–9 (clamped). Ignored for `manual` (breaks decide). */
  classes: number;
  /** Inner thresholds for `manual` (any order; non-finite and duplicates are dropped). */
  breaks?: readonly number[];
  /** Same length as values; true = suppressed (shown distinctly from "no data"). */
  suppressed?: ArrayLike<boolean> | null;
  /** Width of a standard-deviation class in SD units (1 or 0.5). Default 1. */
  sdStep?: 1 | 0.5;
}

export type ClassifyNote =
  | { code: 'classesClamped'; requested: number; used: number }
  | { code: 'fewerClasses'; requested: number; used: number }
  | { code: 'manualBreaksInvalid' }
  | { code: 'noValues' }
  | { code: 'zeroSpread' };

export interface ClassifyResult {
  method: ClassifyMethod;
  requestedClasses: number;
  /** Effective number of classes (may be lower than requested: ties, few distinct values). */
  classes: number;
  /** k−1 ascending inner thresholds (upper bound of class i = breaks[i]). */
  breaks: number[];
  /** Per class [lower, upper]; ±Infinity where the class is open-ended (stddev, manual). */
  bounds: [number, number][];
  /** Per value: class index, NO_DATA (−1) or SUPPRESSED (−2). */
  classOf: Int8Array;
  /** Values per class. */
  counts: number[];
  noData: number;
  suppressed: number;
  /** Number of classified (finite, not suppressed) values. */
  valid: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Population standard deviation of the classified values. */
  sd: number | null;
  /** stddev only: per class bounds in SD units relative to the mean (±Infinity at the ends). */
  zBounds?: [number, number][];
  notes: ClassifyNote[];
}

/** Class of a value for ascending inner thresholds (upper bound inclusive); NO_DATA for null/NaN. */
export function classIndexOf(value: number | null | undefined, breaks: readonly number[]): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  let lo = 0;
  let hi = breaks.length;
  // first i with value <= breaks[i]; breaks.length if none
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= breaks[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function clampClasses(n: number): number {
  if (!Number.isFinite(n)) return DEFAULT_CLASSES;
  return Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(n)));
}

function uniqueSorted(xs: readonly number[]): number[] {
  const out: number[] = [];
  for (const x of [...xs].filter(Number.isFinite).sort((a, b) => a - b)) {
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

function countUniqueSorted(sorted: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/** Keep only thresholds that split [min, max]: min ≤ b < max, unique, ascending. */
function usableBreaks(breaks: readonly number[], min: number, max: number): number[] {
  return uniqueSorted(breaks).filter((b) => b >= min && b < max);
}

export function classify(
  values: readonly (number | null | undefined)[],
  opts: ClassifyOptions,
): ClassifyResult {
  const notes: ClassifyNote[] = [];
  const n = values.length;
  const classOf = new Int8Array(n);
  const valid: number[] = [];
  let suppressedCount = 0;
  let noDataCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (opts.suppressed?.[i]) {
      classOf[i] = SUPPRESSED;
      suppressedCount++;
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      classOf[i] = NO_DATA;
      noDataCount++;
    } else {
      valid.push(v);
    }
  }

  let method = opts.method;
  const requested = method === 'manual' ? (opts.breaks?.length ?? 0) + 1 : clampClasses(opts.classes);
  if (method !== 'manual' && requested !== opts.classes) {
    notes.push({ code: 'classesClamped', requested: opts.classes, used: requested });
  }

  const base = {
    method,
    requestedClasses: requested,
    classOf,
    noData: noDataCount,
    suppressed: suppressedCount,
    valid: valid.length,
    notes,
  };

  if (valid.length === 0) {
    notes.push({ code: 'noValues' });
    return {
      ...base,
      classes: 0,
      breaks: [],
      bounds: [],
      counts: [],
      min: null,
      max: null,
      mean: null,
      sd: null,
    };
  }

  const sorted = [...valid].sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const mean = ssMean(sorted);
  const sd = sorted.length > 1 ? standardDeviation(sorted) : 0;

  let breaks: number[] = [];
  let openEnded = false;
  let zBounds: [number, number][] | undefined;
  let k = requested;

  if (method === 'manual') {
    const manual = uniqueSorted(opts.breaks ?? []);
    if (manual.length === 0) {
      notes.push({ code: 'manualBreaksInvalid' });
      method = 'quantile';
      k = DEFAULT_CLASSES;
    } else {
      if (manual.length > MAX_CLASSES - 1) {
        notes.push({ code: 'classesClamped', requested: manual.length + 1, used: MAX_CLASSES });
      }
      breaks = manual.slice(0, MAX_CLASSES - 1);
      openEnded = true;
    }
  }

  if (method !== 'manual' && max === min) {
    // one distinct value: a single class whatever the method
    if (k > 1) notes.push({ code: 'zeroSpread' });
    breaks = [];
  } else if (method === 'quantile') {
    const qs: number[] = [];
    // nearest-rank quantiles (R type 1): every break is a data value, so no class ends up empty
    for (let j = 1; j < k; j++) qs.push(sorted[Math.max(0, Math.ceil((j / k) * sorted.length) - 1)]);
    breaks = usableBreaks(qs, min, max);
  } else if (method === 'equal') {
    const step = (max - min) / k;
    const eq: number[] = [];
    for (let j = 1; j < k; j++) eq.push(min + step * j);
    breaks = usableBreaks(eq, min, max);
  } else if (method === 'jenks') {
    const kk = Math.min(k, countUniqueSorted(sorted));
    const clusters = ckmeans(sorted, kk);
    breaks = usableBreaks(
      clusters.slice(0, -1).map((c) => c[c.length - 1]),
      min,
      max,
    );
  } else if (method === 'stddev') {
    // MSS-style: classes centred on the mean; odd k → a middle class of ±step/2, even k → a break at the mean
    const step = opts.sdStep ?? 1;
    const zs: number[] = [];
    for (let j = 1; j < k; j++) zs.push((j - k / 2) * step);
    breaks = zs.map((z) => mean + z * sd);
    zBounds = [];
    for (let j = 0; j < k; j++) {
      zBounds.push([j === 0 ? -Infinity : zs[j - 1], j === k - 1 ? Infinity : zs[j]]);
    }
    openEnded = true;
  }

  const classes = breaks.length + 1;
  if (method !== 'manual' && classes < k && !notes.some((x) => x.code === 'zeroSpread')) {
    notes.push({ code: 'fewerClasses', requested: k, used: classes });
  }
  if (method === 'stddev' && classes === 1) zBounds = undefined;

  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) {
    if (classOf[i] === NO_DATA || classOf[i] === SUPPRESSED) continue;
    const c = classIndexOf(values[i] as number, breaks);
    classOf[i] = c;
    counts[c]++;
  }

  const bounds: [number, number][] = [];
  for (let j = 0; j < classes; j++) {
    const lo = j === 0 ? (openEnded ? -Infinity : min) : breaks[j - 1];
    const hi = j === classes - 1 ? (openEnded ? Infinity : max) : breaks[j];
    bounds.push([lo, hi]);
  }

  return {
    ...base,
    method,
    requestedClasses: method === opts.method ? requested : k,
    classes,
    breaks,
    bounds,
    counts,
    min,
    max,
    mean,
    sd,
    ...(zBounds ? { zBounds } : {}),
  };
}
