import { describe, expect, it } from 'vitest';
import {
  IMPORTED_LAYER_PREFIX,
  importedLayers,
  importedPointsLayerId,
  pointLayerCount,
  pointStyleFor,
} from '../../../src/map/layers/importedLayer';
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

/** The positions prop of an ImportedPointsLayer. */
function positionsOf(layer: { props: unknown }): Float32Array {
  return (layer.props as { positions: Float32Array }).positions;
}

describe('pointStyleFor', () => {
  it('small files keep outlined 3 px dots; many points become smaller dots without outline', () => {
    expect(pointStyleFor(1)).toEqual({ radius: 3, stroked: true });
    expect(pointStyleFor(20_000)).toEqual({ radius: 3, stroked: true });
    expect(pointStyleFor(20_001)).toEqual({ radius: 2, stroked: false });
    expect(pointStyleFor(1_000_000)).toEqual({ radius: 1.5, stroked: false });
  });
});

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
    expect(layers.map((l) => l.id)).toEqual([importedPointsLayerId(0), `${IMPORTED_LAYER_PREFIX}a`]);
    expect(layers[0].constructor.name).toBe('ImportedPointsLayer');
    expect(layers[1].constructor.name).toBe('GeoJsonLayer');
    expect(layers[0].props.visible).toBe(true);
    expect(layers[1].props.visible).toBe(false);
    // the worker's Float32Array as is: no copy, no object per point
    expect(positionsOf(layers[0])).toBe(points.positions);
  });

  it('keeps data references stable across rebuilds', () => {
    const a = importedLayers([points, polys]);
    const b = importedLayers([{ ...points, visible: false }, polys]);
    expect(positionsOf(b[0])).toBe(positionsOf(a[0]));
    expect(b[1].props.data).toBe(a[1].props.data);
    expect(b[0].props.visible).toBe(false);
  });

  it('warm-up: a hidden one-point layer with the id the next point dataset gets', () => {
    const layers = importedLayers([points, polys], true);
    expect(layers.map((l) => l.id)).toEqual([
      importedPointsLayerId(0),
      `${IMPORTED_LAYER_PREFIX}a`,
      importedPointsLayerId(1),
    ]);
    expect(layers[2].props.visible).toBe(false);
    expect(positionsOf(layers[2]).length).toBe(2);
    // the imported point dataset then takes over that layer
    const next = dataset('q', { positions: new Float32Array([13.3, 52.4]) });
    const after = importedLayers([points, polys, next]);
    expect(after.map((l) => l.id)).toEqual([
      importedPointsLayerId(0),
      `${IMPORTED_LAYER_PREFIX}a`,
      importedPointsLayerId(1),
    ]);
    expect(positionsOf(after[2])).toBe(next.positions);
    expect(after[2].props.visible).toBe(true);
  });

  it('pointLayerCount: the position the warm-up layer takes (point datasets only)', () => {
    expect(pointLayerCount([])).toBe(0);
    expect(pointLayerCount([points, polys, keyed])).toBe(1);
    const empty = dataset('e', { positions: new Float32Array(0) });
    expect(pointLayerCount([points, empty, polys, points])).toBe(2);
    for (const list of [[], [polys], [points, polys], [polys, points, keyed, points]]) {
      const warm = importedLayers(list, true);
      expect(warm[warm.length - 1].id).toBe(importedPointsLayerId(pointLayerCount(list)));
    }
  });
});
