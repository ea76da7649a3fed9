/**
 * Institution filters (Schulart, Träger, Bezirk, indicator ranges, Erhaltungsgebiet overlay, radius, polygon)
 * and the filtered institutions every view reads.
 *
 *   const schools = useFilteredInstitutions('school');   // Institution[] (stable reference while inputs stay)
 *   const mask = getInstitutionMask('school');           // Uint8Array aligned with dataStore items, 1 = keep
 *   useFilterStore.getState().setRange('kita_places_per_100_u6', 'bzr', { min: 10, max: 40 });
 *
 * The mask logic is pure (src/domain/filters.ts). Ranges are applied to the engine output of the active
 * filters (they never feed back into the engine); overlay membership per institution is computed once in
 * the worker (src/state/engineSync.ts writes `membership`). A range on the Einschulbereiche (level 'esb') is
 * evaluated against `results.esb`; the Einschulbereich of each school comes with the engine output
 * (`results.esb.schoolEsb`), that of the other kinds from the worker (engineSync writes `esbMembership`).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Institution } from '../datasets/types';
import {
  areaOutOfRange,
  EMPTY_FILTERS,
  type InstitutionFilters,
  type ItemAreas,
  institutionMask,
  type OverlayFilter,
  type RadiusFilter,
  type RangeFilter,
} from '../domain/filters';
import type { InstitutionKind } from '../domain/types';
import { useDataStore } from './dataStore';
import { type ComputeResult, useIndicatorStore } from './indicatorStore';

export type { OverlayFilter, RadiusFilter, RangeFilter } from '../domain/filters';

export interface FilterValues {
  schularten: string[];
  traeger: string[];
  bezirke: string[];
  ranges: RangeFilter[];
  overlay: OverlayFilter | null;
  radius: RadiusFilter | null;
  polygon: [number, number][] | null;
}

export type OverlayMembership = Partial<Record<'em' | 'es', Uint8Array>>;

export interface FilterState extends FilterValues {
  /** Per institution kind: membership in the Erhaltungsgebiete (aligned with dataStore items). */
  membership: Partial<Record<InstitutionKind, OverlayMembership>>;
  /** Per institution kind: the Einschulbereich each item lies in (aligned with dataStore items). */
  esbMembership: Partial<Record<InstitutionKind, ItemAreas>>;
  setFilters: (partial: Partial<FilterValues>) => void;
  setRange: (indicatorId: string, level: string, range: { min: number; max: number } | null) => void;
  reset: () => void;
  setMembership: (kind: InstitutionKind, m: OverlayMembership) => void;
  setEsbMembership: (kind: InstitutionKind, m: ItemAreas) => void;
}

/** No filter set (a fresh object each time: the arrays are the store's own). */
export const emptyFilterValues = (): FilterValues => ({
  schularten: [],
  traeger: [],
  bezirke: [],
  ranges: [],
  overlay: null,
  radius: null,
  polygon: null,
});

export const useFilterStore = create<FilterState>((set) => ({
  ...emptyFilterValues(),
  membership: {},
  esbMembership: {},
  setFilters: (partial) => set(partial),
  setRange: (indicatorId, level, range) =>
    set((s) => {
      const rest = s.ranges.filter((r) => !(r.indicatorId === indicatorId && r.level === level));
      if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max)) return { ranges: rest };
      const min = Math.min(range.min, range.max);
      const max = Math.max(range.min, range.max);
      return { ranges: [...rest, { indicatorId, level, min, max }] };
    }),
  reset: () => set(emptyFilterValues()),
  setMembership: (kind, m) => set((s) => ({ membership: { ...s.membership, [kind]: m } })),
  setEsbMembership: (kind, m) => set((s) => ({ esbMembership: { ...s.esbMembership, [kind]: m } })),
}));

/** The filter values as the pure module wants them. */
export function filterValues(s: FilterValues): InstitutionFilters {
  return {
    schularten: s.schularten,
    traeger: s.traeger,
    bezirke: s.bezirke,
    ranges: s.ranges,
    overlay: s.overlay,
    radius: s.radius,
    polygon: s.polygon,
  };
}

export const NO_FILTERS: InstitutionFilters = EMPTY_FILTERS;

// --- area values of the engine output, as maps (cached per typed array) --------------------------------

const valueMaps = new WeakMap<Float64Array, Map<string, number>>();

/** Map<id, value> of an array aligned with `ids` (NaN left out), cached per array. */
function valueMap(ids: readonly string[], arr: Float64Array): Map<string, number> {
  let m = valueMaps.get(arr);
  if (!m) {
    m = new Map();
    for (let i = 0; i < ids.length; i++) if (Number.isFinite(arr[i])) m.set(ids[i], arr[i]);
    valueMaps.set(arr, m);
  }
  return m;
}

/**
 * `(indicatorId, level) → Map<areaId, value>` over an engine result (NaN values left out); level 'esb' reads
 * the Einschulbereich values (`results.esb`).
 */
