/**
 * `bildungsraum join --points FILE --areas FILE [--level plr|bzr|pgr|bez] [--id-field NAME] --out FILE.csv`
 *
 * Writes every point row with the joined area columns appended (IDs written as quoted text) and reports
 * points outside every area (and rows without usable coordinates) on stderr instead of dropping them:
 * such rows stay in the output with empty area columns and a `join_status` saying why.
 *
 * Points and areas are read with the app's own import (src/io/importFile + importedRows, the same code as
 * the browser): any format (CSV/TSV/XLSX/GeoJSON; coordinate columns, WKT or GeoJSON geometries), any
 * encoding, CRS detected and reprojected to WGS84. Areas: (Multi)Polygons.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { LOR_LEVELS, type LorLevel, lorChain } from '../domain/lor';
import type { AreaFeature } from '../domain/types';
import { importBytes } from '../io/importFile';
import { importedRows } from '../io/rows';
import type { ImportResult } from '../io/types';
import { buildAreaIndex } from '../spatial/areaIndex';

export interface JoinCliOptions {
  points: string;
  areas: string;
  out: string;
  level: LorLevel | null;
  idField: string | null;
}

const USAGE =
  'Aufruf / usage: bildungsraum join --points FILE(.csv|.geojson) --areas FILE.geojson [--level plr|bzr|pgr|bez] [--id-field NAME] --out FILE.csv';

export function parseJoinArgs(argv: readonly string[]): JoinCliOptions | string {
  const opts: Partial<JoinCliOptions> = { level: null, idField: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | undefined => argv[++i];
    if (a === '--points') opts.points = next();
    else if (a === '--areas') opts.areas = next();
    else if (a === '--out') opts.out = next();
    else if (a === '--id-field') opts.idField = next() ?? null;
    else if (a === '--level') {
      const l = next();
      if (!l || !(LOR_LEVELS as readonly string[]).includes(l))
        return `--level must be one of plr|bzr|pgr|bez (got "${l ?? ''}")`;
      opts.level = l as LorLevel;
    } else if (a === '--help' || a === '-h') return USAGE;
    else return `unknown argument "${a}"\n${USAGE}`;
  }
  if (!opts.points || !opts.areas || !opts.out) return `--points, --areas and --out are required\n${USAGE}`;
  return opts as JoinCliOptions;
}

const LEVEL_ID_FIELDS: Record<LorLevel, string[]> = {
  plr: ['PLR_ID', 'plr_id', 'id'],
  bzr: ['BZR_ID', 'bzr_id', 'id'],
  pgr: ['PGR_ID', 'pgr_id', 'id'],
  bez: ['BEZ_ID', 'bez_id', 'id'],
};
const GENERIC_ID_FIELDS = ['id', 'ID', 'PLR_ID', 'BZR_ID', 'PGR_ID', 'BEZ_ID', 'esb', 'schluessel', 'gisid'];
const NAME_FIELDS = [
  'name',
  'NAME',
  'PLR_NAME',
  'BZR_NAME',
  'PGR_NAME',
  'BEZ_NAME',
  'gebietsname',
  'bezname',
];

function pickField(features: readonly AreaFeature[], candidates: readonly string[]): string | null {
  const props = features[0]?.properties ?? {};
  for (const c of candidates) if (c in props) return c;
  return null;
}

/** Column values appended to each point row for the area with index `k` (or empty when k < 0). */
export function areaColumns(
  features: readonly AreaFeature[],
  level: LorLevel | null,
  idField: string | null,
): { header: string[]; values: (k: number) => string[] } {
  const nameField = pickField(features, NAME_FIELDS);
  const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  if (level) {
    const coarser = LOR_LEVELS.slice(0, LOR_LEVELS.indexOf(level) + 1);
    const header = [...coarser.map((l) => `${l}_id`), 'area_name'];
    return {
      header,
      values: (k) => {
        if (k < 0) return header.map(() => '');
        const id = str(features[k].properties?.[idField ?? '']);
        const chain = lorChain(id.padEnd(8, '0'));
        return [
          ...coarser.map((l) => (l === level ? id : chain[l])),
          str(features[k].properties?.[nameField ?? '']),
        ];
      },
    };
  }
  const header = ['area_id', 'area_name'];
  return {
    header,
    values: (k) =>
      k < 0
        ? ['', '']
        : [str(features[k].properties?.[idField ?? '']), str(features[k].properties?.[nameField ?? ''])],
  };
}

/** Read a file through the app's import (any format, encoding and CRS it handles). */
async function importFile(file: string): Promise<ImportResult> {
  const bytes = new Uint8Array(await readFile(file));
  return importBytes(bytes, { fileName: basename(file), maxBytes: Number.MAX_SAFE_INTEGER });
}

