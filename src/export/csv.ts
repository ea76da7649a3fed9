/**
 * CSV writer with two profiles:
 *  - `excel-de`  "Excel (Deutsch)": UTF-8 with BOM, `;` separator, decimal comma — opens with a double click
 *                in a German Excel / LibreOffice with umlauts and numbers intact.
 *  - `standard`  "Standard": UTF-8 without BOM, `,` separator, decimal point (RFC 4180; R, Python, QGIS).
 * Both: CRLF line endings, one header row with readable labels, no metadata lines, no thousands separators.
 *
 * Formula injection (OWASP "CSV Injection"): a TEXT cell whose first character is `=`, `+`, `-`, `@`,
 * TAB or CR gets a single quote `'` in front, so Excel/LibreOffice show it as text and never evaluate it.
 * To keep this reversible, a text cell that already starts with one or more `'` followed by one of those
 * characters gets one more `'`; `restoreNeutralised` strips exactly one again (the app's import should do so).
 * Numeric cells are exempt: a finite number of a numeric column is written by our own formatter as
 * `-?digits[decimal digits]` — a number literal that spreadsheets parse as a number, never as a formula —
 * so negative numbers stay numbers. A numeric column holding text (bad data) is treated as text.
 *
 * IDs (LOR `01100101`, BSN `01B01`) are written verbatim as text. Limitation: Excel drops leading zeros of
 * all-digit IDs when a CSV is opened by double click (it guesses "number"). Correct ways: import via
 * "Daten › Aus Text/CSV" with the ID column set to "Text", or use the XLSX export, whose ID cells are
 * typed as text (the reliable path). We do NOT use the `="0110"` trick: it is itself a formula.
 */
import Papa from 'papaparse';
import {
  type CellValue,
  cellValue,
  decimalsOf,
  type ExportColumn,
  type ExportTable,
  isSuppressed,
} from './table';

export type CsvProfileId = 'excel-de' | 'standard';

export interface CsvProfile {
  id: CsvProfileId;
  delimiter: ';' | ',';
  /** BCP 47 locale whose decimal separator is used (de-DE: `,`, en-US: `.`). */
  numberLocale: 'de-DE' | 'en-US';
  decimalSeparator: ',' | '.';
  bom: boolean;
  newline: '\r\n';
}

export const CSV_PROFILES: Record<CsvProfileId, CsvProfile> = {
  'excel-de': {
    id: 'excel-de',
    delimiter: ';',
    numberLocale: 'de-DE',
    decimalSeparator: ',',
    bom: true,
    newline: '\r\n',
  },
  standard: {
    id: 'standard',
    delimiter: ',',
    numberLocale: 'en-US',
    decimalSeparator: '.',
    bom: false,
    newline: '\r\n',
  },
};

export const BOM = '\uFEFF';

/** First characters that make a spreadsheet treat a cell as a formula (OWASP). */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;
const DANGEROUS = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** Prefix `'` to a text cell that a spreadsheet could run as a formula (see module comment). */
export function neutraliseFormula(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

/** Inverse of `neutraliseFormula` for a cell read back from one of our CSVs. */
export function restoreNeutralised(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** A number as the profile writes it: no grouping, fixed fraction digits, locale decimal separator. */
export function formatCsvNumber(value: number, decimals: number, profile: CsvProfile): string {
  const key = `${profile.numberLocale}|${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(profile.numberLocale, {
      useGrouping: false,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: 'negative',
      numberingSystem: 'latn',
    });
    formatters.set(key, f);
  }
  return f.format(value);
}

/** The text of one cell in the profile (suppressed/empty → ''). */
export function csvCell(column: ExportColumn, raw: CellValue, profile: CsvProfile): string {
  const v = cellValue(column, raw);
  if (v === null) return '';
  if (typeof v === 'number') return formatCsvNumber(v, decimalsOf(column), profile);
  return neutraliseFormula(v);
}

export interface CsvOptions {
  /** Write the header row (default true). */
  header?: boolean;
}

/** The CSV as a string (with a leading BOM character for `excel-de`). */
export function toCsv(table: ExportTable, profileId: CsvProfileId, options: CsvOptions = {}): string {
  const profile = CSV_PROFILES[profileId];
  const fields = table.columns.map((c) => neutraliseFormula(c.label));
  const data = table.rows.map((row) => table.columns.map((c) => csvCell(c, row[c.key], profile)));
  const body = Papa.unparse(
    { fields, data },
    {
      delimiter: profile.delimiter,
      newline: profile.newline,
      header: options.header !== false,
      quoteChar: '"',
      escapeChar: '"',
      // Quote neutralised cells too (OWASP: prefix AND quote), besides Papa's own needs-quoting rule.
      quotes: (value: unknown) => typeof value === 'string' && value.startsWith("'"),
      escapeFormulae: false,
      skipEmptyLines: false,
    },
  );
  return (profile.bom ? BOM : '') + body + profile.newline;
}

/** The CSV as UTF-8 bytes (the BOM becomes EF BB BF). */
export function toCsvBytes(table: ExportTable, profileId: CsvProfileId, options?: CsvOptions): Uint8Array {
  return new TextEncoder().encode(toCsv(table, profileId, options));
}

/** Cells of a table that were suppressed, for tests and the note. */
export function countSuppressed(table: ExportTable): number {
  let n = 0;
  for (const row of table.rows) for (const c of table.columns) if (isSuppressed(row[c.key])) n++;
  return n;
}