export function areaValuesOf(results: ComputeResult | null) {
  return (indicatorId: string, level: string): ReadonlyMap<string, number> | null => {
    if (!results) return null;
    if (level === 'esb') {
      const esb = results.esb;
      const arr = esb?.values[indicatorId];
      return esb && arr ? valueMap(esb.ids, arr) : null;
    }
    const lv = results.values[indicatorId] as Record<string, Float64Array> | undefined;
    const ids = (results.levelIds as Record<string, readonly string[]>)[level];
    const arr = lv?.[level];
    if (!arr || !ids) return null;
    return valueMap(ids, arr);
  };
}

/**
 * The Einschulbereich of every item of a kind, for ranges on the 'esb' level: schools from the engine output
 * (`results.esb.schoolEsb`, the join the engine made), other kinds from the worker (`esbMembership`).
 * Undefined while not known (an ESB range is then ignored for that kind).
 */
export function esbAreasOf(
  kind: InstitutionKind,
  results: ComputeResult | null,
  esbMembership: Partial<Record<InstitutionKind, ItemAreas>>,
): ItemAreas | undefined {
  const esb = results?.esb;
  if (kind === 'school' && esb?.schoolEsb) return { ids: esb.ids, index: esb.schoolEsb };
  return esbMembership[kind];
}

// --- memoised masks / filtered lists (shared by map, table, export) -----------------------------------

interface Memo {
  items: readonly Institution[];
  filters: FilterState;
  results: ComputeResult | null;
  mask: Uint8Array;
  filtered: Institution[];
}
const memo = new Map<InstitutionKind, Memo>();

function sameFilterInputs(a: FilterState, b: FilterState, kind: InstitutionKind): boolean {
  return (
    a.schularten === b.schularten &&
    a.traeger === b.traeger &&
    a.bezirke === b.bezirke &&
    a.ranges === b.ranges &&
    a.overlay === b.overlay &&
    a.radius === b.radius &&
    a.polygon === b.polygon &&
    a.membership[kind] === b.membership[kind] &&
    a.esbMembership[kind] === b.esbMembership[kind]
  );
}

function compute(
  kind: InstitutionKind,
  items: readonly Institution[],
  filters: FilterState,
  results: ComputeResult | null,
): Memo {
  const prev = memo.get(kind);
  if (
    prev &&
    prev.items === items &&
    sameFilterInputs(prev.filters, filters, kind) &&
    (prev.results === results || filters.ranges.length === 0)
  )
    return prev;
  const mask = institutionMask(items, filterValues(filters), {
    overlay: filters.membership[kind],
    areaValues: areaValuesOf(results),
    itemAreas: { esb: esbAreasOf(kind, results, filters.esbMembership) },
  });
  let filtered: Institution[];
  if (mask.every((v) => v === 1)) filtered = items as Institution[];
  else filtered = items.filter((_, i) => mask[i] === 1);
  // keep the previous array when the selection did not change (stable references for React/deck.gl)
  if (prev && prev.items === items && sameMask(prev.mask, mask)) {
    filtered = prev.filtered;
  }
  const next: Memo = { items, filters, results, mask, filtered };
  memo.set(kind, next);
  return next;
}

function sameMask(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const EMPTY_ITEMS: Institution[] = [];
const EMPTY_MASK = new Uint8Array(0);

/** Mask (1 = keep) over `dataStore.institutions[kind].items` for the current filters (non-React access). */
export function getInstitutionMask(kind: InstitutionKind): Uint8Array {
  const items = useDataStore.getState().institutions[kind]?.items;
  if (!items) return EMPTY_MASK;
  return compute(kind, items, useFilterStore.getState(), useIndicatorStore.getState().results).mask;
}

/** Filtered institutions of a kind for the current filters (non-React access, e.g. export). */
export function getFilteredInstitutions(kind: InstitutionKind): Institution[] {
  const items = useDataStore.getState().institutions[kind]?.items;
  if (!items) return EMPTY_ITEMS;
  return compute(kind, items, useFilterStore.getState(), useIndicatorStore.getState().results).filtered;
}

/** React hook: the filtered institutions of a kind (same array while nothing relevant changes). */
export function useFilteredInstitutions(kind: InstitutionKind): Institution[] {
  return useFilterResult(kind).filtered;
}

/** React hook: mask and filtered list of a kind. */
export function useFilterResult(kind: InstitutionKind): { mask: Uint8Array; filtered: Institution[] } {
  const items = useDataStore((s) => s.institutions[kind]?.items);
  const filters = useFilterStore();
  const results = useIndicatorStore((s) => (filters.ranges.length ? s.results : null));
  return useMemo(() => {
    if (!items) return { mask: EMPTY_MASK, filtered: EMPTY_ITEMS };
    const m = compute(kind, items, filters, results);
    return { mask: m.mask, filtered: m.filtered };
  }, [kind, items, filters, results]);
}

/** Areas of a level dimmed by range filters (1 = out of range), aligned with `ids`. */
export function areasOutOfRange(
  ids: readonly string[],
  level: string,
  filters: FilterValues,
  results: ComputeResult | null,
): Uint8Array {
  return areaOutOfRange(ids, level, filterValues(filters), areaValuesOf(results));
}
