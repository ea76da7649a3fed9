/** Imported polygon datasets as area layers: polygons only, ids and names derived once per dataset. */
import { describe, expect, it } from 'vitest';
import { importedAreas } from '../../../src/state/importedAreas';
import type { ImportedDataset } from '../../../src/state/importStore';

const poly = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};
const dataset = (features: { geometry: unknown; properties: Record<string, unknown> | null }[]) =>
  ({
    id: 'd',
    name: 'x.geojson',
    features: { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) },
  }) as unknown as ImportedDataset;

describe('importedAreas', () => {
  it('keeps the polygons; id from the id property (as text) or the position, name from a name-like field', () => {
    const d = dataset([
      { geometry: poly, properties: { id: 7, Name: 'Nord' } },
      { geometry: { type: 'Point', coordinates: [0, 0] }, properties: { name: 'Punkt' } },
      {
        geometry: { type: 'MultiPolygon', coordinates: [poly.coordinates] },
        properties: { bezeichnung: 'Süd' },
      },
      { geometry: poly, properties: null },
    ]);
    const a = importedAreas(d);
    expect(a?.features.map((f) => [f.properties.id, f.properties.name])).toEqual([
      ['7', 'Nord'],
      ['2', 'Süd'],
      ['3', '3'],
    ]);
    // derived once: the same object on the next call (the choropleth cache keys on it)
    expect(importedAreas(d)).toBe(a);
  });

  it('null when the dataset has no polygons', () => {
    expect(
      importedAreas(dataset([{ geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} }])),
    ).toBeNull();
  });
});
