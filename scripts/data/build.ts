import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LOR_EXPECTED_COUNT, LOR_LEVELS, type LorLevel } from '../../src/domain/lor';
import type { AreaFeature, DatasetMeta, JoinReport, Manifest } from '../../src/domain/types';
import {
  type AreaLayer,
  areaFullPath,
  areaTopoPath,
  type BerlinManifest,
  INSTITUTION_COLUMNS,
  institutionPath,
  type ManifestSource,
  MSS_COLUMNS,
  POPULATION_COLUMNS,
  referenceGeoJsonPath,
  SERVED_FULL_LAYERS,
  type ServedFullLayer,
  TABLE_PATHS,
} from '../../src/io/berlin/contract';
import { buildAreaIndex } from '../../src/spatial/areaIndex';
import { downloadSources } from './download';
import { PipelineError } from './errors';
import { buildEsbPopulation, ESB_METHOD, ESB_POPULATION_COLUMNS, ESB_POPULATION_PATH } from './esb';
import { buildFacilities, buildHousing, buildSchools, type OutRow, type PlrLocator } from './institutions';
import { buildLor, type LevelOutput } from './lor';
import { OutputWriter, removeStaleTemps, sha256File, swapInto, tempDirFor, type WrittenFile } from './output';
import { buildErhaltungsgebiete, buildEsb } from './polygons';
import { readCsvFile, readGeoJsonFile } from './read';
import { loadSources, REQUIRED_SOURCES, type SourceEntry, type SourceId } from './sources';
import { buildPlrStatics, PLR_STATICS_COLUMNS, PLR_STATICS_PATH } from './statics';
import { buildMss, buildPopulation } from './tables';
import { PIPELINE_VERSION } from './version';

export interface BuildOptions {
  /** Source folder (folder mode). */
  from?: string;
  /** Download from the URLs of sources.json instead. */
  download?: boolean;
  /** Replace the origin of every source URL (tests, mirrors). */
  baseUrl?: string;
  /** Output folder (replaced atomically): the served runtime data (public/data). */
  out: string;
  /**
   * Folder for the full-resolution reference GeoJSON of every area layer (not served; replaced atomically);
   * omitted: none is written.
   */
  reference?: string;
  /** Path of data/sources.json. */
  sourcesPath: string;
  /** Expected LOR counts; null skips the check (small test fixtures). */
  expectedCounts?: Record<LorLevel, number> | null;
  log?: (s: string) => void;
}

export type SourceRef = ManifestSource;
export type BuiltManifest = BerlinManifest;

export interface BuildResult {
  manifest: BuiltManifest;
  outDir: string;
  ms: number;
}

const LEVEL_TITLE: Record<LorLevel, string> = {
  bez: 'Bezirke (LOR 2021, aus Planungsräumen zusammengesetzt)',
  pgr: 'Prognoseräume (LOR 2021)',
  bzr: 'Bezirksregionen (LOR 2021)',
  plr: 'Planungsräume (LOR 2021)',
};

