/**
 * `bildungsraum join --points FILE --areas FILE [--level plr|bzr|pgr|bez] [--id-field NAME] --out FILE.csv`
 *
 * Writes every point row with the joined area columns appended (IDs written as quoted text) and reports
 * points outside every area (and rows without usable coordinates) on stderr instead of dropping them:
 * such rows stay in the output with empty area columns and a `join_status` saying why.
 *
 * Points: any file the app's import understands (CSV/TSV/XLSX/GeoJSON; coordinate columns, WKT or GeoJSON
 * points; CRS detected and reprojected to WGS84) — read with src/io/importFile, the same code as the browser.
 * Areas: GeoJSON (Multi)Polygons (EPSG:25833 detected by magnitude and reprojected).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { LOR_LEVELS, type LorLevel, lorChain } from '../domain/lor';
import type { AreaFeature } from '../domain/types';
import { importBytes } from '../io/importFile';
import type { ImportResult } from '../io/types';
import { buildAreaIndex } from '../spatial/areaIndex';
import { readAreasFile } from './joinInput';

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
    areas = await readAreasFile(areasFile);
    const bytes = new Uint8Array(await readFile(pointsFile));
    imp = await importBytes(bytes, { fileName: basename(pointsFile), maxBytes: Number.MAX_SAFE_INTEGER });
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
  const reasons = new Map<number, string>();
  for (const issue of imp.report.issues)
    if (issue.row !== null && issue.severity === 'error' && !reasons.has(issue.row))
      reasons.set(issue.row, issue.reason);
  const cell = (c: number, i: number): string => {
    const v = imp.values[c];
    if (v.kind === 'text') return v.values[i] ?? '';
    if (v.kind === 'number') return Number.isFinite(v.values[i]) ? String(v.values[i]) : '';
    return v.values[i] === 2 ? '' : v.values[i] === 1 ? 'true' : 'false';
  };
  const outRows: string[][] = [];
  let outside = 0;
  let invalid = 0;
  // coordinates per row: from coordinate columns, or from point geometries (GeoJSON / WKT) → then written too
  let lons = imp.lon;
  let lats = imp.lat;
  const fromGeometry = !lons && !!imp.geometries;
  if (fromGeometry && imp.geometries) {
    const pos = imp.geometries.map((g) =>
      g?.type === 'Point' ? g.coordinates : g?.type === 'MultiPoint' ? g.coordinates[0] : undefined,
    );
    lons = Float64Array.from(pos, (p) => p?.[0] ?? Number.NaN);
    lats = Float64Array.from(pos, (p) => p?.[1] ?? Number.NaN);
    if (!pointHeader.includes('lon') && !pointHeader.includes('lat'))
      outHeader.splice(pointHeader.length, 0, 'lon', 'lat');
  }
  const extra = outHeader.length - pointHeader.length - cols.header.length - 1;
  const hasCoords = !!lons && !!lats;
  if (!hasCoords)
    process.stderr.write(
      `${pointsFile}: no point coordinates found (location: ${imp.location.description}) — every row is reported\n`,
    );
  for (let i = 0; i < imp.length; i++) {
    const lon = lons?.[i] ?? Number.NaN;
    const lat = lats?.[i] ?? Number.NaN;
    const row = imp.rowNumbers[i];
    let k = -1;
    let status = 'ok';
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      status = `no coordinates: ${reasons.get(row) ?? 'missing'}`;
      invalid++;
      process.stderr.write(`${pointsFile}: row ${row}: ${status}\n`);
    } else {
      k = index.locate(lon, lat);
      if (k < 0) {
        status = 'outside every area';
        outside++;
        process.stderr.write(`${pointsFile}: row ${row}: point ${lon}, ${lat} lies outside every area\n`);
      }
    }
    const coordCells =
      extra === 2 ? [Number.isFinite(lon) ? String(lon) : '', Number.isFinite(lat) ? String(lat) : ''] : [];
    outRows.push([...pointHeader.map((_, c) => cell(c, i)), ...coordCells, ...cols.values(k), status]);
  }
  const csv = Papa.unparse({ fields: outHeader, data: outRows }, { quotes: true, newline: '\n' });
  await writeFile(out, `${csv}\n`, 'utf8');
  const joined = imp.length - outside - invalid;
  process.stderr.write(
    `${imp.length} Punkte / points: ${joined} zugeordnet / joined, ${outside} außerhalb aller Flächen / outside every area, ${invalid} ohne gültige Koordinaten / without valid coordinates → ${out}\n`,
  );
  return 0;
}
