/**
 * Shapes of the import pipeline (bytes → ImportResult). The ImportResult stays where it was made (the
 * import worker, the CLI); what crosses to the main thread is the compact payload of src/io/payload.ts.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { LorLevel } from '../domain/lor';
import type { ImportIssue } from '../domain/types';
import type { CrsId } from './crs';
import type { TextEncodingName } from './encoding';
import type { DecimalSeparator, ThousandsSeparator } from './numbers';
import type { TextValues } from './textValues';

export type ImportFormat = 'csv' | 'tsv' | 'xlsx' | 'geojson';

export type ColumnType = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'id' | 'empty';
export const COLUMN_TYPES: readonly ColumnType[] = [
  'text',
  'integer',
  'decimal',
  'boolean',
  'date',
  'id',
  'empty',
];

export type ColumnRole =
  | 'none'
  | 'name'
  | 'category'
  | 'id'
  | 'lat'
  | 'lon'
  | 'x'
  | 'y'
  | 'wkt'
  /** LOR area ID (level in ColumnInfo.areaLevel) */
  | 'areaId'
  /** school number (Berliner Schulnummer) */
  | 'bsn';
export const COLUMN_ROLES: readonly ColumnRole[] = [
  'none',
  'name',
  'category',
  'id',
  'lat',
  'lon',
  'x',
  'y',
  'wkt',
  'areaId',
  'bsn',
];

export interface ColumnInfo {
  index: number;
  /** Unique, non-empty name (empty/duplicate headers are renamed and reported). */
  name: string;
  /** The header cell as written in the file. */
  header: string;
  type: ColumnType;
  role: ColumnRole;
  /** What detection said (before overrides), for the mapping dialog. */
  detected: { type: ColumnType; role: ColumnRole };
  decimal?: DecimalSeparator;
  thousands?: ThousandsSeparator;
  areaLevel?: LorLevel;
  /** Non-empty cells. */
  filled: number;
  /** Up to 5 example values as written in the file. */
  examples: string[];
}

export interface ColumnOverride {
  type?: ColumnType;
  role?: ColumnRole;
  areaLevel?: LorLevel;
}

/** Column values of all rows read (used or not), aligned with ImportResult.rowNumbers. */
export type ColumnValues =
  | { kind: 'number'; values: Float64Array } // NaN = empty or not a number
  | { kind: 'text'; values: TextValues } // read with get(i); see src/io/textValues.ts
  | { kind: 'boolean'; values: Uint8Array }; // 0 false, 1 true, 2 empty

export type LocationMethod = 'coordinates' | 'wkt' | 'geojson' | 'areaKey' | 'bsn' | 'none';

export interface LocationInfo {
  method: LocationMethod;
  /** Columns used to place rows. */
  columns: string[];
  crs?: CrsId;
  /** lat/lon given in swapped order (latitude in the column named/assumed as x/lon). */
  swapped?: boolean;
  /** crs came from the file (GeoJSON crs member, SRID) or a user override, not from detection. */
  crsSource?: 'file' | 'detected' | 'override';
  areaLevel?: LorLevel;
  /** Keys whose leading zeros were restored (count). */
  repairedKeys?: number;
  /** Human-readable description (German). */
  description: string;
}

export interface ImportSource {
  fileName: string;
  bytes: number;
  format: ImportFormat;
  encoding: TextEncodingName | 'binary';
  bom: boolean;
  delimiter?: string;
  quote?: string;
  /** Quoted fields occur in the file. */
  quoted?: boolean;
  lineEnding?: 'CRLF' | 'LF' | 'CR';
  header?: boolean;
  /** Dominant decimal separator of numeric columns. */
  decimal?: DecimalSeparator;
  thousands?: ThousandsSeparator;
  sheet?: string;
  sheets?: string[];
  /** Trailing delimiter at the end of every line (an extra empty column was dropped). */
  trailingDelimiter?: boolean;
  emptyLines?: number;
  /** Title lines above the header that were skipped (their text). */
  titleLines?: string[];
  /** Delimiter named by an Excel `sep=…` first line (that line is not the header). */
  sepHint?: string;
  /** XLSX: empty sheets before the one read (see readXlsx). */
  sheetsSkipped?: string[];
  /** Cells whose formula-injection guard `'` (CSV export) was removed. */
  formulaGuardRemoved?: number;
}

export interface ReportIssue extends ImportIssue {
  /** Stable machine code, e.g. `coord-missing`, `outside-berlin`. */
  code: string;
}

export interface ImportReport {
  file: string;
  rowsRead: number;
  rowsUsed: number;
  /** Distinct rows listed as not used (severity error with a row number). */
  rowsListed: number;
  /** Every row not used (errors) and every warning. */
  issues: ReportIssue[];
  /** Set when nothing could be read at all (empty, binary, HTML …). */
  fatal?: { code: string; message: string };
}

export interface ImportResult {
  dataset: { id: string; name: string; geometry: 'point' | 'polygon' | 'line' | 'mixed' | 'none' };
  source: ImportSource;
  columns: ColumnInfo[];
  /** Rows read (used or not). */
  length: number;
  values: ColumnValues[];
  /** File row number of each row (spreadsheet numbering: header = 1) or feature number (1-based). */
  rowNumbers: Int32Array;
  /** 1 = used, 0 = listed in the report. */
  used: Uint8Array;
  /** 1 = kept but flagged (e.g. outside Berlin). */
  flagged: Uint8Array;
  location: LocationInfo;
  /** WGS84 lon/lat per row for point locations (NaN when not placed). */
  lon?: Float64Array;
  lat?: Float64Array;
  /** WGS84 geometry per row for WKT / GeoJSON (null when not placed). */
  geometries?: (Geometry | null)[];
  /** Area ID / BSN per row for key locations (repaired, '' when missing). */
  keys?: string[];
  report: ImportReport;
}

export interface ImportOptions {
  fileName: string;
  /** XLSX: sheet name or 1-based number (default: first). */
  sheet?: string | number;
  /** Overrides from the mapping dialog, by column name. */
  overrides?: Record<string, ColumnOverride>;
  /** Force a CRS instead of detecting it. */
  crs?: CrsId;
  /** Refuse inputs larger than this (bytes). Default {@link MAX_IMPORT_BYTES}. */
  maxBytes?: number;
  /** Called with 0..1 while parsing and locating. */
  onProgress?: (fraction: number, phase: ImportPhase) => void;
  /** Polled between chunks; return true to stop (throws ImportCancelled). */
  isCancelled?: () => boolean;
  /** Called at the end of each internal step with its name (for benchmarks: where the time goes). */
  mark?: (step: string) => void;
}

export type ImportPhase = 'decode' | 'parse' | 'detect' | 'convert' | 'locate' | 'done';

/** 200 MB: larger files are refused with a clear message (the browser would need > 2 GB of memory). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export class ImportCancelled extends Error {
  constructor() {
    super('Import abgebrochen');
    this.name = 'ImportCancelled';
  }
}

/** A compact GeoJSON view of a result (WGS84), for the map. */
export type ImportedFeatures = FeatureCollection<Geometry, Record<string, unknown>>;
export type ImportedFeature = Feature<Geometry, Record<string, unknown>>;
