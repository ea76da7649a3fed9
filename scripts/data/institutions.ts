import type { JoinReport } from '../../src/domain/types';
import type { AreaIndex } from '../../src/spatial/areaIndex';
import { PipelineError } from './errors';
import { pointPosition, toWgs84For } from './geom';
import { normName } from './lor';
import { type CsvTable, keysOf, parseIntCell, pickFields, type RawFeature, resolveFields } from './read';

export type OutRow = Record<string, string>;

export interface PointInput {
  file: string;
  features: RawFeature[];
  crsName: string | null;
}

/** Spatial context: the PLR index over full-resolution PLR features and their ids. */
export interface PlrLocator {
  index: AreaIndex;
  plrIds: string[];
  bezNames: Map<string, string>;
}

export interface InstitutionResult {
  rows: OutRow[];
  outside: JoinReport['items'];
  bezirkMismatch: JoinReport['items'];
}

/** Share of features allowed outside every PLR before the run fails (a sign of wrong coordinates). */
export const MAX_OUTSIDE_SHARE = 0.05;

export const BSN_RE = /^\d{2}[A-Z]\d{2}$/;

const fmtCoord = (x: number) => String(Math.round(x * 1e7) / 1e7);

function locate(loc: PlrLocator, lon: number, lat: number): string {
  const i = loc.index.locate(lon, lat);
  return i < 0 ? '' : loc.plrIds[i];
}

function checkOutside(file: string, total: number, outside: JoinReport['items']) {
  if (total > 0 && outside.length / total > MAX_OUTSIDE_SHARE) {
    throw new PipelineError(
      file,
      `${outside.length} of ${total} features lie outside every Planungsraum (e.g. ${outside
        .slice(0, 3)
        .map((o) => `${o.key} ${o.detail ?? ''}`)
        .join('; ')}) – wrong coordinates or CRS?`,
    );
  }
}

function uniqueId(seen: Set<string>, id: string, file: string, index: number, column: string | undefined) {
  if (seen.has(id))
    throw new PipelineError(file, `feature ${index + 1}: duplicate id ${id}`, { column: column ?? null });
  seen.add(id);
}

const SCHOOL_ALIASES = {
  bsn: ['bsn', 'schulnummer'],
  name: ['name', 'schulname'],
  schulart: ['schulart'],
  schultyp: ['schultyp'],
  traeger: ['traeger', 'traegerschaft', 'träger'],
  bezirk: ['bezirk', 'bezname'],
  ortsteil: ['ortsteil'],
  plz: ['plz', 'postleitzahl'],
  strasse: ['strasse', 'straße'],
  hausnr: ['hausnr', 'hausnummer'],
} as const;
type SchoolField = keyof typeof SCHOOL_ALIASES;

const STATS_ALIASES = {
  schuljahr: ['Schuljahr'],
  bsn: ['BSN', 'Schulnummer'],
  name: ['NAME', 'Schulname'],
  pupils: ['Schüler (m/w/d)', 'Schüler', 'Schueler (m/w/d)', 'Schüler insgesamt'],
  teachers: ['Lehrkräfte (m,w,d)', 'Lehrkräfte (m/w/d)', 'Lehrkräfte', 'Lehrkraefte (m,w,d)'],
} as const;

export interface SchoolStats {
  label: string;
  /** Column suffix, e.g. 2023_24. */
  suffix: string;
  table: CsvTable;
}

interface StatsRow {
  pupils: number | null;
  teachers: number | null;
  name: string;
}

function readStats(s: SchoolStats): Map<string, StatsRow> {
  const t = s.table;
  const map = resolveFields(t.headers, STATS_ALIASES, ['bsn', 'pupils', 'teachers'], t.file);
  const out = new Map<string, StatsRow>();
  const year = s.suffix.replace('_', '/');
  for (const r of t.rows) {
    const v = pickFields(r.values, map, ['schuljahr', 'bsn', 'name', 'pupils', 'teachers']);
    if (!BSN_RE.test(v.bsn)) {
      throw new PipelineError(t.file, `"${v.bsn}" is not a school number (BSN like 01B01)`, {
        row: r.row,
        column: map.bsn,
      });
    }
    if (v.schuljahr && v.schuljahr !== year) {
      throw new PipelineError(t.file, `school year "${v.schuljahr}" but this file should be ${year}`, {
        row: r.row,
        column: map.schuljahr,
      });
    }
    if (out.has(v.bsn))
      throw new PipelineError(t.file, `duplicate BSN ${v.bsn}`, { row: r.row, column: map.bsn });
    out.set(v.bsn, {
      name: v.name,
      pupils: parseIntCell(v.pupils, t.file, r.row, map.pupils as string),
      teachers: parseIntCell(v.teachers, t.file, r.row, map.teachers as string),
    });
  }
  return out;
}

