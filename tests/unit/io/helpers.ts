import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importBytes } from '../../../src/io/importFile';
import type { ImportOptions, ImportResult } from '../../../src/io/types';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'import');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export function importFixture(name: string, opts: Partial<ImportOptions> = {}): Promise<ImportResult> {
  return importBytes(fixture(name), { fileName: name, ...opts });
}

export function importString(text: string, fileName = 'test.csv', opts: Partial<ImportOptions> = {}) {
  return importBytes(new TextEncoder().encode(text), { fileName, ...opts });
}

/** Column values as plain JS for assertions. */
export function col(r: ImportResult, name: string): (string | number | boolean | null)[] {
  const c = r.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}: ${r.columns.map((x) => x.name).join(', ')}`);
  const v = r.values[c.index];
  if (v.kind === 'number') return Array.from(v.values, (x) => (Number.isNaN(x) ? null : x));
  if (v.kind === 'boolean') return Array.from(v.values, (x) => (x === 2 ? null : x === 1));
  return v.values.toArray();
}

/** Distance in metres between two WGS84 points (equirectangular, fine at city scale). */
export function metres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.PI / 180;
  const x = (lon2 - lon1) * k * Math.cos(((lat1 + lat2) / 2) * k);
  const y = (lat2 - lat1) * k;
  return Math.hypot(x, y) * 6371008;
}
