/**
 * Benchmark of the point → LOR join and of re-aggregation after a filter change.
 *
 *   npx tsx scripts/bench/join.ts [--points 1000000] [--plr FILE.geojson] [--turf-points N]
 *
 * Prints, on the same random points in Berlin's bounding box:
 *  1. the grid index (areaIndex.ts): PLR by geometry + BZR/PGR/BEZ by ID prefix (all four levels);
 *  2. the plain Flatbush R-tree + ray cast (the previous implementation), same output;
 *  3. Turf booleanPointInPolygon with a Flatbush bounding-box prefilter, same output;
 *  and the speed-up ratios; then the re-aggregation time of the indicator engine on 1M points after a
 *  filter change (goal ≤ 30 ms), plus an agreement check between the three methods.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { FeatureCollection } from 'geojson';
import type { LorLevel } from '../../src/domain/lor';
import type { AreaFeature } from '../../src/domain/types';
import { prepareEngine } from '../../src/indicators/compute';
import { buildFlatbushAreaIndex } from '../../src/spatial/areaIndex';
import { buildLorJoiner } from '../../src/spatial/pointJoin';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const root = resolve(import.meta.dirname, '../..');
const defaultPlr = [
  resolve(root, '../shared/data/berlin/lor/lor_2021_planungsraeume.geojson'),
  resolve(root, 'data/reference/plr.geojson'),
].find((p) => existsSync(p));
const plrFile = arg('plr', defaultPlr ?? '');
if (!plrFile || !existsSync(plrFile)) {
  console.error(
    'PLR GeoJSON not found: pass --plr FILE (e.g. data/reference/plr.geojson after `npm run data`).',
  );
  process.exit(1);
}
const N = Number(arg('points', '1000000'));
const NT = Number(arg('turf-points', String(N)));
const features = (JSON.parse(readFileSync(plrFile, 'utf8')) as FeatureCollection).features as AreaFeature[];

// Berlin's bounding box (WGS84)
const BOX = { minLon: 13.08, minLat: 52.33, maxLon: 13.77, maxLat: 52.68 };
let seed = 42;
const rnd = (): number => {
  seed = (seed * 16807) % 2147483647;
  return (seed - 1) / 2147483646;
};
const lons = new Float64Array(N);
const lats = new Float64Array(N);
for (let i = 0; i < N; i++) {
  lons[i] = BOX.minLon + rnd() * (BOX.maxLon - BOX.minLon);
  lats[i] = BOX.minLat + rnd() * (BOX.maxLat - BOX.minLat);
}

const fmt = (ms: number): string => `${ms.toFixed(1).padStart(8)} ms`;
const now = (): number => performance.now();
/** CPU time of this process in ms (user + system): less sensitive than wall time to other load on the machine. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const LEVELS: LorLevel[] = ['plr', 'bzr', 'pgr', 'bez'];

console.log(`Bildungsraum join benchmark — ${features.length} Planungsräume from ${plrFile}`);
console.log(
  `${N.toLocaleString('en')} random points in Berlin's bounding box; node ${process.version}, ${process.arch}`,
);
console.log('');

// --- 1. grid index ---
let t = now();
const joiner = buildLorJoiner(features);
const buildGrid = now() - t;
/** Feature index per point → index on each level (prefix-derived lookup tables), for the two baselines. */
const allLevels = (feat: Int32Array, out: Record<LorLevel, Int32Array>): void => {
  for (const level of LEVELS) {
    const map = joiner.plrToLevel[level];
    const a = out[level];
    for (let i = 0; i < feat.length; i++) a[i] = feat[i] < 0 ? -1 : map[feat[i]];
  }
};
const buffers = (): Record<LorLevel, Int32Array> => ({
  plr: new Int32Array(N),
  bzr: new Int32Array(N),
  pgr: new Int32Array(N),
  bez: new Int32Array(N),
});
const gridOut = buffers();
const baseOut = buffers();
const gridRuns: number[] = [];
const gridCpuRuns: number[] = [];
let gridFeat: Int32Array = new Int32Array(0);
for (let r = 0; r < 5; r++) {
  t = now();
  const c0 = cpu();
  joiner.assign(lons, lats, gridOut);
  gridRuns.push(now() - t);
  gridCpuRuns.push(cpu() - c0);
}
gridFeat = joiner.index.locateMany(lons, lats); // feature indices, for the agreement check
const gridFirst = gridRuns[0];
const gridMedian = [...gridRuns].sort((a, b) => a - b)[2];
const gridCpu = [...gridCpuRuns].sort((a, b) => a - b)[2];