export interface SchoolsResult extends InstitutionResult {
  report: JoinReport[];
}

export function buildSchools(input: PointInput, stats: SchoolStats[], loc: PlrLocator): SchoolsResult {
  const { file } = input;
  const reproject = toWgs84For(input.crsName, file);
  const fields = Object.keys(SCHOOL_ALIASES) as SchoolField[];
  const map = resolveFields(
    keysOf(input.features.map((f) => f.properties)),
    SCHOOL_ALIASES,
    ['bsn', 'name', 'schulart', 'bezirk'],
    file,
  );
  const statMaps = stats.map(readStats);
  const seen = new Set<string>();
  const outside: JoinReport['items'] = [];
  const bezirkMismatch: JoinReport['items'] = [];
  const rows: OutRow[] = input.features.map((f) => {
    const v = pickFields(f.properties, map, fields);
    if (!BSN_RE.test(v.bsn)) {
      throw new PipelineError(
        file,
        `feature ${f.index + 1}: "${v.bsn}" is not a school number (BSN like 01B01)`,
        { column: map.bsn },
      );
    }
    uniqueId(seen, v.bsn, file, f.index, map.bsn);
    const [lon, lat] = pointPosition(f, file, v.bsn, reproject);
    const plrId = locate(loc, lon, lat);
    if (!plrId) outside.push({ key: v.bsn, name: v.name, detail: `${file}: ${lon}, ${lat}` });
    else {
      const spatial = loc.bezNames.get(plrId.slice(0, 2)) ?? '';
      if (v.bezirk && normName(v.bezirk) !== normName(spatial)) {
        bezirkMismatch.push({
          key: v.bsn,
          name: v.name,
          detail: `schools: bezirk "${v.bezirk}", location in ${spatial} (PLR ${plrId})`,
        });
      }
    }
    const row: OutRow = {
      bsn: v.bsn,
      name: v.name,
      schulart: v.schulart,
      schultyp: v.schultyp,
      traeger: v.traeger,
      bezirk: v.bezirk,
      ortsteil: v.ortsteil,
      plz: v.plz,
      strasse: v.strasse,
      hausnr: v.hausnr,
      lon: fmtCoord(lon),
      lat: fmtCoord(lat),
      plr_id: plrId,
    };
    stats.forEach((s, i) => {
      const st = statMaps[i].get(v.bsn);
      row[`pupils_${s.suffix}`] = st?.pupils == null ? '' : String(st.pupils);
      row[`teachers_${s.suffix}`] = st?.teachers == null ? '' : String(st.teachers);
    });
    return row;
  });
  checkOutside(file, rows.length, outside);
  rows.sort((a, b) => a.bsn.localeCompare(b.bsn));

  const report: JoinReport[] = [];
  const names = new Map(rows.map((r) => [r.bsn, r.name]));
  stats.forEach((s, i) => {
    const unmatched = [...statMaps[i].entries()]
      .filter(([bsn]) => !names.has(bsn))
      .map(([bsn, st]) => ({
        key: bsn,
        name: st.name,
        detail: `${s.table.file}: no school with this BSN in ${file}`,
      }));
    report.push({
      id: `stats_${s.suffix}_without_school`,
      title: `BSN in Schulstatistik ${s.label} without a school in the school list (not shown on the map)`,
      count: unmatched.length,
      items: unmatched,
    });
  });
  stats.forEach((s, i) => {
    const without = rows
      .filter((r) => !statMaps[i].has(r.bsn))
      .map((r) => ({
        key: r.bsn,
        name: r.name,
        detail: `no row in ${s.table.file}; pupils/teachers ${s.label} left empty`,
      }));
    report.push({
      id: `schools_without_stats_${s.suffix}`,
      title: `Schools without a Schulstatistik ${s.label} row (kept, figures empty)`,
      count: without.length,
      items: without,
    });
  });
  return { rows, outside, bezirkMismatch, report };
}

const FACILITY_ALIASES = {
  id: ['e_nr', 'enr', 'einrichtungsnummer'],
  name: ['e_name', 'ename', 'einrichtungsname'],
  art: ['e_art', 'eart'],
  traeger_name: ['t_name', 'tname', 'traeger'],
  traeger_art: ['t_art', 'tart', 'traegerart'],
  bez_nr: ['e_bez_nr', 'ebeznr', 'bez_nr'],
  bezirk: ['e_bez', 'ebez', 'bezirk'],
  plz: ['e_plz', 'eplz', 'plz'],
  strasse: ['e_strasse', 'estrasse', 'strasse'],
  hausnr: ['e_hnr', 'ehnr', 'hausnr'],
  places: ['e_platz', 'eplatz', 'plaetze'],
} as const;
type FacilityField = keyof typeof FACILITY_ALIASES;

