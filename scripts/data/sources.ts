import { readFileSync } from 'node:fs';
import { PipelineError } from './errors';

export type SourceFormat = 'geojson' | 'csv' | 'xlsx';

export interface SourceEntry {
  id: string;
  title: string;
  kind: 'areas' | 'institutions' | 'table';
  /** Path inside the source folder. */
  file: string;
  /** Where `--download` fetches it. */
  url: string;
  /** The publisher's page when `url` is a repository copy. */
  officialUrl?: string;
  format: SourceFormat;
  /** When `url` serves another format than `file` (converted on download). */
  download?: { format: SourceFormat; sheet?: string; file?: string };
  publisher: string;
  license: string;
  licenseNote: string;
  vintage: string;
  crs: string;
}

/** The source ids the pipeline needs. */
export const REQUIRED_SOURCES = [
  'lor_plr',
  'lor_hierarchy',
  'bezirke',
  'schools',
  'school_stats_2023_24',
  'school_stats_2024_25',
  'esb',
  'youth',
  'kitas',
  'housing',
  'population_t1',
  'population_t2',
  'population_t3',
  'mss_indizes',
  'mss_index_indikatoren',
  'em',
  'es',
] as const;
export type SourceId = (typeof REQUIRED_SOURCES)[number];

const FIELDS: (keyof SourceEntry)[] = [
  'id',
  'title',
  'kind',
  'file',
  'url',
  'format',
  'publisher',
  'license',
  'licenseNote',
  'vintage',
  'crs',
];

export function loadSources(path: string): Record<SourceId, SourceEntry> {
  let json: { sources?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PipelineError(path, `cannot read sources: ${(e as Error).message}`);
  }
  if (!Array.isArray(json.sources)) throw new PipelineError(path, 'expected {"sources": [...]}');
  const byId = new Map<string, SourceEntry>();
  json.sources.forEach((s: Record<string, unknown>, i: number) => {
    for (const f of FIELDS) {
      if (typeof s[f] !== 'string' || (s[f] as string).trim() === '') {
        throw new PipelineError(
          path,
          `source #${i + 1} (${String(s.id ?? '?')}): field "${f}" missing or empty`,
        );
      }
    }
    if (byId.has(s.id as string)) throw new PipelineError(path, `duplicate source id "${String(s.id)}"`);
    byId.set(s.id as string, s as unknown as SourceEntry);
  });
  const out = {} as Record<SourceId, SourceEntry>;
  for (const id of REQUIRED_SOURCES) {
    const s = byId.get(id);
    if (!s) throw new PipelineError(path, `source "${id}" missing`);
    out[id] = s;
  }
  return out;
}

/** Replace scheme+host+port of an official URL by `baseUrl` (keeps path and query). */
export function rebaseUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const u = new URL(url);
  const b = new URL(baseUrl);
  const basePath = b.pathname.replace(/\/$/, '');
  return `${b.origin}${basePath}${u.pathname}${u.search}`;
}