// --- 2. plain flatbush + ray cast ---
t = now();
const plain = buildFlatbushAreaIndex(features);
const buildPlain = now() - t;
t = now();
let c0 = cpu();
const plainFeat = plain.locateMany(lons, lats);
allLevels(plainFeat, baseOut);
const plainTime = now() - t;
const plainCpu = cpu() - c0;

// --- 3. Turf with bounding-box prefilter ---
t = now();
const tree = new Flatbush(features.length);
for (const f of features) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const p of polys)
    for (const ring of p)
      for (const [x, y] of ring) {
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
  tree.add(x0, y0, x1, y1);
}
tree.finish();
const buildTurf = now() - t;
t = now();
c0 = cpu();
const turfFeat = new Int32Array(NT);
for (let i = 0; i < NT; i++) {
  let best = -1;
  for (const k of tree.search(lons[i], lats[i], lons[i], lats[i])) {
    if ((best === -1 || k < best) && booleanPointInPolygon([lons[i], lats[i]], features[k])) best = k;
  }
  turfFeat[i] = best;
}
allLevels(turfFeat, baseOut);
const turfTimeSample = now() - t;
const turfTime = (turfTimeSample * N) / NT;
const turfCpu = ((cpu() - c0) * N) / NT;

let diffPlain = 0;
let diffTurf = 0;
let inside = 0;
for (let i = 0; i < N; i++) {
  if (gridFeat[i] !== plainFeat[i]) diffPlain++;
  if (i < NT && gridFeat[i] !== turfFeat[i]) diffTurf++;
  if (gridFeat[i] >= 0) inside++;
}

console.log(
  'Assign points to all four LOR levels (PLR by geometry, BZR/PGR/BEZ by ID prefix; output buffers reused):',
);
console.log('                                   wall time     CPU time');
const row = (label: string, wall: number, cpuMs: number, note: string): void =>
  console.log(`  ${label.padEnd(30)}${fmt(wall)}  ${fmt(cpuMs)}  ${note}`);
