/** The shown area layer (LOR level, Einschulbereiche or an imported polygon layer) from the store values. */
import { describe, expect, it } from 'vitest';
import type { Areas } from '../../../src/datasets/types';
import { displayedAreasOf } from '../../../src/state/displayedAreas';
import type { ImportedDataset } from '../../../src/state/importStore';

const ring = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 0],
];
const areas = (ids: string[]): Areas => ({
  type: 'FeatureCollection',
  features: ids.map((id) => ({
    type: 'Feature' as const,
    geometry: { type: 'Polygon' as const, coordinates: [ring] },
    properties: { id, name: id },
  })),
});
const PLR = areas(['01100101']);
const ESB = areas(['1001', '1002']);
// only the fields the selector reads (id, name, features)
const DATASET = {
  id: 'd1',
  name: 'Sanierungsgebiete.geojson',
  features: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { name: 'Gebiet A' },
      },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} },
    ],
  },
} as unknown as ImportedDataset;

describe('displayedAreasOf', () => {
  const base = { lorLevel: 'plr' as const, lorAreas: PLR, esbAreas: ESB, datasets: [DATASET] };

  it('the LOR level when nothing replaces it', () => {
    expect(displayedAreasOf({ ...base, special: null })).toEqual({
      kind: 'lor',
      level: 'plr',
      areas: PLR,
      lorLevel: 'plr',
    });
  });

  it("the Einschulbereiche under the level key 'esb' (the key choroplethFor reads results.esb with)", () => {
    const s = displayedAreasOf({ ...base, special: 'esb' });
    expect(s).toEqual({ kind: 'esb', level: 'esb', areas: ESB, lorLevel: 'plr' });
    // still loading: no areas, never the LOR level's
    expect(displayedAreasOf({ ...base, special: 'esb', esbAreas: undefined }).areas).toBeUndefined();
  });

  it("an imported layer's polygons, and nothing once the dataset is gone", () => {
    const s = displayedAreasOf({ ...base, special: 'import:d1' });
    expect(s.kind).toBe('import');
    expect(s.level).toBe('import:d1');
    expect(s.importName).toBe('Sanierungsgebiete.geojson');
    expect(s.areas?.features.map((f) => f.properties.name)).toEqual(['Gebiet A']);
    const gone = displayedAreasOf({ ...base, special: 'import:d2' });
    expect(gone.areas).toBeUndefined();
    expect(gone.importName).toBe('d2');
  });
});
