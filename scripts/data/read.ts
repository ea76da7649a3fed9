import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import Papa from 'papaparse';
import { PipelineError } from './errors';

/** One data row of a CSV, keyed by header name, with its 1-based spreadsheet row number (header = 1). */
export interface CsvRow {
  row: number;
  values: Record<string, string>;
}

export interface CsvTable {
  file: string;
  headers: string[];
  rows: CsvRow[];
}

/** Parse CSV text (comma or semicolon, CRLF or LF, optional BOM, optional trailing delimiter). IDs stay text. */
export function parseCsv(text: string, file: string): CsvTable {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*</.test(clean)) throw new PipelineError(file, 'expected CSV but found HTML/XML (an error page?)');
  const res = Papa.parse<string[]>(clean, { header: false, dynamicTyping: false, skipEmptyLines: false });
  const fatal = res.errors.find((e) => e.type === 'Quotes');
  if (fatal)
    throw new PipelineError(file, `CSV syntax error: ${fatal.message}`, { row: (fatal.row ?? 0) + 1 });
  const data = res.data;
  if (data.length === 0 || data[0].every((h) => h.trim() === '')) throw new PipelineError(file, 'empty file');
  const rawHeaders = data[0].map((h) => h.trim());
  // A trailing delimiter yields one empty last header: ignore it (and the empty last cell of every row).
  while (rawHeaders.length > 0 && rawHeaders[rawHeaders.length - 1] === '') rawHeaders.pop();
  const seen = new Set<string>();
  for (const h of rawHeaders) {
    if (h === '') throw new PipelineError(file, 'empty column name in header', { row: 1 });
    if (seen.has(h.toLowerCase())) throw new PipelineError(file, `duplicate column "${h}"`, { row: 1 });
    seen.add(h.toLowerCase());
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const cells = data[i];
    if (cells.every((c) => c.trim() === '')) continue;
    const extra = cells.slice(rawHeaders.length);
    if (extra.some((c) => c.trim() !== '')) {
      throw new PipelineError(file, `row has ${cells.length} cells but the header has ${rawHeaders.length}`, {
        row: i + 1,
      });
    }
    const values: Record<string, string> = {};
    rawHeaders.forEach((h, j) => {
      values[h] = (cells[j] ?? '').trim();
    });
    rows.push({ row: i + 1, values });
  }
  return { file, headers: rawHeaders, rows };
}

/** Decode UTF-8; files that are not valid UTF-8 (older portal exports) are read as Windows-1252. */
export function decodeText(buf: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(buf), encoding: 'windows-1252' };
  }
}

export function readCsvFile(path: string, label: string): CsvTable {
  return parseCsv(decodeText(readFileSync(path)).text, label);
}

export interface RawFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
  id?: string | number;
}

/** Parse GeoJSON text into features; fails clearly on HTML or non-FeatureCollection input. */
export function parseGeoJson(text: string, file: string): { features: RawFeature[]; crsName: string | null } {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<'))
    throw new PipelineError(file, 'expected GeoJSON but found HTML/XML (an error page?)');
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (e) {
    throw new PipelineError(file, `not valid JSON: ${(e as Error).message}`);
  }
  const fc = json as Partial<FeatureCollection> & {
    crs?: { properties?: { name?: string } };
    numberMatched?: unknown;
  };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new PipelineError(file, 'not a GeoJSON FeatureCollection');
  }
  // WFS 2.0 GeoJSON (GeoServer) says how many features matched: a smaller page means a server limit was hit.
  const matched = Number(fc.numberMatched);
  if (Number.isFinite(matched) && matched > fc.features.length) {
    throw new PipelineError(
      file,
      `the server returned only ${fc.features.length} of ${matched} features (paging limit) – request all features (count=${matched})`,
    );
  }
  const features = (fc.features as Feature[]).map((f, index) => ({
    index,
    properties: (f.properties ?? {}) as Record<string, unknown>,
    geometry: f.geometry ?? null,
    id: f.id,
  }));
  return { features, crsName: fc.crs?.properties?.name ?? null };
}

export function readGeoJsonFile(path: string, label: string) {
  return parseGeoJson(readFileSync(path, 'utf8'), label);
}

/** Canonical field → accepted source names (compared case-insensitively). */
export type AliasTable<K extends string> = Record<K, readonly string[]>;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Resolve the canonical fields of one dataset against the keys actually present (case-insensitive, aliases).
 * Returns canonical → source key. Fails naming the file and the missing field when a required one is absent.
 */
export function resolveFields<K extends string>(
  keys: Iterable<string>,
  aliases: AliasTable<K>,
  required: readonly NoInfer<K>[],
  file: string,
): Partial<Record<K, string>> {
  const byLower = new Map<string, string>();
  for (const k of keys) if (!byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), k);
  const out: Partial<Record<K, string>> = {};
  for (const canon of Object.keys(aliases) as K[]) {
    for (const a of aliases[canon]) {
      const hit = byLower.get(a.toLowerCase());
      if (hit !== undefined) {
        out[canon] = hit;
        break;
      }
    }
  }
  const missing = required.filter((k) => out[k] === undefined);
  if (missing.length > 0) {
    const have = [...byLower.values()].join(', ');
    throw new PipelineError(
      file,
      `required field(s) missing: ${missing.map((m) => `${m} (accepted: ${aliases[m].join(' | ')})`).join('; ')}. Found: ${have || 'none'}`,
    );
  }
  return out;
}

/** Read canonical fields from a record with a resolved field map; absent optional fields give ''. */
export function pickFields<K extends string>(
  record: Record<string, unknown>,
  map: Partial<Record<K, string>>,
  keys: readonly K[],
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of keys) {
    const src = map[k];
    out[k] = src === undefined ? '' : cellText(record[src]);
  }
  return out;
}

/** All keys present in any of the records (features may omit null properties). */
export function keysOf(records: Iterable<Record<string, unknown>>): Set<string> {
  const s = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) s.add(k);
  return s;
}

const INT_RE = /^-?\d+$/;
const DEC_RE = /^-?\d+(\.\d+)?$/;

/** Parse an integer cell ('' → null); anything else fails naming file/row/column. Accepts "12.0". */
export function parseIntCell(value: string, file: string, row: number | null, column: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  if (INT_RE.test(v)) return Number(v);
  if (/^-?\d+\.0+$/.test(v)) return Number(v);
  throw new PipelineError(file, `"${value}" is not an integer`, { row, column });
}

/** Parse a decimal cell with a '.' decimal point ('' → null). */
export function parseDecimalCell(
  value: string,
  file: string,
  row: number | null,
  column: string,
): number | null {
  const v = value.trim();
  if (v === '') return null;
  if (DEC_RE.test(v)) return Number(v);
  throw new PipelineError(file, `"${value}" is not a number (expected digits with "." as decimal point)`, {
    row,
    column,
  });
}
