import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaMeshOf,
  buildAreaMesh,
  GEOMETRY_MULTIPOLYGON,
  GEOMETRY_POLYGON,
  GEOMETRY_SENT,
  packAreaGeometry,
  restoreAreaGeometry,
} from '../../../src/datasets/areaMesh';
import { attachFillOffsets, computeFillOffsets, fillOffsets } from '../../../src/datasets/fillOffsets';
import type { Areas } from '../../../src/datasets/types';
import { buildLayers, type LayerInputs } from '../../../src/map/layers/index';
import { DEFAULT_LAYERS } from '../../../src/state/viewStore';
import { type DataClient, withAreaMeshes } from '../../../src/worker/dataClient';
import { square, squareWithHole } from '../fixtures/areaLayers';

// a polygon with a hole, a two-part MultiPolygon, a ring with a third coordinate, an empty hole, a triangle
function fixture(): Areas {
  return {
    type: 'FeatureCollection',
    features: [
      squareWithHole({ area_m2: 12 }),
      {
        type: 'Feature',
        properties: { id: '02', name: 'Zwei Teile' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(13.2, 52, 0.05)], [square(13.3, 52, 0.02), square(13.305, 52.005, 0.005)]],
        },
      },
      {
        type: 'Feature',
        properties: { id: '03', name: 'Höhe' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [13.5, 52, 30],
              [13.6, 52, 31],
              [13.5, 52.1, 32],
              [13.5, 52, 30],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { id: '04', name: 'Leeres Loch' },
        geometry: { type: 'Polygon', coordinates: [square(13.7, 52, 0.1), []] },
      },
      {
        type: 'Feature',
        properties: { id: '05', name: 'Dreieck' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [13.123456789012344, 52.98765432109876],
              [13.6, 52],
              [13.5, 52.1],
              [13.123456789012344, 52.98765432109876],
            ],
          ],
        },
      },
    ],
  };
}

/** What postMessage does to the packed areas on their way to the main thread. */
function roundTrip(areas: Areas): Areas {
  const mesh = buildAreaMesh(areas);
  const packed = structuredClone(packAreaGeometry(areas, mesh));
  restoreAreaGeometry(packed.areas, structuredClone(mesh), packed.geometryKinds);
  return packed.areas;
}

