/**
 * The export table model: what the filters and the selection show, as typed columns and rows.
 * Every export format (CSV, XLSX, GeoJSON, print report) reads this one model, so the files agree
 * with each other and with the views. Pure TypeScript (runs in the worker, the CLI and the scripts).
 */

/**
 * - `id`: identifiers (LOR ids, BSN). Always strings, never numbers: `01100101` keeps its leading zero.
 * - `text`: free text (names, addresses). Subject to CSV formula neutralisation.
 * - `integer` / `decimal`: numbers; `decimals` rounds them as the views do.
 * - `category`: a label from a small set (Schulart, Träger); written as text.
 */
export type ColumnType = 'id' | 'text' | 'integer' | 'decimal' | 'category';

export interface ExportColumn {
  /** Machine key: the row property and the GeoJSON property name. */
  key: string;
  /** Readable header for CSV/XLSX (already in the export language). */
  label: string;
  type: ColumnType;
  /** Fraction digits for `decimal` (default 2); `integer` always uses 0. */
  decimals?: number;
  /** A count that falls under the small-number rule (see suppression.ts). */
  suppressible?: boolean;
  /**
   * Row keys this (derived) value is computed from, e.g. a ratio's numerator and denominator.
   * If any of them is suppressed in a row, this value is suppressed too.
   */
  dependsOn?: string[];
  /** Unit shown in the note, e.g. '%', 'je 100 EW'. */
  unit?: string;
}

/** A value is suppressed (small-number rule). Writers render it as an empty cell / null. */
export interface SuppressedValue {
  suppressed: true;
  /** `small-count`: the count itself is below the threshold; `derived`: computed from one that is. */
  reason: 'small-count' | 'derived';
}

export type CellValue = string | number | null | undefined | SuppressedValue;
export type ExportRow = Record<string, CellValue>;

export interface ExportTable {
  /** Short machine name, used for file and sheet names: 'einrichtungen', 'gebiete'. */
  name: string;
  /** Readable title (sheet title, note). */
  title: string;
  columns: ExportColumn[];
  rows: ExportRow[];
}

export function isSuppressed(v: CellValue): v is SuppressedValue {
  return typeof v === 'object' && v !== null && (v as SuppressedValue).suppressed === true;
}

/**
 * Keep only the chosen columns, in the chosen order (the user's column picker).
 * Unknown keys are an error: the caller's picker and the table disagree.
 * Row objects are kept whole (derived-value suppression may need keys that are not exported).
 */
export function selectColumns(table: ExportTable, keys: readonly string[]): ExportTable {
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  const columns = keys.map((k) => {
    const c = byKey.get(k);
    if (!c) throw new Error(`Export: unknown column "${k}" in table "${table.name}"`);
    return c;
  });
  return { ...table, columns };
}

/** Effective fraction digits of a numeric column. */
export function decimalsOf(column: ExportColumn): number {
  if (column.type === 'integer') return 0;
  return column.decimals ?? 2;
}

export function isNumericColumn(column: ExportColumn): boolean {
  return column.type === 'integer' || column.type === 'decimal';
}

/** Round as the views do (the exact double, half away from zero on its decimal expansion). */
export function roundTo(value: number, decimals: number): number {
  const r = Number(value.toFixed(decimals));
  return Object.is(r, -0) ? 0 : r;
}

/**
 * The typed value of a cell as every writer sees it:
 * numbers (finite, rounded) for numeric columns, strings for everything else, null for empty/suppressed.
 * A numeric column holding a non-number (bad data) is passed on as text — and is neutralised as text.
 */
export function cellValue(column: ExportColumn, raw: CellValue): string | number | null {
  if (raw === null || raw === undefined || isSuppressed(raw)) return null;
  if (isNumericColumn(column)) {
    if (typeof raw === 'number') return Number.isFinite(raw) ? roundTo(raw, decimalsOf(column)) : null;
    return String(raw);
  }
  return String(raw);
}
