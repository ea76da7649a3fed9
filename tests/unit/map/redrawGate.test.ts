import { describe, expect, it } from 'vitest';
import type { Areas } from '../../../src/datasets/types';
import {
  buildLayers,
  type LayerInputs,
  layersReady,
  onlyHiddenLayersChanged,
} from '../../../src/map/layers/index';
import { selectionShape } from '../../../src/map/layers/selection';
import { preparePipelines, RedrawGate } from '../../../src/map/redrawGate';
import { DEFAULT_LAYERS } from '../../../src/state/viewStore';
import { square, squareWithHole } from '../fixtures/areaLayers';

const LAYERS_CHANGED = 'updating layers: layers changed';

describe('RedrawGate', () => {
  it('skips the frame of a layer list that changed hidden layers only', () => {
    let skipped = 0;
    const gate = new RedrawGate(() => skipped++);
    gate.layersPushed(true);
    expect(gate.shouldDraw(LAYERS_CHANGED)).toBe(false);
    expect(skipped).toBe(1);
    // the next frame is drawn again (nothing pending)
    expect(gate.shouldDraw(LAYERS_CHANGED)).toBe(true);
    expect(skipped).toBe(1);
  });

  it('draws when a visible change was pushed before the hidden one in the same frame', () => {
    const gate = new RedrawGate();
    gate.layersPushed(false);
    gate.layersPushed(true);
    expect(gate.shouldDraw(LAYERS_CHANGED)).toBe(true);
  });

  it('draws for any other reason: a moved view, a resize, a layer asking for a redraw', () => {
    for (const reason of ['Viewport changed', 'Canvas resized', 'areas-bzr']) {
      const gate = new RedrawGate();
      gate.layersPushed(true);
      expect(gate.shouldDraw(reason)).toBe(true);
    }
  });

  it('draws after forceNext (hover highlight) even if only hidden layers changed', () => {
    const gate = new RedrawGate();
    gate.layersPushed(true);
    gate.forceNext();
    expect(gate.shouldDraw(LAYERS_CHANGED)).toBe(true);
  });

  it('draws a visible change pushed after a skipped frame', () => {
    const gate = new RedrawGate();
    gate.layersPushed(true);
    expect(gate.shouldDraw(LAYERS_CHANGED)).toBe(false);
    gate.layersPushed(false);
    expect(gate.shouldDraw(LAYERS_CHANGED)).toBe(true);
  });
});

describe('onlyHiddenLayersChanged', () => {
  const fixture = (): Areas => ({
    type: 'FeatureCollection',
    features: [
      squareWithHole(),
      {
        type: 'Feature',
        properties: { id: '02', name: 'B' },
        geometry: { type: 'Polygon', coordinates: [square(13.2, 52, 0.05)] },
      },
    ],
  });
  const bzr = fixture();
  const pgr = fixture();
  const plr = fixture();
  const selectArea = { kind: 'area', level: 'bzr', id: '02' } as const;
  const show = { em: false, es: false, esbOutline: false, mss: false, housing: false, labels: true };
  const base: LayerInputs = {
    level: 'bzr',
    layers: DEFAULT_LAYERS,
    areas: bzr,
    keptAreas: { bzr, plr },
    fillOnly: new Set(),
    institutions: {},
    overlays: { show, zoom: 10 },
    draw: { radius: null, polygon: null, draft: [] },
  };
  /** What is drawn: id, data and props deck.gl compares, of every visible layer. */
  const drawn = (input: LayerInputs) =>
    buildLayers(input)
      .filter((l) => l.props.visible)
      .map((l) => ({ id: l.id, data: l.props.data, triggers: JSON.stringify(l.props.updateTriggers) }));

  it('is true for the background preparation of other levels, and they change nothing drawn', () => {
    const steps: LayerInputs[] = [
      { ...base, keptAreas: { bzr, plr, pgr }, fillOnly: new Set(['pgr']) },
      { ...base, keptAreas: { bzr, plr, pgr }, fillOnly: new Set() },
      { ...base, keptAreas: { bzr, plr, pgr }, previewStyles: new Map() },
      { ...base, warmUpImported: true },
      { ...base, warmUpShaders: true },
      // made afresh with the same fields
      { ...base, overlays: { show, zoom: 10 }, draw: { ...base.draw! } },
    ];
    for (const next of steps) {
      expect(onlyHiddenLayersChanged(base, next)).toBe(true);
      expect(drawn(next)).toEqual(drawn(base));
    }
  });

  it('is false when anything drawn changes', () => {
    const colors = new Uint8Array(8);
    const steps: LayerInputs[] = [
      { ...base, level: 'plr', areas: plr },
      { ...base, layers: { ...DEFAULT_LAYERS, areas: false } },
      { ...base, areaStyle: { colors, dim: null, key: 'k' } },
      { ...base, overlays: { show, zoom: 12 } },
      { ...base, overlays: { show: { ...show, mss: true }, zoom: 10 } },
      { ...base, draw: { radius: { lon: 13.4, lat: 52.5, m: 500 }, polygon: null, draft: [] } },
      { ...base, imported: [] },
      { ...base, warmUpShaders: true, selection: selectionShape(selectArea, null, { bzr }, {}) },
      // the shown level made fill first gets its outlines
      { ...base, fillOnly: new Set(['bzr']) },
    ];
    for (const next of steps) expect(onlyHiddenLayersChanged(base, next)).toBe(false);
  });

  it('draws the shown level fill first when asked, and is not ready until it has its outlines', () => {
    const fillFirst = { ...base, fillOnly: new Set(['bzr']) };
    // (areas without a worker-built mesh: one GeoJsonLayer, outlined or not)
    const shown = (input: LayerInputs) => buildLayers(input).find((l) => l.id === 'areas-bzr')?.props;
    expect(shown(fillFirst)).toMatchObject({ visible: true, stroked: false });
    expect(shown(base)).toMatchObject({ visible: true, stroked: true });
    // (no point layers asked for: only the areas decide)
    const areasOnly = Object.fromEntries(
      Object.keys(DEFAULT_LAYERS).map((k) => [k, k === 'areas']),
    ) as LayerInputs['layers'];
    expect(layersReady({ ...fillFirst, layers: areasOnly })).toBe(false);
    expect(layersReady({ ...base, layers: areasOnly })).toBe(true);
  });
});

