/**
 * Rows of the area table, the non-visual alternative to the choropleth (pure). One row per area feature of
 * the shown level, carrying the same value and class the map draws, so the table and the map never disagree.
 */
import type { AreaProps, Areas } from '../datasets/types';
import type { Locale } from '../i18n/catalog';
import { NO_DATA, SUPPRESSED } from '../indicators/classify';
import { type Choropleth, formatIndicatorValue } from './choropleth';

export interface AreaRow {
  /** Index of the feature in the level's collection (and in the choropleth arrays). */
  index: number;
  id: string;
  name: string;
  /** Bezirk name where the level has one (empty for Bezirke themselves and non-LOR layers). */
  parent: string;
  /** Display value (NaN = no data or suppressed). */
  value: number;
  status: 'value' | 'noData' | 'suppressed';
  /** Formatted value (de-DE / en-GB), empty when status is not 'value'. */
  valueText: string;
  /** Legend label of the area's class (empty when there is no classification). */
  classLabel: string;
}

export type AreaSortKey = 'name' | 'id' | 'parent' | 'value';
export interface AreaSort {
  key: AreaSortKey;
  dir: 1 | -1;
}

export function areaRows(areas: Areas | undefined, choro: Choropleth, locale: Locale): AreaRow[] {
  const features = areas?.features ?? [];
  const classLabel = new Map<number, string>();
  for (const e of choro.legend?.entries ?? []) classLabel.set(e.classIndex, e.label);
  const withValues = choro.status === 'ok' && choro.def !== null;
  return features.map((f, i) => {
    const p = f.properties as AreaProps;
    const c = withValues ? choro.classOf[i] : NO_DATA;
    const v = withValues ? choro.values[i] : Number.NaN;
    const status: AreaRow['status'] =
      c === SUPPRESSED || choro.suppressed[i] === 1 ? 'suppressed' : Number.isFinite(v) ? 'value' : 'noData';
    return {
      index: i,
      id: String(p.id),
      name: String(p.name ?? p.id),
      parent: p.bez_name && String(p.bez_id) !== String(p.id) ? String(p.bez_name) : '',
      value: status === 'value' ? v : Number.NaN,
      status,
      valueText: status === 'value' && choro.def ? formatIndicatorValue(choro.def, v, locale) : '',
      classLabel: withValues && status === 'value' ? (classLabel.get(c) ?? '') : '',
    };
  });
}

const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });

/** Sorted copy; areas without a value always sort last, whatever the direction. */
export function sortAreaRows(rows: readonly AreaRow[], sort: AreaSort): AreaRow[] {
  const out = rows.slice();
  out.sort((a, b) => {
    if (sort.key === 'value') {
      const fa = Number.isFinite(a.value);
      const fb = Number.isFinite(b.value);
      if (fa !== fb) return fa ? -1 : 1;
      if (!fa) return collator.compare(a.name, b.name);
      return (a.value - b.value) * sort.dir || collator.compare(a.name, b.name);
    }
    return collator.compare(a[sort.key], b[sort.key]) * sort.dir || a.id.localeCompare(b.id);
  });
  return out;
}
