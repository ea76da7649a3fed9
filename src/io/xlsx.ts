/**
 * XLSX via read-excel-file (universal build: works in the worker, the CLI and tests).
 * Cells become text the same way a CSV would hold them: numbers in JS notation (decimal point),
 * dates as ISO `YYYY-MM-DD`, booleans as true/false. Text is not trimmed. The first row is the header.
 */
import { unzipSync } from 'fflate';
import readExcelFile from 'read-excel-file/universal';

export interface XlsxRead {
  sheets: string[];
  sheet: string;
  /** Empty sheets before the one read (no sheet was asked for, so the first with data was taken). */
  skipped?: string[];
  rows: string[][];
}

function cellToText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(v);
}

/**
 * Cells a sheet may span (last row × last column). read-excel-file builds a dense grid up to the last cell,
 * so one stray cell at XFD1048576 would need 17 billion cells and kill the process (out of memory).
 * 30 million is more than any file within the import size limit holds.
 */
export const MAX_SHEET_CELLS = 30_000_000;

/** Column letters → 1-based number (A = 1, XFD = 16384). */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/**
 * Largest row and column referenced by `r="…"` attributes of `<row>` / `<c>` elements, read from the raw
 * bytes (no string of the whole sheet is built).
 */
export function sheetExtent(xml: Uint8Array): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  const n = xml.length;
  for (let i = 0; i + 4 < n; i++) {
    // ` r="` (0x20 0x72 0x3d 0x22)
    if (xml[i] !== 0x20 || xml[i + 1] !== 0x72 || xml[i + 2] !== 0x3d || xml[i + 3] !== 0x22) continue;
    let j = i + 4;
    let letters = '';
    while (j < n && xml[j] >= 0x41 && xml[j] <= 0x5a && letters.length < 4)
      letters += String.fromCharCode(xml[j++]);
    let row = 0;
    let digits = 0;
    while (j < n && xml[j] >= 0x30 && xml[j] <= 0x39 && digits < 8) {
      row = row * 10 + (xml[j++] - 0x30);
      digits++;
    }
    if (xml[j] !== 0x22 || digits === 0) continue;
    if (row > rows) rows = row;
    if (letters) columns = Math.max(columns, columnNumber(letters));
    i = j;
  }
  return { rows, columns };
}

/** Throws a German message when a worksheet spans more cells than can be read (see MAX_SHEET_CELLS). */
function checkSheetExtents(bytes: Uint8Array): void {
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  } catch {
    return; // not a readable ZIP: read-excel-file reports that
  }
  for (const [path, xml] of Object.entries(sheets)) {
    const { rows, columns } = sheetExtent(xml);
    if (rows * Math.max(1, columns) > MAX_SHEET_CELLS) {
      const fmt = new Intl.NumberFormat('de-DE');
      throw new Error(
        `Tabellenblatt ${path.replace(/^.*\//, '')} reicht bis Zeile ${fmt.format(rows)}, Spalte ${fmt.format(columns)} (${fmt.format(rows * columns)} Zellen) – zu groß zum Einlesen. Vermutlich steht weit außerhalb der Tabelle noch eine Zelle (oder Formatierung): bitte dort löschen oder das Blatt als CSV speichern.`,
      );
    }
  }
}

/**
 * Read one sheet (name or 1-based number; default the first). Throws an Error with a German message when
 * the workbook cannot be read or the sheet does not exist.
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string | number): Promise<XlsxRead> {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let all: { sheet: string; data: unknown[][] }[];
  checkSheetExtents(bytes);
  try {
    // trim: false – text cells are kept exactly as written (a name may start with a TAB or a space)
    all = (await readExcelFile(buf, { trim: false })) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    throw new Error(`XLSX-Datei kann nicht gelesen werden: ${(e as Error).message}`);
  }
  const sheets = all.map((s) => s.sheet);
  if (all.length === 0) throw new Error('XLSX-Datei enthält keine Tabellenblätter.');
  let chosen = all[0];
  let skipped: string[] | undefined;
  if (sheet === undefined || sheet === '') {
    // no sheet asked for: the first one with any filled cell (workbooks often start with an empty or cover sheet)
    const hasData = (s: { data: unknown[][] }) =>
      s.data.some((r) => r.some((c) => cellToText(c).trim() !== ''));
    const k = all.findIndex(hasData);
    if (k > 0) {
      skipped = all.slice(0, k).map((s) => s.sheet);
      chosen = all[k];
    }
  } else if (typeof sheet === 'number') {
    if (!all[sheet - 1])
      throw new Error(`Tabellenblatt ${sheet} gibt es nicht (vorhanden: ${sheets.join(', ')}).`);
    chosen = all[sheet - 1];
  } else if (typeof sheet === 'string' && sheet !== '') {
    const found = all.find((s) => s.sheet === sheet);
    if (!found) throw new Error(`Tabellenblatt "${sheet}" gibt es nicht (vorhanden: ${sheets.join(', ')}).`);
    chosen = found;
  }
  const rows = chosen.data.map((r) => r.map(cellToText));
  return { sheets, sheet: chosen.sheet, rows, ...(skipped ? { skipped } : {}) };
}
