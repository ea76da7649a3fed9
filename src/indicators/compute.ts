/**
 * Indicator engine — pure TypeScript, runs in the browser worker, the CLI and the data pipeline.
 *
 * API
 * ```ts
 * const engine = prepareEngine({
 *   plrIds,                                   // all PLR IDs (strings, e.g. from full/plr.geojson `id`)
 *   institutions: { schools, youth, kitas, housing },
 *       // each either rows { plrId, fields } (e.g. datasets/parse Institution[]), CSV rows with `plr_id`,
 *       // or a columnar InstitutionTable { plrIndex | plrId, numeric?, text? } (1M points: use this)
 *   population,                               // rows of tables/population.csv (text cells)
 *   mss,                                      // rows of tables/mss2021.csv
 *   ...staticsForEngine(rows),                // plrAreaM2, overlayM2 {em,es,eg}, distances {youth,primary}:
 *                                             // spatial/plrStatics.ts computePlrStatics (slow: overlay —
 *                                             // compute once, e.g. in the data pipeline, and pass the table)
 * });
 * engine.issues                               // rows read but not used, with reasons
 * const r = engine.compute({ masks: { schools: mask }, threshold: 3 });   // mask: Uint8Array, 1 = keep
 * engine.compute({ categories: { schools: { traeger: ['öffentlich'] } } })   // fast path for category filters
 * r.levelIds.bez                              // ['01', …, '12'] — arrays below are aligned with these
 * r.values.pupils_per_teacher_2024_25.bez     // Float64Array (NaN = no value)
 * r.suppressed.pupils_2024_25.plr             // Uint8Array, 1 = small number: hide in views/exports
 * r.distributions.mss_status                  // resident shares per status class on every level
 * r.unavailable                               // indicator ids whose input data were not given
 * engine.countsByCategory('schools', 'schulart', mask) // Map<category, LevelValues>
 * ```
 * Re-aggregation on a filter change only re-sums the affected institutions (typed arrays, item → PLR index
 * precomputed once); population, MSS, areas and distances are cached across calls.
 * Indicator definitions come from catalogue.ts; the roll-up rules from spatial/rollup.ts.
 */
import type { ImportIssue } from '../domain/types';
import {
  aggregateItems,
  buildHierarchy,
  DEFAULT_SUPPRESSION_THRESHOLD,
  type Distribution,
  type Hierarchy,
  type ItemAggResult,
  type ItemAggSpec,
  type LevelValues,
  levelSuppression,
  ROLLUP_LEVELS,
  type RollupLevel,
  rollupDistribution,
  rollupRatio,
  rollupSum,
} from '../spatial/rollup';
import { INDICATORS, type IndicatorDef, MSS_DYNAMICS_CLASSES, MSS_STATUS_CLASSES } from './catalogue';

export type EngineKind = 'schools' | 'youth' | 'kitas' | 'housing';
export const ENGINE_KINDS: readonly EngineKind[] = ['schools', 'youth', 'kitas', 'housing'];

export interface EngineItem {
  plrId?: string | null;
  plr_id?: string;
  fields?: Record<string, string>;
  [column: string]: unknown;
}

/** Columnar institutions: PLR given as index into `engine.hierarchy.levelIds.plr` or as ID. */
export interface InstitutionTable {
  plrIndex?: Int32Array;
  plrId?: readonly (string | null)[];
  numeric?: Record<string, Float64Array>;
  text?: Record<string, readonly string[]>;
}

export type TableRow = Record<string, string | undefined>;

export interface EngineInput {
  plrIds: readonly string[];
  institutions?: Partial<Record<EngineKind, readonly EngineItem[] | InstitutionTable>>;
  population?: readonly TableRow[];
  mss?: readonly TableRow[];
  plrAreaM2?: Readonly<Record<string, number>>;
  overlayM2?: Partial<Record<'em' | 'es' | 'eg', Readonly<Record<string, number>>>>;
  distances?: Partial<Record<'youth' | 'primary', Readonly<Record<string, number>>>>;
  /** File names for issue messages. */
  files?: Partial<Record<EngineKind | 'population' | 'mss', string>>;
  /**
   * Einschulbereiche (ESB): their ids, the rows of tables/esb_population.csv (estimates by area share) and,
   * per schools item, the index of the ESB its location lies in (-1 = none; from a point-in-polygon join).
   */
  esb?: { ids: readonly string[]; estimates?: readonly TableRow[]; schoolEsb?: Int32Array };
}

