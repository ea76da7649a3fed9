/**
 * XLSX via read-excel-file (universal build: works in the worker, the CLI and tests).
 * Cells become text the same way a CSV would hold them: numbers in JS notation (decimal point),
 * dates as ISO `YYYY-MM-DD`, booleans as true/false. Text is not trimmed. The first row is the header.
 */
import readExcelFile from 'read-excel-file/universal';

export interface XlsxRead {
  sheets: string[];
  sheet: string;
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
 * Read one sheet (name or 1-based number; default the first). Throws an Error with a German message when
 * the workbook cannot be read or the sheet does not exist.
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string | number): Promise<XlsxRead> {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let all: { sheet: string; data: unknown[][] }[];
  try {
    // trim: false – text cells are kept exactly as written (a name may start with a TAB or a space)
    all = (await readExcelFile(buf, { trim: false })) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    throw new Error(`XLSX-Datei kann nicht gelesen werden: ${(e as Error).message}`);
  }
  const sheets = all.map((s) => s.sheet);
  if (all.length === 0) throw new Error('XLSX-Datei enthält keine Tabellenblätter.');
  let chosen = all[0];
  if (typeof sheet === 'number') {
    if (!all[sheet - 1])
      throw new Error(`Tabellenblatt ${sheet} gibt es nicht (vorhanden: ${sheets.join(', ')}).`);
    chosen = all[sheet - 1];
  } else if (typeof sheet === 'string' && sheet !== '') {
    const found = all.find((s) => s.sheet === sheet);
    if (!found) throw new Error(`Tabellenblatt "${sheet}" gibt es nicht (vorhanden: ${sheets.join(', ')}).`);
    chosen = found;
  }
  const rows = chosen.data.map((r) => r.map(cellToText));
  return { sheets, sheet: chosen.sheet, rows };
}
