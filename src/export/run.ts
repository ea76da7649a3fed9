/**
 * One entry point for the export dialog, the worker and the scripts:
 * chosen columns → suppression → file(s) in the chosen format → (optional) ZIP with the note.
 *
 *  - `csv`:     one table as CSV in the chosen profile (+ the note as a separate text, `extra`).
 *  - `xlsx`:    all tables as sheets + a "Hinweise" sheet.
 *  - `geojson`: all tables that have geometry, one FeatureCollection.
 *  - `zip`:     every table as CSV (chosen profile) + the XLSX + GeoJSON (if geometry) + HINWEISE.txt.
 */

import type { Geometry } from 'geojson';
import { type CsvProfileId, toCsvBytes } from './csv';
import { GEOJSON_MIME, geoJsonText, toGeoJson } from './geojson';
import { type NoteFile, type NoteInput, type NoteSource, noteLines, noteText } from './note';
import {
  applySuppression,
  DEFAULT_SUPPRESSION,
  type SuppressionReport,
  type SuppressionRule,
} from './suppression';
import { type ExportRow, type ExportTable, selectColumns } from './table';
import { toXlsx, XLSX_MIME } from './xlsx';
import { ZIP_MIME, zipFiles } from './zip';

export type ExportFormat = 'csv' | 'xlsx' | 'geojson' | 'zip';

export interface ExportSource {
  table: ExportTable;
  /** Keys of the columns the user picked, in order (default: all). */
  columns?: string[];
  /** Geometry of a row (WGS84) — needed for GeoJSON. */
  geometry?: (row: ExportRow, index: number) => Geometry | null;
}

export interface ExportRequest {
  format: ExportFormat;
  profile: CsvProfileId;
  tables: ExportSource[];
  /** File name stem, e.g. 'bildungsraum-planungsraeume'. */
  baseName: string;
  exportedAt: Date;
  filters: NoteInput['filters'];
  sources: NoteSource[];
  appUrl?: string;
  suppression?: SuppressionRule;
}

export interface ExportFile {
  name: string;
  mime: string;
  data: Uint8Array;
}

export interface ExportResult {
  /** The main download. */
  file: ExportFile;
  /** The companion note (for `csv` and `geojson`, offered next to the file). */
  note: ExportFile;
  report: SuppressionReport;
}

const CSV_MIME = 'text/csv;charset=utf-8';
const NOTE_MIME = 'text/plain;charset=utf-8';

function mergeReports(rule: SuppressionRule, reports: SuppressionReport[]): SuppressionReport {
  const cellsByColumn: Record<string, number> = {};
  let total = 0;
  for (const r of reports) {
    total += r.total;
    for (const [k, n] of Object.entries(r.cellsByColumn)) cellsByColumn[k] = (cellsByColumn[k] ?? 0) + n;
  }
  return { rule, cellsByColumn, total };
}

/** A file-name-safe stem (ASCII, lower case). */
export function safeFileStem(s: string): string {
  const t = s
    .normalize('NFKD')
    .replace(/ß/g, 'ss')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return t || 'export';
}

export async function runExport(req: ExportRequest): Promise<ExportResult> {
  if (req.tables.length === 0) throw new Error('Export: nothing to export');
  const rule = req.suppression ?? DEFAULT_SUPPRESSION;
  const stem = safeFileStem(req.baseName);
  const prepared = req.tables.map((s) => {
    const picked = s.columns ? selectColumns(s.table, s.columns) : s.table;
    if (picked.columns.length === 0) throw new Error(`Export: no columns chosen for "${s.table.title}"`);
    const { table, report } = applySuppression(picked, rule);
    return { table, report, geometry: s.geometry };
  });
  const report = mergeReports(
    rule,
    prepared.map((p) => p.report),
  );
  const tables = prepared.map((p) => p.table);
  const multi = tables.length > 1;
  const csvName = (t: ExportTable) => `${stem}${multi ? `-${safeFileStem(t.name)}` : ''}.csv`;

  const noteInput = (files: NoteFile[]): NoteInput => ({
    exportedAt: req.exportedAt,
    files,
    tables,
    filters: req.filters,
    sources: req.sources,
    suppression: report,
    appUrl: req.appUrl,
  });
  const geoLayers = prepared
    .filter((p) => p.geometry)
    .map((p) => ({ table: p.table, geometry: p.geometry!, layer: p.table.name }));
  const geoMeta = () => ({
    name: stem,
    exportedAt: req.exportedAt.toISOString(),
    suppression: { threshold: rule.threshold, suppressZero: rule.suppressZero === true, cells: report.total },
  });
  const rowsOf = (ts: ExportTable[]) => ts.reduce((n, t) => n + t.rows.length, 0);

  let file: ExportFile;
  let files: NoteFile[];
  switch (req.format) {
    case 'csv': {
      const t = tables[0];
      file = { name: `${stem}.csv`, mime: CSV_MIME, data: toCsvBytes(t, req.profile) };
      files = [{ name: file.name, format: 'csv', profile: req.profile, rows: t.rows.length }];
      break;
    }
    case 'xlsx': {
      files = [{ name: `${stem}.xlsx`, format: 'xlsx', rows: rowsOf(tables) }];
      const data = await toXlsx(tables, { noteLines: noteLines(noteInput(files)) });
      file = { name: files[0].name, mime: XLSX_MIME, data };
      break;
    }
    case 'geojson': {
      if (geoLayers.length === 0) throw new Error('Export: no geometry for GeoJSON');
      files = [{ name: `${stem}.geojson`, format: 'geojson', rows: rowsOf(geoLayers.map((l) => l.table)) }];
      const fc = toGeoJson(geoLayers, { meta: geoMeta() });
      file = { name: files[0].name, mime: GEOJSON_MIME, data: new TextEncoder().encode(geoJsonText(fc)) };
      break;
    }
    case 'zip': {
      files = tables.map((t) => ({
        name: csvName(t),
        format: 'csv' as const,
        profile: req.profile,
        rows: t.rows.length,
      }));
      files.push({ name: `${stem}.xlsx`, format: 'xlsx', rows: rowsOf(tables) });
      if (geoLayers.length > 0) {
        files.push({
          name: `${stem}.geojson`,
          format: 'geojson',
          rows: rowsOf(geoLayers.map((l) => l.table)),
        });
      }
      const input = noteInput(files);
      const entries = tables.map((t) => ({ name: csvName(t), data: toCsvBytes(t, req.profile) }));
      entries.push({ name: `${stem}.xlsx`, data: await toXlsx(tables, { noteLines: noteLines(input) }) });
      if (geoLayers.length > 0) {
        entries.push({
          name: `${stem}.geojson`,
          data: new TextEncoder().encode(geoJsonText(toGeoJson(geoLayers, { meta: geoMeta() }))),
        });
      }
      entries.push({ name: 'HINWEISE.txt', data: new TextEncoder().encode(noteText(input)) });
      file = { name: `${stem}.zip`, mime: ZIP_MIME, data: zipFiles(entries, req.exportedAt) };
      break;
    }
  }
  const note: ExportFile = {
    name: `${stem}-hinweise.txt`,
    mime: NOTE_MIME,
    data: new TextEncoder().encode(noteText(noteInput(files))),
  };
  return { file, note, report };
}
