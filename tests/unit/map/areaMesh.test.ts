import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { type AreaMesh, areaMeshOf, attachAreaMesh, buildAreaMesh } from '../../../src/datasets/areaMesh';
import type { Areas } from '../../../src/datasets/types';
import { AREA_FILL } from '../../../src/map/colors';
import {
  areaLayerData,
  areaLayerProps,
  FILL_OFFSET_MAX_DEG,
  fillOffsets,
  pickedAreaId,
} from '../../../src/map/layers/areaLayer';
import { buildLayers, type LayerInputs } from '../../../src/map/layers/index';
import { OVERLAY_IDS } from '../../../src/map/layers/overlays';
import { DEFAULT_LAYERS } from '../../../src/state/viewStore';
import { square, squareWithHole, triangle } from '../fixtures/areaLayers';

// hand-made areas: a square with a square hole, a two-part MultiPolygon, a plain triangle
function fixture(): Areas {
  return {
    type: 'FeatureCollection',
    features: [
      squareWithHole(),
      {
        type: 'Feature',
        properties: { id: '02', name: 'Zwei Teile' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(13.2, 52, 0.05)], [square(13.3, 52, 0.02)]],
        },
      },
      triangle('03'),
    ],
  };
}

/** Summed area of the mesh triangles of one feature (lon/lat plane). */
function triangleArea(mesh: AreaMesh, feature: number): number {
  const p = mesh.positions;
  let sum = 0;
  for (let t = 0; t < mesh.triangles.length; t += 3) {
    const [a, b, c] = [mesh.triangles[t], mesh.triangles[t + 1], mesh.triangles[t + 2]];
    if (mesh.vertexFeature[a] !== feature) continue;
    expect(mesh.vertexFeature[b]).toBe(feature);
    expect(mesh.vertexFeature[c]).toBe(feature);
    sum +=
      Math.abs(
        (p[2 * b] - p[2 * a]) * (p[2 * c + 1] - p[2 * a + 1]) -
          (p[2 * c] - p[2 * a]) * (p[2 * b + 1] - p[2 * a + 1]),
      ) / 2;
  }
  return sum;
}

describe('buildAreaMesh', () => {
  it('lays out polygons, rings and feature ids like the binary feature format', () => {
    const mesh = buildAreaMesh(fixture());
    expect(mesh.featureCount).toBe(3);
    // vertices: 5 + 5 (hole) | 5 | 5 | 4
    expect(mesh.positions.length).toBe(24 * 2);
    expect([...mesh.polygonStarts]).toEqual([0, 10, 15, 20, 24]);
    expect([...mesh.ringStarts]).toEqual([0, 5, 10, 15, 20, 24]);
    expect([...mesh.vertexFeature]).toEqual([
      ...Array(10).fill(0),
      ...Array(10).fill(1),
      ...Array(4).fill(2),
    ]);
    expect([mesh.positions[10], mesh.positions[11]]).toEqual([13.03, 52.03]); // first hole vertex
  });

  it('triangulates the surface with holes left open', () => {
    const mesh = buildAreaMesh(fixture());
    expect(mesh.triangles.length % 3).toBe(0);
    expect(Math.max(...mesh.triangles)).toBeLessThan(24);
    expect(triangleArea(mesh, 0)).toBeCloseTo(0.1 * 0.1 - 0.04 * 0.04, 10);
    expect(triangleArea(mesh, 1)).toBeCloseTo(0.05 * 0.05 + 0.02 * 0.02, 10);
    expect(triangleArea(mesh, 2)).toBeCloseTo(0.005, 10);
    // no triangle lies inside the hole: none has all three corners on the hole ring
    for (let t = 0; t < mesh.triangles.length; t += 3) {
      const onHole = [0, 1, 2].every((k) => mesh.triangles[t + k] >= 5 && mesh.triangles[t + k] < 10);
      expect(onHole).toBe(false);
    }
  });

  it('leaves empty rings out and copes with no features', () => {
    const areas = fixture();
    areas.features[2].geometry = { type: 'Polygon', coordinates: [[]] };
    const mesh = buildAreaMesh(areas);
    expect(mesh.polygonStarts.length).toBe(4);
    expect(mesh.polygonStarts[3]).toBe(20);
    const none = buildAreaMesh({ type: 'FeatureCollection', features: [] });
    expect([...none.polygonStarts]).toEqual([0]);
    expect(none.triangles.length).toBe(0);
  });

  it('is attached to its areas only when the feature count matches', () => {
    const areas = fixture();
    const other = fixture();
    other.features.pop();
    attachAreaMesh(other, buildAreaMesh(areas));
    expect(areaMeshOf(other)).toBeUndefined();
    const mesh = buildAreaMesh(areas);
    attachAreaMesh(areas, mesh);
    expect(areaMeshOf(areas)).toBe(mesh);
  });
});

