import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (scripts/data/../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_OUT = join(REPO_ROOT, 'public', 'data');
/** Full-resolution reference GeoJSON of every area layer: git-ignored, not served (CLI joins, benches, tests). */
export const DEFAULT_REFERENCE = join(REPO_ROOT, 'data', 'reference');
export const DEFAULT_FROM = resolve(REPO_ROOT, '..', 'shared', 'data', 'berlin');
export const SOURCES_JSON = join(REPO_ROOT, 'data', 'sources.json');

export const defaultFromExists = () => existsSync(join(DEFAULT_FROM, 'lor'));

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
