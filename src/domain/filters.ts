/**
 * Institution filters — pure: no React, no DOM. The filter store, the worker (engine masks), the map,
 * the table and the export all use `institutionMask` so that they agree on what "filtered" means.
 *
 *   const mask = institutionMask(items, filters, { overlay: { em, es }, areaValues });
 *   mask[i] === 1  → item i passes every filter
 *
 * Semantics
 * - `schularten`: only schools are filtered by type (Schulart); other kinds ignore it.
 * - `traeger`: provider category of every kind, normalised by `traegerCategory` to 'public' | 'free'.
 * - `bezirke`: Bezirk id = first two characters of the item's Planungsraum; items without PLR fail.
 * - `ranges`: the item's area (ancestor of its PLR at `range.level`) must have a value within [min, max];
 *   areas without a value fail. Ranges on levels the context has no values for are ignored.
 *   On a level outside the LOR hierarchy (the Einschulbereiche, `level: 'esb'`) the item's area comes from
 *   `context.itemAreas[level]` (the area each item lies in, computed once in the worker); without it the
 *   range is ignored like a range without values, an item in no area of that level fails.
 * - `overlay`: inside / outside an Erhaltungsgebiet (em, es or any); needs per-item membership in the context.
 * - `radius`: great-circle distance to the centre ≤ m.
 * - `polygon`: point in the drawn ring (even-odd rule).
 * Empty lists mean "no restriction".
 */
import { type LorLevel, lorAncestorId } from './lor';

export type TraegerCategory = 'public' | 'free';
export const TRAEGER_CATEGORIES: readonly TraegerCategory[] = ['public', 'free'];

export type OverlayLayer = 'em' | 'es' | 'any';
export interface OverlayFilter {
  layer: OverlayLayer;
  mode: 'inside' | 'outside';
}

export interface RangeFilter {
  indicatorId: string;
  level: string;
  min: number;
  max: number;
}

export interface RadiusFilter {
  lon: number;
  lat: number;
  m: number;
}

export interface InstitutionFilters {
  schularten: readonly string[];
  traeger: readonly string[];
  bezirke: readonly string[];
  ranges: readonly RangeFilter[];
  overlay: OverlayFilter | null;
  radius: RadiusFilter | null;
  polygon: readonly (readonly [number, number])[] | null;
}

export const EMPTY_FILTERS: InstitutionFilters = {
  schularten: [],
  traeger: [],
  bezirke: [],
  ranges: [],
  overlay: null,
  radius: null,
  polygon: null,
};

/** The subset of an institution the filters look at (domain Institution fits). */
export interface FilterableItem {
  kind: string;
  type: string;
  lon: number;
  lat: number;
  plrId: string | null;
  fields: Record<string, string>;
}

/**
 * The area of a level outside the LOR hierarchy (e.g. the Einschulbereiche) every item lies in:
 * `index[i]` is the position in `ids` of item i's area, -1 = in none.
 */
export interface ItemAreas {
  ids: readonly string[];
  index: Int32Array;
}

export interface MaskContext {
  /** Per-item membership (aligned with `items`, 1 = inside) of the Erhaltungsgebiete. */
  overlay?: Partial<Record<'em' | 'es', Uint8Array>>;
  /** Area values of an indicator on a level, by area id; null/undefined = not known (range ignored). */
  areaValues?: (indicatorId: string, level: string) => ReadonlyMap<string, number> | null | undefined;
  /**
   * Per non-LOR level (e.g. 'esb'): the area of every item (aligned with `items`). Ranges on such a level are
   * ignored without it (or when it does not fit the items).
   */
  itemAreas?: Readonly<Record<string, ItemAreas | null | undefined>>;
  /** Which filters to apply (default all). The engine masks skip `ranges` (they are applied to its output). */
  skip?: { ranges?: boolean };
}

const PUBLIC_RE = /^(öffentlich|öffentlicher träger|eigenbetrieb|bezirksamt|land berlin)/i;

/** Public vs. free / private provider, from the Träger columns of the runtime CSVs. */
export function traegerCategory(item: Pick<FilterableItem, 'kind' | 'fields'>): TraegerCategory {
  const f = item.fields;
  const raw = (f.traeger ?? f.traeger_art ?? '').trim();
  return PUBLIC_RE.test(raw) ? 'public' : 'free';
}