describe('area layer on a mesh', () => {
  it('feeds deck.gl one stable binary object with the precomputed triangles', () => {
    const areas = fixture();
    const mesh = buildAreaMesh(areas);
    attachAreaMesh(areas, mesh);
    const data = areaLayerData(areas);
    expect(data).not.toBe(areas);
    expect(areaLayerData(areas)).toBe(data);
    const p = areaLayerProps({ level: 'plr', visible: true }, areas);
    expect(p.data).toBe(data);
    const b = data as ReturnType<typeof areaLayerData> & { polygons: { triangles: { value: Uint32Array } } };
    expect(b.polygons.triangles.value).toBe(mesh.triangles);
    expect(p.getFillColor).toEqual(AREA_FILL);
  });

  it('gives the fill as float32 offsets from the centre of the extent (no 64-bit split on the main thread)', () => {
    const areas = fixture();
    const mesh = buildAreaMesh(areas);
    attachAreaMesh(areas, mesh);
    const f = fillOffsets(mesh);
    if (!f) throw new Error('expected offsets');
    // extent lon 13.0–13.6, lat 52.0–52.1
    expect(f.origin[0]).toBeCloseTo(13.3, 12);
    expect(f.origin[1]).toBeCloseTo(52.05, 12);
    expect(fillOffsets(mesh)).toBe(f); // made once per mesh
    let worst = 0;
    for (let i = 0; i < mesh.positions.length; i += 2) {
      worst = Math.max(
        worst,
        Math.abs(f.offsets[i] + f.origin[0] - mesh.positions[i]),
        Math.abs(f.offsets[i + 1] + f.origin[1] - mesh.positions[i + 1]),
      );
    }
    expect(worst).toBeLessThan(2e-8); // degrees: about 2 mm
    const p = areaLayerProps({ level: 'plr', visible: true }, areas);
    expect(p.coordinateSystem).toBe(COORDINATE_SYSTEM.LNGLAT_OFFSETS);
    expect(p.coordinateOrigin).toBe(f.origin);
    const b = p.data as unknown as { polygons: { positions: { value: Float32Array } } };
    expect(b.polygons.positions.value).toBe(f.offsets);
  });

  it('keeps absolute positions for areas too large for offsets, and for GeoJSON without a mesh', () => {
    const wide: Areas = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'bb', name: 'Brandenburg-weit' },
          geometry: { type: 'Polygon', coordinates: [square(12, 52, 2 * FILL_OFFSET_MAX_DEG.lat + 0.1)] },
        },
      ],
    };
    const mesh = buildAreaMesh(wide);
    attachAreaMesh(wide, mesh);
    expect(fillOffsets(mesh)).toBeNull();
    const p = areaLayerProps({ level: 'imported', visible: true }, wide);
    expect(p.coordinateSystem).toBeUndefined();
    const b = p.data as unknown as { polygons: { positions: { value: Float64Array } } };
    expect(b.polygons.positions.value).toBe(mesh.positions);
    const plain = fixture(); // no mesh attached
    expect(areaLayerProps({ level: 'plr', visible: true }, plain).coordinateSystem).toBeUndefined();
  });

  it('colours by feature index, not by polygon row', () => {
    const areas = fixture();
    attachAreaMesh(areas, buildAreaMesh(areas));
    const colors = new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255]);
    const p = areaLayerProps({ level: 'plr', visible: true, colors, dim: null, styleKey: 'k' }, areas);
    const fill = p.getFillColor as unknown as (o: unknown, info: { index: number }) => number[];
    // GeoJsonLayer calls accessors on binary data with {properties} of the feature; row 2 is feature 1's second part
    expect(fill({ properties: { index: 1, id: '02' } }, { index: 2 })).toEqual([2, 2, 2, 255]);
    expect(fill({ properties: { index: 2, id: '03' } }, { index: 3 })).toEqual([3, 3, 3, 255]);
  });

  it('resolves a picked feature index to the area id', () => {
    const areas = fixture();
    expect(pickedAreaId(undefined, 1, areas)).toBe('02');
    expect(pickedAreaId(undefined, -1, areas)).toBeNull();
    expect(pickedAreaId(undefined, 7, areas)).toBeNull();
    expect(pickedAreaId(areas.features[2], 0, areas)).toBe('03');
  });
});

describe('layers on a level switch', () => {
  const show = { em: false, es: false, esbOutline: false, mss: false, housing: false, labels: true };
  const input = (level: string, areas: Areas, extra: Partial<LayerInputs> = {}): LayerInputs => ({
    level,
    layers: DEFAULT_LAYERS,
    areas,
    institutions: {},
    overlays: { show, zoom: 10 },
    ...extra,
  });
  const labelData = (layers: ReturnType<typeof buildLayers>) =>
    layers.find((l) => l.id === OVERLAY_IDS.labels)?.props.data;

  it('keeps one constant label placeholder while labels are hidden (no layout per level)', () => {
    const plr = fixture();
    const bzr = fixture();
    // Planungsraum labels start at zoom 13, Bezirksregion labels at 11.5: both hidden at zoom 10
    const a = labelData(buildLayers(input('plr', plr)));
    const b = labelData(buildLayers(input('bzr', bzr)));
    expect(a).toBe(b);
    expect((a as unknown[]).length).toBe(1);
    // shown: one label per area (none overlap here)
    const shown = labelData(buildLayers(input('plr', plr, { overlays: { show, zoom: 14 } })));
    expect((shown as unknown[]).length).toBe(3);
  });

  it('makes the Einschulbereich outline only once asked for, then keeps it (hidden on the ESB level)', () => {
    const esb = fixture();
    const ids = (layers: ReturnType<typeof buildLayers>) => layers.map((l) => l.id);
    const off = buildLayers(input('bzr', fixture(), { overlays: { show, zoom: 10, esb } }));
    expect(ids(off)).not.toContain(OVERLAY_IDS.esb);
    const on = { ...show, esbOutline: true };
    const shown = buildLayers(input('bzr', fixture(), { overlays: { show: on, zoom: 10, esb } }));
    expect(shown.find((l) => l.id === OVERLAY_IDS.esb)?.props.visible).toBe(true);
    const onEsb = buildLayers(input('esb', esb, { overlays: { show: on, zoom: 10, esb } }));
    expect(onEsb.find((l) => l.id === OVERLAY_IDS.esb)?.props.visible).toBe(false);
    const offAgain = buildLayers(input('bzr', fixture(), { overlays: { show, zoom: 10, esb } }));
    expect(offAgain.find((l) => l.id === OVERLAY_IDS.esb)?.props.visible).toBe(false);
  });
});
