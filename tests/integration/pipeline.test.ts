/**
 * Runs `npm run data` (scripts/build-data.ts) on the real sources in ../shared/data/berlin into a temp folder
 * and checks the runtime contract: counts, plr_id of every institution, manifest, join report, shared borders.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltManifest } from '../../scripts/data/build';
import { sharedArcCount } from '../../scripts/data/topo';
import { PIPELINE_VERSION } from '../../scripts/data/version';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SHARED = resolve(REPO, '..', 'shared', 'data', 'berlin');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else
        out.set(
          relative(dir, p),
          `${st.size}:${st.mtimeMs}:${createHash('sha256').update(readFileSync(p)).digest('hex')}`,
        );
    }
  };
  walk(dir);
  return out;
}

const csv = (path: string) =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
const topo = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Topology;

describe.skipIf(!existsSync(SHARED))('npm run data on ../shared/data/berlin', () => {
  let tmp: string;
  let out: string;
  let ref: string;
  let stdout: string;
  let manifest: BuiltManifest;
  let before: Map<string, string>;

  beforeAll(async () => {
    before = snapshot(SHARED);
    tmp = mkdtempSync(join(tmpdir(), 'pipeline-int-'));
    out = join(tmp, 'public', 'data');
    ref = join(tmp, 'data', 'reference');
    ({ stdout } = await run(
      TSX,
      ['scripts/build-data.ts', '--from', SHARED, '--out', out, '--reference', ref],
      { cwd: REPO },
    ));
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  });
  afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it('prints a summary with counts, sizes and time', () => {
    expect(stdout).toMatch(/12 Bezirke \/ 58 Prognoseräume \/ 143 Bezirksregionen \/ 542 Planungsräume/);
    expect(stdout).toMatch(/902 schools, 407 youth facilities, 2880 Kitas, 238 housing sites/);
    expect(stdout).toMatch(/Size: 19 files, [\d.]+ MiB raw, [\d.]+ (MiB|KiB) gzip/);
    expect(stdout).toMatch(/Reference geometry \(not served\): .*reference, 7 files, [\d.]+ MiB raw/);
    expect(stdout).toMatch(/Time: [\d.]+ s/);
  });

  it('has the expected counts', () => {
    expect(manifest.counts).toEqual({
      bez: 12,
      pgr: 58,
      bzr: 143,
      plr: 542,
      esb: 377,
      em: 81,
      es: 94,
      schools: 902,
      youth: 407,
      kitas: 2880,
      housing: 238,
      population: 542,
      mss: 542,
    });
    for (const [level, n] of [
      ['bez', 12],
      ['pgr', 58],
      ['bzr', 143],
      ['plr', 542],
    ] as const) {
      const t = topo(join(out, `areas/${level}.topo.json`));
      expect(Object.keys(t.objects)).toEqual(['areas']);
      const fc = feature(t, t.objects.areas) as GeoJSON.FeatureCollection;
      expect(fc.features).toHaveLength(n);
      for (const f of fc.features)
        expect(String(f.properties?.id)).toMatch(
          new RegExp(`^\\d{${{ bez: 2, pgr: 4, bzr: 6, plr: 8 }[level]}}$`),
        );
      const full = JSON.parse(readFileSync(join(ref, `${level}.geojson`), 'utf8'));
      // only the layers the app fetches are served in full resolution
      expect(existsSync(join(out, `full/${level}.geojson`))).toBe(false);
      expect(full.features).toHaveLength(n);
    }
  });

  it('locates every institution in a Planungsraum', () => {
    const plrIds = new Set(
      (
        JSON.parse(readFileSync(join(ref, 'plr.geojson'), 'utf8')).features as {
          properties: { id: string };
        }[]
      ).map((f) => f.properties.id),
    );
    for (const [file, n, idCol] of [
      ['schools', 902, 'bsn'],
      ['youth', 407, 'id'],
      ['kitas', 2880, 'id'],
      ['housing', 238, 'id'],
    ] as const) {
      const res = csv(join(out, `institutions/${file}.csv`));
      expect(res.data).toHaveLength(n);
      for (const r of res.data) {
        expect(plrIds.has(r.plr_id), `${file} ${r[idCol]} plr_id ${r.plr_id}`).toBe(true);
      }
    }
    const schools = csv(join(out, 'institutions/schools.csv'));
    expect(schools.meta.fields).toEqual([
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
    ]);
    const osz = schools.data.find((r) => r.bsn === '01B01');
    expect(osz).toMatchObject({
      pupils_2023_24: '1579',
      teachers_2023_24: '77',
      pupils_2024_25: '1603',
      teachers_2024_25: '76',
    });
    // 895 of the 909 BSN of 2024/25 match the 2023-10 school list (SOURCES.md 2.3)
    expect(schools.data.filter((r) => r.pupils_2024_25 !== '')).toHaveLength(895);
  });

  it('writes population and MSS tables for all 542 PLR', () => {
    const pop = csv(join(out, 'tables/population.csv')).data;
    expect(pop).toHaveLength(542);
    expect(pop.find((r) => r.plr_id === '01100101')).toMatchObject({
      total: '3580',
      age_below_6: '165',
      migration_background: '2404',
    });
    const mss = csv(join(out, 'tables/mss2021.csv')).data;
    expect(mss).toHaveLength(542);
    expect(mss.filter((r) => r.valid === '0')).toHaveLength(6);
    for (const r of mss.filter((x) => x.valid === '0')) {
      expect([r.si_n, r.sdi, r.s1, r.s4]).toEqual(['', '', '', '']);
      expect(r.kom).toMatch(/^ungültig/);
    }
  });

  it('describes every dataset and file in the manifest', () => {
    expect(manifest.pipelineVersion).toBe(PIPELINE_VERSION);
    expect(manifest.source).toEqual({
      mode: 'folder',
      location: expect.stringContaining('shared/data/berlin'),
    });
    expect(Date.parse(manifest.generatedAt)).toBeGreaterThan(0);
    expect(manifest.datasets.map((d) => d.id)).toEqual([
      'bez',
      'pgr',
      'bzr',
      'plr',
      'esb',
      'em',
      'es',
      'schools',
      'youth',
      'kitas',
      'housing',
      'population',
      'mss2021',
      'plr_statics',
      'esb_population',
    ]);
    for (const d of manifest.datasets) {
      expect(d.publisher && d.license && d.licenseNote && d.vintage && d.sourceUrl, d.id).toBeTruthy();
      expect(d.rows ?? d.features).toBeGreaterThan(0);
      for (const f of d.files) {
        const buf = readFileSync(join(out, f.path));
        expect(f.bytes).toBe(buf.length);
        expect(f.sha256).toBe(createHash('sha256').update(buf).digest('hex'));
      }
    }
    for (const s of manifest.sources) {
      expect(s.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(SHARED, s.file)))
          .digest('hex'),
      );
      expect(s.file).not.toMatch(/THIRDPARTY|FALLBACK|NO_GEOMETRY|matches/);
    }
  });

  it('reports the joins', () => {
    const rep = Object.fromEntries(manifest.joinReport.map((r) => [r.id, r]));
    expect(rep.stats_2024_25_without_school.count).toBe(14);
    expect(rep.stats_2023_24_without_school.count).toBe(15);
    expect(rep.stats_2024_25_without_school.items.every((i) => /^\d{2}[A-Z]\d{2}$/.test(i.key))).toBe(true);
    expect(rep.schools_without_stats_2024_25.count).toBe(902 - 895);
    expect(rep.schools_without_stats_2023_24.items.map((i) => i.key)).toEqual(['03P46']);
    expect(rep.outside_plr.count).toBe(0);
    expect(rep.bezirke_crosscheck.count).toBe(0);
    expect(rep.mss_invalid.count).toBe(6);
    expect(rep.bezirk_mismatch.items.map((i) => i.key).sort()).toEqual(['02051140', '08K09']);
    for (const r of manifest.joinReport) expect(r.items).toHaveLength(r.count);
  });

  it('keeps shared borders shared: LOR levels are unions of PLR from one topology', () => {
    const plr = topo(join(out, 'areas/plr.topo.json'));
    const bez = topo(join(out, 'areas/bez.topo.json'));
    // most PLR arcs are borders between two PLR
    expect(sharedArcCount(plr)).toBeGreaterThan(1000);
    expect(sharedArcCount(bez)).toBeGreaterThan(20);
    // the same quantization grid, and every Bezirk vertex is a PLR vertex (borders coincide exactly)
    expect(bez.transform).toEqual(plr.transform);
    const vertices = (t: Topology) => {
      const s = new Set<string>();
      for (const f of (
        feature(t, t.objects.areas) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon | GeoJSON.Polygon>
      ).features) {
        const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const p of polys) for (const r of p) for (const c of r) s.add(`${c[0]},${c[1]}`);
      }
      return s;
    };
    const pv = vertices(plr);
    const bv = vertices(bez);
    expect(bv.size).toBeGreaterThan(5000);
    expect([...bv].filter((v) => !pv.has(v))).toEqual([]);
    // areas add up across levels
    const sum = (level: string) =>
      (
        JSON.parse(readFileSync(join(ref, `${level}.geojson`), 'utf8')).features as {
          properties: { area_m2: number };
        }[]
      ).reduce((s, f) => s + f.properties.area_m2, 0);
    expect(sum('bez')).toBe(sum('plr'));
    expect(sum('bez')).toBeGreaterThan(890e6);
    expect(sum('bez')).toBeLessThan(893e6);
  });

  it('leaves the source folder untouched and no temp folders behind', () => {
    expect(snapshot(SHARED)).toEqual(before);
    expect(readdirSync(join(tmp, 'public'))).toEqual(['data']);
    expect(readdirSync(join(tmp, 'data'))).toEqual(['reference']);
  });
});
