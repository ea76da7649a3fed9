/**
 * What crosses from the import worker to the main thread: a compact, render-ready summary.
 * Built in the worker so that the main thread never walks a million rows. Large arrays are typed
 * (transferred, not copied); object-per-row data (GeoJSON features, preview rows, issues) is capped.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { LorLevel } from '../domain/lor';
import { reportToCsv } from './report';
import type { ColumnInfo, ImportReport, ImportResult, ImportSource, LocationInfo } from './types';

/** At most this many features are built as GeoJSON objects; all point positions are in `positions`. */
export const FEATURE_CAP = 5_000;
export const PREVIEW_ROWS = 50;
export const ISSUE_CAP = 2_000;

export interface ImportPayload {
  dataset: ImportResult['dataset'];
  source: ImportSource;
  columns: ColumnInfo[];
  location: LocationInfo;
  /** Report with issues capped at ISSUE_CAP (counts are complete); the CSV has everything. */
  report: ImportReport;
  issuesTotal: number;
  reportCsv: string;
  /** First rows as display text, with `lon`/`lat` (WGS84) appended for point data. */
  preview: { header: string[]; rows: string[][]; rowNumbers: number[] };
  /**
   * Used rows with a geometry, WGS84 (capped at FEATURE_CAP; see featuresTotal). Empty for point data
   * placed by coordinates: `positions` holds all of them and the map draws those.
   */
  features: FeatureCollection<Geometry, Record<string, unknown>>;
  featuresTotal: number;
  /**
   * All used point positions, interleaved lon,lat (WGS84) as float32 (~0.5 m in Berlin: plenty for
   * drawing), built in the worker and transferred: the map layer uses it as is, no main-thread conversion.
   */
  positions: Float32Array | null;
  /** Used rows of a key-located table: key → values (capped at FEATURE_CAP). */
  keyed: {
    level: LorLevel | 'bsn';
    rows: { key: string; row: number; values: Record<string, unknown> }[];
  } | null;
}

/** Used points of an import per Planungsraum (PLR geometry from the app's area data). */
export interface ImportJoin {
  /** PLR IDs (sorted), aligned with `counts`. */
  plrIds: string[];
  /** Used points per PLR. */
  counts: Int32Array;
  /** Used points outside every PLR. */
  outside: number;
  /** Points joined (= used points with a position). */
  points: number;
  /** Time of the join in the worker (ms, without loading the areas). */
  ms: number;
}

function cellValue(r: ImportResult, j: number, i: number): string | number | boolean | null {
  const v = r.values[j];
  if (v.kind === 'number') return Number.isNaN(v.values[i]) ? null : v.values[i];
  if (v.kind === 'boolean') return v.values[i] === 2 ? null : v.values[i] === 1;
  const t = v.values.get(i);
  return t === '' ? null : t;
}

function props(r: ImportResult, i: number): Record<string, unknown> {
  const p: Record<string, unknown> = { _row: r.rowNumbers[i] };
  for (let j = 0; j < r.columns.length; j++) p[r.columns[j].name] = cellValue(r, j, i);
  if (r.flagged[i]) p._flagged = true;
  return p;
}

export function buildPayload(r: ImportResult): ImportPayload {
  const n = r.length;
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  let featuresTotal = 0;
  let positions: Float32Array | null = null;
  if (r.lon && r.lat) {
    let used = 0;
    for (let i = 0; i < n; i++) if (r.used[i]) used++;
    positions = new Float32Array(used * 2);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!r.used[i]) continue;
      positions[k++] = r.lon[i];
      positions[k++] = r.lat[i];
    }
    featuresTotal = used;
  } else if (r.geometries) {
    for (let i = 0; i < n; i++) {
      const g = r.geometries[i];
      if (!r.used[i] || !g) continue;
      featuresTotal++;
      if (features.length < FEATURE_CAP)
        features.push({ type: 'Feature', geometry: g, properties: props(r, i) });
    }
  }
  let keyed: ImportPayload['keyed'] = null;
  if (r.keys && (r.location.method === 'areaKey' || r.location.method === 'bsn')) {
    const rows: NonNullable<ImportPayload['keyed']>['rows'] = [];
    for (let i = 0; i < n && rows.length < FEATURE_CAP; i++)
      if (r.used[i]) rows.push({ key: r.keys[i], row: r.rowNumbers[i], values: props(r, i) });
    keyed = { level: r.location.method === 'bsn' ? 'bsn' : (r.location.areaLevel ?? 'plr'), rows };
  }
  const header = r.columns.map((c) => c.name);
  const withPos = !!(r.lon && r.lat);
  if (withPos) header.push('lon (WGS84)', 'lat (WGS84)');
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = 0; i < Math.min(n, PREVIEW_ROWS); i++) {
    const row = r.columns.map((_, j) => {
      const v = cellValue(r, j, i);
      return v === null ? '' : String(v);
    });
    if (withPos) {
      const lon = (r.lon as Float64Array)[i];
      const lat = (r.lat as Float64Array)[i];
      row.push(Number.isNaN(lon) ? '' : lon.toFixed(6), Number.isNaN(lat) ? '' : lat.toFixed(6));
    }
    rows.push(row);
    rowNumbers.push(r.rowNumbers[i]);
  }
  const issuesTotal = r.report.issues.length;
  return {
    dataset: r.dataset,
    source: r.source,
    columns: r.columns,
    location: r.location,
    report: { ...r.report, issues: r.report.issues.slice(0, ISSUE_CAP) },
    issuesTotal,
    reportCsv: reportToCsv(r.report),
    preview: { header, rows, rowNumbers },
    features: { type: 'FeatureCollection', features },
    featuresTotal,
    positions,
    keyed,
  };
}