describe('preparePipelines', () => {
  /** A luma.gl Model as far as preparePipelines uses it: a pipeline lookup is due when the parameters change. */
  class FakeModel {
    parameters: object = {};
    _pipelineNeedsUpdate: string | false = false;
    pipelinesMade = 0;
    constructor(
      readonly device: { type: string; commandEncoder?: unknown } = { type: 'webgl', commandEncoder: 'enc' },
    ) {}
    setParameters(p: object) {
      if (JSON.stringify(p) !== JSON.stringify(this.parameters)) {
        this.parameters = p;
        this._pipelineNeedsUpdate = 'parameters';
      }
    }
    predraw(encoder: unknown) {
      expect(encoder).toBe(this.device.commandEncoder);
      if (this._pipelineNeedsUpdate) this.pipelinesMade++;
      this._pipelineNeedsUpdate = false;
    }
  }
  const deckOf = (layers: { props: { parameters?: object }; getModels(): unknown[] }[]) => ({
    props: { parameters: { depthCompare: 'always', depthWriteEnabled: false } },
    layerManager: { getLayers: () => layers },
  });

  it('gives every model, hidden or not, the parameters its draw sets (map, then layer) and its pipeline now', () => {
    const fill = new FakeModel();
    const labels = new FakeModel();
    const deck = deckOf([
      { props: {}, getModels: () => [fill] },
      // a hidden layer with its own parameters (e.g. a blend setting)
      { props: { parameters: { blend: false } }, getModels: () => [labels] },
      // a composite layer has no models of its own
      { props: {}, getModels: () => [] },
    ]);
    expect(preparePipelines(deck)).toBe(2);
    expect(fill.parameters).toEqual({ depthCompare: 'always', depthWriteEnabled: false });
    expect(labels.parameters).toEqual({ depthCompare: 'always', depthWriteEnabled: false, blend: false });
    expect([fill.pipelinesMade, labels.pipelinesMade]).toEqual([1, 1]);
    // the next frame finds them prepared: no new lookup
    expect(preparePipelines(deck)).toBe(0);
    expect([fill.pipelinesMade, labels.pipelinesMade]).toEqual([1, 1]);
  });

  it('prepares a model again when something else asked for a new pipeline (a changed attribute layout)', () => {
    const m = new FakeModel();
    const deck = deckOf([{ props: {}, getModels: () => [m] }]);
    preparePipelines(deck);
    m._pipelineNeedsUpdate = 'bufferLayout';
    expect(preparePipelines(deck)).toBe(1);
    expect(m.pipelinesMade).toBe(2);
  });

  it('leaves WebGPU models and a deck without a layer manager alone', () => {
    const m = new FakeModel({ type: 'webgpu' });
    expect(preparePipelines(deckOf([{ props: {}, getModels: () => [m] }]))).toBe(0);
    expect(m.parameters).toEqual({});
    expect(preparePipelines({ props: {}, layerManager: null })).toBe(0);
  });
});