/** Youth facilities (with `art`) and Kitas (without): id = e_nr (8 digits). */
export function buildFacilities(
  input: PointInput,
  kind: 'youth' | 'kitas',
  loc: PlrLocator,
): InstitutionResult {
  const { file } = input;
  const reproject = toWgs84For(input.crsName, file);
  const fields = Object.keys(FACILITY_ALIASES) as FacilityField[];
  const map = resolveFields(
    keysOf(input.features.map((f) => f.properties)),
    FACILITY_ALIASES,
    ['id', 'name', 'places'],
    file,
  );
  const seen = new Set<string>();
  const outside: JoinReport['items'] = [];
  const bezirkMismatch: JoinReport['items'] = [];
  const rows = input.features.map((f): OutRow => {
    const v = pickFields(f.properties, map, fields);
    if (!/^\d{8}$/.test(v.id)) {
      throw new PipelineError(file, `feature ${f.index + 1}: "${v.id}" is not a facility number (8 digits)`, {
        column: map.id,
      });
    }
    uniqueId(seen, v.id, file, f.index, map.id);
    const places = parseIntCell(v.places, file, f.index + 1, `feature ${f.index + 1} ${map.places}`);
    const [lon, lat] = pointPosition(f, file, v.id, reproject);
    const plrId = locate(loc, lon, lat);
    if (!plrId) outside.push({ key: v.id, name: v.name, detail: `${file}: ${lon}, ${lat}` });
    else {
      const bez = plrId.slice(0, 2);
      const spatial = loc.bezNames.get(bez) ?? '';
      const differs = v.bez_nr
        ? v.bez_nr.padStart(2, '0') !== bez
        : v.bezirk && normName(v.bezirk) !== normName(spatial);
      if (differs) {
        bezirkMismatch.push({
          key: v.id,
          name: v.name,
          detail: `${kind}: e_bez ${v.bez_nr || '–'} "${v.bezirk}", location in ${spatial} (PLR ${plrId})`,
        });
      }
    }
    const row: OutRow = { id: v.id, name: v.name };
    if (kind === 'youth') row.art = v.art;
    Object.assign(row, {
      traeger_name: v.traeger_name,
      traeger_art: v.traeger_art,
      bezirk: v.bezirk,
      plz: v.plz,
      strasse: v.strasse,
      hausnr: v.hausnr,
      places: places === null ? '' : String(places),
      lon: fmtCoord(lon),
      lat: fmtCoord(lat),
      plr_id: plrId,
    });
    return row;
  });
  checkOutside(file, rows.length, outside);
  rows.sort((a, b) => a.id.localeCompare(b.id));
  return { rows, outside, bezirkMismatch };
}

const HOUSING_ALIASES = {
  id: ['gisid'],
  name: ['bez', 'name', 'bezeichnung'],
  we_kat: ['we_kat'],
  leg_fertig: ['leg_fertig'],
  leg_gemeinw: ['leg_gemeinw'],
} as const;

/** StEP Wohnen 2040 housing potentials: id = gisid (S1…). */
export function buildHousing(input: PointInput, loc: PlrLocator): InstitutionResult {
  const { file } = input;
  const reproject = toWgs84For(input.crsName, file);
  const map = resolveFields(
    keysOf(input.features.map((f) => f.properties)),
    HOUSING_ALIASES,
    ['id', 'name', 'we_kat'],
    file,
  );
  const seen = new Set<string>();
  const outside: JoinReport['items'] = [];
  const rows = input.features.map((f): OutRow => {
    const v = pickFields(f.properties, map, ['id', 'name', 'we_kat', 'leg_fertig', 'leg_gemeinw']);
    if (!/^S\d+$/.test(v.id))
      throw new PipelineError(file, `feature ${f.index + 1}: gisid "${v.id}" is not like S123`, {
        column: map.id,
      });
    uniqueId(seen, v.id, file, f.index, map.id);
    const [lon, lat] = pointPosition(f, file, v.id, reproject);
    const plrId = locate(loc, lon, lat);
    if (!plrId) outside.push({ key: v.id, name: v.name, detail: `${file}: ${lon}, ${lat}` });
    return { ...v, lon: fmtCoord(lon), lat: fmtCoord(lat), plr_id: plrId };
  });
  checkOutside(file, rows.length, outside);
  rows.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  return { rows, outside, bezirkMismatch: [] };
}
