import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LorLevel } from './lor';

/** Every area layer the app knows: the four LOR levels plus other polygon layers. */
export type AreaLayerId = LorLevel | 'esb' | 'em' | 'es' | (string & {});

export type AreaGeometry = Polygon | MultiPolygon;
export type AreaFeature<P = Record<string, unknown>> = Feature<AreaGeometry, P>;
export type AreaCollection<P = Record<string, unknown>> = FeatureCollection<AreaGeometry, P>;

/** Where a row of a file was found, 1-based as a spreadsheet shows it (header = row 1). */
export interface RowRef {
  file: string;
  row: number;
}

/** A row that was read but not used, or used with a warning. */
export interface ImportIssue {
  file?: string;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
  severity: 'error' | 'warning';
}

export type InstitutionKind = 'school' | 'youth' | 'kita';

/** Dataset metadata, as listed in the manifest and in the "Datenquellen" panel. */
export interface DatasetMeta {
  id: string;
  title: string;
  kind: 'areas' | 'institutions' | 'table';
  publisher: string;
  license: string;
  licenseNote?: string;
  vintage: string;
  sourceUrl: string;
  /** Files written for the app, relative to the data folder. */
  files: { path: string; bytes: number; sha256: string; rows?: number; features?: number }[];
  rows?: number;
  features?: number;
  crs?: string;
}

export interface JoinReport {
  /** e.g. "BSN in Schulstatistik 2024/25 without a school in the school list" */
  id: string;
  title: string;
  count: number;
  items: { key: string; name?: string; detail?: string }[];
}

export interface Manifest {
  generatedAt: string;
  source: { mode: 'folder' | 'download'; location: string };
  datasets: DatasetMeta[];
  joinReport: JoinReport[];
  counts: Record<string, number>;
}
