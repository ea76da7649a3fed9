import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltManifest, buildData } from '../../../scripts/data/build';
import { sharedArcCount } from '../../../scripts/data/topo';
import { PIPELINE_VERSION, staleReason } from '../../../scripts/data/version';
import { INSTITUTION_COLUMNS, MSS_COLUMNS, POPULATION_COLUMNS } from '../../../src/io/berlin/contract';
import { copyMini, listTree, MINI, readCsvOut, SOURCES, tempDir } from './helpers';

const MINI_COUNTS = { bez: 2, pgr: 2, bzr: 2, plr: 4 };

describe('buildData on the mini fixture (4 PLR squares, 2 Bezirke)', () => {
  let dir: string;
  let out: string;
  let ref: string;
  let manifest: BuiltManifest;
  const before = listTree(MINI).map((f) => [f, readFileSync(join(MINI, f), 'utf8')]);

  beforeAll(async () => {
    dir = tempDir();
    out = join(dir, 'public', 'data');
    ref = join(dir, 'data', 'reference');
    ({ manifest } = await buildData({
      from: MINI,
      out,
      reference: ref,
      sourcesPath: SOURCES,
      expectedCounts: MINI_COUNTS,
    }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the runtime contract files and nothing else', () => {
    expect(listTree(out)).toEqual([
      'areas/bez.topo.json',
      'areas/bzr.topo.json',
      'areas/em.topo.json',
      'areas/es.topo.json',
      'areas/esb.topo.json',
      'areas/pgr.topo.json',
      'areas/plr.topo.json',
      // full resolution only for the layers the app fetches; the rest is in the reference folder
      'full/em.geojson',
      'full/es.geojson',
      'full/esb.geojson',
      'institutions/housing.csv',
      'institutions/kitas.csv',
      'institutions/schools.csv',
      'institutions/youth.csv',
      'manifest.json',
      'tables/esb_population.csv',
      'tables/mss2021.csv',
      'tables/plr_statics.csv',
      'tables/population.csv',
    ]);
    // every layer in full resolution in the (not served) reference folder
    expect(listTree(ref)).toEqual([
      'bez.geojson',
      'bzr.geojson',
      'em.geojson',
      'es.geojson',
      'esb.geojson',
      'pgr.geojson',
      'plr.geojson',
    ]);
    for (const l of ['em', 'es', 'esb']) {
      expect(readFileSync(join(ref, `${l}.geojson`), 'utf8')).toBe(
        readFileSync(join(out, `full/${l}.geojson`), 'utf8'),
      );
    }
    // no temp folders left next to the outputs
    expect(readdirSync(dirname(out))).toEqual(['data']);
    expect(readdirSync(dirname(ref))).toEqual(['reference']);
    // CSV headers are exactly the shared contract
    const header = (p: string) => readFileSync(join(out, p), 'utf8').split('\n')[0].split(',');
    for (const kind of Object.keys(INSTITUTION_COLUMNS) as (keyof typeof INSTITUTION_COLUMNS)[]) {
      expect(header(`institutions/${kind}.csv`)).toEqual([...INSTITUTION_COLUMNS[kind]]);
    }
    expect(header('tables/population.csv')).toEqual([...POPULATION_COLUMNS]);
    expect(header('tables/mss2021.csv')).toEqual([...MSS_COLUMNS]);
  });

  it('merges PLR into Bezirke that share the PLR arcs', () => {
    const bez = JSON.parse(readFileSync(join(out, 'areas/bez.topo.json'), 'utf8')) as Topology;
    const fc = feature(bez, bez.objects.areas) as GeoJSON.FeatureCollection;
    expect(fc.features.map((f) => f.properties)).toEqual([
      { id: '01', name: 'Unterbezirk', area_m2: 3000000 },
      { id: '02', name: 'Oberbezirk', area_m2: 3000000 },
    ]);
    // the common Bezirk border is the two PLR arcs (split at the junction x = 13.32), used by both Bezirke
    expect(sharedArcCount(bez)).toBe(2);
    const plr = JSON.parse(readFileSync(join(out, 'areas/plr.topo.json'), 'utf8')) as Topology;
    expect(sharedArcCount(plr)).toBe(4);
    const props = (feature(plr, plr.objects.areas) as GeoJSON.FeatureCollection).features[2].properties;
    expect(props).toEqual({
      id: '02100101',
      name: 'Nordwest',
      bez_id: '02',
      bez_name: 'Oberbezirk',
      pgr_id: '0210',
      pgr_name: 'Prognose Nord',
      bzr_id: '021001',
      bzr_name: 'Region Nord',
      area_m2: 1500000,
    });
    const full = JSON.parse(readFileSync(join(ref, 'bez.geojson'), 'utf8'));
    expect(full.features[0].geometry.type).toBe('MultiPolygon');
    const ring: number[][] = full.features[0].geometry.coordinates[0][0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([
      13.3, 13.34, 52.5, 52.51,
    ]);
  });

  it('joins school statistics by BSN and keeps schools without statistics', () => {
    const rows = readCsvOut(join(out, 'institutions/schools.csv'));
    expect(
      rows.map((r) => [
        r.bsn,
        r.plr_id,
        r.pupils_2023_24,
        r.teachers_2023_24,
        r.pupils_2024_25,
        r.teachers_2024_25,
      ]),
    ).toEqual([
      ['01G01', '01100101', '400', '30', '410', '31'],
      ['01Y02', '01100102', '800', '60', '790', ''],
      ['02P03', '02100101', '120', '12', '', ''],
    ]);
    const rep = Object.fromEntries(manifest.joinReport.map((r) => [r.id, r]));
    expect(rep.stats_2024_25_without_school.items.map((i) => i.key)).toEqual(['09X99']);
    expect(rep.stats_2023_24_without_school.count).toBe(0);
    expect(rep.schools_without_stats_2024_25.items.map((i) => i.key)).toEqual(['02P03']);
    expect(rep.schools_without_stats_2023_24.count).toBe(0);
    // 02P03 says "Unterbezirk" but lies in Oberbezirk
    expect(rep.bezirk_mismatch.items.map((i) => i.key)).toEqual(['02P03']);
    expect(rep.outside_plr.count).toBe(0);
    expect(rep.bezirke_crosscheck.count).toBe(0);
    expect(rep.mss_invalid.items.map((i) => i.key)).toEqual(['02100102']);
  });

  it('writes youth facilities, Kitas and housing sites with plr_id', () => {
    expect(readCsvOut(join(out, 'institutions/youth.csv'))).toEqual([
      {
        id: '01010001',
        name: 'Jugendclub Süd',
        art: 'Jugendfreizeiteinrichtungen (JFE)',
        traeger_name: 'BA',
        traeger_art: 'öffentlicher Träger',
        bezirk: 'Unterbezirk',
        plz: '10001',
        strasse: 'Weg',
        hausnr: '5',
        places: '40',
        lon: '13.305',
        lat: '52.502',
        plr_id: '01100101',
      },
      expect.objectContaining({ id: '02010002', places: '', plr_id: '02100102' }),
    ]);
    expect(readCsvOut(join(out, 'institutions/kitas.csv')).map((r) => r.plr_id)).toEqual([
      '01100102',
      '02100101',
      '02100102',
    ]);
    expect(readCsvOut(join(out, 'institutions/housing.csv'))).toEqual([
      {
        id: 'S1',
        name: 'Neues Quartier',
        we_kat: '200 - 499 Wohneinheiten',
        leg_fertig: 'Im Bau',
        leg_gemeinw: 'Sonstige Wohnungsbaupotenziale',
        lon: '13.322',
        lat: '52.514',
        plr_id: '02100102',
      },
    ]);
  });

  it('writes population and MSS tables (invalid MSS rows kept with valid=0 and empty values)', () => {
    const pop = readCsvOut(join(out, 'tables/population.csv'));
    expect(pop[0]).toEqual({
      plr_id: '01100101',
      total: '1000',
      age_below_6: '100',
      age_6_15: '100',
      age_15_18: '50',
      age_18_27: '100',
      age_27_45: '250',
      age_45_55: '100',
      age_55_65: '100',
      age_above_65: '200',
      female: '500',
      foreigners: '100',
      migration_background: '300',
    });
    const mss = readCsvOut(join(out, 'tables/mss2021.csv'));
    expect(mss[1]).toMatchObject({
      plr_id: '01100102',
      si_n: '1',
      si_v: 'hoch',
      sdi: '1+/-',
      valid: '1',
      d4: '-0.5',
    });
    expect(mss[3]).toEqual({
      plr_id: '02100102',
      ew: '120',
      si_n: '',
      si_v: '',
      di_n: '',
      di_v: '',
      sdi: '',
      sdi_n: '',
      sdi_v: '',
      kom: 'ungültig (EW unter 300)',
      valid: '0',
      s1: '',
      s3: '',
      s4: '',
      d1: '',
      d3: '',
      d4: '',
    });
  });

  it('describes every dataset in the manifest with hashes of the written files', () => {
    expect(manifest.pipelineVersion).toBe(PIPELINE_VERSION);
    expect(manifest.source.mode).toBe('folder');
    expect(manifest.counts).toEqual({
      bez: 2,
      pgr: 2,
      bzr: 2,
      plr: 4,
      esb: 2,
      em: 1,
      es: 1,
      schools: 3,
      youth: 2,
      kitas: 3,
      housing: 1,
      population: 4,
      mss: 4,
    });
    const onDisk = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(onDisk.counts).toEqual(manifest.counts);
    for (const d of manifest.datasets) {
      expect(d.publisher && d.license && d.licenseNote && d.vintage && d.sourceUrl).toBeTruthy();
      for (const f of d.files) {
        const buf = readFileSync(join(out, f.path));
        expect(f.bytes).toBe(buf.length);
        expect(f.sha256).toBe(createHash('sha256').update(buf).digest('hex'));
      }
    }
    // the reference files are listed with size and hash too
    expect(manifest.reference?.map((f) => f.path)).toEqual(listTree(ref));
    for (const f of manifest.reference ?? []) {
      const buf = readFileSync(join(ref, f.path));
      expect(f.bytes).toBe(buf.length);
      expect(f.sha256).toBe(createHash('sha256').update(buf).digest('hex'));
    }
    expect(staleReason(out)).toBeNull();
    expect(staleReason(out, ref)).toBeNull();
    // a missing file makes ensure-data rebuild
    expect(staleReason(out, join(dir, 'elsewhere'))).toMatch(/elsewhere\/bez\.geojson is missing$/);
  });

  it('refuses a reference folder inside the output folder', async () => {
    await expect(
      buildData({
        from: MINI,
        out: join(dir, 'x'),
        reference: join(dir, 'x', 'ref'),
        sourcesPath: SOURCES,
        expectedCounts: MINI_COUNTS,
      }),
    ).rejects.toThrow('the reference folder and the output folder must not contain each other');
  });

  it('never writes into the source folder', () => {
    expect(listTree(MINI).map((f) => [f, readFileSync(join(MINI, f), 'utf8')])).toEqual(before);
  });
});

describe('buildData failures', () => {
  it('fails naming file, row and column for a bad statistics cell, and keeps the previous output', async () => {
    const dir = tempDir();
    try {
      const src = copyMini(dir);
      const out = join(dir, 'out');
      await buildData({ from: src, out, sourcesPath: SOURCES, expectedCounts: MINI_COUNTS });
      const manifestBefore = readFileSync(join(out, 'manifest.json'), 'utf8');
      const stats = join(src, 'schools/schulstatistik_2024_25_schueler_lehrkraefte.csv');
      writeFileSync(stats, readFileSync(stats, 'utf8').replace('790;400', '79O;400'));
      await expect(
        buildData({ from: src, out, sourcesPath: SOURCES, expectedCounts: MINI_COUNTS }),
      ).rejects.toThrow(
        'schools/schulstatistik_2024_25_schueler_lehrkraefte.csv (row 3, column "Schüler (m/w/d)"): "79O" is not an integer',
      );
      expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifestBefore);
      expect(readdirSync(dir).sort()).toEqual(['out', 'src']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on a PLR ID of the wrong format', async () => {
    const dir = tempDir();
    try {
      const src = copyMini(dir);
      const f = join(src, 'lor/lor_2021_hierarchie.csv');
      writeFileSync(f, readFileSync(f, 'utf8').replace('"02100102"', '"021001X2"'));
      await expect(
        buildData({ from: src, out: join(dir, 'out'), sourcesPath: SOURCES, expectedCounts: MINI_COUNTS }),
      ).rejects.toThrow(
        'lor/lor_2021_hierarchie.csv (row 5, column "PLR_ID"): "021001X2" is not a PLR ID (8 digits)',
      );
      expect(existsSync(join(dir, 'out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when the LOR counts differ from the expected ones', async () => {
    const dir = tempDir();
    try {
      await expect(buildData({ from: MINI, out: join(dir, 'out'), sourcesPath: SOURCES })).rejects.toThrow(
        'lor/lor_2021_hierarchie.csv: expected 12 BEZ but found 2',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on projected coordinates without a CRS declaration', async () => {
    const dir = tempDir();
    try {
      const src = copyMini(dir);
      const f = join(src, 'youth/kitas_2022-12.geojson');
      writeFileSync(f, readFileSync(f, 'utf8').replace('[13.325, 52.508]', '[389000.5, 5820000.1]'));
      await expect(
        buildData({ from: src, out: join(dir, 'out'), sourcesPath: SOURCES, expectedCounts: MINI_COUNTS }),
      ).rejects.toThrow(
        /youth\/kitas_2022-12\.geojson: feature 1 \(01010010\): coordinate \[389000\.5, 5820000\.1\] is not WGS84/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when a required field is missing (e.g. no school name)', async () => {
    const dir = tempDir();
    try {
      const src = copyMini(dir);
      const f = join(src, 'schools/schulen_2023-10.geojson');
      writeFileSync(f, readFileSync(f, 'utf8').replaceAll('"name":', '"titel":'));
      await expect(
        buildData({ from: src, out: join(dir, 'out'), sourcesPath: SOURCES, expectedCounts: MINI_COUNTS }),
      ).rejects.toThrow(
        /schools\/schulen_2023-10\.geojson: required field\(s\) missing: name \(accepted: name \| schulname\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('accepts GDI WFS property names (schulname, lowercase LOR fields, EPSG:25833 with declared CRS)', async () => {
    const dir = tempDir();
    try {
      const src = copyMini(dir);
      const schools = join(src, 'schools/schulen_2023-10.geojson');
      writeFileSync(schools, readFileSync(schools, 'utf8').replaceAll('"name":', '"schulname":'));
      const plr = join(src, 'lor/lor_2021_planungsraeume.geojson');
      writeFileSync(
        plr,
        readFileSync(plr, 'utf8').replace(/"(PLR|BZR|PGR|BEZ)_(ID|NAME)"/g, (m) => m.toLowerCase()),
      );
      // one Kita in UTM 33N (EPSG:25833), declared as GDI does
      const kitas = join(src, 'youth/kitas_2022-12.geojson');
      const fc = JSON.parse(readFileSync(kitas, 'utf8'));
      fc.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } };
      fc.features = [fc.features[0]];
      fc.features[0].geometry.coordinates = [385294.92, 5818550.52];
      writeFileSync(kitas, JSON.stringify(fc));
      const out = join(dir, 'out');
      await buildData({ from: src, out, sourcesPath: SOURCES, expectedCounts: MINI_COUNTS });
      expect(readCsvOut(join(out, 'institutions/schools.csv')).map((r) => r.name)).toEqual([
        'Erste Grundschule',
        'Gymnasium Ost',
        'Privatschule Nord',
      ]);
      const kita = readCsvOut(join(out, 'institutions/kitas.csv'))[0];
      expect(Number(kita.lon)).toBeCloseTo(13.31, 5);
      expect(Number(kita.lat)).toBeCloseTo(52.505, 5);
      expect(kita.plr_id).toBe('01100101');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on lat/lon axis order', async () => {
    const dir = tempDir();
    try {
      const src = copyMini(dir);
      const f = join(src, 'urban/step_wohnen_2040_wohnungsbaupotenziale_2026-10.geojson');
      writeFileSync(f, readFileSync(f, 'utf8').replace('[[13.322, 52.514]]', '[[52.514, 13.322]]'));
      await expect(
        buildData({ from: src, out: join(dir, 'out'), sourcesPath: SOURCES, expectedCounts: MINI_COUNTS }),
      ).rejects.toThrow(
        /step_wohnen_2040_wohnungsbaupotenziale_2026-10\.geojson: feature 1 \(S1\): coordinate \[52\.514, 13\.322\] is in lat\/lon axis order/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