/** Values of the Einschulbereich indicators (catalogue `esb`), aligned with `ids`. */
export interface EsbResults {
  ids: readonly string[];
  values: Record<string, Float64Array>;
  /** Every numeric column of the estimates table (e.g. total, age_6_15, covered_share, plr_count). */
  columns: Record<string, Float64Array>;
  /** Per schools item: index into `ids` of the ESB it lies in, -1 = none (for lists in the profile). */
  schoolEsb?: Int32Array;
}

export interface ComputeOptions {
  /** Any filter as a mask per kind (1 = keep), aligned with the items. */
  masks?: Partial<Record<EngineKind, Uint8Array | null>>;
  /**
   * Categorical filters per kind: column → allowed values (an item is kept when every listed column's value is
   * allowed). Without a mask for that kind this is answered from a cached (PLR × value combination) cube —
   * no pass over the items; with a mask both are combined.
   */
  categories?: Partial<Record<EngineKind, Readonly<Record<string, readonly string[]>>>>;
  threshold?: number;
  /** Only these indicators (default: all of the catalogue). */
  indicators?: readonly string[];
}

export interface IndicatorResults {
  levelIds: Record<RollupLevel, readonly string[]>;
  values: Record<string, LevelValues>;
  suppressed: Record<string, Record<RollupLevel, Uint8Array>>;
  distributions: Partial<Record<'mss_status' | 'mss_dynamics', Distribution>>;
  threshold: number;
  /** Requested indicators that could not be computed because their input data were not given. */
  unavailable: string[];
  /** Einschulbereich indicators (only when ESB input was given). */
  esb?: EsbResults;
}

export interface Engine {
  readonly hierarchy: Hierarchy;
  readonly issues: readonly ImportIssue[];
  itemCount(kind: EngineKind): number;
  /** PLR index (into hierarchy.levelIds.plr) of every item of a kind, -1 = none. */
  itemPlr(kind: EngineKind): Int32Array;
  compute(options?: ComputeOptions): IndicatorResults;
  /** Counts per value of a text column (e.g. schulart) on every level, after the mask. */
  countsByCategory(kind: EngineKind, column: string, mask?: Uint8Array | null): Map<string, LevelValues>;
  /** A mask (1 = keep) from a predicate over an item's text column. */
  maskWhere(kind: EngineKind, column: string, keep: (value: string) => boolean): Uint8Array;
}

/** Parse a runtime-CSV number ('.' decimal, no thousands separator); empty / invalid → NaN. */
export function parseRuntimeNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return Number.NaN;
  const t = v.trim();
  if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

interface Columnar {
  n: number;
  plr: Int32Array;
  /** Numeric column (parsed once, cached), or null when the column does not exist. */
  num(column: string): Float64Array | null;
  text(column: string): readonly string[];
}

