import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import {
  attachAreaMesh,
  attachOutlineMesh,
  buildAreaMesh,
  buildOutlineMesh,
  coarseOutlineMeshOf,
} from '../../../src/datasets/areaMesh';
import { COARSE_MIN_WEIGHT, COARSE_OUTLINE_MAX_ZOOM, coarseAreas } from '../../../src/datasets/coarseOutline';
import type { Areas } from '../../../src/datasets/types';
import { areaOutlineLayerId, createAreaLayers } from '../../../src/map/layers/areaLayer';

/**
 * Two neighbours sharing a wiggly border: 200 vertices on the border that wiggle by 1e-6° (10 cm, far under
 * half a pixel at zoom 11) between (13.1, 52.0) and (13.1, 52.1); west and east corners at 13.0 / 13.2.
 */
function neighbours(): Areas {
  const border: [number, number][] = [];
  for (let i = 0; i <= 200; i++) border.push([13.1 + (i % 2 ? 1e-6 : 0), 52 + (0.1 * i) / 200]);
  const west: [number, number][] = [...border, [13.0, 52.1], [13.0, 52.0], border[0]];
  const east: [number, number][] = [...border].reverse();
  east.push([13.2, 52.0], [13.2, 52.1], east[0]);
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'W', name: 'West' },
        geometry: { type: 'Polygon', coordinates: [west] },
      },
      {
        type: 'Feature',
        properties: { id: 'O', name: 'Ost' },
        geometry: { type: 'Polygon', coordinates: [east] },
      },
    ],
  };
}

const vertexCount = (a: Areas) =>
  a.features.reduce((n, f) => n + (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0].length : 0), 0);

describe('coarseAreas', () => {
  it('drops vertices under half a pixel at the outline zoom, on both sides of a shared border alike', () => {
    const areas = neighbours();
    const topo = topology({ areas: areas as unknown as GeoJSON.FeatureCollection });
    const coarse = coarseAreas(topo, areas);
    expect(vertexCount(areas)).toBe(2 * 201 + 6);
    expect(vertexCount(coarse)).toBeLessThan(20);
    // same features, same order and properties
    expect(coarse.features.map((f) => f.properties)).toEqual(areas.features.map((f) => f.properties));
    // the shared border keeps the same vertices on both sides (simplified once, on the topology)
    const ring = (i: number) =>
      (coarse.features[i].geometry as GeoJSON.Polygon).coordinates[0]
        .filter(([x]) => x > 13.05 && x < 13.15)
        .map((c) => c.join(','));
    expect(new Set(ring(0))).toEqual(new Set(ring(1)));
  });

  it('keeps a border whose wiggle is visible at the outline zoom', () => {
    const areas = neighbours();
    // a wiggle of 0.01° is several pixels at zoom 11: every vertex stays
    for (const f of areas.features)
      if (f.geometry.type === 'Polygon')
        for (const c of f.geometry.coordinates[0])
          if (c[0] > 13.05 && c[0] < 13.15 && c[0] !== 13.1) c[0] = 13.11;
    const topo = topology({ areas: areas as unknown as GeoJSON.FeatureCollection });
    expect(vertexCount(coarseAreas(topo, areas))).toBe(vertexCount(areas));
  });

  it('leaves the areas as they are without a topology object "areas"', () => {
    const areas = neighbours();
    expect(coarseAreas({ type: 'Topology', objects: {}, arcs: [] }, areas)).toBe(areas);
    expect(COARSE_MIN_WEIGHT).toBeGreaterThan(0);
  });
});

/** The neighbours with their mesh, full outline and coarse outline attached, as the data worker gives them. */
function withCoarseOutline() {
  const areas = neighbours();
  const mesh = buildAreaMesh(areas);
  attachAreaMesh(areas, mesh);
  const topo = topology({ areas: areas as unknown as GeoJSON.FeatureCollection });
  const coarse = buildOutlineMesh(buildAreaMesh(coarseAreas(topo, areas), { triangulate: false }));
  attachOutlineMesh(mesh, buildOutlineMesh(mesh), coarse);
  return { areas, mesh, coarse };
}

describe('outline layers by zoom', () => {
  it('draws the coarse outline below the outline zoom and the full one from it on, keeping both once made', () => {
    const { areas, mesh, coarse } = withCoarseOutline();
    expect(coarseOutlineMeshOf(mesh)).toBe(coarse);
    const id = areaOutlineLayerId('areas-zoomtest');
    const at = (zoom: number) =>
      createAreaLayers({ level: 'plr', visible: true, id: 'areas-zoomtest', zoom }, areas)
        .slice(1)
        .map((l) => [l.id, l.props.visible]);
    expect(at(COARSE_OUTLINE_MAX_ZOOM - 1)).toEqual([[`${id}-coarse`, true]]);
    expect(at(COARSE_OUTLINE_MAX_ZOOM + 1)).toEqual([
      [id, true],
      [`${id}-coarse`, false],
    ]);
    expect(at(COARSE_OUTLINE_MAX_ZOOM - 1)).toEqual([
      [id, false],
      [`${id}-coarse`, true],
    ]);
    // the coarse one is really smaller
    expect(coarse.vertexCount).toBeLessThan(buildOutlineMesh(mesh).vertexCount / 10);
  });

  it('keeps the coarse outline at any zoom until the full one may be made, then uses it from then on', () => {
    const { areas } = withCoarseOutline();
    const id = areaOutlineLayerId('areas-deferred');
    const at = (zoom: number, fullOutline: boolean, visible = true) =>
      createAreaLayers({ level: 'plr', visible, id: 'areas-deferred', zoom, fullOutline }, areas)
        .slice(1)
        .map((l) => [l.id, l.props.visible]);
    const high = COARSE_OUTLINE_MAX_ZOOM + 2;
    // a hidden level and the shown one before the map rests: no full outline is made
    expect(at(high, false, false)).toEqual([[`${id}-coarse`, false]]);
    expect(at(high, false)).toEqual([[`${id}-coarse`, true]]);
    // allowed: the full one is made and shown
    expect(at(high, true)).toEqual([
      [id, true],
      [`${id}-coarse`, false],
    ]);
    // once made it is used whenever the zoom asks for it, allowed or not (it is kept)
    expect(at(high, false)).toEqual([
      [id, true],
      [`${id}-coarse`, false],
    ]);
  });
});
