/**
 * Small-number suppression ("Geheimhaltung kleiner Fallzahlen"), applied to exports exactly as in the views.
 *
 * Rule (default threshold 3):
 *  1. A count in a column marked `suppressible` is suppressed when 1 ≤ value < threshold
 *     (i.e. 1 and 2 with the default) — the same rule as the indicator engine
 *     (`suppressionFlags` in src/spatial/rollup.ts). Zero is shown: it states an absence, not a person.
 *     Set `suppressZero: true` to suppress 0 as well.
 *  2. A derived value (a column with `dependsOn`, e.g. a ratio) is suppressed when any of the row values it
 *     depends on (the counts it is computed from; they need not be exported columns) is below the threshold
 *     as in (1), or is itself suppressed — otherwise the count could be
 *     recomputed from the ratio and the other operand.
 *  3. Suppressed cells are written as empty cells (CSV/XLSX) or `null` (GeoJSON); the companion note states
 *     the rule and how many cells were suppressed per column.
 * Not done (documented limitation): secondary suppression of totals from which a suppressed part could be
 * recomputed by subtraction.
 */
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../spatial/rollup';
import { type CellValue, type ExportRow, type ExportTable, isSuppressed } from './table';

export interface SuppressionRule {
  threshold: number;
  suppressZero?: boolean;
}

export const DEFAULT_SUPPRESSION: SuppressionRule = { threshold: DEFAULT_SUPPRESSION_THRESHOLD };

export interface SuppressionReport {
  rule: SuppressionRule;
  /** Suppressed cells per column key (only columns of the table; 0 entries omitted). */
  cellsByColumn: Record<string, number>;
  total: number;
}

/** Is this raw count below the threshold under the rule? */
export function isSmallCount(value: CellValue, rule: SuppressionRule = DEFAULT_SUPPRESSION): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (value === 0) return rule.suppressZero === true;
  return value >= 1 && value < rule.threshold;
}

/**
 * Return a copy of the table with suppressed cells replaced by `SuppressedValue` markers, plus a report.
 * Works on the full row: a ratio is suppressed even if its numerator column is not exported.
 * Idempotent: already-suppressed cells stay suppressed.
 */
export function applySuppression(
  table: ExportTable,
  rule: SuppressionRule = DEFAULT_SUPPRESSION,
): { table: ExportTable; report: SuppressionReport } {
  if (!(rule.threshold >= 0)) throw new Error(`Export: invalid suppression threshold ${rule.threshold}`);
  const cellsByColumn: Record<string, number> = {};
  let total = 0;
  const rows: ExportRow[] = table.rows.map((row) => {
    const out: ExportRow = { ...row };
    const smallKeys = new Set<string>();
    for (const column of table.columns) {
      const v = row[column.key];
      if (column.suppressible && (isSuppressed(v) || isSmallCount(v, rule))) smallKeys.add(column.key);
    }
    for (const column of table.columns) {
      const v = row[column.key];
      let mark: 'small-count' | 'derived' | null = null;
      if (isSuppressed(v)) mark = v.reason;
      else if (smallKeys.has(column.key)) mark = 'small-count';
      else if (
        column.dependsOn?.some((k) => smallKeys.has(k) || isSuppressed(row[k]) || isSmallCount(row[k], rule))
      )
        mark = 'derived';
      if (mark) {
        out[column.key] = { suppressed: true, reason: mark };
        cellsByColumn[column.key] = (cellsByColumn[column.key] ?? 0) + 1;
        total++;
      }
    }
    return out;
  });
  return { table: { ...table, rows }, report: { rule, cellsByColumn, total } };
}

/**
 * Adopt suppression decided elsewhere — the indicator engine's per-area flags
 * (`engine.compute().suppressed[indicatorId][level]`, a Uint8Array aligned with `levelIds[level]`, the same
 * array the views pass to `classify`) — so an export withholds exactly what the view withholds.
 * `flags[i]` truthy marks `rows[i][key]` as suppressed (rows must be in the flags' order); applySuppression keeps such markers and suppresses
 * values derived from them.
 */
export function withSuppressedFlags(
  table: ExportTable,
  key: string,
  flags: ArrayLike<boolean | number>,
  reason: 'small-count' | 'derived' = 'small-count',
): ExportTable {
  if (flags.length !== table.rows.length) {
    throw new Error(
      `Export: ${flags.length} suppression flags for ${table.rows.length} rows (column ${key})`,
    );
  }
  const rows = table.rows.map((row, i) =>
    flags[i] ? { ...row, [key]: { suppressed: true as const, reason } } : row,
  );
  return { ...table, rows };
}