function toColumnar(
  kind: EngineKind,
  src: readonly EngineItem[] | InstitutionTable,
  h: Hierarchy,
  issues: ImportIssue[],
  file: string,
): Columnar {
  if (!Array.isArray(src)) {
    const t = src as InstitutionTable;
    let plr: Int32Array;
    if (t.plrIndex) plr = t.plrIndex;
    else if (t.plrId) plr = Int32Array.from(t.plrId, (id) => (id ? h.indexOf('plr', id) : -1));
    else throw new Error(`${kind}: InstitutionTable needs plrIndex or plrId`);
    const numeric = t.numeric ?? {};
    const textCols = t.text ?? {};
    return {
      n: plr.length,
      plr,
      num: (c) => numeric[c] ?? null,
      text: (c) => textCols[c] ?? [],
    };
  }
  const items = src as readonly EngineItem[];
  const get = (it: EngineItem, c: string): string => {
    const v = it.fields ? it.fields[c] : it[c];
    return v === undefined || v === null ? '' : String(v);
  };
  const plr = new Int32Array(items.length);
  items.forEach((it, i) => {
    const raw = it.plrId ?? (it.fields ? it.fields.plr_id : it.plr_id) ?? '';
    const id = String(raw).trim();
    const k = id === '' ? -1 : h.indexOf('plr', id);
    plr[i] = k;
    if (k < 0)
      issues.push({
        file,
        row: i + 2,
        column: 'plr_id',
        value: id,
        reason:
          id === ''
            ? 'kein Planungsraum zugeordnet – zählt in keinem Gebiet'
            : 'unbekannter Planungsraum – zählt in keinem Gebiet',
        severity: 'warning',
      });
  });
  const numeric = new Map<string, Float64Array>();
  const textCache = new Map<string, string[]>();
  const has = (c: string): boolean => items.some((it) => (it.fields ? c in it.fields : c in it));
  return {
    n: items.length,
    plr,
    num: (c) => {
      let a = numeric.get(c);
      if (!a) {
        if (items.length > 0 && !has(c)) return null;
        a = Float64Array.from(items, (it) => parseRuntimeNumber(get(it, c)));
        numeric.set(c, a);
      }
      return a;
    },
    text: (c) => {
      let a = textCache.get(c);
      if (!a) {
        a = items.map((it) => get(it, c));
        textCache.set(c, a);
      }
      return a;
    },
  };
}

function tableByPlr(
  rows: readonly TableRow[],
  h: Hierarchy,
  issues: ImportIssue[],
  file: string,
): { index: Int32Array; col(name: string): Float64Array } {
  const nPlr = h.levelIds.plr.length;
  const index = new Int32Array(nPlr).fill(-1);
  rows.forEach((r, i) => {
    const id = (r.plr_id ?? '').trim();
    const k = h.indexOf('plr', id);
    if (k < 0) {
      issues.push({
        file,
        row: i + 2,
        column: 'plr_id',
        value: id,
        reason: 'Planungsraum unbekannt – Zeile nicht verwendet',
        severity: 'warning',
      });
      return;
    }
    if (index[k] >= 0) {
      issues.push({
        file,
        row: i + 2,
        column: 'plr_id',
        value: id,
        reason: 'Planungsraum doppelt – erste Zeile verwendet',
        severity: 'warning',
      });
      return;
    }
    index[k] = i;
  });
  const cache = new Map<string, Float64Array>();
  return {
    index,
    col(name) {
      let a = cache.get(name);
      if (!a) {
        a = Float64Array.from(index, (ri) => (ri < 0 ? Number.NaN : parseRuntimeNumber(rows[ri][name])));
        cache.set(name, a);
      }
      return a;
    },
  };
}

function nanLevels(h: Hierarchy): LevelValues {
  const out = {} as LevelValues;
  for (const l of ROLLUP_LEVELS) out[l] = new Float64Array(h.levelIds[l].length).fill(Number.NaN);
  return out;
}

