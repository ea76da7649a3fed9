import { GeoJsonLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import {
  attachAreaMesh,
  buildAreaMesh,
  buildOutlineMesh,
  outlineMeshOf,
} from '../../../src/datasets/areaMesh';
import type { Areas } from '../../../src/datasets/types';
import { AREA_LINE } from '../../../src/map/colors';
import { areaOutlineLayerId, createAreaLayers, outlineData } from '../../../src/map/layers/areaLayer';
import { AreaOutlineLayer } from '../../../src/map/layers/areaOutlineLayer';
import { OVERLAY_COLORS, OVERLAY_IDS, outlineLayer } from '../../../src/map/layers/overlays';
import { squareWithHole, triangle } from '../fixtures/areaLayers';

// a square with a square hole (feature 0) and a triangle with a repeated vertex (feature 1)
function fixture(): Areas {
  return {
    type: 'FeatureCollection',
    features: [squareWithHole(), triangle('02', true)],
  };
}

/** Lon/lat of vertex `v` of a split position array (high + low part, to 9 decimals). */
const at = (a: Float32Array, v: number) =>
  [a[4 * v] + a[4 * v + 2], a[4 * v + 1] + a[4 * v + 3]].map((x) => Math.round(x * 1e9) / 1e9);

/** The [source, target] segments of an outline mesh, as strings. */
function segments(o: ReturnType<typeof buildOutlineMesh>): string[] {
  const out: string[] = [];
  for (let v = 0; v < o.vertexCount; v += 6) out.push(`${at(o.source, v)}>${at(o.target, v)}`);
  return out;
}

describe('buildOutlineMesh', () => {
  it('makes two triangles (six vertices) per ring segment, holes included, repeated vertices left out', () => {
    const o = buildOutlineMesh(buildAreaMesh(fixture()));
    // 4 + 4 segments of the square and its hole, 3 of the triangle (its repeated vertex gives none)
    expect(o.vertexCount).toBe(11 * 6);
    const segs = segments(o);
    expect(segs).toHaveLength(11);
    expect(segs).toContain('13.6,52>13.5,52.1');
    expect(segs.filter((s) => s.startsWith('13.6,52>13.6,52'))).toHaveLength(0);
    // the hole's ring is outlined too
    expect(segs.some((s) => s.startsWith('13.03,52.03>'))).toBe(true);
    expect([...o.vertexFeature.subarray(0, 48)].every((f) => f === 0)).toBe(true);
    expect([...o.vertexFeature.subarray(48)].every((f) => f === 1)).toBe(true);
  });

  it('gives each vertex both ends of its segment and a corner covering the segment on both sides', () => {
    const o = buildOutlineMesh(buildAreaMesh(fixture()));
    for (let v = 0; v < o.vertexCount; v += 6) {
      const corners: string[] = [];
      for (let k = 0; k < 6; k++) {
        expect(at(o.source, v + k)).toEqual(at(o.source, v));
        expect(at(o.target, v + k)).toEqual(at(o.target, v));
        corners.push(`${o.corner[2 * (v + k)]}/${o.corner[2 * (v + k) + 1]}`);
      }
      // two triangles over the four corners of the quad: both ends, both sides
      expect(new Set(corners)).toEqual(new Set(['0/-1', '1/-1', '0/1', '1/1']));
    }
    // consecutive segments of a ring chain: the target of one is the source of the next
    expect(at(o.target, 0)).toEqual(at(o.source, 6));
  });

  it('splits positions into float32 high and low parts that add up to the 64-bit number', () => {
    const areas = fixture();
    areas.features[1].geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [13.123456789012, 52.987654321098],
          [13.2, 52.9],
          [13.1, 52.8],
          [13.123456789012, 52.987654321098],
        ],
      ],
    };
    const o = buildOutlineMesh(buildAreaMesh(areas));
    const v = 8 * 6; // first vertex of the second feature
    expect(o.source[4 * v]).toBe(Math.fround(13.123456789012));
    expect(o.source[4 * v + 2]).not.toBe(0);
    expect(o.source[4 * v] + o.source[4 * v + 2]).toBeCloseTo(13.123456789012, 12);
    expect(o.source[4 * v + 1] + o.source[4 * v + 3]).toBeCloseTo(52.987654321098, 12);
  });
});

describe('area outlines as their own layer', () => {
  it('keeps one data object per mesh and dimming, with per-vertex colours only when dimmed', () => {
    const areas = fixture();
    const mesh = buildAreaMesh(areas);
    const o = outlineMeshOf(mesh);
    expect(outlineMeshOf(mesh)).toBe(o);
    const plain = outlineData(o, null);
    expect(outlineData(o, null)).toBe(plain);
    expect(plain.length).toBe(o.vertexCount);
    expect(plain.attributes.getSourcePosition.value).toBe(o.source);
    expect(plain.attributes.getColor).toBeUndefined();
    const dim = Uint8Array.of(0, 1);
    const dimmed = outlineData(o, dim);
    expect(outlineData(o, dim)).toBe(dimmed);
    // the positions are shared, so that deck.gl uploads only the colours when the dimming changes
    expect(dimmed.attributes.getSourcePosition).toBe(plain.attributes.getSourcePosition);
    const colors = dimmed.attributes.getColor.value as Uint8Array;
    expect([...colors.subarray(0, 4)]).toEqual([...AREA_LINE]);
    const last = (o.vertexCount - 1) * 4;
    expect(colors[last + 3]).toBeLessThan(AREA_LINE[3]);
  });

  it('draws a meshed level as a fill without outlines plus an outline layer', () => {
    const areas = fixture();
    attachAreaMesh(areas, buildAreaMesh(areas));
    const layers = createAreaLayers({ level: 'bez', visible: true, id: 'areas-bez' }, areas);
    expect(layers).toHaveLength(2);
    const [fill, outline] = layers;
    expect(fill).toBeInstanceOf(GeoJsonLayer);
    expect(fill.props.id).toBe('areas-bez');
    expect((fill as GeoJsonLayer).props.stroked).toBe(false);
    expect(outline).toBeInstanceOf(AreaOutlineLayer);
    expect(outline.props.id).toBe(areaOutlineLayerId('areas-bez'));
    expect(outline.props.pickable).toBe(false);
    expect((outline as AreaOutlineLayer).props.getWidth).toBe(2);
    // a hidden level prepared in the background: fill first, outlines later
    expect(createAreaLayers({ level: 'bez', visible: false, stroked: false }, areas)).toHaveLength(1);
  });

  it('keeps the GeoJsonLayer outlines for areas without a mesh (imported polygons)', () => {
    const layers = createAreaLayers({ level: 'imported-x', visible: true }, fixture());
    expect(layers).toHaveLength(1);
    expect((layers[0] as GeoJsonLayer).props.stroked).toBe(true);
  });
});

describe('Einschulbereich outline overlay', () => {
  it('is drawn from the outline mesh when the data worker built one, else as a GeoJsonLayer', () => {
    const esb = fixture();
    attachAreaMesh(esb, buildAreaMesh(esb));
    const layer = outlineLayer('esb', esb, true);
    expect(layer).toBeInstanceOf(AreaOutlineLayer);
    expect(layer.props.id).toBe(OVERLAY_IDS.esb);
    expect((layer as AreaOutlineLayer).props.getColor).toEqual(OVERLAY_COLORS.esb);
    expect(outlineLayer('esb', fixture(), true)).toBeInstanceOf(GeoJsonLayer);
  });
});
