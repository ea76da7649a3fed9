/**
 * From the app's loaded data to export sources: the institutions table (the filtered items the map and the
 * table show, with joined area columns and the current level's indicator values of their area) and the areas
 * table of the current level (area attributes + the aggregated indicators of the indicator engine).
 * Pure TypeScript: the view (ExportPanel) passes in what the stores hold.
 */
import type { Geometry } from 'geojson';
import type { AreaProps, Areas, Institution } from '../datasets/types';
import type { InstitutionFilters } from '../domain/filters';
import type { LorLevel } from '../domain/lor';
import type { AreaGeometry, DatasetMeta, Manifest } from '../domain/types';
import type { Locale } from '../i18n/catalog';
import { getIndicator, INDICATOR_BY_ID } from '../indicators/catalogue';
import type { IndicatorResults } from '../indicators/compute';
import { areaTableFromResults, indicatorColumn } from './fromIndicators';
import { type AreaNames, institutionPointOf, institutionTable } from './institutions';
import type { NoteSource } from './note';
import type { ExportSource } from './run';
import type { CellValue, ExportColumn, ExportRow, ExportTable } from './table';

type Results = Pick<IndicatorResults, 'levelIds' | 'values' | 'suppressed'> &
  Partial<Pick<IndicatorResults, 'unavailable'>>;

/** Length of a LOR id per level (ids nest by prefix). */
export const LEVEL_ID_LENGTH: Record<LorLevel, number> = { bez: 2, pgr: 4, bzr: 6, plr: 8 };

const LEVEL_ONE: Record<LorLevel, Record<Locale, string>> = {
  bez: { de: 'Bezirk', en: 'District' },
  pgr: { de: 'Prognoseraum', en: 'Prognoseraum' },
  bzr: { de: 'Bezirksregion', en: 'Bezirksregion' },
  plr: { de: 'Planungsraum', en: 'Planungsraum' },
};

export function levelLabel(level: LorLevel, locale: Locale): string {
  return LEVEL_ONE[level][locale];
}

/** Name of one area of a range filter's level: a LOR level or the Einschulbereiche ('esb'). */
function rangeLevelLabel(level: string, locale: Locale): string {
  if (level in LEVEL_ONE) return levelLabel(level as LorLevel, locale);
  if (level === 'esb') return locale === 'en' ? 'School catchment area' : 'Einschulbereich';
  return level;
}

/** id → properties of the loaded area layers. */
export type AreaLookup = Partial<Record<LorLevel, Map<string, AreaProps>>>;

export function areaLookup(areas: Partial<Record<LorLevel, Areas>>): AreaLookup {
  const out: AreaLookup = {};
  for (const [level, fc] of Object.entries(areas) as [LorLevel, Areas | undefined][]) {
    if (fc) out[level] = new Map(fc.features.map((f) => [String(f.properties.id), f.properties]));
  }
  return out;
}

/** The area of a Planungsraum at a level (id by prefix; name from the loaded layer, if loaded). */
export function areaOfPlr(lookup: AreaLookup, plrId: string, level: LorLevel): AreaNames | undefined {
  if (plrId.length !== 8) return undefined;
  const id = plrId.slice(0, LEVEL_ID_LENGTH[level]);
  const p = lookup[level]?.get(id);
  if (p) return { id, name: p.name };
  // a coarser level's name is carried by finer features (bez_name, pgr_name, bzr_name)
  for (const finer of ['plr', 'bzr', 'pgr'] as LorLevel[]) {
    const q = lookup[finer]?.get(plrId.slice(0, LEVEL_ID_LENGTH[finer]));
    const name = q?.[`${level}_name`];
    if (typeof name === 'string') return { id, name };
  }
  return { id };
}

/** Name of a Bezirk from any loaded LOR layer (the Bezirke layer, or `bez_name` of a finer area in it). */
export function bezirkNameOf(lookup: AreaLookup, bezId: string): string | undefined {
  const own = lookup.bez?.get(bezId)?.name;
  if (own) return own;
  for (const level of ['pgr', 'bzr', 'plr'] as LorLevel[]) {
    for (const [id, p] of lookup[level] ?? []) {
      if (id.startsWith(bezId) && typeof p.bez_name === 'string') return p.bez_name;
    }
  }
  return undefined;
}

/** Indicators computed at a level (present in the results, declared for the level, not unavailable). */
export function indicatorsAt(results: Results, level: LorLevel): string[] {
  const unavailable = new Set(results.unavailable ?? []);
  return Object.keys(results.values).filter((id) => {
    const def = INDICATOR_BY_ID.get(id);
    return (
      def !== undefined &&
      !unavailable.has(id) &&
      def.levels.includes(level) &&
      results.values[id]?.[level] !== undefined
    );
  });
}

export interface InstitutionSourceInput {
  items: readonly Institution[];
  locale: Locale;
  level: LorLevel;
  areas: AreaLookup;
  /** Indicator values of the institution's area at `level` (e.g. the indicator on the map). */
  results?: Results | null;
  indicatorIds?: readonly string[];
}

