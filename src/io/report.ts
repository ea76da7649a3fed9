/**
 * Import report: collects issues, keeps the invariant rows read = rows used + rows listed, and writes
 * the report as CSV.
 */
import Papa from 'papaparse';
import type { ImportReport, ReportIssue } from './types';

export class ReportBuilder {
  readonly issues: ReportIssue[] = [];
  constructor(readonly file: string) {}

  error(code: string, row: number | null, column: string | null, value: string | null, reason: string): void {
    this.issues.push({ file: this.file, code, row, column, value, reason, severity: 'error' });
  }

  warn(code: string, row: number | null, column: string | null, value: string | null, reason: string): void {
    this.issues.push({ file: this.file, code, row, column, value, reason, severity: 'warning' });
  }

  /** Finish: counts come from the `used` flags so the invariant holds by construction. */
  build(used: Uint8Array, fatal?: { code: string; message: string }): ImportReport {
    let rowsUsed = 0;
    for (let i = 0; i < used.length; i++) rowsUsed += used[i];
    const listedRows = new Set<number>();
    for (const is of this.issues) if (is.severity === 'error' && is.row !== null) listedRows.add(is.row);
    const report: ImportReport = {
      file: this.file,
      rowsRead: used.length,
      rowsUsed,
      rowsListed: listedRows.size,
      issues: this.issues,
    };
    if (fatal) report.fatal = fatal;
    return report;
  }
}

/** Check the invariant (used by tests and the CLI). */
export function reportIsConsistent(r: ImportReport): boolean {
  return r.rowsRead === r.rowsUsed + r.rowsListed;
}

const CSV_FIELDS = ['file', 'severity', 'row', 'column', 'value', 'reason', 'code'] as const;

/** The report as CSV (UTF-8, comma): a summary block, then one line per issue. */
export function reportToCsv(r: ImportReport): string {
  const rows: (string | number)[][] = [
    ['file', 'severity', 'row', 'column', 'value', 'reason', 'code'],
    [r.file, 'summary', '', '', String(r.rowsRead), 'rows read', 'rows-read'],
    [r.file, 'summary', '', '', String(r.rowsUsed), 'rows used', 'rows-used'],
    [r.file, 'summary', '', '', String(r.rowsListed), 'rows not used (listed below)', 'rows-listed'],
  ];
  if (r.fatal) rows.push([r.file, 'error', '', '', '', r.fatal.message, r.fatal.code]);
  for (const is of r.issues) {
    rows.push([
      is.file ?? r.file,
      is.severity,
      is.row === null ? '' : String(is.row),
      is.column ?? '',
      is.value ?? '',
      is.reason,
      is.code,
    ]);
  }
  // every field quoted: values such as IDs keep their leading zeros when opened in a spreadsheet tool
  return Papa.unparse(rows, { quotes: true, newline: '\r\n' });
}

export { CSV_FIELDS as REPORT_CSV_FIELDS };
