/**
 * What keeps a level or indicator switch cheap on the map (issue #5): choropleths are cached for more than
 * the last input (switching back gives the same colours and key, so deck.gl keeps the colour attributes),
 * outline colours follow the dimming only, hidden labels are not drawn, and a level prepared in the
 * background can be made without its outlines first.
 */
import { describe, expect, it } from 'vitest';
import type { Areas } from '../../../src/datasets/types';
import { choroplethFor } from '../../../src/map/choropleth';
import { areaLayerProps } from '../../../src/map/layers/areaLayer';
import { buildLayers, type LayerInputs } from '../../../src/map/layers/index';
import { OVERLAY_IDS } from '../../../src/map/layers/overlays';
import { DEFAULT_CLASSIFICATION } from '../../../src/state/indicatorStore';
import { DEFAULT_LAYERS } from '../../../src/state/viewStore';

function square(id: string, name: string, x: number): Areas['features'][number] {
  return {
    type: 'Feature',
    properties: { id, name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, 52],
          [x + 0.1, 52],
          [x + 0.1, 52.1],
          [x, 52],
        ],
      ],
    },
  };
}

const bez: Areas = { type: 'FeatureCollection', features: [square('01', 'Mitte', 13.3)] };
const pgr: Areas = {
  type: 'FeatureCollection',
  features: [square('0110', 'Zentrum', 13.3), square('0120', 'Moabit', 13.5)],
};

describe('choropleth cache', () => {
  it('returns the same result (and key) when switching back to an earlier input', () => {
    const base = { results: null, indicatorId: 'pop_total', classification: DEFAULT_CLASSIFICATION };
    const a = choroplethFor({ ...base, areas: bez, level: 'bez', locale: 'de' });
    const b = choroplethFor({ ...base, areas: pgr, level: 'pgr', locale: 'de' });
    expect(b).not.toBe(a);
    expect(choroplethFor({ ...base, areas: bez, level: 'bez', locale: 'de' })).toBe(a);
    expect(choroplethFor({ ...base, areas: pgr, level: 'pgr', locale: 'de' })).toBe(b);
    // another input is computed anew
    const c = choroplethFor({ ...base, areas: bez, level: 'bez', locale: 'en' });
    expect(c).not.toBe(a);
    expect(c.key).not.toBe(a.key);
  });

  it('forgets the oldest inputs beyond its size', () => {
    const base = { results: null, classification: DEFAULT_CLASSIFICATION, areas: bez, level: 'bez' };
    const first = choroplethFor({ ...base, indicatorId: 'pop_total', locale: 'de' });
    for (let i = 0; i < 10; i++)
      choroplethFor({ ...base, indicatorId: null, locale: i % 2 ? 'de' : 'en', areas: { ...bez } });
    expect(choroplethFor({ ...base, indicatorId: 'pop_total', locale: 'de' })).not.toBe(first);
  });
});

describe('area layer on a switch', () => {
  it('recomputes outline colours only when the dimming changes', () => {
    const colors = new Uint8Array(4);
    const p = areaLayerProps(
      { level: 'bez', visible: true, colors, dim: null, styleKey: 'c2|', lineKey: '' },
      bez,
    );
    expect(p.updateTriggers).toMatchObject({ getFillColor: 'c2|', getLineColor: '' });
    // without a lineKey the style key drives both (as before)
    const q = areaLayerProps({ level: 'bez', visible: true, colors, dim: null, styleKey: 'c2|' }, bez);
    expect(q.updateTriggers).toMatchObject({ getFillColor: 'c2|', getLineColor: 'c2|' });
  });

  it('is outlined unless asked not to be', () => {
    expect(areaLayerProps({ level: 'bez', visible: false }, bez).stroked).toBe(true);
    expect(areaLayerProps({ level: 'bez', visible: false, stroked: false }, bez).stroked).toBe(false);
  });
});

describe('buildLayers on a switch', () => {
  const inputs = (over: Partial<LayerInputs>): LayerInputs => ({
    level: 'pgr',
    layers: { ...DEFAULT_LAYERS },
    areas: pgr,
    keptAreas: { bez, pgr },
    institutions: {},
    areaStyle: { colors: null, dim: null, key: 'k', lineKey: '' },
    overlays: {
      show: { em: false, es: false, esbOutline: false, mss: false, housing: false, labels: true },
      zoom: 10,
    },
    ...over,
  });

  const stroked = (l: { props: unknown } | undefined) =>
    (l?.props as { stroked?: boolean } | undefined)?.stroked;

  it('keeps a hidden level without outlines while it is being prepared', () => {
    const layers = buildLayers(inputs({ fillOnly: new Set(['bez']) }));
    const hidden = layers.find((l) => l.id === 'areas-bez');
    expect(hidden?.props.visible).toBe(false);
    expect(stroked(hidden)).toBe(false);
    const shown = layers.find((l) => l.id === 'areas-pgr');
    expect(stroked(shown)).toBe(true);
    const later = buildLayers(inputs({ fillOnly: new Set() })).find((l) => l.id === 'areas-bez');
    expect(stroked(later)).toBe(true);
  });

  it('does not draw the labels below their zoom (the layer stays, hidden)', () => {
    const below = buildLayers(inputs({})).find((l) => l.id === OVERLAY_IDS.labels);
    expect(below).toBeDefined();
    expect(below?.props.visible).toBe(false);
    const above = buildLayers(inputs({ level: 'bez', areas: bez })).find((l) => l.id === OVERLAY_IDS.labels);
    expect(above?.props.visible).toBe(true);
    expect(above?.props.opacity).toBe(1);
  });
});
