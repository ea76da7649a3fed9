/**
 * Per-Planungsraum statics for the indicator engine (area, part inside Erhaltungsgebiete, distance to the
 * nearest youth facility / primary school): expensive (polygon overlay ≈ 20 s), so computed once here and
 * written as `tables/plr_statics.csv`; the app's worker feeds it to the engine (`staticsForEngine`).
 */
import type { AreaFeature } from '../../src/domain/types';
import { TABLE_PATHS } from '../../src/io/berlin/contract';
import { computePlrStatics, type PlrStaticsRow } from '../../src/spatial/plrStatics';
import type { OutRow } from './institutions';

export const PLR_STATICS_PATH = TABLE_PATHS.plrStatics;
export const PLR_STATICS_COLUMNS: readonly (keyof PlrStaticsRow)[] = [
  'plr_id',
  'area_m2',
  'em_m2',
  'es_m2',
  'eg_m2',
  'dist_youth_m',
  'dist_primary_m',
];

function coords(rows: readonly OutRow[], keep: (r: OutRow) => boolean) {
  const lon: number[] = [];
  const lat: number[] = [];
  for (const r of rows) {
    if (!keep(r)) continue;
    const x = Number(r.lon);
    const y = Number(r.lat);
    if (r.lon !== '' && r.lat !== '' && Number.isFinite(x) && Number.isFinite(y)) {
      lon.push(x);
      lat.push(y);
    }
  }
  return { lon, lat };
}

const fixed = (v: number | null, d: number): string =>
  v === null || !Number.isFinite(v) ? '' : v.toFixed(d);

export function buildPlrStatics(input: {
  plr: readonly AreaFeature[];
  em: readonly AreaFeature[];
  es: readonly AreaFeature[];
  youth: readonly OutRow[];
  schools: readonly OutRow[];
}): Record<string, string>[] {
  const rows = computePlrStatics({
    plr: input.plr,
    em: input.em,
    es: input.es,
    youth: coords(input.youth, () => true),
    primarySchools: coords(input.schools, (r) => r.schultyp === 'Grundschule'),
  });
  return rows.map((r) => ({
    plr_id: r.plr_id,
    area_m2: fixed(r.area_m2, 1),
    em_m2: fixed(r.em_m2, 1),
    es_m2: fixed(r.es_m2, 1),
    eg_m2: fixed(r.eg_m2, 1),
    dist_youth_m: fixed(r.dist_youth_m, 0),
    dist_primary_m: fixed(r.dist_primary_m, 0),
  }));
}
