/**
 * Row-wise views of an ImportResult for small consumers (CLI join, exports). Not for the 1M-row path:
 * this builds one object per row.
 */
import type { ImportResult } from './types';

export interface ImportedRow {
  /** File row number (header = 1) or feature number. */
  row: number;
  /** Cell text per column name (numbers in JS notation, booleans true/false, '' = empty). */
  values: Record<string, string>;
  /** WGS84 position for point data; null when the row has none. */
  lon: number | null;
  lat: number | null;
  /** Why the row is not used (first error of that row), if it is not. */
  problem?: string;
}

export function importedRows(r: ImportResult): ImportedRow[] {
  const firstError = new Map<number, string>();
  for (const is of r.report.issues)
    if (is.severity === 'error' && is.row !== null && !firstError.has(is.row))
      firstError.set(is.row, `${is.column ? `${is.column}: ` : ''}${is.reason}`);
  const out: ImportedRow[] = [];
  for (let i = 0; i < r.length; i++) {
    const values: Record<string, string> = {};
    r.columns.forEach((c, j) => {
      const v = r.values[j];
      if (v.kind === 'number') values[c.name] = Number.isNaN(v.values[i]) ? '' : String(v.values[i]);
      else if (v.kind === 'boolean')
        values[c.name] = v.values[i] === 2 ? '' : v.values[i] === 1 ? 'true' : 'false';
      else values[c.name] = v.values.get(i);
    });
    let lon: number | null = null;
    let lat: number | null = null;
    if (r.lon && r.lat && !Number.isNaN(r.lon[i])) {
      lon = r.lon[i];
      lat = r.lat[i];
    } else if (r.geometries?.[i]?.type === 'Point') {
      const c = (r.geometries[i] as { coordinates: number[] }).coordinates;
      lon = c[0];
      lat = c[1];
    }
    const row: ImportedRow = { row: r.rowNumbers[i], values, lon, lat };
    const p = firstError.get(r.rowNumbers[i]);
    if (p && !r.used[i]) row.problem = p;
    out.push(row);
  }
  return out;
}
