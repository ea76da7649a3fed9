import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { GeoJsonLayer, type GeoJsonLayerProps } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import {
  type AreaMesh,
  areaMeshOf,
  coarseOutlineMeshOf,
  type OutlineMesh,
  outlineMeshOf,
} from '../../datasets/areaMesh';
import { COARSE_OUTLINE_MAX_ZOOM } from '../../datasets/coarseOutline';
import { fillOffsets } from '../../datasets/fillOffsets';
import type { AreaProps, Areas } from '../../datasets/types';
import { AREA_FILL, AREA_HIGHLIGHT, AREA_LINE, type RGBA } from '../colors';
import { AreaOutlineLayer } from './areaOutlineLayer';

export const AREA_LAYER_ID = 'areas';

export interface AreaLayerState {
  /** LOR level, 'esb' or an imported layer id. */
  level: string;
  visible: boolean;
  /** Choropleth colours (RGBA per feature); null = neutral fill. */
  colors?: Uint8Array | null;
  /** Per feature: 1 = dimmed (out of a range filter). */
  dim?: Uint8Array | null;
  /** Changes whenever colours or dimming change. */
  styleKey?: string;
  /**
   * Changes whenever the dimming changes (the outline colour depends on nothing else); default `styleKey`.
   * With it an indicator switch leaves the outline colours of the layer as they are.
   */
  lineKey?: string;
  /** Layer id (default AREA_LAYER_ID); one layer per level keeps its tessellation when switching back. */
  id?: string;
  /**
   * Outlines (default true). A hidden layer prepared in the background is made fill first and outlined a
   * frame later, so that neither step holds the main thread long.
   */
  stroked?: boolean;
  /** Map zoom: below COARSE_OUTLINE_MAX_ZOOM the outlines come from the coarse rings, if there are any. */
  zoom?: number;
  /**
   * May the full outlines be made now, if they are not yet (default true)? When false, the coarse ones stay
   * at every zoom until then: the map allows it for the shown level once it is idle at that zoom (see
   * MapView), so that neither a zoom nor a switch uploads full outlines in the middle of its frames.
   */
  fullOutline?: boolean;
}

/** True for the id of an area layer (the shown level or a kept, hidden one). */
export function isAreaLayerId(id: string | undefined): boolean {
  return id === AREA_LAYER_ID || !!id?.startsWith(`${AREA_LAYER_ID}-`);
}

const LINE_WIDTH: Record<string, number> = { bez: 2, pgr: 1.5, bzr: 1.25, plr: 1 };
const DIM_LINE: RGBA = [52, 62, 84, 90];

/** Properties of one feature in the binary data: its index in `areas.features` and its id. */
interface BinaryAreaProps {
  index: number;
  id: string;
}

const EMPTY_IDS = { value: new Uint32Array(0), size: 1 };

export { FILL_OFFSET_MAX_DEG, type FillOffsets, fillOffsets } from '../../datasets/fillOffsets';

/**
 * deck.gl GeoJsonLayer binary data (loaders.gl BinaryFeatureCollection) of triangulated areas: the layer takes
 * the triangles as they are (no earcut on the main thread). Positions are offsets from the extent's centre
 * where fillOffsets allows (areaLayerProps then sets the coordinate system). Picking returns the feature index
 * as `index`.
 */
export function binaryAreas(areas: Areas, mesh: AreaMesh) {
  const ids = { value: mesh.vertexFeature, size: 1 };
  const properties: BinaryAreaProps[] = areas.features.map((f, index) => ({ index, id: f.properties.id }));
  return {
    shape: 'binary-feature-collection' as const,
    points: {
      type: 'Point' as const,
      positions: { value: new Float64Array(0), size: 2 },
      featureIds: EMPTY_IDS,
      globalFeatureIds: EMPTY_IDS,
      numericProps: {},
      properties: [],
    },
    lines: {
      type: 'LineString' as const,
      positions: { value: new Float64Array(0), size: 2 },
      pathIndices: { value: Uint32Array.of(0), size: 1 },
      featureIds: EMPTY_IDS,
      globalFeatureIds: EMPTY_IDS,
      numericProps: {},
      properties: [],
    },
    polygons: {
      type: 'Polygon' as const,
      positions: { value: fillOffsets(mesh)?.offsets ?? mesh.positions, size: 2 },
      polygonIndices: { value: mesh.polygonStarts, size: 1 },
      primitivePolygonIndices: { value: mesh.ringStarts, size: 1 },
      triangles: { value: mesh.triangles, size: 1 },
      featureIds: ids,
      globalFeatureIds: ids,
      numericProps: {},
      properties,
    },
  };
}

