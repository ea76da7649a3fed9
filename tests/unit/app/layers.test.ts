import { describe, expect, it } from 'vitest';
import type { Areas, InstitutionSet } from '../../../src/datasets/types';
import { AREA_FILL, blendOverBackground, INSTITUTION_COLORS } from '../../../src/map/colors';
import { AREA_LAYER_ID, areaLayerProps, pickedAreaId } from '../../../src/map/layers/areaLayer';
import { buildLayers, layersReady } from '../../../src/map/layers/index';
import {
  binaryPoints,
  institutionLayerId,
  institutionLayerProps,
  kindOfLayer,
} from '../../../src/map/layers/institutionLayer';
import { tooltipPosition } from '../../../src/panels/Tooltip';
import { DEFAULT_LAYERS } from '../../../src/state/viewStore';

const areas: Areas = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: '01', name: 'Mitte' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [13, 52],
            [14, 52],
            [14, 53],
            [13, 52],
          ],
        ],
      },
    },
  ],
};

const schools: InstitutionSet = {
  kind: 'school',
  file: 'institutions/schools.csv',
  rowsRead: 1,
  positions: new Float64Array([13.4, 52.5]),
  items: [
    {
      kind: 'school',
      id: '01B01',
      name: 'OSZ',
      type: 'Oberstufenzentrum',
      operator: '',
      bezirk: 'Mitte',
      address: '',
      lon: 13.4,
      lat: 52.5,
      plrId: null,
      fields: {},
    },
  ],
};

describe('area layer', () => {
  it('keeps the data reference and toggles through visible', () => {
    const on = areaLayerProps({ level: 'bzr', visible: true }, areas);
    const off = areaLayerProps({ level: 'bzr', visible: false }, areas);
    expect(on.id).toBe(AREA_LAYER_ID);
    expect(on.data).toBe(areas);
    expect(off.data).toBe(areas);
    expect(on.visible).toBe(true);
    expect(off.visible).toBe(false);
    expect(on.getFillColor).toEqual(AREA_FILL);
  });

  it('changes line width with the level through updateTriggers', () => {
    const bez = areaLayerProps({ level: 'bez', visible: true }, areas);
    const plr = areaLayerProps({ level: 'plr', visible: true }, areas);
    expect(bez.getLineWidth).not.toBe(plr.getLineWidth);
    expect(bez.updateTriggers).toEqual({ getLineWidth: 'bez' });
  });

  it('reads the id of a picked feature', () => {
    expect(pickedAreaId(areas.features[0])).toBe('01');
    expect(pickedAreaId(null)).toBeNull();
    expect(pickedAreaId({ properties: { id: 1 } })).toBeNull();
  });
});

describe('institution layer', () => {
  it('uses one stable binary data object per set', () => {
    expect(binaryPoints(schools)).toBe(binaryPoints(schools));
    const p = institutionLayerProps('school', { visible: true }, schools);
    expect(p.data).toBe(binaryPoints(schools));
    expect(binaryPoints(schools).attributes.getPosition.value).toBe(schools.positions);
    expect(p.getFillColor).toEqual(INSTITUTION_COLORS.school);
  });

  it('maps layer ids back to kinds', () => {
    expect(kindOfLayer(institutionLayerId('youth'))).toBe('youth');
    expect(kindOfLayer(AREA_LAYER_ID)).toBeNull();
    expect(kindOfLayer('institutions-bogus')).toBeNull();
    expect(kindOfLayer(undefined)).toBeNull();
  });
});

describe('buildLayers / layersReady', () => {
  it('builds only layers with data, bottom to top', () => {
    const input = { level: 'bzr' as const, layers: DEFAULT_LAYERS, areas, institutions: { school: schools } };
    expect(buildLayers(input).map((l) => l.id)).toEqual(['areas', 'institutions-school']);
    // youth is visible by default but not loaded yet
    expect(layersReady(input)).toBe(false);
    expect(layersReady({ ...input, layers: { ...DEFAULT_LAYERS, youth: false } })).toBe(true);
    expect(layersReady({ ...input, areas: undefined, layers: { ...DEFAULT_LAYERS, youth: false } })).toBe(
      false,
    );
  });
});

describe('colours', () => {
  it('blends a semi-transparent fill over the background', () => {
    expect(blendOverBackground([0, 0, 0, 255], [10, 20, 30])).toEqual([0, 0, 0]);
    expect(blendOverBackground([0, 0, 0, 0], [10, 20, 30])).toEqual([10, 20, 30]);
    expect(blendOverBackground([255, 255, 255, 51], [0, 0, 0])).toEqual([51, 51, 51]);
  });
});

describe('tooltip placement', () => {
  const target = { kind: 'area' as const, level: 'bez' as const, id: '01' };
  it('sits below-right of the pointer and flips near the edges', () => {
    expect(tooltipPosition({ target, x: 10, y: 10, width: 800, height: 600 })).toEqual({ left: 22, top: 22 });
    expect(tooltipPosition({ target, x: 790, y: 590, width: 800, height: 600 })).toEqual({
      right: 22,
      bottom: 22,
    });
    expect(tooltipPosition({ target, x: 10, y: 10 })).toEqual({ left: 22, top: 22 });
  });
});