describe('area geometry packed beside the mesh', () => {
  it('leaves out exactly the geometries the mesh holds', () => {
    const areas = fixture();
    const { areas: packed, geometryKinds } = packAreaGeometry(areas, buildAreaMesh(areas));
    expect([...geometryKinds]).toEqual([
      GEOMETRY_POLYGON,
      GEOMETRY_MULTIPOLYGON,
      GEOMETRY_SENT,
      GEOMETRY_SENT,
      GEOMETRY_POLYGON,
    ]);
    expect(packed.features.map((f) => 'geometry' in f)).toEqual([false, false, true, true, false]);
    // the input is not changed
    expect(areas.features.every((f) => f.geometry)).toBe(true);
  });

  it('restores every geometry unchanged (same numbers, same order, same JSON)', () => {
    const areas = fixture();
    const restored = roundTrip(areas);
    expect(JSON.stringify(restored)).toBe(JSON.stringify(areas));
    restored.features.forEach((f, i) => {
      expect(f.geometry).toEqual(areas.features[i].geometry);
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['type', 'properties', 'geometry']));
    });
  });

  it('builds a geometry once, on first read, and lets it be replaced', () => {
    const restored = roundTrip(fixture());
    const f = restored.features[0];
    const g = f.geometry;
    expect(f.geometry).toBe(g);
    expect({ ...f }.geometry).toBe(g);
    const other = { type: 'Polygon' as const, coordinates: [square(1, 1, 1)] };
    restored.features[1].geometry = other;
    expect(restored.features[1].geometry).toBe(other);
  });

  it('round-trips random polygons and multipolygons', () => {
    // coordinates as the data build writes them (Berlin, 6 decimals); arbitrary doubles (subnormals, ±0)
    // can make earcut, which the mesh uses, loop forever — no such value comes out of the data build
    const lon = fc.integer({ min: 13_080_000, max: 13_770_000 }).map((v) => v / 1e6);
    const lat = fc.integer({ min: 52_330_000, max: 52_680_000 }).map((v) => v / 1e6);
    const ring = fc.array(fc.tuple(lon, lat), { minLength: 1, maxLength: 7 });
    const rings = fc.array(ring, { minLength: 1, maxLength: 3 });
    const geometry = fc.oneof(
      rings.map((r) => ({ type: 'Polygon' as const, coordinates: r as Position[][] })),
      fc
        .array(rings, { minLength: 1, maxLength: 3 })
        .map((p) => ({ type: 'MultiPolygon' as const, coordinates: p as Position[][][] })),
    );
    fc.assert(
      fc.property(fc.array(geometry, { minLength: 0, maxLength: 6 }), (geoms) => {
        const areas: Areas = {
          type: 'FeatureCollection',
          features: geoms.map((geometry, i) => ({
            type: 'Feature',
            properties: { id: String(i).padStart(2, '0'), name: `A${i}` },
            geometry,
          })),
        };
        const restored = roundTrip(areas);
        expect(restored.features.map((f) => f.geometry)).toEqual(areas.features.map((f) => f.geometry));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});

describe('dataClient', () => {
  it('hands out areas with their geometry restored and their mesh attached', async () => {
    const areas = fixture();
    // the worker's answer as data.worker.ts loadAreas builds it, cloned as postMessage does
    const mesh = buildAreaMesh(areas);
    const { areas: value, geometryKinds } = packAreaGeometry(areas, mesh);
    const remote = {
      loadAreas: async () => structuredClone({ value, issues: [], mesh, geometryKinds }),
    } as unknown as DataClient;
    const parsed = await withAreaMeshes(remote).loadAreas('x', 'areas/x.topo.json');
    expect(Object.keys(parsed).sort()).toEqual(['issues', 'value']);
    expect(JSON.stringify(parsed.value)).toBe(JSON.stringify(areas));
    expect(areaMeshOf(parsed.value)?.featureCount).toBe(5);
  });

  it("keeps the worker's fill offsets with the mesh: the main thread does not make them again", async () => {
    // two areas within the extent that gets offsets (FILL_OFFSET_MAX_DEG)
    const areas: Areas = {
      type: 'FeatureCollection',
      features: [squareWithHole(), { ...squareWithHole({ name: 'B' }), properties: { id: '02', name: 'B' } }],
    };
    const mesh = buildAreaMesh(areas);
    const { areas: value, geometryKinds } = packAreaGeometry(areas, mesh);
    const offsets = computeFillOffsets(mesh.positions);
    expect(offsets).not.toBeNull();
    const remote = {
      loadAreas: async () =>
        structuredClone({ value, issues: [], mesh, geometryKinds, fillOffsets: offsets }),
    } as unknown as DataClient;
    const parsed = await withAreaMeshes(remote).loadAreas('x', 'areas/x.topo.json');
    expect(Object.keys(parsed).sort()).toEqual(['issues', 'value']);
    const got = areaMeshOf(parsed.value);
    if (!got) throw new Error('no mesh');
    const attached = fillOffsets(got);
    // the worker's copy (a clone of `offsets`), not one made here
    expect(attached).toEqual(offsets);
    expect(attached?.offsets).not.toBe(offsets?.offsets);
    expect(fillOffsets(got)).toBe(attached);
    // offsets that do not fit the mesh are not attached (made here instead)
    const other = buildAreaMesh(areas);
    attachFillOffsets(other, { origin: [0, 0, 0], offsets: new Float32Array(2) });
    expect(fillOffsets(other)?.offsets.length).toBe(other.positions.length);
  });
});

describe('hidden levels prepared with a preview style', () => {
  const base = (level: string, areas: Areas, extra: Partial<LayerInputs> = {}): LayerInputs => ({
    level,
    layers: { ...DEFAULT_LAYERS },
    areas,
    institutions: {},
    ...extra,
  });
  const fillTrigger = (layers: ReturnType<typeof buildLayers>, id: string) =>
    (layers.find((l) => l.id === id)?.props.updateTriggers as Record<string, unknown> | undefined)
      ?.getFillColor;

  it('draws a never-shown hidden level with its preview style, and the shown style wins once shown', () => {
    const bzr = fixture();
    const pgr = fixture();
    const colors = new Uint8Array(5 * 4).fill(200);
    const preview = { colors, dim: null, key: 'c-preview|', lineKey: '' };
    const previewStyles = new Map([['pgr', { data: pgr, style: preview }]]);
    const kept = { bzr, pgr };
    const style = { colors: null, dim: null, key: 'c-bzr|', lineKey: '' };
    // pgr hidden: the preview's trigger, so that showing it with the same style changes nothing
    const hidden = buildLayers(base('bzr', bzr, { keptAreas: kept, previewStyles, areaStyle: style }));
    expect(fillTrigger(hidden, 'areas-pgr')).toBe('c-preview|');
    expect(hidden.find((l) => l.id === 'areas-pgr')?.props.visible).toBe(false);
    // a preview made for other data is not used
    const stale = new Map([['pgr', { data: fixture(), style: preview }]]);
    const other = buildLayers(base('bzr', bzr, { keptAreas: kept, previewStyles: stale, areaStyle: style }));
    expect(fillTrigger(other, 'areas-pgr')).toBeUndefined();
    // shown with another style, then hidden again: it keeps the style it was last shown with
    const shownStyle = { colors, dim: null, key: 'c-pgr-shown|', lineKey: '' };
    buildLayers(base('pgr', pgr, { keptAreas: kept, previewStyles, areaStyle: shownStyle }));
    const back = buildLayers(base('bzr', bzr, { keptAreas: kept, previewStyles, areaStyle: style }));
    expect(fillTrigger(back, 'areas-pgr')).toBe('c-pgr-shown|');
  });
});