/**
 * Areas through the same import: GeoJSON (or WKT in a table) with (Multi)Polygons, CRS detected and
 * reprojected to WGS84; properties as text (IDs keep their leading zeros).
 */
export function areasFromImport(imp: ImportResult, file: string): AreaFeature[] {
  const geoms = imp.geometries;
  if (!geoms)
    throw new Error(
      `${file}: keine Flächengeometrien gefunden / no area geometries (${imp.location.description})`,
    );
  const rows = importedRows(imp);
  const out: AreaFeature[] = [];
  for (let i = 0; i < imp.length; i++) {
    const g = geoms[i];
    if (!g) continue;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
      throw new Error(`${file}: feature ${imp.rowNumbers[i]} is not a Polygon/MultiPolygon (${g.type})`);
    out.push({ type: 'Feature', properties: rows[i].values, geometry: g });
  }
  if (out.length === 0) throw new Error(`${file}: keine Flächen / no areas`);
  return out;
}

export async function runJoin(argv: string[]): Promise<number> {
  const parsed = parseJoinArgs(argv);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    return parsed === USAGE ? 0 : 2;
  }
  const { points: pointsFile, areas: areasFile, out, level } = parsed;
  let areas: AreaFeature[];
  let imp: ImportResult;
  try {
    const areaImp = await importFile(areasFile);
    if (areaImp.report.fatal) {
      process.stderr.write(`${areasFile}: ${areaImp.report.fatal.message}\n`);
      return 1;
    }
    areas = areasFromImport(areaImp, areasFile);
    for (const r of importedRows(areaImp))
      if (r.problem) process.stderr.write(`${areasFile}: feature ${r.row} skipped: ${r.problem}\n`);
    imp = await importFile(pointsFile);
  } catch (e) {
    process.stderr.write(`Fehler / error: ${(e as Error).message}\n`);
    return 1;
  }
  if (imp.report.fatal) {
    process.stderr.write(`${pointsFile}: ${imp.report.fatal.message}\n`);
    return 1;
  }
  const idField =
    parsed.idField ?? pickField(areas, level ? LEVEL_ID_FIELDS[level] : GENERIC_ID_FIELDS) ?? null;
  if (parsed.idField && !(parsed.idField in (areas[0]?.properties ?? {}))) {
    process.stderr.write(`${areasFile}: --id-field "${parsed.idField}" is not a property of the areas\n`);
    return 2;
  }
  const index = buildAreaIndex(areas);
  const cols = areaColumns(areas, level, idField);
  const pointHeader = imp.columns.map((c) => c.name);
  const outHeader = [...pointHeader, ...cols.header, 'join_status'];
  const rows = importedRows(imp);
  // positions from point geometries (GeoJSON / WKT) are written as lon/lat columns too
  const fromGeometry = !imp.lon && !!imp.geometries;
  const withCoords = fromGeometry && !pointHeader.includes('lon') && !pointHeader.includes('lat');
  if (withCoords) outHeader.splice(pointHeader.length, 0, 'lon', 'lat');
  if (!imp.lon && !imp.geometries)
    process.stderr.write(
      `${pointsFile}: no point coordinates found (location: ${imp.location.description}) — every row is reported\n`,
    );
  const outRows: string[][] = [];
  let outside = 0;
  let invalid = 0;
  for (const r of rows) {
    const lon = r.lon ?? Number.NaN;
    const lat = r.lat ?? Number.NaN;
    let k = -1;
    let status = 'ok';
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      status = `no coordinates: ${r.problem ?? 'missing'}`;
      invalid++;
      process.stderr.write(`${pointsFile}: row ${r.row}: ${status}\n`);
    } else {
      k = index.locate(lon, lat);
      if (k < 0) {
        status = 'outside every area';
        outside++;
        process.stderr.write(`${pointsFile}: row ${r.row}: point ${lon}, ${lat} lies outside every area\n`);
      }
    }
    const coordCells = withCoords
      ? [Number.isFinite(lon) ? String(lon) : '', Number.isFinite(lat) ? String(lat) : '']
      : [];
    outRows.push([...pointHeader.map((h) => r.values[h] ?? ''), ...coordCells, ...cols.values(k), status]);
  }
  const csv = Papa.unparse({ fields: outHeader, data: outRows }, { quotes: true, newline: '\n' });
  await writeFile(out, `${csv}\n`, 'utf8');
  const joined = imp.length - outside - invalid;
  process.stderr.write(
    `${imp.length} Punkte / points: ${joined} zugeordnet / joined, ${outside} außerhalb aller Flächen / outside every area, ${invalid} ohne gültige Koordinaten / without valid coordinates → ${out}\n`,
  );
  return 0;
}