/** The institutions table + point geometry. */
export function institutionSource(input: InstitutionSourceInput): ExportSource {
  const { items, locale, level, areas } = input;
  const base = institutionTable(items, { locale, level, areaOf: (plr, l) => areaOfPlr(areas, plr, l) });
  let table: ExportTable = base;
  const results = input.results;
  const ids = (input.indicatorIds ?? []).filter((id) => results?.values[id]?.[level] !== undefined);
  if (results && ids.length > 0) {
    const index = new Map(results.levelIds[level].map((id, i) => [id, i]));
    const where = level === 'plr' ? 'plr_id' : `${level}_id`;
    const lbl = levelLabel(level, locale);
    const cols: ExportColumn[] = ids.map((id) => {
      const c = indicatorColumn(getIndicator(id), locale);
      return { ...c, key: `area_${id}`, label: `${c.label} – ${lbl}` };
    });
    const rows = base.rows.map((r) => {
      const areaId = r[where];
      const i = typeof areaId === 'string' ? (index.get(areaId) ?? -1) : -1;
      const row: ExportRow = { ...r };
      for (const id of ids) row[`area_${id}`] = indicatorValue(results, id, level, i);
      return row;
    });
    // before the coordinates
    const at = base.columns.findIndex((c) => c.key === 'lon');
    const columns = [...base.columns.slice(0, at), ...cols, ...base.columns.slice(at)];
    table = { ...base, columns, rows };
  }
  return { table, geometry: (row) => institutionPointOf(row) };
}

function indicatorValue(results: Results, id: string, level: LorLevel, i: number): CellValue {
  if (i < 0) return null;
  if (results.suppressed[id]?.[level]?.[i]) return { suppressed: true, reason: 'small-count' };
  const v = results.values[id]?.[level]?.[i];
  if (v === undefined || !Number.isFinite(v)) return null;
  return getIndicator(id).format.percent ? v * 100 : v;
}

/** Joined columns of an area (name, parent ids and names, area in km²). */
export function areaColumns(level: LorLevel, locale: Locale): ExportColumn[] {
  const cols: ExportColumn[] = [{ key: 'name', label: 'Name', type: 'text' }];
  const parents = (['bez', 'pgr', 'bzr'] as LorLevel[]).slice(0, ['bez', 'pgr', 'bzr', 'plr'].indexOf(level));
  for (const p of parents) {
    cols.push(
      { key: `${p}_id`, label: `${levelLabel(p, locale)}-ID`, type: 'id' },
      { key: `${p}_name`, label: levelLabel(p, locale), type: 'text' },
    );
  }
  cols.push({
    key: 'area_km2',
    label: locale === 'en' ? 'Area (km²)' : 'Fläche (km²)',
    type: 'decimal',
    decimals: 2,
    unit: 'km²',
  });
  return cols;
}

export interface AreaSourceInput {
  areas: Areas;
  level: LorLevel;
  locale: Locale;
  results?: Results | null;
  /** Default: every indicator computed at the level. */
  indicatorIds?: readonly string[];
}

/** The areas table of the current level + area geometry. */
export function areaSource(input: AreaSourceInput): ExportSource {
  const { areas, level, locale, results } = input;
  const byId = new Map(areas.features.map((f) => [String(f.properties.id), f]));
  const columns = areaColumns(level, locale);
  const attributes = (id: string) => {
    const p = byId.get(id)?.properties;
    if (!p) return undefined;
    const out: Record<string, string | number | null> = {};
    for (const c of columns) {
      if (c.key === 'area_km2') out[c.key] = typeof p.area_m2 === 'number' ? p.area_m2 / 1e6 : null;
      else {
        const v = p[c.key];
        out[c.key] = typeof v === 'string' || typeof v === 'number' ? v : null;
      }
    }
    // parent ids from the nesting when the file does not carry them
    for (const c of columns) {
      const m = /^(bez|pgr|bzr)_id$/.exec(c.key);
      if (m && out[c.key] === null) out[c.key] = id.slice(0, LEVEL_ID_LENGTH[m[1] as LorLevel]);
    }
    return out;
  };
  const ids = [...byId.keys()].sort();
  const title =
    locale === 'en' ? `Areas (${levelLabel(level, locale)})` : `Gebiete (${levelLabel(level, locale)})`;
  const name = `gebiete-${level}`;
  const idLabel = `${levelLabel(level, locale)}-ID`;
  let table: ExportTable;
  if (results) {
    table = areaTableFromResults({
      results,
      level,
      locale,
      indicatorIds: input.indicatorIds ?? indicatorsAt(results, level),
      areaIds: ids,
      areaColumns: columns,
      areaAttributes: attributes,
      name,
      title,
      idLabel,
    });
  } else {
    table = {
      name,
      title,
      columns: [{ key: 'id', label: idLabel, type: 'id' }, ...columns],
      rows: ids.map((id) => ({ id, ...attributes(id) })),
    };
  }
  return {
    table,
    geometry: (row): Geometry | null =>
      (byId.get(String(row.id))?.geometry as AreaGeometry | undefined) ?? null,
  };
}

