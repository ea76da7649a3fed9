/**
 * Einschulbereiche: residents estimated from Planungsraum population by area share (areal interpolation,
 * src/spatial/esbPopulation.ts), written as `tables/esb_population.csv`. The PLR × ESB overlay (Flatbush
 * prefilter + Turf intersect on candidate pairs) runs once here, never in the browser.
 */
import type { AreaFeature } from '../../src/domain/types';
import { ESB_POPULATION_COLUMNS, TABLE_PATHS } from '../../src/io/berlin/contract';
import { estimateEsbPopulation } from '../../src/spatial/esbPopulation';
import type { OutRow } from './institutions';

export const ESB_POPULATION_PATH = TABLE_PATHS.esbPopulation;
export { ESB_POPULATION_COLUMNS };

/** Population columns estimated per ESB (counts of tables/population.csv). */
export const ESB_ESTIMATED_COLUMNS = ESB_POPULATION_COLUMNS.slice(6);

export const ESB_METHOD =
  'Einwohner:innen je Einschulbereich geschätzt aus Planungsräumen nach Flächenanteil (areale Interpolation: ' +
  'Einwohner:innen eines Planungsraums × Anteil seiner Fläche im Einschulbereich; gleichmäßige Verteilung im ' +
  'Planungsraum angenommen). Overlay: Flatbush-Vorfilter, Turf intersect.';

const fixed = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : '');

export function buildEsbPopulation(input: {
  plr: readonly AreaFeature[];
  esb: readonly AreaFeature[];
  population: readonly OutRow[];
}): { rows: OutRow[]; ms: number } {
  const t0 = Date.now();
  const { rows } = estimateEsbPopulation({ ...input, columns: ESB_ESTIMATED_COLUMNS });
  return {
    rows: rows.map((r) => {
      const out: OutRow = {
        esb_id: r.esb_id,
        name: r.name,
        bez_id: r.bez_id,
        area_m2: fixed(r.area_m2, 0),
        covered_share: fixed(r.covered_share, 4),
        plr_count: String(r.plr_count),
      };
      for (const c of ESB_ESTIMATED_COLUMNS) out[c] = fixed(r.values[c], 1);
      return out;
    }),
    ms: Date.now() - t0,
  };
}