/** Run the whole pipeline: read (or download) → validate → build into a temp folder → swap into `out`. */
export async function buildData(opts: BuildOptions): Promise<BuildResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const out = resolve(opts.out);
  const ref = opts.reference ? resolve(opts.reference) : null;
  const inside = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
  if (ref && (inside(ref, out) || inside(out, ref))) {
    throw new PipelineError(ref, 'the reference folder and the output folder must not contain each other');
  }
  const sources = loadSources(opts.sourcesPath);
  mkdirSync(dirname(out), { recursive: true });
  if (ref) mkdirSync(dirname(ref), { recursive: true });
  const tmp = tempDirFor(out, 'build');
  const tmpRef = ref ? tempDirFor(ref, 'build') : null;
  const rawDir = tempDirFor(out, 'raw');
  let mode: Manifest['source']['mode'] = 'folder';
  let location: string;
  let srcDir: string;
  const urls = new Map<string, string>();
  for (const name of removeStaleTemps(out)) log(`Removed ${name} left by an interrupted run.`);
  if (ref) for (const name of removeStaleTemps(ref)) log(`Removed ${name} left by an interrupted run.`);
  const cleanup = () => {
    rmSync(tmp, { recursive: true, force: true });
    if (tmpRef) rmSync(tmpRef, { recursive: true, force: true });
    rmSync(rawDir, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    cleanup();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    if (tmpRef) {
      rmSync(tmpRef, { recursive: true, force: true });
      mkdirSync(tmpRef, { recursive: true });
    }
    if (opts.download) {
      mode = 'download';
      location = opts.baseUrl ?? 'official URLs (data/sources.json)';
      rmSync(rawDir, { recursive: true, force: true });
      mkdirSync(rawDir, { recursive: true });
      log(`Downloading ${REQUIRED_SOURCES.length} sources${opts.baseUrl ? ` from ${opts.baseUrl}` : ''} …`);
      const res = await downloadSources(
        REQUIRED_SOURCES.map((id) => sources[id]),
        rawDir,
        { baseUrl: opts.baseUrl, log },
      );
      for (const r of res) urls.set(r.id, r.url);
      srcDir = rawDir;
    } else {
      if (!opts.from) throw new PipelineError('--from', 'no source folder given');
      srcDir = resolve(opts.from);
      location = srcDir;
      if (!existsSync(srcDir)) throw new PipelineError(srcDir, 'source folder does not exist');
      for (const id of REQUIRED_SOURCES) {
        const p = join(srcDir, sources[id].file);
        if (!existsSync(p)) throw new PipelineError(sources[id].file, `missing in source folder ${srcDir}`);
      }
    }
    for (const dir of ref ? [out, ref] : [out]) {
      if (inside(dir, resolve(srcDir))) {
        throw new PipelineError(dir, 'the output folder must not be inside the source folder');
      }
    }
    const manifest = buildInto(tmp, tmpRef, srcDir, sources, {
      mode,
      location,
      expected: opts.expectedCounts === undefined ? LOR_EXPECTED_COUNT : opts.expectedCounts,
      urls,
      log,
    });
    swapInto(tmp, out);
    if (ref && tmpRef) swapInto(tmpRef, ref);
    return { manifest, outDir: out, ms: Date.now() - t0 };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanup();
  }
}

