/**
 * The institutions export table: exactly the (filtered) items the view shows, with their joined area columns
 * (Planungsraum and the current level's area) and numeric attributes (pupils, teachers, places).
 * Numbers come from the runtime CSV cells (decimal point, see the data contract) and are parsed with the
 * app's locale-aware parser; IDs stay strings. Pupil/teacher counts fall under the small-number rule, and the
 * pupils-per-teacher ratio is suppressed with them.
 */
import type { Institution } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import type { InstitutionKind } from '../domain/types';
import type { Locale } from '../i18n/catalog';
import { parseNumber } from '../io/numbers';
import type { ExportColumn, ExportRow, ExportTable } from './table';

type L = Record<Locale, string>;

const KIND_LABEL: Record<InstitutionKind, L> = {
  school: { de: 'Schule', en: 'School' },
  youth: { de: 'Jugendfreizeiteinrichtung', en: 'Youth centre' },
  kita: { de: 'Kita', en: 'Day-care centre' },
};

const LEVEL_LABEL: Record<LorLevel, L> = {
  bez: { de: 'Bezirk', en: 'District' },
  pgr: { de: 'Prognoseraum', en: 'Prognoseraum' },
  bzr: { de: 'Bezirksregion', en: 'Bezirksregion' },
  plr: { de: 'Planungsraum', en: 'Planungsraum' },
};

/** Numeric fields per kind (runtime CSV column → label, suppressible count?). */
const NUMERIC: Record<InstitutionKind, { key: string; label: L; suppressible: boolean }[]> = {
  school: [
    {
      key: 'pupils_2024_25',
      label: { de: 'Schüler:innen 2024/25', en: 'Pupils 2024/25' },
      suppressible: true,
    },
    {
      key: 'teachers_2024_25',
      label: { de: 'Lehrkräfte 2024/25', en: 'Teachers 2024/25' },
      suppressible: true,
    },
    {
      key: 'pupils_2023_24',
      label: { de: 'Schüler:innen 2023/24', en: 'Pupils 2023/24' },
      suppressible: true,
    },
    {
      key: 'teachers_2023_24',
      label: { de: 'Lehrkräfte 2023/24', en: 'Teachers 2023/24' },
      suppressible: true,
    },
  ],
  youth: [{ key: 'places', label: { de: 'Plätze', en: 'Places' }, suppressible: false }],
  kita: [{ key: 'places', label: { de: 'Plätze', en: 'Places' }, suppressible: false }],
};

export interface AreaNames {
  id?: string;
  name?: string;
}

export interface InstitutionTableOptions {
  locale: Locale;
  /** The map's current level: its area id/name is joined besides the Planungsraum. */
  level: LorLevel;
  /** Area id/name of a PLR at a level (from the loaded area layers). */
  areaOf?: (plrId: string, level: LorLevel) => AreaNames | undefined;
  name?: string;
  title?: string;
}

function num(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const v = parseNumber(s, '.');
  return Number.isFinite(v) ? v : null;
}

export function institutionTable(items: readonly Institution[], opts: InstitutionTableOptions): ExportTable {
  const { locale, level } = opts;
  const kinds = [...new Set(items.map((i) => i.kind))];
  const t = (l: L) => l[locale];
  const columns: ExportColumn[] = [
    { key: 'id', label: locale === 'en' ? 'ID (school number)' : 'ID (Schulnummer)', type: 'id' },
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'kind', label: locale === 'en' ? 'Kind' : 'Einrichtungsart', type: 'category' },
    { key: 'type', label: locale === 'en' ? 'Type' : 'Art', type: 'category' },
    { key: 'operator', label: locale === 'en' ? 'Operator' : 'Träger', type: 'text' },
    { key: 'address', label: locale === 'en' ? 'Address' : 'Adresse', type: 'text' },
    { key: 'bezirk', label: t(LEVEL_LABEL.bez), type: 'category' },
    { key: 'plr_id', label: `${t(LEVEL_LABEL.plr)}-ID`, type: 'id' },
    { key: 'plr_name', label: t(LEVEL_LABEL.plr), type: 'text' },
  ];
  if (level !== 'plr') {
    columns.push(
      { key: `${level}_id`, label: `${t(LEVEL_LABEL[level])}-ID`, type: 'id' },
      { key: `${level}_name`, label: t(LEVEL_LABEL[level]), type: 'text' },
    );
  }
  const numeric = kinds
    .flatMap((k) => NUMERIC[k])
    .filter((c, i, a) => a.findIndex((x) => x.key === c.key) === i);
  for (const c of numeric) {
    columns.push({ key: c.key, label: t(c.label), type: 'integer', suppressible: c.suppressible });
  }
  if (kinds.includes('school')) {
    columns.push({
      key: 'pupils_per_teacher_2024_25',
      label: locale === 'en' ? 'Pupils per teacher 2024/25' : 'Schüler:innen je Lehrkraft 2024/25',
      type: 'decimal',
      decimals: 1,
      dependsOn: ['pupils_2024_25', 'teachers_2024_25'],
    });
  }
  columns.push(
    {
      key: 'lon',
      label: locale === 'en' ? 'Longitude (WGS84)' : 'Längengrad (WGS84)',
      type: 'decimal',
      decimals: 6,
    },
    {
      key: 'lat',
      label: locale === 'en' ? 'Latitude (WGS84)' : 'Breitengrad (WGS84)',
      type: 'decimal',
      decimals: 6,
    },
  );

  const rows: ExportRow[] = items.map((it) => {
    const row: ExportRow = {
      id: it.id,
      name: it.name,
      kind: t(KIND_LABEL[it.kind]),
      type: it.type,
      operator: it.operator,
      address: it.address,
      bezirk: it.bezirk,
      plr_id: it.plrId,
      plr_name: it.plrId ? (opts.areaOf?.(it.plrId, 'plr')?.name ?? null) : null,
      lon: Number.isFinite(it.lon) ? it.lon : null,
      lat: Number.isFinite(it.lat) ? it.lat : null,
    };
    if (level !== 'plr') {
      const a = it.plrId ? opts.areaOf?.(it.plrId, level) : undefined;
      row[`${level}_id`] = a?.id ?? null;
      row[`${level}_name`] = a?.name ?? null;
    }
    for (const c of numeric) row[c.key] = num(it.fields[c.key]);
    if (kinds.includes('school')) {
      const p = row.pupils_2024_25;
      const q = row.teachers_2024_25;
      row.pupils_per_teacher_2024_25 = typeof p === 'number' && typeof q === 'number' && q > 0 ? p / q : null;
    }
    return row;
  });
  return {
    name: opts.name ?? 'einrichtungen',
    title: opts.title ?? (locale === 'en' ? 'Institutions' : 'Einrichtungen'),
    columns,
    rows,
  };
}

/** Geometry of an institution row for the GeoJSON export. */
export function institutionPointOf(row: ExportRow): { type: 'Point'; coordinates: [number, number] } | null {
  return typeof row.lon === 'number' && typeof row.lat === 'number'
    ? { type: 'Point', coordinates: [row.lon, row.lat] }
    : null;
}