/** Sources, licences and vintages from the manifest (all datasets, or those whose file paths match). */
export function manifestSources(
  manifest: Manifest | null,
  filter?: (d: DatasetMeta) => boolean,
): NoteSource[] {
  return (manifest?.datasets ?? []).filter(filter ?? (() => true)).map((d) => ({
    title: d.title,
    publisher: d.publisher,
    license: d.license,
    licenseNote: d.licenseNote,
    vintage: d.vintage,
    sourceUrl: d.sourceUrl || undefined,
  }));
}

/** Institutions inside an area (PLR id prefix = area id). */
export function institutionsInArea(items: readonly Institution[], areaId: string): Institution[] {
  return items.filter((i) => i.plrId?.startsWith(areaId));
}

export interface FilterDescriptionInput {
  locale: Locale;
  level: LorLevel;
  /** Institution kinds on the map (exported). */
  kinds: readonly ('school' | 'youth' | 'kita')[];
  indicatorId?: string | null;
  filters: Pick<
    InstitutionFilters,
    'schularten' | 'traeger' | 'bezirke' | 'ranges' | 'overlay' | 'radius' | 'polygon'
  >;
  /** Bezirk id → name (from the loaded areas). */
  bezirkName?: (id: string) => string | undefined;
}

const KIND_PLURAL: Record<'school' | 'youth' | 'kita', Record<Locale, string>> = {
  school: { de: 'Schulen', en: 'Schools' },
  youth: { de: 'Jugendfreizeiteinrichtungen', en: 'Youth centres' },
  kita: { de: 'Kitas', en: 'Day-care centres' },
};

/** The filters and view state as label/value lines for the note (export language). */
export function describeFilters(input: FilterDescriptionInput): { label: string; value: string }[] {
  const { locale, filters: f } = input;
  const de = locale !== 'en';
  const out: { label: string; value: string }[] = [];
  const fmt = (v: number) =>
    new Intl.NumberFormat(de ? 'de-DE' : 'en-GB', { maximumFractionDigits: 6 }).format(v);
  out.push({ label: de ? 'Ebene' : 'Level', value: levelLabel(input.level, locale) });
  if (input.indicatorId && INDICATOR_BY_ID.has(input.indicatorId)) {
    const d = getIndicator(input.indicatorId);
    out.push({ label: de ? 'Indikator (Karte)' : 'Indicator (map)', value: d.label[locale] });
  }
  out.push({
    label: de ? 'Einrichtungen' : 'Institutions',
    value: input.kinds.length ? input.kinds.map((k) => KIND_PLURAL[k][locale]).join(', ') : '–',
  });
  if (f.schularten.length)
    out.push({ label: de ? 'Schulart' : 'School type', value: f.schularten.join(', ') });
  if (f.traeger.length) {
    const t = (c: string) =>
      c === 'public' ? (de ? 'öffentlich' : 'public') : c === 'free' ? (de ? 'frei' : 'independent') : c;
    out.push({ label: de ? 'Träger' : 'Operator', value: f.traeger.map(t).join(', ') });
  }
  if (f.bezirke.length) {
    out.push({
      label: de ? 'Bezirk' : 'District',
      value: f.bezirke
        .map((id) => (input.bezirkName?.(id) ? `${input.bezirkName(id)} (${id})` : id))
        .join(', '),
    });
  }
  for (const r of f.ranges) {
    const d = INDICATOR_BY_ID.get(r.indicatorId);
    const scale = d?.format.percent ? 100 : 1;
    const lvl = rangeLevelLabel(r.level, locale);
    out.push({
      label: `${de ? 'Bereich' : 'Range'}: ${d?.label[locale] ?? r.indicatorId} (${lvl})`,
      value: `${fmt(r.min * scale)} – ${fmt(r.max * scale)}${d?.format.percent ? ' %' : ''}`,
    });
  }
  if (f.overlay) {
    const layer = {
      em: de ? 'Milieuschutzgebiete' : 'social conservation areas',
      es: de ? 'städtebauliche Erhaltungsgebiete' : 'urban conservation areas',
      any: de ? 'Erhaltungsgebiete (alle)' : 'conservation areas (any)',
    }[f.overlay.layer];
    const mode = f.overlay.mode === 'inside' ? (de ? 'innerhalb' : 'inside') : de ? 'außerhalb' : 'outside';
    out.push({ label: de ? 'Gebietskulisse' : 'Overlay', value: `${mode}: ${layer}` });
  }
  if (f.radius) {
    out.push({
      label: de ? 'Umkreis' : 'Radius',
      value: `${fmt(f.radius.m)} m ${de ? 'um' : 'around'} ${fmt(f.radius.lat)}° N, ${fmt(f.radius.lon)}° E`,
    });
  }
  if (f.polygon) {
    out.push({
      label: de ? 'Gezeichnete Fläche' : 'Drawn polygon',
      value: de ? `${f.polygon.length} Eckpunkte` : `${f.polygon.length} vertices`,
    });
  }
  return out;
}
