/**
 * `bildungsraum inspect FILE [FILE …] [--sheet NAME|N] [--crs EPSG:25833] [--report report.csv]`
 *
 * Runs the same import pipeline as the app (src/io/importFile) and prints JSON to stdout:
 * format, encoding, delimiter, decimal, rows, columns (name, type, role), crs, location and issues
 * (row, column, value, reason). Exit code 0 when rows were usable, 1 when nothing usable was read,
 * 2 for usage errors. With several files: one compact JSON object per line (in the order given), one
 * `Fehler:` line on stderr per file without usable rows, exit code 1 when any file had none.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseCrsName } from '../io/crs';
import { importBytes, tooLargeMessage } from '../io/importFile';
import { reportToCsv } from '../io/report';
import { type ImportOptions, type ImportResult, MAX_IMPORT_BYTES } from '../io/types';

const USAGE =
  'Aufruf / usage: bildungsraum inspect FILE [FILE …] [--sheet NAME|N] [--crs EPSG:4326|25833|3068|3857] [--report report.csv]';

export interface InspectOutput {
  file: string;
  format: string;
  encoding: string;
  bom: boolean;
  delimiter: string | null;
  lineEnding: string | null;
  header: boolean | null;
  decimal: string | null;
  thousands: string | null;
  sheet: string | null;
  sheets: string[] | null;
  rows: number;
  rowsUsed: number;
  rowsListed: number;
  columns: {
    name: string;
    type: string;
    role: string;
    decimal?: string;
    areaLevel?: string;
    filled: number;
  }[];
  crs: string | null;
  location: { method: string; columns: string[]; crs: string | null; swapped: boolean; description: string };
  error: string | null;
  issues: {
    row: number | null;
    column: string | null;
    value: string | null;
    reason: string;
    severity: string;
    code: string;
  }[];
}

export function inspectOutput(r: ImportResult): InspectOutput {
  const s = r.source;
  return {
    file: s.fileName,
    format: s.format,
    encoding: s.encoding,
    bom: s.bom,
    delimiter: s.delimiter ?? null,
    lineEnding: s.lineEnding ?? null,
    header: s.header ?? null,
    decimal: s.decimal ?? null,
    thousands: s.thousands ?? null,
    sheet: s.sheet ?? null,
    sheets: s.sheets ?? null,
    rows: r.report.rowsRead,
    rowsUsed: r.report.rowsUsed,
    rowsListed: r.report.rowsListed,
    columns: r.columns.map((c) => ({
      name: c.name,
      type: c.type,
      role: c.role,
      ...(c.decimal && (c.type === 'integer' || c.type === 'decimal') ? { decimal: c.decimal } : {}),
      ...(c.areaLevel ? { areaLevel: c.areaLevel } : {}),
      filled: c.filled,
    })),
    crs: r.location.crs ?? null,
    location: {
      method: r.location.method,
      columns: r.location.columns,
      crs: r.location.crs ?? null,
      swapped: r.location.swapped ?? false,
      description: r.location.description,
    },
    error: r.report.fatal?.message ?? null,
    issues: r.report.issues.map((i) => ({
      row: i.row,
      column: i.column,
      value: i.value,
      reason: i.reason,
      severity: i.severity,
      code: i.code,
    })),
  };
}

export async function runInspect(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  const files: string[] = [];
  let reportPath: string | null = null;
  const opts: Partial<ImportOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sheet') {
      const v = argv[++i];
      if (v === undefined) return usage(io, '--sheet braucht einen Namen oder eine Nummer');
      opts.sheet = /^\d+$/.test(v) ? Number(v) : v;
    } else if (a === '--crs') {
      const v = argv[++i] ?? '';
      const crs = parseCrsName(v);
      if (!crs) return usage(io, `unbekanntes Koordinatensystem "${v}"`);
      opts.crs = crs;
    } else if (a === '--report') {
      reportPath = argv[++i] ?? null;
      if (!reportPath) return usage(io, '--report braucht einen Dateinamen');
    } else if (a === '--help' || a === '-h') return usage(io, null, 0);
    else if (a.startsWith('-')) return usage(io, `unbekannte Option "${a}"`);
    else files.push(a);
  }
  if (files.length === 0) return usage(io, 'FILE fehlt');
  if (files.length > 1 && reportPath) return usage(io, '--report geht nur mit einer einzigen Datei');
  let code = 0;
  for (const file of files) {
    const c = await inspectOne(file, opts, reportPath, io, files.length > 1);
    code = Math.max(code, c);
  }
  return code;
}

async function inspectOne(
  file: string,
  opts: Partial<ImportOptions>,
  reportPath: string | null,
  io: { out: (s: string) => void; err: (s: string) => void },
  compact: boolean,
): Promise<number> {
  const name = basename(file);
  const json = (v: unknown) => `${compact ? JSON.stringify(v) : JSON.stringify(v, null, 2)}\n`;
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) return fail(io, `${file} ist keine Datei`, compact ? name : undefined);
    size = st.size;
  } catch (e) {
    return fail(
      io,
      `${file} kann nicht gelesen werden: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      compact ? name : undefined,
    );
  }
  if (size > MAX_IMPORT_BYTES) return fail(io, tooLargeMessage(name, size, MAX_IMPORT_BYTES), name, compact);
  const bytes = new Uint8Array(await readFile(file));
  let result: ImportResult;
  try {
    result = await importBytes(bytes, { ...opts, fileName: name });
  } catch (e) {
    // importBytes reports bad input itself; this is the last line of defence (a bug), per file
    return fail(io, `${name}: interner Fehler beim Import: ${(e as Error).message}`, name, compact);
  }
  io.out(json(inspectOutput(result)));
  if (reportPath) await writeFile(reportPath, `\uFEFF${reportToCsv(result.report)}`);
  if (result.report.fatal) {
    io.err(`Fehler: ${result.report.fatal.message}\n`);
    return 1;
  }
  if (result.report.rowsUsed === 0) {
    io.err(
      `Fehler: ${name}: keine verwendbare Zeile (${result.report.rowsRead} gelesen, alle im Bericht aufgeführt)\n`,
    );
    return 1;
  }
  return 0;
}

function usage(io: { err: (s: string) => void }, msg: string | null, code = 2): number {
  io.err(`${msg ? `${msg}\n` : ''}${USAGE}\n`);
  return code;
}

function fail(
  io: { out: (s: string) => void; err: (s: string) => void },
  message: string,
  file?: string,
  compact = false,
): number {
  if (file) {
    const v = { file, error: message, rows: 0, columns: [], issues: [] };
    io.out(`${compact ? JSON.stringify(v) : JSON.stringify(v, null, 2)}\n`);
  }
  io.err(`Fehler: ${message}\n`);
  return 1;
}
