import { describe, expect, it } from 'vitest';
import { buildLayers } from '../../../src/map/layers/index';
import { SELECTION_IDS } from '../../../src/map/layers/selection';
import { shaderWarmUpLayers, WARM_UP_PREFIX } from '../../../src/map/layers/warmUp';
import { DEFAULT_LAYERS } from '../../../src/state/viewStore';

describe('shader warm-up layers', () => {
  it('are one hidden layer of each kind the data is drawn with, under ids of their own', () => {
    const layers = shaderWarmUpLayers();
    expect(layers.map((l) => l.constructor.name)).toEqual([
      'GeoJsonLayer', // area fill (binary mesh, float32 offsets)
      'AreaOutlineLayer',
      'PointSpriteLayer',
      'TextLayer',
    ]);
    for (const l of layers) {
      expect(l.id.startsWith(WARM_UP_PREFIX)).toBe(true);
      expect(l.props.visible).toBe(false);
    }
    // the same data every time: deck.gl makes them once
    expect(shaderWarmUpLayers().map((l) => l.props.data)).toEqual(layers.map((l) => l.props.data));
    expect(shaderWarmUpLayers()[0].props.data).toBe(layers[0].props.data);
  });

  it('are on the map before any data when asked for', () => {
    const none = buildLayers({ level: 'bzr', layers: DEFAULT_LAYERS, areas: undefined, institutions: {} });
    expect(none).toEqual([]);
    const warm = buildLayers({
      level: 'bzr',
      layers: DEFAULT_LAYERS,
      areas: undefined,
      institutions: {},
      warmUpShaders: true,
    });
    // … and the selection layers, hidden until something is selected
    expect(warm.map((l) => l.id)).toEqual([
      ...shaderWarmUpLayers().map((l) => l.id),
      SELECTION_IDS.area,
      SELECTION_IDS.point,
    ]);
    expect(warm.every((l) => l.props.visible === false)).toBe(true);
  });
});