row(
  'grid index (areaIndex.ts)',
  gridMedian,
  gridCpu,
  `median of 5 (first run ${gridFirst.toFixed(1)} ms), build ${buildGrid.toFixed(0)} ms`,
);
row('Flatbush + ray cast (plain)', plainTime, plainCpu, `build ${buildPlain.toFixed(0)} ms`);
row(
  'Turf + bbox prefilter',
  turfTime,
  turfCpu,
  `build ${buildTurf.toFixed(0)} ms${NT < N ? ` (measured on ${NT.toLocaleString('en')} points, scaled)` : ''}`,
);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1).padStart(8)} ×`;
console.log(
  `  ${'ratio Turf / grid'.padEnd(30)}${ratio(turfTime, gridMedian)}  ${ratio(turfCpu, gridCpu)}  (goal ≥ 30 ×)`,
);
console.log(
  `  ${'ratio plain / grid'.padEnd(30)}${ratio(plainTime, gridMedian)}  ${ratio(plainCpu, gridCpu)}`,
);
row(
  'grid, per 1M points',
  (gridMedian * 1e6) / N,
  (gridCpu * 1e6) / N,
  `(goal ≤ 250 ms) — points inside Berlin: ${inside.toLocaleString('en')}`,
);
console.log(
  `  agreement: grid ≠ plain on ${diffPlain} points; grid ≠ Turf on ${diffTurf} of ${NT.toLocaleString('en')} points (differences only on borders)`,
);
console.log('');

// --- 4. re-aggregation after a filter change on 1M points ---
const engineT0 = now();
const plrPos = joiner.plrToLevel.plr; // feature index → index into sorted PLR ids (engine order)
const plrIndex = Int32Array.from(gridFeat, (k) => (k < 0 ? -1 : plrPos[k]));
const pupils = new Float64Array(N);
const teachers = new Float64Array(N);
const pupilsPrev = new Float64Array(N);
const teachersPrev = new Float64Array(N);
const TYPES = ['Grundschule', 'Gymnasium', 'Integrierte Sekundarschule', 'Privatschule', 'Berufsschule'];
const TRAEGER = ['öffentlich', 'privat'];
const schultyp: string[] = new Array(N);
const traeger: string[] = new Array(N);
for (let i = 0; i < N; i++) {
  pupils[i] = Math.round(100 + rnd() * 900);
  teachers[i] = rnd() < 0.02 ? Number.NaN : Math.round(10 + rnd() * 60);
  pupilsPrev[i] = Math.round(100 + rnd() * 900);
  teachersPrev[i] = Math.round(10 + rnd() * 60);
  schultyp[i] = TYPES[Math.floor(rnd() * TYPES.length)];
  traeger[i] = TRAEGER[rnd() < 0.75 ? 0 : 1];
}
const engine = prepareEngine({
  plrIds: joiner.plrIds,
  institutions: {
    schools: {
      plrIndex,
      numeric: {
        pupils_2024_25: pupils,
        teachers_2024_25: teachers,
        pupils_2023_24: pupilsPrev,
        teachers_2023_24: teachersPrev,
      },
      text: { schultyp, traeger },
    },
  },
});
const schoolIndicators = [
  'schools_count',
  'schools_primary_count',
  'schools_private_count',
  'pupils_2023_24',
  'pupils_2024_25',
  'teachers_2023_24',
  'teachers_2024_25',
  'pupils_change',
  'pupils_per_teacher_2023_24',
  'pupils_per_teacher_2024_25',
  'pupils_per_teacher_change',
];
engine.compute({ indicators: schoolIndicators }); // warm-up, builds the category masks once
const prepMs = now() - engineT0;
const masks = [
  engine.maskWhere('schools', 'traeger', (v) => v === 'öffentlich'),
  engine.maskWhere('schools', 'schultyp', (v) => v !== 'Berufsschule'),
  engine.maskWhere('schools', 'schultyp', (v) => v === 'Grundschule' || v === 'Gymnasium'),
];
const aggRuns: number[] = [];
const aggCpu: number[] = [];
const countRuns: number[] = [];
for (let r = 0; r < 9; r++) {
  const mask = masks[r % masks.length];
  t = now();
  c0 = cpu();
  engine.compute({ masks: { schools: mask }, indicators: schoolIndicators });
  aggRuns.push(now() - t);
  aggCpu.push(cpu() - c0);
  t = now();
  engine.compute({ masks: { schools: mask }, indicators: ['schools_count'] });
  countRuns.push(now() - t);
}
// the same kind of filter given as categories (UI checkboxes): answered from the (PLR × category) cube
const catFilters: Record<string, readonly string[]>[] = [
  { traeger: ['öffentlich'] },
  { schultyp: TYPES.filter((t) => t !== 'Berufsschule') },
  { schultyp: ['Grundschule', 'Gymnasium'] },
];
t = now();
engine.compute({
  categories: { schools: { schultyp: TYPES, traeger: TRAEGER } },
  indicators: schoolIndicators,
});
const cubeBuild = now() - t;
const catRuns: number[] = [];
for (let r = 0; r < 9; r++) {
  const f = catFilters[r % catFilters.length];
  const cats = { schultyp: f.schultyp ?? TYPES, traeger: f.traeger ?? TRAEGER };
  t = now();
  engine.compute({ categories: { schools: cats }, indicators: schoolIndicators });
  catRuns.push(now() - t);
}
const med = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(
  `Re-aggregation after a filter change, ${N.toLocaleString('en')} institutions (typed arrays, PLR → Berlin):`,
);
console.log(`  one indicator (count)          ${fmt(med(countRuns))}  median of 9`);
console.log(
  `  ${schoolIndicators.length} school indicators          ${fmt(med(aggRuns))}  wall, ${fmt(med(aggCpu))} CPU, median of 9 (wall min ${Math.min(...aggRuns).toFixed(1)}, max ${Math.max(...aggRuns).toFixed(1)})   (goal ≤ 30 ms)`,
);
console.log(
  `  ${schoolIndicators.length} school indicators, category filter ${fmt(med(catRuns))}  wall, median of 9 — from the (PLR × category) cube (built once in ${cubeBuild.toFixed(0)} ms)`,
);
console.log(`  one-off preparation            ${fmt(prepMs)}  (synthetic columns + first compute)`);

// Machine-readable figures (collected by scripts/bench/all.ts → `npm run bench`), one line each.
const per1M = (ms: number): number => (ms * 1e6) / N;
const pts = N === 1_000_000 ? '1M' : `${N}`;
console.log(
  `FIGURE join.grid_1M_ms ${per1M(gridMedian).toFixed(1)} ms (turf_bbox ${per1M(turfTime).toFixed(0)} ms, ${(turfTime / gridMedian).toFixed(1)}x; flatbush_raycast ${per1M(plainTime).toFixed(0)} ms, ${(plainTime / gridMedian).toFixed(1)}x; all four LOR levels, median of 5${N === 1_000_000 ? '' : `; measured on ${N} points, scaled to 1M`})`,
);
console.log(
  `FIGURE aggregate.filter_${pts}_ms ${med(aggRuns).toFixed(1)} ms (${schoolIndicators.length} school indicators after a filter mask change, median of 9; one count indicator ${med(countRuns).toFixed(1)} ms)`,
);
console.log(
  `FIGURE aggregate.category_filter_${pts}_ms ${med(catRuns).toFixed(1)} ms (${schoolIndicators.length} indicators from the PLR × category cube, median of 9; cube built once in ${cubeBuild.toFixed(0)} ms)`,
);