function buildInto(
  tmp: string,
  tmpRef: string | null,
  srcDir: string,
  sources: Record<SourceId, SourceEntry>,
  ctx: {
    mode: Manifest['source']['mode'];
    location: string;
    expected: Record<LorLevel, number> | null;
    urls: Map<string, string>;
    log: (s: string) => void;
  },
): BuiltManifest {
  const w = new OutputWriter(tmp);
  const wRef = tmpRef ? new OutputWriter(tmpRef) : null;
  const served = new Set<AreaLayer>(SERVED_FULL_LAYERS);
  const path = (id: SourceId) => join(srcDir, sources[id].file);
  const label = (id: SourceId) => sources[id].file;
  const geo = (id: SourceId) => ({ file: label(id), ...readGeoJsonFile(path(id), label(id)) });
  const csv = (id: SourceId) => readCsvFile(path(id), label(id));
  const report: JoinReport[] = [];
  const datasets: BuiltManifest['datasets'] = [];
  const counts: Record<string, number> = {};

  const dataset = (
    id: string,
    title: string,
    kind: DatasetMeta['kind'],
    primary: SourceId,
    used: SourceId[],
    files: WrittenFile[],
    n: { rows?: number; features?: number },
  ) => {
    const s = sources[primary];
    datasets.push({
      id,
      title,
      kind,
      publisher: s.publisher,
      license: s.license,
      licenseNote: s.licenseNote,
      vintage: s.vintage,
      sourceUrl: s.officialUrl ?? s.url,
      files,
      ...n,
      crs: 'EPSG:4326',
      sources: used,
    });
  };

  // LOR
  ctx.log('LOR: reading, building one topology, merging PLR → BZR/PGR/BEZ …');
  const lor = buildLor({
    plr: geo('lor_plr'),
    hierarchy: csv('lor_hierarchy'),
    bezirke: geo('bezirke'),
    expected: ctx.expected,
  });
  report.push(...lor.report);
  // Web TopoJSON of every layer is served; full-resolution GeoJSON is served only for the layers the app's
  // worker fetches (esb, em, es) and written for every layer into the (not served) reference folder.
  const writeAreas = (id: AreaLayer, out: LevelOutput) => {
    const topo = w.writeJson(areaTopoPath(id), out.web, { features: out.full.length });
    const fc = JSON.stringify({
      type: 'FeatureCollection',
      features: out.full.map((f) => ({
        type: 'Feature',
        id: f.properties.id,
        properties: f.properties,
        geometry: f.geometry,
      })),
    });
    const n = { features: out.full.length };
    wRef?.write(referenceGeoJsonPath(id), fc, n);
    counts[id] = out.full.length;
    return served.has(id) ? [topo, w.write(areaFullPath(id as ServedFullLayer), fc, n)] : [topo];
  };
  for (const level of [...LOR_LEVELS]) {
    const files = writeAreas(level, lor.levels[level]);
    // lor/bezirke.geojson is only cross-checked (join report), not a source of names or geometry.
    dataset(level, LEVEL_TITLE[level], 'areas', 'lor_plr', ['lor_plr', 'lor_hierarchy'], files, {
      features: lor.levels[level].full.length,
    });
  }
  const bezNames = lor.names.bez;

  ctx.log('Einschulbereiche, Erhaltungsgebiete …');
  const esb = buildEsb(geo('esb'), bezNames);
  dataset('esb', sources.esb.title, 'areas', 'esb', ['esb'], writeAreas('esb', esb), {
    features: esb.full.length,
  });
  const em = buildErhaltungsgebiete(geo('em'), 'EM', bezNames);
  dataset('em', sources.em.title, 'areas', 'em', ['em'], writeAreas('em', em), { features: em.full.length });
  const es = buildErhaltungsgebiete(geo('es'), 'ES', bezNames);
  dataset('es', sources.es.title, 'areas', 'es', ['es'], writeAreas('es', es), { features: es.full.length });

  // Institutions
  ctx.log('Institutions: locating in Planungsräume, joining school statistics …');
  const plrFull = lor.levels.plr.full;
  const loc: PlrLocator = {
    index: buildAreaIndex(plrFull),
    plrIds: plrFull.map((f) => String(f.properties.id)),
    bezNames,
  };
  const schools = buildSchools(
    geo('schools'),
    [
      { label: '2023/24', suffix: '2023_24', table: csv('school_stats_2023_24') },
      { label: '2024/25', suffix: '2024_25', table: csv('school_stats_2024_25') },
    ],
    loc,
  );
  const youth = buildFacilities(geo('youth'), 'youth', loc);
  const kitas = buildFacilities(geo('kitas'), 'kitas', loc);
  const housing = buildHousing(geo('housing'), loc);
  const inst: [keyof typeof INSTITUTION_COLUMNS, OutRow[], SourceId, SourceId[]][] = [
    ['schools', schools.rows, 'schools', ['schools', 'school_stats_2023_24', 'school_stats_2024_25']],
    ['youth', youth.rows, 'youth', ['youth']],
    ['kitas', kitas.rows, 'kitas', ['kitas']],
    ['housing', housing.rows, 'housing', ['housing']],
  ];
  for (const [id, rows, primary, used] of inst) {
    const f = w.writeCsv(institutionPath(id), INSTITUTION_COLUMNS[id], rows);
    dataset(id, sources[primary].title, 'institutions', primary, used, [f], { rows: rows.length });
    counts[id] = rows.length;
  }
  report.push(...schools.report);
  const mismatch = [...schools.bezirkMismatch, ...youth.bezirkMismatch, ...kitas.bezirkMismatch];
  report.push({
    id: 'bezirk_mismatch',
    title: 'Institutions whose Bezirk by location differs from their Bezirk field',
    count: mismatch.length,
    items: mismatch,
  });
  const outside = [...schools.outside, ...youth.outside, ...kitas.outside, ...housing.outside];
  report.push({
    id: 'outside_plr',
    title: 'Institutions and housing sites outside every Planungsraum (plr_id empty)',
    count: outside.length,
    items: outside,
  });

  // Tables
  ctx.log('Tables: population, MSS 2021 …');
  const known = new Set(loc.plrIds);
  const pop = buildPopulation(csv('population_t1'), csv('population_t2'), csv('population_t3'), known);
  const popFile = w.writeCsv(TABLE_PATHS.population, POPULATION_COLUMNS, pop);
  dataset(
    'population',
    'Einwohner/innen je Planungsraum am 31.12.2024',
    'table',
    'population_t2',
    ['population_t1', 'population_t2', 'population_t3'],
    [popFile],
    {
      rows: pop.length,
    },
  );
  counts.population = pop.length;
  const mss = buildMss(csv('mss_indizes'), csv('mss_index_indikatoren'), known);
  const mssFile = w.writeCsv(TABLE_PATHS.mss2021, MSS_COLUMNS, mss.rows);
  dataset(
    'mss2021',
    'Monitoring Soziale Stadtentwicklung 2021',
    'table',
    'mss_indizes',
    ['mss_indizes', 'mss_index_indikatoren'],
    [mssFile],
    {
      rows: mss.rows.length,
    },
  );
  counts.mss = mss.rows.length;
  report.push(mss.report);

  ctx.log('Planungsraum statics: overlay with Erhaltungsgebiete, distances …');
  const statics = buildPlrStatics({
    plr: plrFull as unknown as AreaFeature[],
    em: em.full as unknown as AreaFeature[],
    es: es.full as unknown as AreaFeature[],
    youth: youth.rows,
    schools: schools.rows,
  });
  const staticsFile = w.writeCsv(PLR_STATICS_PATH, PLR_STATICS_COLUMNS, statics);
  dataset(
    'plr_statics',
    'Planungsraum-Kennwerte: Fläche, Anteil in Erhaltungsgebieten, Entfernung zur nächsten Einrichtung (berechnet)',
    'table',
    'lor_plr',
    ['lor_plr', 'em', 'es', 'youth', 'schools'],
    [staticsFile],
    { rows: statics.length },
  );
  ctx.log('Einschulbereiche: residents estimated from Planungsräume by area share …');
  const esbPop = buildEsbPopulation({
    plr: plrFull as unknown as AreaFeature[],
    esb: esb.full as unknown as AreaFeature[],
    population: pop,
  });
  ctx.log(`  PLR × ESB overlay: ${(esbPop.ms / 1000).toFixed(1)} s`);
  const esbPopFile = w.writeCsv(ESB_POPULATION_PATH, ESB_POPULATION_COLUMNS, esbPop.rows);
  dataset(
    'esb_population',
    'Einwohner:innen je Einschulbereich (geschätzt aus Planungsräumen nach Flächenanteil)',
    'table',
    'esb',
    ['esb', 'lor_plr', 'population_t1', 'population_t2', 'population_t3'],
    [esbPopFile],
    { rows: esbPop.rows.length },
  );
  datasets[datasets.length - 1].method = ESB_METHOD;
  for (const d of datasets) if (d.kind === 'table') d.crs = undefined;

  const sourceRefs: SourceRef[] = REQUIRED_SOURCES.map((id) => {
    const s = sources[id];
    return {
      id,
      title: s.title,
      file: s.file,
      url: ctx.urls.get(id) ?? s.url,
      ...(s.officialUrl ? { officialUrl: s.officialUrl } : {}),
      publisher: s.publisher,
      license: s.license,
      licenseNote: s.licenseNote,
      vintage: s.vintage,
      crs: s.crs,
      sha256: sha256File(path(id)),
    };
  });

  const manifest: BuiltManifest = {
    pipelineVersion: PIPELINE_VERSION,
    generatedAt: new Date().toISOString(),
    source: {
      mode: ctx.mode,
      location: ctx.mode === 'folder' ? relative(process.cwd(), ctx.location) || '.' : ctx.location,
    },
    counts: {
      bez: counts.bez,
      pgr: counts.pgr,
      bzr: counts.bzr,
      plr: counts.plr,
      esb: counts.esb,
      em: counts.em,
      es: counts.es,
      schools: counts.schools,
      youth: counts.youth,
      kitas: counts.kitas,
      housing: counts.housing,
      population: counts.population,
      mss: counts.mss,
    },
    datasets,
    sources: sourceRefs,
    joinReport: report,
    ...(wRef ? { reference: [...wRef.files.values()].sort((a, b) => a.path.localeCompare(b.path)) } : {}),
  };
  w.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
