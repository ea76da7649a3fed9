/**
 * The runtime data contract written by `npm run data` into `public/data/` and read by the app
 * (relative URLs `data/...`), plus the full-resolution reference geometry written next to it into `data/reference/`. Shared by the pipeline (scripts/data) and the app's loaders: pure TypeScript.
 */
import type { LorLevel } from '../../domain/lor';
import type { DatasetMeta, Manifest } from '../../domain/types';

export const AREA_LAYERS = ['bez', 'pgr', 'bzr', 'plr', 'esb', 'em', 'es'] as const;
export type AreaLayer = (typeof AREA_LAYERS)[number];

/** Web-sized TopoJSON (one object named `areas`). */
export const areaTopoPath = (layer: AreaLayer | LorLevel) => `areas/${layer}.topo.json`;

/**
 * Layers whose full-resolution WGS84 GeoJSON the app fetches (the worker's exact point-in-polygon joins with
 * the Einschulbereiche and Erhaltungsgebiete): served in the data folder under `full/`, nothing else is.
 */
export const SERVED_FULL_LAYERS = ['esb', 'em', 'es'] as const;
export type ServedFullLayer = (typeof SERVED_FULL_LAYERS)[number];
/** Full-resolution WGS84 GeoJSON in the served data folder (only the layers the app needs). */
export const areaFullPath = (layer: ServedFullLayer) => `full/${layer}.geojson`;

/**
 * Full-resolution WGS84 GeoJSON of every area layer (LOR levels, Einschulbereiche, Erhaltungsgebiete) for exact
 * joins outside the app (CLI `bildungsraum join --areas`, benchmarks, tests): written by `npm run data` into the
 * reference folder (default `data/reference/`, git-ignored, NOT served — it would add ~3 MB gzip to the app),
 * relative to that folder.
 */
export const referenceGeoJsonPath = (layer: AreaLayer | LorLevel) => `${layer}.geojson`;
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

/** Age groups of the population table (and of the ESB estimates), youngest first. */
export const AGE_COLUMNS = [
  'age_below_6',
  'age_6_15',
  'age_15_18',
  'age_18_27',
  'age_27_45',
  'age_45_55',
  'age_55_65',
  'age_above_65',
] as const;

export const POPULATION_COLUMNS = [
  'plr_id',
  'total',
  ...AGE_COLUMNS,
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
  esbPopulation: 'tables/esb_population.csv',
} as const;

/**
 * tables/esb_population.csv: Einschulbereiche with residents estimated from Planungsräume by area share
 * (src/spatial/esbPopulation.ts). covered_share = part of the ESB area overlapping PLR with a population
 * figure; plr_count = PLR with ≥ 1 % of their area inside; the population columns are estimates (1 decimal).
 */
export const ESB_POPULATION_COLUMNS = [
  'esb_id',
  'name',
  'bez_id',
  'area_m2',
  'covered_share',
  'plr_count',
  'total',
  ...AGE_COLUMNS,
] as const;

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
  /**
   * Reference geometry written into the (not served) reference folder, paths relative to it; absent when the
   * run wrote none (`npm run data -- --out DIR` without `--reference DIR`).
   */
  reference?: { path: string; bytes: number; sha256: string; features?: number }[];
  /** Raw sources read (data/sources.json entries + sha256). */
  sources: ManifestSource[];
  /** Output datasets; `sources` lists the ids of the raw sources each one was built from. */
  datasets: (DatasetMeta & {
    sources: string[] /** How derived figures were made (e.g. esb_population). */;
    method?: string;
  })[];
}
