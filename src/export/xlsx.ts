/**
 * XLSX export (write-excel-file, `universal` entry: works in the browser, a worker and Node).
 * This is the reliable path for IDs: ID, text and category cells are written as STRING cells
 * (shared strings, `t="s"`), so `01100101` keeps its leading zeros when opened in Excel or LibreOffice,
 * and a name like `=HYPERLINK(…)` is plain text — an XLSX string cell is never evaluated as a formula,
 * so no apostrophe prefix is needed (or added). Numbers are NUMBER cells rounded as in the views,
 * with a display format of the column's fraction digits. Suppressed and missing values are empty cells.
 * One sheet per table (header row bold and frozen; no metadata rows above it), plus a "Hinweise" sheet
 * holding the companion note.
 */
import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/universal';
import { cellValue, decimalsOf, type ExportColumn, type ExportTable, isNumericColumn } from './table';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function numberFormat(column: ExportColumn): string {
  const d = decimalsOf(column);
  return d === 0 ? '0' : `0.${'0'.repeat(d)}`;
}

/** A sheet name Excel accepts: max 31 chars, none of []:*?/\ , unique in the workbook. */
export function safeSheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Tabelle').slice(0, 31);
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export function xlsxCell(column: ExportColumn, raw: ExportTable['rows'][number][string]): Cell {
  const v = cellValue(column, raw);
  if (v === null) return null;
  if (typeof v === 'number') return { value: v, type: Number, format: numberFormat(column) };
  return { value: v, type: String };
}

export function tableToSheetData(table: ExportTable): Row[] {
  const header: Row = table.columns.map((c) => ({ value: c.label, type: String, fontWeight: 'bold' }));
  const rows: Row[] = table.rows.map((r) => table.columns.map((c) => xlsxCell(c, r[c.key])));
  return [header, ...rows];
}

function columnWidths(table: ExportTable): { width: number }[] {
  return table.columns.map((c) => {
    let w = c.label.length;
    if (isNumericColumn(c)) w = Math.max(w, 10);
    else for (const r of table.rows.slice(0, 200)) w = Math.max(w, String(r[c.key] ?? '').length);
    return { width: Math.min(60, Math.max(8, w + 2)) };
  });
}

export interface XlsxOptions {
  /** Lines of the companion note, written to a last sheet (one line per row). */
  noteLines?: string[];
  noteSheetName?: string;
}

/** Build the workbook. Returns the bytes of the .xlsx file. */
export async function toXlsx(tables: ExportTable[], options: XlsxOptions = {}): Promise<Uint8Array> {
  if (tables.length === 0) throw new Error('Export: no table to write');
  const taken = new Set<string>();
  const sheets: Sheet<Blob>[] = tables.map((t) => ({
    data: tableToSheetData(t),
    sheet: safeSheetName(t.title, taken),
    columns: columnWidths(t),
    stickyRowsCount: 1,
  }));
  if (options.noteLines?.length) {
    sheets.push({
      data: options.noteLines.map((line) => [line === '' ? null : { value: line, type: String }]),
      sheet: safeSheetName(options.noteSheetName ?? 'Hinweise', taken),
      columns: [{ width: 120 }],
    });
  }
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
