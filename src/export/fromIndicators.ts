/**
 * Adapters from the indicator engine (src/indicators/compute.ts + catalogue.ts) to the export model, so the
 * area table and the print report show exactly what the views show: same values, same suppression flags
 * (`results.suppressed[id][level]`, decided by the engine with the small-number rule), labels and units
 * from the catalogue. Percent indicators (`format.percent`, stored as fractions) are exported ×100 with
 * unit '%', as displayed.
 */
import type { LorLevel } from '../domain/lor';
import type { Locale } from '../i18n/catalog';
import { getIndicator, type IndicatorDef } from '../indicators/catalogue';
import type { IndicatorResults } from '../indicators/compute';
import type { CellValue, ExportColumn, ExportRow, ExportTable } from './table';

type Results = Pick<IndicatorResults, 'levelIds' | 'values' | 'suppressed'>;

const COUNT_UNITS = new Set(['Anzahl', 'count', 'Personen', 'persons']);

/** The export column of an indicator: key = indicator id, label with unit, type from its format. */
export function indicatorColumn(def: IndicatorDef, locale: Locale): ExportColumn {
  const unit = def.format.percent ? '%' : def.unit[locale];
  const label = COUNT_UNITS.has(unit) || !unit ? def.label[locale] : `${def.label[locale]} (${unit})`;
  const integer = def.format.decimals === 0 && !def.format.percent;
  return {
    key: def.id,
    label,
    type: integer ? 'integer' : 'decimal',
    decimals: def.format.decimals,
    unit,
  };
}

/** Value as displayed (percent ×100), or a suppression marker, or null. */
function valueAt(results: Results, def: IndicatorDef, level: LorLevel | 'berlin', index: number): CellValue {
  if (index < 0) return null;
  if (results.suppressed[def.id]?.[level]?.[index]) return { suppressed: true, reason: 'small-count' };
  const v = results.values[def.id]?.[level]?.[index];
  if (v === undefined || !Number.isFinite(v)) return null;
  return def.format.percent ? v * 100 : v;
}

export interface AreaTableInput {
  results: Results;
  level: LorLevel;
  indicatorIds: readonly string[];
  locale: Locale;
  /** Areas to export (filters/selection), in display order; default: all areas of the level. */
  areaIds?: readonly string[];
  /** Joined area columns (name, parent ids/names …) and their values per area id. */
  areaColumns?: ExportColumn[];
  areaAttributes?: (id: string) => Record<string, string | number | null | undefined> | undefined;
  name?: string;
  title?: string;
  idLabel?: string;
}

/** The areas table at the current level: id, joined area columns, one column per indicator. */
export function areaTableFromResults(input: AreaTableInput): ExportTable {
  const { results, level, locale } = input;
  const defs = input.indicatorIds.map((id) => getIndicator(id));
  const ids = input.areaIds ?? results.levelIds[level];
  const index = new Map(results.levelIds[level].map((id, i) => [id, i]));
  const columns: ExportColumn[] = [
    { key: 'id', label: input.idLabel ?? (locale === 'en' ? 'Area ID' : 'Gebiets-ID'), type: 'id' },
    ...(input.areaColumns ?? []),
    ...defs.map((d) => indicatorColumn(d, locale)),
  ];
  const rows: ExportRow[] = ids.map((id) => {
    const row: ExportRow = { id };
    const attrs = input.areaAttributes?.(id);
    for (const c of input.areaColumns ?? []) row[c.key] = attrs?.[c.key] ?? null;
    const i = index.get(id) ?? -1;
    for (const d of defs) row[d.id] = valueAt(results, d, level, i);
    return row;
  });
  return {
    name: input.name ?? `gebiete-${level}`,
    title: input.title ?? (locale === 'en' ? 'Areas' : 'Gebiete'),
    columns,
    rows,
  };
}

/** One row of the print report: the area against its Bezirk and Berlin. */
export interface ReportIndicator {
  id: string;
  label: string;
  unit?: string;
  decimals?: number;
  area: number | null;
  bezirk: number | null;
  berlin: number | null;
  /** The area's value is withheld (small-number rule). */
  areaSuppressed?: boolean;
  bezirkSuppressed?: boolean;
}

/** Key indicators of one area vs its Bezirk (id prefix) and Berlin, for PrintReport. */
export function reportIndicators(
  results: Results,
  level: LorLevel,
  areaId: string,
  indicatorIds: readonly string[],
  locale: Locale,
): ReportIndicator[] {
  const at = (l: LorLevel | 'berlin', id: string) => results.levelIds[l].indexOf(id);
  const iArea = at(level, areaId);
  const iBez = at('bez', areaId.slice(0, 2));
  return indicatorIds.map((id) => {
    const def = getIndicator(id);
    const col = indicatorColumn(def, locale);
    const a = valueAt(results, def, level, iArea);
    const b = valueAt(results, def, 'bez', iBez);
    const c = valueAt(results, def, 'berlin', 0);
    const num = (v: CellValue) => (typeof v === 'number' ? v : null);
    return {
      id,
      label: def.label[locale],
      unit: col.unit && !COUNT_UNITS.has(col.unit) ? col.unit : undefined,
      decimals: def.format.decimals,
      area: num(a),
      bezirk: num(b),
      berlin: num(c),
      areaSuppressed: typeof a === 'object' && a !== null,
      bezirkSuppressed: typeof b === 'object' && b !== null,
    };
  });
}
