/**
 * Shared read helpers of the linked views (institution table, area profile, institution card, charts):
 * area names from the Planungsraum layer, indicator values of one area from the engine output,
 * de-DE formatting of catalogue indicators (suppressed → "•"), peer statistics.
 * The pure functions take plain data; the hooks only read stores.
 */
import { useEffect, useMemo } from 'react';
import { quantileSorted } from 'simple-statistics';
import type { Areas, Institution } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import type { Locale } from '../i18n/catalog';
import { formatNumber } from '../i18n/format';
import { INDICATOR_BY_ID, type IndicatorDef, MSS_CLASS_LABELS } from '../indicators/catalogue';
import type { IndicatorResults } from '../indicators/compute';
import type { RollupLevel } from '../spatial/rollup';
import { useDataStore } from '../state/dataStore';

// ---------------------------------------------------------------- area names

export interface AreaNames {
  /** Name of an area of any LOR level (empty string when unknown). */
  name(level: LorLevel, id: string): string;
  /** True once the Planungsraum layer (which carries the names of all levels) is loaded. */
  ready: boolean;
}

const namesCache = new WeakMap<Areas, Record<LorLevel, Map<string, string>>>();

/** Names of all LOR levels from the Planungsraum features (their properties carry the parent names). */
export function areaNamesFrom(plr: Areas | undefined): AreaNames {
  if (!plr) return { name: () => '', ready: false };
  let maps = namesCache.get(plr);
  if (!maps) {
    maps = { bez: new Map(), pgr: new Map(), bzr: new Map(), plr: new Map() };
    for (const f of plr.features) {
      const p = f.properties;
      if (!p) continue;
      maps.plr.set(String(p.id), String(p.name ?? ''));
      if (p.bzr_id) maps.bzr.set(String(p.bzr_id), String(p.bzr_name ?? ''));
      if (p.pgr_id) maps.pgr.set(String(p.pgr_id), String(p.pgr_name ?? ''));
      if (p.bez_id) maps.bez.set(String(p.bez_id), String(p.bez_name ?? ''));
    }
    namesCache.set(plr, maps);
  }
  const m = maps;
  return { name: (level, id) => m[level].get(id) ?? '', ready: true };
}

/** React hook: loads the Planungsraum layer (once) and returns the area names of every level. */
export function useAreaNames(): AreaNames {
  const plr = useDataStore((s) => s.areas.plr);
  useEffect(() => {
    void useDataStore.getState().ensureAreas('plr');
  }, []);
  return useMemo(() => areaNamesFrom(plr), [plr]);
}

// ---------------------------------------------------------------- values

export interface Cell {
  value: number | null;
  suppressed: boolean;
}

const indexCache = new WeakMap<readonly string[], Map<string, number>>();

/** Position of an area id in a level's id list of the engine output, or -1. */
export function areaIndex(results: IndicatorResults, level: RollupLevel, id: string): number {
  const ids = results.levelIds[level];
  if (!ids) return -1;
  let m = indexCache.get(ids);
  if (!m) {
    m = new Map(ids.map((v, i) => [v, i]));
    indexCache.set(ids, m);
  }
  return m.get(id) ?? -1;
}

/** Value of an indicator for one area (level `berlin`: id ignored). Suppressed values keep their flag. */
export function cellOf(
  results: IndicatorResults | null,
  indicatorId: string,
  level: RollupLevel,
  id: string,
): Cell {
  if (!results) return { value: null, suppressed: false };
  const k = level === 'berlin' ? 0 : areaIndex(results, level, id);
  const arr = results.values[indicatorId]?.[level];
  if (k < 0 || !arr) return { value: null, suppressed: false };
  const v = arr[k];
  const suppressed = results.suppressed[indicatorId]?.[level]?.[k] === 1;
  return { value: Number.isFinite(v) ? v : null, suppressed };
}

/** de-DE (or en) text of an indicator value as the catalogue declares it (percent → × 100). */
export function formatIndicator(def: IndicatorDef | undefined, value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (!def) return formatNumber(value, { decimals: 2, locale });
  const d = def.format.decimals;
  if (def.format.percent)
    return formatNumber(value * 100, { decimals: d, minDecimals: d, locale, percent: true });
  return formatNumber(value, { decimals: d, minDecimals: d, locale });
}

/** Text of a cell: "•" when suppressed, "–" without value, else the formatted value. */
export function formatCell(indicatorId: string, cell: Cell, locale: Locale): string {
  if (cell.suppressed) return '•';
  return formatIndicator(INDICATOR_BY_ID.get(indicatorId), cell.value, locale);
}

/** Label of an MSS class code in a language ('' for unknown codes). */
export function mssLabel(
  attribute: 'mss_status' | 'mss_dynamics',
  code: number | null,
  locale: Locale,
): string {
  if (code === null) return '';
  const l = MSS_CLASS_LABELS[attribute][code];
  return l ? l[locale] : '';
}

// ---------------------------------------------------------------- institutions

/** Parse a runtime-CSV number ('.' decimal); empty/invalid → null. */
export function fieldNumber(inst: Institution, column: string): number | null {
  const raw = inst.fields[column];
  if (raw === undefined) return null;
  const t = raw.trim();
  if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** Pupils per teacher of a school for a year ('2023_24' | '2024_25'), or null when either is missing. */
export function pupilsPerTeacher(inst: Institution, year: '2023_24' | '2024_25'): number | null {
  const p = fieldNumber(inst, `pupils_${year}`);
  const t = fieldNumber(inst, `teachers_${year}`);
  return p !== null && t !== null && t > 0 ? p / t : null;
}

/** True when an institution lies in the area (LOR IDs nest by prefix). */
export function inArea(inst: Institution, areaId: string): boolean {
  return inst.plrId?.startsWith(areaId) ?? false;
}

export interface PeerStats {
  n: number;
  median: number | null;
  /** Share (0…100) of peers with a strictly lower value. */
  percentBelow: number | null;
}

/** Median of the peer values and the share of peers below a value (non-finite values are ignored). */
export function peerStats(values: readonly (number | null)[], value: number | null): PeerStats {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, median: null, percentBelow: null };
  const median = quantileSorted(sorted, 0.5);
  let below: number | null = null;
  if (value !== null && Number.isFinite(value)) {
    let n = 0;
    for (const v of sorted) if (v < value) n++;
    below = (n / sorted.length) * 100;
  }
  return { n: sorted.length, median, percentBelow: below };
}