export function prepareEngine(input: EngineInput): Engine {
  const h = buildHierarchy(input.plrIds);
  const nPlr = h.levelIds.plr.length;
  const issues: ImportIssue[] = [];
  const files = input.files ?? {};
  const inst = new Map<EngineKind, Columnar>();
  for (const kind of ENGINE_KINDS) {
    const src = input.institutions?.[kind];
    if (src) inst.set(kind, toColumnar(kind, src, h, issues, files[kind] ?? `institutions/${kind}.csv`));
  }
  const pop = input.population
    ? tableByPlr(input.population, h, issues, files.population ?? 'tables/population.csv')
    : null;
  const mss = input.mss ? tableByPlr(input.mss, h, issues, files.mss ?? 'tables/mss2021.csv') : null;

  const perPlr = (rec: Readonly<Record<string, number>> | undefined): Float64Array | null =>
    rec ? Float64Array.from(h.levelIds.plr, (id) => (id in rec ? rec[id] : Number.NaN)) : null;

  // ---- static (filter-independent) base quantities, rolled up once ----
  const staticCache = new Map<string, LevelValues | null>();
  const staticBase = (key: string): LevelValues | null => {
    if (staticCache.has(key)) return staticCache.get(key) ?? null;
    let plr: Float64Array | null = null;
    const [ns, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (ns === 'pop' && pop) {
      if (name === 'age_6_27') {
        const a = pop.col('age_6_15');
        const b = pop.col('age_15_18');
        const c = pop.col('age_18_27');
        plr = a.map((v, i) => v + b[i] + c[i]);
      } else plr = pop.col(name);
    } else if (ns === 'area') {
      if (name === 'm2') plr = perPlr(input.plrAreaM2);
      else {
        const which = name.replace(/_m2$/, '') as 'em' | 'es' | 'eg';
        const rec = input.overlayM2?.[which];
        // PLR absent from the overlay record have no overlap: 0 m², as long as the layer was given
        plr = rec ? Float64Array.from(h.levelIds.plr, (id) => rec[id] ?? 0) : null;
      }
    } else if (ns === 'popdist' && pop) {
      const d = perPlr(input.distances?.[name as 'youth' | 'primary']);
      if (d) {
        const p = pop.col('total');
        plr = d.map((v, i) => v * p[i]);
      }
    }
    const v = plr ? rollupSum(h, plr) : null;
    staticCache.set(key, v);
    return v;
  };

  const mssCategory = (attribute: 'mss_status' | 'mss_dynamics'): Int32Array | null => {
    if (!mss) return null;
    const code = mss.col(attribute === 'mss_status' ? 'si_n' : 'di_n');
    const valid = mss.col('valid');
    return Int32Array.from(code, (v, i) => (valid[i] === 1 && Number.isInteger(v) && v > 0 ? v : -1));
  };
  const distCache = new Map<string, Distribution | null>();
  const distribution = (attribute: 'mss_status' | 'mss_dynamics'): Distribution | null => {
    if (distCache.has(attribute)) return distCache.get(attribute) ?? null;
    const cat = mssCategory(attribute);
    const d =
      cat && mss
        ? rollupDistribution(
            h,
            cat,
            mss.col('ew'),
            attribute === 'mss_status' ? MSS_STATUS_CLASSES : MSS_DYNAMICS_CLASSES,
          )
        : null;
    distCache.set(attribute, d);
    return d;
  };

  const eqMaskCache = new Map<string, Uint8Array>();
  const maskWhere = (kind: EngineKind, column: string, keep: (value: string) => boolean): Uint8Array => {
    const c = inst.get(kind);
    if (!c) return new Uint8Array(0);
    const t = c.text(column);
    const m = new Uint8Array(c.n);
    for (let i = 0; i < c.n; i++) m[i] = keep(t[i] ?? '') ? 1 : 0;
    return m;
  };
  const eqMask = (kind: EngineKind, column: string, value: string): Uint8Array => {
    const key = `${kind}\u0000${column}\u0000${value}`;
    let m = eqMaskCache.get(key);
    if (!m) {
      m = maskWhere(kind, column, (v) => v === value);
      eqMaskCache.set(key, m);
    }
    return m;
  };

  /** The aggregation spec for a list of item quantity keys, and how to read each key from the result. */
  const buildSpec = (
    kind: EngineKind,
    c: Columnar,
    keys: readonly string[],
  ): { spec: ItemAggSpec; slot: Map<string, (r: ItemAggResult) => Float64Array> } => {
    const spec: ItemAggSpec = { count: false, flags: [], sums: [], pairs: [] };
    const slot = new Map<string, (r: ItemAggResult) => Float64Array>();
    const sumIdx = new Map<string, number>();
    const pairIdx = new Map<string, number>();
    for (const key of keys) {
      const parts = key.split(':');
      const ns = parts[0];
      const rest = parts.slice(2).join(':');
      if (ns === 'count' && parts.length === 2) {
        spec.count = true;
        slot.set(key, (r) => r.count as Float64Array);
      } else if (ns === 'count') {
        const eq = rest.indexOf('=');
        const k = spec.flags.push(eqMask(kind, rest.slice(0, eq), rest.slice(eq + 1))) - 1;
        slot.set(key, (r) => r.flags[k]);
      } else if (ns === 'sum') {
        const col = c.num(rest);
        if (!col) continue;
        let k = sumIdx.get(rest);
        if (k === undefined) {
          k = spec.sums.push(col) - 1;
          sumIdx.set(rest, k);
        }
        const kk = k;
        slot.set(key, (r) => r.sums[kk]);
      } else {
        const [a, b] = rest.split('/');
        const na = c.num(a);
        const nb = c.num(b);
        if (!na || !nb) continue;
        let k = pairIdx.get(rest);
        if (k === undefined) {
          k = spec.pairs.push([na, nb]) - 1;
          pairIdx.set(rest, k);
        }
        const kk = k;
        slot.set(key, (r) =>
          ns === 'pairnum' ? r.pairs[kk].num : ns === 'pairden' ? r.pairs[kk].den : r.pairs[kk].n,
        );
      }
    }
    return { spec, slot };
  };

  /**
   * Per kind and set of categorical filter columns: every item's category combination and a "virtual PLR"
   * index (plr · G + combination), so quantities can be aggregated once per (PLR × combination) and any later
   * categorical filter is a sum over the selected combinations.
   */
  interface Cube {
    G: number;
    combos: string[][];
    virt: Int32Array;
    quantities: Map<string, Float64Array | null>;
  }
  const cubes = new Map<string, Cube>();
  const getCube = (kind: EngineKind, c: Columnar, columns: readonly string[]): Cube => {
    const key = `${kind}\u0000${columns.join('\u0000')}`;
    let cube = cubes.get(key);
    if (!cube) {
      // per column: value → small integer; combination = mixed-radix number → group index
      const texts = columns.map((col) => c.text(col));
      const colCodes = texts.map((t) => {
        const values = new Map<string, number>();
        const codes = new Int32Array(c.n);
        for (let i = 0; i < c.n; i++) {
          const v = t[i] ?? '';
          let k = values.get(v);
          if (k === undefined) {
            k = values.size;
            values.set(v, k);
          }
          codes[i] = k;
        }
        return { codes, names: [...values.keys()], radix: values.size || 1 };
      });
      const exact = colCodes.reduce((prod, cc) => prod * cc.radix, 1) <= Number.MAX_SAFE_INTEGER;
      const index = new Map<number | string, number>();
      const combos: string[][] = [];
      const code = new Int32Array(c.n);
      for (let i = 0; i < c.n; i++) {
        let k: number | string = 0;
        if (exact) for (const cc of colCodes) k = (k as number) * cc.radix + cc.codes[i];
        else k = colCodes.map((cc) => cc.codes[i]).join(',');
        let g = index.get(k);
        if (g === undefined) {
          g = combos.push(colCodes.map((cc) => cc.names[cc.codes[i]])) - 1;
          index.set(k, g);
        }
        code[i] = g;
      }
      const G = Math.max(1, combos.length);
      const virt = Int32Array.from(c.plr, (p, i) => (p < 0 ? -1 : p * G + code[i]));
      cube = { G, combos, virt, quantities: new Map() };
      cubes.set(key, cube);
    }
    return cube;
  };

  // ---- Einschulbereiche: estimates from the table (static), school counts from the item → ESB join ----
  const esbIn = input.esb;
  const esbPos = new Map<string, number>();
  esbIn?.ids.forEach((id, i) => {
    esbPos.set(id, i);
  });
  const esbEstimateCache = new Map<string, Float64Array | null>();
  const esbEstimate = (column: string): Float64Array | null => {
    if (esbEstimateCache.has(column)) return esbEstimateCache.get(column) ?? null;
    let out: Float64Array | null = null;
    const rows = esbIn?.estimates;
    if (esbIn && rows && rows.length > 0 && column in rows[0]) {
      out = new Float64Array(esbIn.ids.length).fill(Number.NaN);
      for (const r of rows) {
        const k = esbPos.get((r.esb_id ?? '').trim());
        if (k !== undefined) out[k] = parseRuntimeNumber(r[column]);
      }
    }
    esbEstimateCache.set(column, out);
    return out;
  };
  const esbSchools = (schultyp: string, mask: Uint8Array | null): Float64Array | null => {
    const c = inst.get('schools');
    const join = esbIn?.schoolEsb;
    if (!esbIn || !c || !join || join.length !== c.n) return null;
    const typ = c.text('schultyp');
    const out = new Float64Array(esbIn.ids.length);
    for (let i = 0; i < c.n; i++) {
      const k = join[i];
      if (k >= 0 && mask?.[i] !== 0 && typ[i] === schultyp) out[k] += 1;
    }
    return out;
  };

  /** The schools filter of a compute call as one mask (mask and categorical filters combined), null = all. */
  const schoolFilterMask = (options: ComputeOptions): Uint8Array | null => {
    const c = inst.get('schools');
    const mask = options.masks?.schools ?? null;
    const cats = options.categories?.schools;
    if (!c || !cats || Object.keys(cats).length === 0) return mask;
    const allowed = Object.keys(cats).map((col) => ({ t: c.text(col), ok: new Set(cats[col]) }));
    const m = new Uint8Array(c.n);
    for (let i = 0; i < c.n; i++)
      m[i] = (mask ? mask[i] : 1) && allowed.every((a) => a.ok.has(a.t[i] ?? '')) ? 1 : 0;
    return m;
  };

  const compute = (options: ComputeOptions = {}): IndicatorResults => {
    const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
    const masks = options.masks ?? {};
    const cache = new Map<string, LevelValues | null>();
    const wanted = options.indicators ? new Set(options.indicators) : null;
    const requested = INDICATORS.filter((d) => !wanted || wanted.has(d.id));
    const defs = requested.filter((d) => !d.esb);
    const esbDefs = requested.filter((d) => d.esb);
    const byId = new Map(INDICATORS.map((d) => [d.id, d]));

    // every base quantity the requested indicators need (changes pull in their two operands)
    const needed = new Set<string>();
    const collect = (d: IndicatorDef | undefined): void => {
      if (!d) return;
      for (const k of [d.numerator, d.denominator, d.suppressBy]) if (k) needed.add(k);
      if (d.change) {
        collect(byId.get(d.change.from));
        collect(byId.get(d.change.to));
      }
    };
    for (const d of defs) collect(d);

    /**
     * Fills the cache for all of a kind's item quantities: with a categorical filter only, from the
     * (PLR × category combination) cube — no pass over the items; otherwise one fused pass with the mask.
     */
    const aggregateKind = (kind: EngineKind): void => {
      const c = inst.get(kind);
      const keys = [...needed].filter((k) => k.split(':')[1] === kind && /^(count|sum|pair)/.test(k));
      if (!c) {
        for (const k of keys) cache.set(k, null);
        return;
      }
      const cats = options.categories?.[kind];
      const catColumns = cats ? Object.keys(cats).sort() : [];
      let mask = masks[kind] ?? null;
      const cube = catColumns.length > 0 && cats && !mask ? getCube(kind, c, catColumns) : null;
      // many value combinations (e.g. a filter on names) would make the cube bigger than the items: mask path
      if (cube && cats && cube.G * nPlr <= Math.max(4_000_000, c.n)) {
        const missing = keys.filter((k) => !cube.quantities.has(k));
        if (missing.length > 0) {
          const { spec, slot } = buildSpec(kind, c, missing);
          const res = aggregateItems(nPlr * cube.G, cube.virt, null, spec);
          for (const key of missing) {
            const get = slot.get(key);
            cube.quantities.set(key, get ? get(res) : null);
          }
        }
        const allowed = catColumns.map((col) => new Set(cats[col]));
        const sel = Uint8Array.from(cube.combos, (combo) =>
          combo.every((v, j) => allowed[j].has(v)) ? 1 : 0,
        );
        const G = cube.G;
        for (const key of keys) {
          const arr = cube.quantities.get(key);
          if (!arr) {
            cache.set(key, null);
            continue;
          }
          const out = new Float64Array(nPlr);
          for (let p = 0; p < nPlr; p++) {
            let acc = 0;
            for (let g = 0; g < G; g++) if (sel[g] !== 0) acc += arr[p * G + g];
            out[p] = acc;
          }
          cache.set(key, rollupSum(h, out));
        }
        return;
      }
      if (catColumns.length > 0 && cats) {
        // mask and categorical filter together: fold the categories into the mask (general path)
        const m = new Uint8Array(c.n);
        const allowed = catColumns.map((col) => ({ t: c.text(col), ok: new Set(cats[col]) }));
        for (let i = 0; i < c.n; i++)
          m[i] = (mask ? mask[i] : 1) && allowed.every((a) => a.ok.has(a.t[i] ?? '')) ? 1 : 0;
        mask = m;
      }
      const { spec, slot } = buildSpec(kind, c, keys);
      const res = aggregateItems(nPlr, c.plr, mask, spec);
      for (const key of keys) {
        const get = slot.get(key);
        cache.set(key, get ? rollupSum(h, get(res)) : null);
      }
    };

    const base = (key: string): LevelValues | null => {
      if (cache.has(key)) return cache.get(key) ?? null;
      const parts = key.split(':');
      if (/^(count|sum|pair)/.test(parts[0])) {
        if (!needed.has(key)) needed.add(key);
        aggregateKind(parts[1] as EngineKind);
        if (cache.has(key)) return cache.get(key) ?? null;
        cache.set(key, null);
        return null;
      }
      const v = staticBase(key);
      cache.set(key, v);
      return v;
    };

    const values: Record<string, LevelValues> = {};
    const suppressed: Record<string, Record<RollupLevel, Uint8Array>> = {};

    const evaluate = (d: IndicatorDef): LevelValues | null => {
      if (d.id in values) return values[d.id];
      let v: LevelValues | null = null;
      let sup: Record<RollupLevel, Uint8Array> | null = null;
      switch (d.kind) {
        case 'count':
        case 'sum':
          v = d.numerator ? base(d.numerator) : null;
          break;
        case 'ratio': {
          const a = d.numerator ? base(d.numerator) : null;
          const b = d.denominator ? base(d.denominator) : null;
          v = a && b ? rollupRatio(a, b, d.scale ?? 1) : null;
          break;
        }
        case 'change': {
          const fromDef = d.change ? byId.get(d.change.from) : undefined;
          const toDef = d.change ? byId.get(d.change.to) : undefined;
          const a = fromDef ? evaluate(fromDef) : null;
          const b = toDef ? evaluate(toDef) : null;
          if (a && b && fromDef && toDef) {
            v = {} as LevelValues;
            sup = {} as Record<RollupLevel, Uint8Array>;
            for (const l of ROLLUP_LEVELS) {
              v[l] = b[l].map((x, i) => x - a[l][i]);
              const sa = suppressed[fromDef.id]?.[l];
              const sb = suppressed[toDef.id]?.[l];
              sup[l] = Uint8Array.from(v[l], (_, i) => ((sa?.[i] ?? 0) | (sb?.[i] ?? 0)) as number);
            }
          }
          break;
        }
        case 'category': {
          const cat = d.category ? mssCategory(d.category.attribute) : null;
          if (cat) {
            v = nanLevels(h);
            v.plr = Float64Array.from(cat, (c) => (c < 0 ? Number.NaN : c));
          }
          break;
        }
        case 'distributionShare': {
          const dist = d.category ? distribution(d.category.attribute) : null;
          if (dist && d.category) {
            v = {} as LevelValues;
            const nc = dist.categories.length;
            const cols = (d.category.classes ?? [])
              .map((c) => dist.categories.indexOf(c))
              .filter((c) => c >= 0);
            for (const l of ROLLUP_LEVELS) {
              const s = dist.shares[l];
              const n = s.length / nc;
              const out = new Float64Array(n);
              for (let k = 0; k < n; k++) {
                let acc = 0;
                for (const c of cols) acc += s[k * nc + c];
                out[k] = acc;
              }
              v[l] = out;
            }
          }
          break;
        }
      }
      if (!v) return null;
      // levels the indicator does not exist on are blanked (NaN)
      const shaped = {} as LevelValues;
      for (const l of ROLLUP_LEVELS)
        shaped[l] = d.levels.includes(l) ? v[l] : new Float64Array(v[l].length).fill(Number.NaN);
      values[d.id] = shaped;
      if (!sup) {
        const by = d.suppressBy ? base(d.suppressBy) : null;
        sup = by ? levelSuppression(by, threshold) : null;
      }
      if (!sup) {
        sup = {} as Record<RollupLevel, Uint8Array>;
        for (const l of ROLLUP_LEVELS) sup[l] = new Uint8Array(shaped[l].length);
      }
      suppressed[d.id] = sup;
      return shaped;
    };
    for (const d of defs) evaluate(d);
    // keep only what was asked for (dependencies of changes may have been evaluated too)
    if (wanted)
      for (const id of Object.keys(values))
        if (!wanted.has(id)) {
          delete values[id];
          delete suppressed[id];
        }
    const distributions: IndicatorResults['distributions'] = {};
    const ds = distribution('mss_status');
    const dd = distribution('mss_dynamics');
    if (ds) distributions.mss_status = ds;
    if (dd) distributions.mss_dynamics = dd;
    const unavailable = defs.filter((d) => !(d.id in values)).map((d) => d.id);
    let esb: EsbResults | undefined;
    if (esbIn) {
      const columns: Record<string, Float64Array> = {};
      for (const col of Object.keys(esbIn.estimates?.[0] ?? {})) {
        if (col === 'esb_id' || col === 'name' || col === 'bez_id') continue;
        const v = esbEstimate(col);
        if (v) columns[col] = v;
      }
      esb = {
        ids: esbIn.ids,
        values: {},
        columns,
        ...(esbIn.schoolEsb ? { schoolEsb: esbIn.schoolEsb } : {}),
      };
      let schoolMask: Uint8Array | null | undefined;
      for (const d of esbDefs) {
        let v: Float64Array | null = null;
        if (d.esb && 'estimate' in d.esb) v = esbEstimate(d.esb.estimate);
        else if (d.esb && 'schools' in d.esb) {
          if (schoolMask === undefined) schoolMask = schoolFilterMask(options);
          v = esbSchools(d.esb.schools, schoolMask);
        }
        if (v) esb.values[d.id] = v;
        else unavailable.push(d.id);
      }
    } else unavailable.push(...esbDefs.map((d) => d.id));
    return {
      levelIds: h.levelIds,
      values,
      suppressed,
      distributions,
      threshold,
      unavailable,
      ...(esb ? { esb } : {}),
    };
  };

  return {
    hierarchy: h,
    issues,
    itemCount: (kind) => inst.get(kind)?.n ?? 0,
    itemPlr: (kind) => inst.get(kind)?.plr ?? new Int32Array(0),
    compute,
    maskWhere,
    countsByCategory(kind, column, mask) {
      const c = inst.get(kind);
      const out = new Map<string, LevelValues>();
      if (!c) return out;
      const t = c.text(column);
      const codes = new Map<string, number>();
      const code = new Int32Array(c.n);
      for (let i = 0; i < c.n; i++) {
        const v = t[i] ?? '';
        let k = codes.get(v);
        if (k === undefined) {
          k = codes.size;
          codes.set(v, k);
        }
        code[i] = k;
      }
      const nc = codes.size;
      const acc = new Float64Array(nPlr * nc);
      for (let i = 0; i < c.n; i++) {
        const p = c.plr[i];
        if (p >= 0 && mask?.[i] !== 0) acc[p * nc + code[i]] += 1;
      }
      for (const [value, k] of [...codes].sort((a, b) => a[0].localeCompare(b[0], 'de'))) {
        const plr = new Float64Array(nPlr);
        for (let p = 0; p < nPlr; p++) plr[p] = acc[p * nc + k];
        out.set(value, rollupSum(h, plr));
      }
      return out;
    },
  };
}