const binaryCache = new WeakMap<Areas, ReturnType<typeof binaryAreas>>();

/** The layer data of the areas: one stable binary object when a mesh is attached, else the GeoJSON itself. */
export function areaLayerData(areas: Areas): Areas | ReturnType<typeof binaryAreas> {
  const mesh = areaMeshOf(areas);
  if (!mesh) return areas;
  let b = binaryCache.get(areas);
  if (!b) {
    b = binaryAreas(areas, mesh);
    binaryCache.set(areas, b);
  }
  return b;
}

type IndexOf = (object: unknown, info: { index: number }) => number;
/** Feature index of an accessor call on binary data: the object is {properties: BinaryAreaProps}. */
const binaryIndex: IndexOf = (object) => (object as { properties: BinaryAreaProps }).properties.index;
/** Feature index of an accessor call on GeoJSON data: the row index. */
const rowIndex: IndexOf = (_, info) => info.index;

/** deck.gl props of the area layer: the polygons of one level, choropleth or neutral fill, clear outlines. */
export function areaLayerProps(state: AreaLayerState, data: Areas): GeoJsonLayerProps<AreaProps> {
  const colors = state.colors ?? null;
  const dim = state.dim ?? null;
  const layerData = areaLayerData(data);
  const featureIndex = layerData === data ? rowIndex : binaryIndex;
  const fill = (object: unknown, info: { index: number }): RGBA => {
    const i = featureIndex(object, info);
    let c: RGBA = colors
      ? [colors[i * 4], colors[i * 4 + 1], colors[i * 4 + 2], colors[i * 4 + 3]]
      : [...AREA_FILL];
    if (dim?.[i]) c = [c[0], c[1], c[2], Math.round(c[3] * 0.25)];
    return c;
  };
  // With a styleKey the layer always uses accessors (switching between accessor and constant is not
  // reliably picked up by deck.gl's attribute diffing); without one the plain neutral constants.
  const styled = colors !== null || dim !== null || state.styleKey !== undefined;
  const mesh = layerData === data ? undefined : areaMeshOf(data);
  const offsets = mesh ? fillOffsets(mesh) : null;
  return {
    id: state.id ?? AREA_LAYER_ID,
    data: layerData as unknown as GeoJsonLayerProps<AreaProps>['data'],
    ...(offsets
      ? { coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS, coordinateOrigin: offsets.origin }
      : {}),
    visible: state.visible,
    pickable: true,
    filled: true,
    stroked: state.stroked ?? true,
    getFillColor: styled ? (fill as unknown as GeoJsonLayerProps<AreaProps>['getFillColor']) : AREA_FILL,
    getLineColor: styled
      ? (((object: unknown, info: { index: number }) =>
          dim?.[featureIndex(object, info)]
            ? DIM_LINE
            : AREA_LINE) as unknown as GeoJsonLayerProps<AreaProps>['getLineColor'])
      : AREA_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: LINE_WIDTH[state.level] ?? 1,
    lineWidthMinPixels: 1,
    autoHighlight: true,
    highlightColor: AREA_HIGHLIGHT,
    updateTriggers: styled
      ? {
          getLineWidth: state.level,
          getFillColor: state.styleKey ?? '',
          getLineColor: state.lineKey ?? state.styleKey ?? '',
        }
      : { getLineWidth: state.level },
  };
}

export function createAreaLayer(state: AreaLayerState, data: Areas): GeoJsonLayer<AreaProps> {
  return new GeoJsonLayer<AreaProps>(areaLayerProps(state, data));
}

/** Id of the outline layer of an area layer (see createAreaLayers). */
export function areaOutlineLayerId(areaLayerId: string): string {
  return `${areaLayerId}-outline`;
}

interface OutlineData {
  length: number;
  attributes: Record<string, { value: ArrayBufferView; size: number; stride?: number; normalized?: boolean }>;
}
const outlineDataCache = new WeakMap<
  OutlineMesh,
  { plain: OutlineData; dimmed: WeakMap<Uint8Array, OutlineData> }
>();

/**
 * deck.gl data of an outline mesh: stable objects per mesh and per dimming (the same typed arrays and
 * attribute descriptors, so that deck.gl uploads only the colours when the dimming changes). Without dimming
 * every outline has the layer's constant colour.
 */
