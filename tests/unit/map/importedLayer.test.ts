import { describe, expect, it } from 'vitest';
import { IMPORTED_LAYER_PREFIX, importedLayers } from '../../../src/map/layers/importedLayer';
import type { ImportedDataset } from '../../../src/state/importStore';

function dataset(id: string, over: Partial<ImportedDataset>): ImportedDataset {
  return {
    id,
    name: id,
    visible: true,
    positions: null,
    features: { type: 'FeatureCollection', features: [] },
    keyed: null,
    ...over,
  } as ImportedDataset;
}

describe('importedLayers', () => {
  const points = dataset('p', { positions: new Float32Array([13.4, 52.5, 13.5, 52.6]) });
  const polys = dataset('a', {
    visible: false,
    features: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [13.4, 52.5],
                [13.41, 52.5],
                [13.41, 52.51],
                [13.4, 52.5],
              ],
            ],
          },
        },
      ],
    },
  });
  const keyed = dataset('k', { keyed: { level: 'plr', rows: [] } });

  it('one layer per dataset with geometry: binary points, GeoJSON otherwise; visibility from the flag', () => {
    const layers = importedLayers([points, polys, keyed]);
    expect(layers.map((l) => l.id)).toEqual([`${IMPORTED_LAYER_PREFIX}p`, `${IMPORTED_LAYER_PREFIX}a`]);
    expect(layers[0].constructor.name).toBe('ScatterplotLayer');
    expect(layers[1].constructor.name).toBe('GeoJsonLayer');
    expect(layers[0].props.visible).toBe(true);
    expect(layers[1].props.visible).toBe(false);
    const data = layers[0].props.data as {
      length: number;
      attributes: { getPosition: { value: Float32Array } };
    };
    expect(data.length).toBe(2);
    expect(Array.from(data.attributes.getPosition.value)).toEqual(
      Array.from(new Float32Array([13.4, 52.5, 13.5, 52.6])),
    );
  });

  it('keeps data references stable across rebuilds', () => {
    const a = importedLayers([points, polys]);
    const b = importedLayers([{ ...points, visible: false }, polys]);
    expect(b[0].props.data).toBe(a[0].props.data);
    expect(b[1].props.data).toBe(a[1].props.data);
    expect(b[0].props.visible).toBe(false);
  });
});
