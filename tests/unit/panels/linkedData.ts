/** Small hand-written fixtures of the linked-view tests (three Planungsräume, made-up figures). */
import type { Areas, Institution } from '../../../src/datasets/types';
import { prepareEngine } from '../../../src/indicators/compute';

const square = (x: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 0],
    ],
  ],
});

export const PLR: Areas = {
  type: 'FeatureCollection',
  features: [
    ['01100101', 'Alpha', '011001', 'Nordregion', '0110', 'Zentrum', '01', 'Mitte'],
    ['01100102', 'Beta', '011001', 'Nordregion', '0110', 'Zentrum', '01', 'Mitte'],
    ['02200201', 'Gamma', '022002', 'Südregion', '0220', 'Süd', '02', 'Hain'],
  ].map(([id, name, bzr_id, bzr_name, pgr_id, pgr_name, bez_id, bez_name], i) => ({
    type: 'Feature' as const,
    geometry: square(i),
    properties: { id, name, bzr_id, bzr_name, pgr_id, pgr_name, bez_id, bez_name },
  })),
};

export function school(id: string, plrId: string | null, f: Record<string, string>): Institution {
  return {
    kind: 'school',
    id,
    name: `Schule ${id}`,
    type: f.schulart ?? 'Grundschule',
    operator: 'öffentlich',
    bezirk: 'Mitte',
    address: 'Weg 1, 10115',
    lon: 13.4,
    lat: 52.5,
    plrId,
    fields: { bsn: id, plr_id: plrId ?? '', ...f },
  };
}

export function engineResults() {
  const engine = prepareEngine({
    plrIds: PLR.features.map((f) => f.properties.id),
    population: [
      { plr_id: '01100101', total: '1000', age_below_6: '100' },
      { plr_id: '01100102', total: '2000', age_below_6: '2' },
      { plr_id: '02200201', total: '500', age_below_6: '50' },
    ],
    mss: [
      { plr_id: '01100101', ew: '1000', si_n: '2', di_n: '5', valid: '1' },
      { plr_id: '01100102', ew: '2000', si_n: '4', di_n: '3', valid: '1' },
      { plr_id: '02200201', ew: '500', si_n: '-9999', di_n: '-9999', valid: '0' },
    ],
  });
  return engine.compute({
    indicators: ['pop_total', 'pop_age_below_6', 'pop_share_age_below_6', 'mss_status'],
  });
}
