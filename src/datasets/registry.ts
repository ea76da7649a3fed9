import type { LorLevel } from '../domain/lor';
import type { DatasetMeta, InstitutionKind, Manifest } from '../domain/types';
import { areaTopoPath, institutionPath } from '../io/berlin/contract';

/** Files of the default (built-in) Berlin dataset, relative to the data folder. */
export const DEFAULT_DATA_BASE = 'data/';
export const MANIFEST_FILE = 'manifest.json';

export const AREA_FILES: Record<LorLevel, string> = {
  bez: areaTopoPath('bez'),
  pgr: areaTopoPath('pgr'),
  bzr: areaTopoPath('bzr'),
  plr: areaTopoPath('plr'),
};

export const INSTITUTION_FILES: Record<InstitutionKind, string> = {
  school: institutionPath('schools'),
  youth: institutionPath('youth'),
  kita: institutionPath('kitas'),
};

export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['school', 'youth', 'kita'];

/** The dataset of the manifest that wrote a given file, or undefined. */
export function datasetForFile(manifest: Manifest | null, path: string): DatasetMeta | undefined {
  return manifest?.datasets.find((d) => d.files.some((f) => f.path === path));
}

/** Absolute URL of a data file, resolved against the page (works under any base path). */
export function dataUrl(path: string, base: string = DEFAULT_DATA_BASE): string {
  const root = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
  return new URL(base + path, root).href;
}

/** Sum of the bytes of all files of a dataset. */
export function datasetBytes(d: DatasetMeta): number {
  return d.files.reduce((s, f) => s + (Number.isFinite(f.bytes) ? f.bytes : 0), 0);
}