export function outlineData(mesh: OutlineMesh, dim: Uint8Array | null): OutlineData {
  let c = outlineDataCache.get(mesh);
  if (!c) {
    c = {
      plain: {
        length: mesh.vertexCount,
        attributes: {
          // high and low parts of the 64-bit positions side by side, as deck.gl lays out its own split
          getSourcePosition: { value: mesh.source, size: 2, stride: 16 },
          getTargetPosition: { value: mesh.target, size: 2, stride: 16 },
          getCorner: { value: mesh.corner, size: 2 },
        },
      },
      dimmed: new WeakMap(),
    };
    outlineDataCache.set(mesh, c);
  }
  if (!dim) return c.plain;
  let d = c.dimmed.get(dim);
  if (!d) {
    // one 32-bit write per vertex (RGBA bytes in the platform's order); a brush drag redoes this per step
    const colors = new Uint8Array(mesh.vertexCount * 4);
    const words = new Uint32Array(colors.buffer);
    const [line, dimmed] = [AREA_LINE, DIM_LINE].map((c) => new Uint32Array(Uint8Array.from(c).buffer)[0]);
    for (let i = 0; i < mesh.vertexCount; i++) words[i] = dim[mesh.vertexFeature[i]] ? dimmed : line;
    d = {
      length: mesh.vertexCount,
      attributes: { ...c.plain.attributes, getColor: { value: colors, size: 4, normalized: true } },
    };
    c.dimmed.set(dim, d);
  }
  return d;
}

/**
 * Outline layers made so far (a full or coarse outline, once made, is kept hidden instead of rebuilt).
 * Uploading the full outlines is the costly part (the Planungsräume: 48,600 segments, 6 vertices of 40 bytes
 * each): made for every kept level at once when the zoom first crossed COARSE_OUTLINE_MAX_ZOOM, that was one
 * task of 340 ms (bufferSubData) in the fly-to of an area click (CPU profile, 2-core test machine).
 */
const madeOutlines = new Set<string>();

/**
 * The layers of one level: with a worker-built mesh, the fill (a GeoJsonLayer without outlines) and the
 * outlines as one non-instanced draw (AreaOutlineLayer: a PathLayer instance per segment costs a software
 * renderer hundreds of ms per frame), from the coarse rings below COARSE_OUTLINE_MAX_ZOOM (the worker's
 * simplified copy: fewer triangles where they would be under a pixel) and the full rings from it on, once
 * `fullOutline` allows them; the other one is made when the zoom first asks for it and then kept, hidden. Other areas (imported GeoJSON)
 * are one GeoJsonLayer with outlines.
 */
export function createAreaLayers(state: AreaLayerState, data: Areas): Layer[] {
  const mesh = areaMeshOf(data);
  if (!mesh) return [createAreaLayer(state, data)];
  const fill = createAreaLayer({ ...state, stroked: false }, data);
  if (state.stroked === false) return [fill];
  const coarse = coarseOutlineMeshOf(mesh);
  const id = areaOutlineLayerId(state.id ?? AREA_LAYER_ID);
  const fullReady = state.fullOutline !== false || madeOutlines.has(id);
  const useCoarse =
    coarse !== undefined &&
    ((state.zoom !== undefined && state.zoom < COARSE_OUTLINE_MAX_ZOOM) || !fullReady);
  const out: Layer[] = [fill];
  const variants: [string, OutlineMesh | undefined, boolean][] = [
    [id, undefined, !useCoarse],
    [`${id}-coarse`, coarse, useCoarse],
  ];
  for (const [layerId, given, wanted] of variants) {
    if (!wanted && !madeOutlines.has(layerId)) continue;
    const mesh2 = given ?? outlineMeshOf(mesh);
    madeOutlines.add(layerId);
    out.push(
      new AreaOutlineLayer({
        id: layerId,
        data: outlineData(mesh2, state.dim ?? null) as unknown as AreaOutlineLayer['props']['data'],
        visible: state.visible && wanted,
        pickable: false,
        widthUnits: 'pixels',
        getWidth: LINE_WIDTH[state.level] ?? 1,
        widthMinPixels: 1,
        getColor: AREA_LINE,
        updateTriggers: { getWidth: state.level },
      }),
    );
  }
  return out;
}

/**
 * The area id of a picked object of the area layer, or null. With binary data deck.gl picks no object, only
 * the feature index: pass it with the areas shown.
 */
export function pickedAreaId(object: unknown, index?: number, areas?: Areas): string | null {
  const f = object as Feature<Geometry, AreaProps> | null | undefined;
  const id = f
    ? f.properties?.id
    : index !== undefined && index >= 0
      ? areas?.features[index]?.properties.id
      : undefined;
  return typeof id === 'string' ? id : null;
}