const EARTH_R = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Even-odd point in ring ([lon, lat] vertices, closing vertex optional). */
export function pointInRing(lon: number, lat: number, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const LOR_LEVEL_SET = new Set<string>(['bez', 'pgr', 'bzr', 'plr']);

/** A known, finite value within [min, max]. */
function inRange(v: number | undefined, min: number, max: number): boolean {
  return v !== undefined && Number.isFinite(v) && v >= min && v <= max;
}

/** True when any filter restricts items (ranges included). */
export function hasActiveFilters(f: InstitutionFilters): boolean {
  return (
    f.schularten.length > 0 ||
    f.traeger.length > 0 ||
    f.bezirke.length > 0 ||
    f.ranges.length > 0 ||
    f.overlay !== null ||
    f.radius !== null ||
    (f.polygon !== null && f.polygon.length >= 3)
  );
}

/** 1 = keep, 0 = filtered out; aligned with `items`. */
export function institutionMask(
  items: readonly FilterableItem[],
  filters: InstitutionFilters,
  context: MaskContext = {},
): Uint8Array {
  const n = items.length;
  const mask = new Uint8Array(n).fill(1);
  const types = filters.schularten.length ? new Set(filters.schularten) : null;
  const traeger = filters.traeger.length ? new Set(filters.traeger) : null;
  const bez = filters.bezirke.length ? new Set(filters.bezirke) : null;
  const ranges: { level: LorLevel; values: ReadonlyMap<string, number>; min: number; max: number }[] = [];
  // ranges on levels outside the LOR hierarchy: per area of the level, 1 = value in range
  const areaRanges: { index: Int32Array; keep: Uint8Array }[] = [];
  if (!context.skip?.ranges && context.areaValues) {
    for (const r of filters.ranges) {
      if (LOR_LEVEL_SET.has(r.level)) {
        const values = context.areaValues(r.indicatorId, r.level);
        if (values) ranges.push({ level: r.level as LorLevel, values, min: r.min, max: r.max });
        continue;
      }
      const areas = context.itemAreas?.[r.level];
      if (!areas || areas.index.length !== n) continue;
      const values = context.areaValues(r.indicatorId, r.level);
      if (!values) continue;
      const keep = new Uint8Array(areas.ids.length);
      areas.ids.forEach((id, k) => {
        if (inRange(values.get(id), r.min, r.max)) keep[k] = 1;
      });
      areaRanges.push({ index: areas.index, keep });
    }
  }
  const ov = filters.overlay;
  const em = context.overlay?.em;
  const es = context.overlay?.es;
  const overlayUsable = ov !== null && (ov.layer === 'em' ? !!em : ov.layer === 'es' ? !!es : !!em || !!es);
  const poly = filters.polygon && filters.polygon.length >= 3 ? filters.polygon : null;
  const rad = filters.radius;

  for (let i = 0; i < n; i++) {
    const it = items[i];
    if (types && it.kind === 'school' && !types.has(it.type)) {
      mask[i] = 0;
      continue;
    }
    if (traeger && !traeger.has(traegerCategory(it))) {
      mask[i] = 0;
      continue;
    }
    if (bez && !(it.plrId && bez.has(it.plrId.slice(0, 2)))) {
      mask[i] = 0;
      continue;
    }
    if (ranges.length) {
      let ok = !!it.plrId;
      for (let k = 0; ok && k < ranges.length; k++) {
        const r = ranges[k];
        const v = r.values.get(lorAncestorId(it.plrId as string, r.level));
        ok = inRange(v, r.min, r.max);
      }
      if (!ok) {
        mask[i] = 0;
        continue;
      }
    }
    if (areaRanges.length) {
      let ok = true;
      for (let k = 0; ok && k < areaRanges.length; k++) {
        const a = areaRanges[k].index[i];
        ok = a >= 0 && areaRanges[k].keep[a] === 1;
      }
      if (!ok) {
        mask[i] = 0;
        continue;
      }
    }
    if (ov && overlayUsable) {
      const inEm = em ? em[i] === 1 : false;
      const inEs = es ? es[i] === 1 : false;
      const inside = ov.layer === 'em' ? inEm : ov.layer === 'es' ? inEs : inEm || inEs;
      if (inside !== (ov.mode === 'inside')) {
        mask[i] = 0;
        continue;
      }
    }
    if (rad && !(Number.isFinite(it.lon) && haversineM(rad.lon, rad.lat, it.lon, it.lat) <= rad.m)) {
      mask[i] = 0;
      continue;
    }
    if (poly && !(Number.isFinite(it.lon) && pointInRing(it.lon, it.lat, poly))) {
      mask[i] = 0;
    }
  }
  return mask;
}

/**
 * Areas of a level whose value lies outside the range filters on that level (to dim them); any level whose
 * values `areaValues` knows, the Einschulbereiche ('esb') included.
 */
export function areaOutOfRange(
  ids: readonly string[],
  level: string,
  filters: InstitutionFilters,
  areaValues: (indicatorId: string, level: string) => ReadonlyMap<string, number> | null | undefined,
): Uint8Array {
  const out = new Uint8Array(ids.length);
  for (const r of filters.ranges) {
    if (r.level !== level) continue;
    const values = areaValues(r.indicatorId, level);
    if (!values) continue;
    ids.forEach((id, i) => {
      const v = values.get(id);
      if (!inRange(v, r.min, r.max)) out[i] = 1;
    });
  }
  return out;
}
