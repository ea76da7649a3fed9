/**
 * The runtime data contract written by `npm run data` into `public/data/` and read by the app
 * (relative URLs `data/...`). Shared by the pipeline (scripts/data) and the app's loaders: pure TypeScript.
 */
import type { LorLevel } from '../../domain/lor';
import type { DatasetMeta, Manifest } from '../../domain/types';

export const AREA_LAYERS = ['bez', 'pgr', 'bzr', 'plr', 'esb', 'em', 'es'] as const;
export type AreaLayer = (typeof AREA_LAYERS)[number];

/** Web-sized TopoJSON (one object named `areas`). */
export const areaTopoPath = (layer: AreaLayer | LorLevel) => `areas/${layer}.topo.json`;
/** Full-resolution WGS84 GeoJSON for exact joins. */
export const areaFullPath = (layer: AreaLayer | LorLevel) => `full/${layer}.geojson`;
export const TOPO_OBJECT = 'areas';

export const INSTITUTION_COLUMNS = {
  schools: [
    'bsn',
    'name',
    'schulart',
    'schultyp',
    'traeger',
    'bezirk',
    'ortsteil',
    'plz',
    'strasse',
    'hausnr',
    'lon',
    'lat',
    'plr_id',
    'pupils_2023_24',
    'teachers_2023_24',
    'pupils_2024_25',
    'teachers_2024_25',
  ],
  youth: [
    'id',
    'name',
    'art',
    'traeger_name',
    'traeger_art',
    'bezirk',
    'plz',
    'strasse',
    'hausnr',
    'places',
    'lon',
    'lat',
    'plr_id',
  ],
  kitas: [
    'id',
    'name',
    'traeger_name',
    'traeger_art',
    'bezirk',
    'plz',
    'strasse',
    'hausnr',
    'places',
    'lon',
    'lat',
    'plr_id',
  ],
  housing: ['id', 'name', 'we_kat', 'leg_fertig', 'leg_gemeinw', 'lon', 'lat', 'plr_id'],
} as const;
export type InstitutionFile = keyof typeof INSTITUTION_COLUMNS;
export const institutionPath = (kind: InstitutionFile) => `institutions/${kind}.csv`;

export const POPULATION_COLUMNS = [
  'plr_id',
  'total',
  'age_below_6',
  'age_6_15',
  'age_15_18',
  'age_18_27',
  'age_27_45',
  'age_45_55',
  'age_55_65',
  'age_above_65',
  'female',
  'foreigners',
  'migration_background',
] as const;

export const MSS_COLUMNS = [
  'plr_id',
  'ew',
  'si_n',
  'si_v',
  'di_n',
  'di_v',
  'sdi',
  'sdi_n',
  'sdi_v',
  'kom',
  'valid',
  's1',
  's3',
  's4',
  'd1',
  'd3',
  'd4',
] as const;

export const TABLE_PATHS = {
  population: 'tables/population.csv',
  mss2021: 'tables/mss2021.csv',
  plrStatics: 'tables/plr_statics.csv',
} as const;

/** One raw source as listed in data/sources.json, with the sha256 of the bytes that were read. */
export interface ManifestSource {
  id: string;
  title: string;
  file: string;
  url: string;
  officialUrl?: string;
  publisher: string;
  license: string;
  licenseNote: string;
  vintage: string;
  crs: string;
  sha256: string;
}

/** manifest.json as written by the pipeline: `Manifest` plus version and raw sources. */
export interface BerlinManifest extends Manifest {
  pipelineVersion: number;
  /** Raw sources read (data/sources.json entries + sha256). */
  sources: ManifestSource[];
  /** Output datasets; `sources` lists the ids of the raw sources each one was built from. */
  datasets: (DatasetMeta & { sources: string[] })[];
}
