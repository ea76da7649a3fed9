/**
 * Spatial join on the real Berlin data (read-only from ../shared/data/berlin):
 * every school, youth facility and Kita gets exactly one Planungsraum; the Bezirk from the join is compared
 * with the school list's `bezirk` field; the indexed join equals Turf's booleanPointInPolygon on 100,000
 * random points in Berlin's bounding box (except points on a border).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../src/domain/types';
import {
  buildLorJoiner,
  checkLorHierarchy,
  compareBezirk,
  joinPointsToLor,
} from '../../src/spatial/pointJoin';

const DATA = resolve(__dirname, '../../../shared/data/berlin');
const have = existsSync(`${DATA}/lor/lor_2021_planungsraeume.geojson`);
const read = <T>(p: string): T => JSON.parse(readFileSync(`${DATA}/${p}`, 'utf8')) as T;

describe.skipIf(!have)('LOR join on real data', () => {
  const plr = have
    ? (read<FeatureCollection>('lor/lor_2021_planungsraeume.geojson').features as AreaFeature[])
    : [];
  const joiner = have ? buildLorJoiner(plr) : null;
  // Turf reference: bounding-box prefilter + booleanPointInPolygon over all candidate areas
  const tree = new Flatbush(Math.max(1, plr.length));
  for (const f of plr) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys)
      for (const r of p)
        for (const [x, y] of r) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
    tree.add(x0, y0, x1, y1);
  }
  if (plr.length === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  const turfAll = (lon: number, lat: number, ignoreBoundary: boolean): number[] =>
    tree
      .search(lon, lat, lon, lat)
      .filter((k) => booleanPointInPolygon([lon, lat], plr[k], { ignoreBoundary }))
      .sort((a, b) => a - b);

  const datasets: [string, string, number, string][] = [
    ['schools', 'schools/schulen_2023-10.geojson', 902, 'bsn'],
    ['youth', 'youth/jugendfreizeiteinrichtungen_2022-12.geojson', 407, 'e_nr'],
    ['kitas', 'youth/kitas_2022-12.geojson', 2880, 'e_nr'],
  ];
  for (const [name, file, expected, key] of datasets) {
    it(`every one of the ${expected} ${name} has exactly one Planungsraum`, () => {
      const fc = read<FeatureCollection<Point>>(file);
      expect(fc.features).toHaveLength(expected);
      const pts = fc.features.map((f) => ({
        key: String(f.properties?.[key]),
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      }));
      const r = joinPointsToLor(joiner!, pts);
      expect(r.unassigned).toEqual([]);
      pts.forEach((p, i) => {
        const turf = turfAll(p.lon, p.lat, false);
        expect(turf, `${name} ${p.key}`).toHaveLength(1); // exactly one PLR contains it (none on a border)
        expect(r.assigned[i]?.plr_id).toBe(String(plr[turf[0]].properties?.PLR_ID));
      });
    });
  }

  it('lists schools whose Bezirk by join differs from the bezirk field of the school list', () => {
    const fc = read<FeatureCollection<Point>>('schools/schulen_2023-10.geojson');
    const r = joinPointsToLor(
      joiner!,
      fc.features.map((f) => ({
        key: String(f.properties?.bsn),
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      })),
    );
    const names = new Map(plr.map((f) => [String(f.properties?.BEZ_ID), String(f.properties?.BEZ_NAME)]));
    const report = compareBezirk(
      fc.features.map((f, i) => ({
        key: String(f.properties?.bsn),
        name: String(f.properties?.name),
        bezirkField: String(f.properties?.bezirk ?? ''),
        bezIdByJoin: r.assigned[i]?.bez_id ?? null,
      })),
      names,
    );
    // the join report lists each mismatch with both Bezirke; print it for the record
    console.info(
      `${report.title}: ${report.count}\n${report.items.map((i) => `  ${i.key} ${i.name}: ${i.detail}`).join('\n')}`,
    );
    expect(report.count).toBe(report.items.length);
    expect(report.count).toBeLessThan(20); // a handful of data errors at most, not a systematic mismatch
    for (const item of report.items) expect(item.detail).toMatch(/^Join: \d{2} .+; Quelle: .+/);
  });

  it('the ID-derived hierarchy agrees with the BZR, PGR and Bezirk geometries', () => {
    const rep = checkLorHierarchy(plr, {
      bzr: read<FeatureCollection>('lor/lor_2021_bezirksregionen.geojson').features as AreaFeature[],
      pgr: read<FeatureCollection>('lor/lor_2021_prognoseraeume.geojson').features as AreaFeature[],
      bez: read<FeatureCollection>('lor/bezirke.geojson').features as AreaFeature[],
    });
    expect(rep.items).toEqual([]);
  });

  it('indexed join = Turf booleanPointInPolygon on 100,000 random points (except on borders)', () => {
    const n = 100_000;
    let s = 20261127;
    const rnd = (): number => {
      s = (s * 16807) % 2147483647;
      return (s - 1) / 2147483646;
    };
    const lons = new Float64Array(n);
    const lats = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lons[i] = 13.08 + rnd() * (13.77 - 13.08);
      lats[i] = 52.33 + rnd() * (52.68 - 52.33);
    }
    const ours = joiner!.index.locateMany(lons, lats);
    let inside = 0;
    let border = 0;
    const diffs: string[] = [];
    for (let i = 0; i < n; i++) {
      const strict = turfAll(lons[i], lats[i], true);
      if (strict.length !== 1 && turfAll(lons[i], lats[i], false).length > 0) {
        border++; // on a border: Turf counts it for 0 or ≥ 2 areas; our rule picks one
        continue;
      }
      const expected = strict.length === 1 ? strict[0] : -1;
      if (expected >= 0) inside++;
      if (ours[i] !== expected) diffs.push(`${lons[i]},${lats[i]}: ours ${ours[i]}, turf ${expected}`);
    }
    expect(diffs).toEqual([]);
    expect(inside).toBeGreaterThan(40_000); // Berlin fills roughly half of its bounding box
    expect(border).toBeLessThan(10);
  });
});
