/**
 * Overlay layers drawn above the choropleth: Erhaltungsgebiete (dashed outlines), Einschulbereiche
 * (outlines), MSS status outlines at Planungsraum level, StEP Wohnen housing sites, area labels
 * (shown above a zoom per level so they do not pile up; font atlas generated locally), and the filter drawing aids (radius, polygon).
 */
import type { Layer } from '@deck.gl/core';
import { PathStyleExtension } from '@deck.gl/extensions';
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { pointOnFeature } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import { areaMeshOf, outlineMeshOf } from '../../datasets/areaMesh';
import type { AreaProps, Areas } from '../../datasets/types';
import type { HousingSite } from '../../state/mapStore';
import type { RGBA } from '../colors';
import { areaLayerData, outlineData } from './areaLayer';
import { AreaOutlineLayer } from './areaOutlineLayer';

export const OVERLAY_IDS = {
  em: 'overlay-em',
  es: 'overlay-es',
  esb: 'overlay-esb',
  mss: 'overlay-mss',
  housing: 'overlay-housing',
  labels: 'area-labels',
  radius: 'filter-radius',
  polygon: 'filter-polygon',
  polygonVertices: 'filter-polygon-vertices',
} as const;

export const OVERLAY_COLORS = {
  em: [136, 34, 136, 255] as RGBA, // purple
  es: [0, 110, 60, 255] as RGBA, // dark green
  esb: [30, 30, 120, 220] as RGBA,
  mss3: [230, 120, 0, 255] as RGBA,
  mss4: [190, 0, 0, 255] as RGBA,
  housing: [255, 214, 0, 255] as RGBA,
  filter: [20, 20, 20, 255] as RGBA,
};

const dash = new PathStyleExtension({ dash: true });

export function outlineLayer(id: 'em' | 'es' | 'esb', data: Areas, visible: boolean): Layer {
  const color = OVERLAY_COLORS[id];
  // the Einschulbereiche loaded by the data worker: their outlines as one non-instanced draw (see
  // areaOutlineLayer.ts), like the areas' own
  const mesh = id === 'esb' ? areaMeshOf(data) : undefined;
  if (mesh)
    return new AreaOutlineLayer({
      id: OVERLAY_IDS.esb,
      data: outlineData(outlineMeshOf(mesh), null) as unknown as AreaOutlineLayer['props']['data'],
      visible,
      pickable: false,
      widthUnits: 'pixels',
      getWidth: 1.5,
      getColor: color,
    });
  return new GeoJsonLayer<AreaProps>({
    id: OVERLAY_IDS[id],
    // the Einschulbereiche (undashed) use the worker-built binary data: no path building on the main thread
    data: (id === 'esb' ? areaLayerData(data) : data) as unknown as Feature<Geometry, AreaProps>[],
    visible,
    pickable: false,
    filled: id !== 'esb',
    getFillColor: [color[0], color[1], color[2], 28],
    stroked: true,
    getLineColor: color,
    lineWidthUnits: 'pixels',
    getLineWidth: id === 'esb' ? 1.5 : 2.5,
    ...(id === 'esb'
      ? {}
      : {
          extensions: [dash],
          getDashArray: id === 'em' ? [4, 2] : [1, 2],
          dashJustified: true,
        }),
  } as ConstructorParameters<typeof GeoJsonLayer<AreaProps>>[0]);
}

const mssCache = new WeakMap<
  Areas,
  { key: unknown; data: Feature<Geometry, AreaProps & { mss: number }>[] }
>();

/** PLR features with MSS status 3 (niedrig) or 4 (sehr niedrig), cached per (areas, values). */
export function mssFeatures(plr: Areas, statusById: ReadonlyMap<string, number> | null) {
  const hit = mssCache.get(plr);
  if (hit && hit.key === statusById) return hit.data;
  const data = statusById
    ? plr.features
        .map((f) => ({ ...f, properties: { ...f.properties, mss: statusById.get(f.properties.id) ?? 0 } }))
        .filter((f) => f.properties.mss >= 3)
    : [];
  mssCache.set(plr, { key: statusById, data: data as Feature<Geometry, AreaProps & { mss: number }>[] });
  return data as Feature<Geometry, AreaProps & { mss: number }>[];
}

export function mssLayer(data: Feature<Geometry, AreaProps & { mss: number }>[], visible: boolean) {
  return new GeoJsonLayer<AreaProps & { mss: number }>({
    id: OVERLAY_IDS.mss,
    data,
    visible,
    pickable: false,
    filled: false,
    stroked: true,
    getLineColor: (f) => (f.properties.mss >= 4 ? OVERLAY_COLORS.mss4 : OVERLAY_COLORS.mss3),
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (f.properties.mss >= 4 ? 3 : 2),
  });
}

export function housingLayer(data: HousingSite[], visible: boolean) {
  return new ScatterplotLayer<HousingSite>({
    id: OVERLAY_IDS.housing,
    data,
    visible,
    pickable: false,
    getPosition: (d) => [d.lon, d.lat],
    radiusUnits: 'pixels',
    getRadius: 5,
    filled: true,
    getFillColor: OVERLAY_COLORS.housing,
    stroked: true,
    getLineColor: [0, 0, 0, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
  });
}

export interface LabelPoint {
  id: string;
  name: string;
  position: [number, number];
  /** Larger areas first when labels collide. */
  priority: number;
}

const labelCache = new WeakMap<Areas, LabelPoint[]>();

/** Glyphs of the label font atlas. */
export const LABEL_CHARACTERS: string = (() => {
  let out = '';
  for (let c = 32; c < 127; c++) out += String.fromCharCode(c);
  for (let c = 0xc0; c <= 0xff; c++) if (c !== 0xd7 && c !== 0xf7) out += String.fromCharCode(c);
  return `${out}–—‚‘’„“”·•`;
})();

/** One label point inside each area (cached per Areas object). */
export function labelPoints(areas: Areas): LabelPoint[] {
  let pts = labelCache.get(areas);
  if (!pts) {
    pts = [];
    for (const f of areas.features) {
      try {
        // precomputed in the data worker (data.worker.ts addLabelPoints) when loaded through it
        const { label_lon: lx, label_lat: ly } = f.properties;
        const p =
          typeof lx === 'number' && typeof ly === 'number'
            ? [lx, ly]
            : pointOnFeature(f as Feature<Geometry>).geometry.coordinates;
        const a = typeof f.properties.area_m2 === 'number' ? f.properties.area_m2 : 0;
        pts.push({
          id: f.properties.id,
          name: f.properties.name,
          position: [p[0], p[1]],
          priority: Math.min(1000, Math.round(Math.sqrt(a) / 10)),
        });
      } catch {
        // degenerate geometry: no label
      }
    }
    labelCache.set(areas, pts);
  }
  return pts;
}

/**
 * Area names. The layer always exists (hidden through `visible: false`), so its shaders and font atlas are
 * made at start-up, not on the first level switch: deck.gl updates hidden layers but does not draw them (a
 * text layer drawn at opacity 0 cost every frame its two draws and their uniform updates). Labels that would
 * pile up are hidden by the zoom thresholds of the caller.
 */
export function labelLayer(
  areas: Areas,
  visible: boolean,
  size: number,
  /** The labels to draw (e.g. after collision, map/labelDeclutter.ts); default: one per area. */
  points?: readonly LabelPoint[],
  id: string = OVERLAY_IDS.labels,
): TextLayer<LabelPoint> {
  return new TextLayer<LabelPoint>({
    id,
    data: points ?? labelPoints(areas),
    visible,
    pickable: false,
    getPosition: (d) => d.position,
    getText: (d) => d.name,
    getSize: size,
    sizeUnits: 'pixels',
    getColor: [25, 25, 35, 255],
    fontFamily: 'system-ui, sans-serif',
    fontWeight: 600,
    // fixed glyph set (ASCII + Latin-1 letters + typographic marks): the font atlas is made once at start-up,
    // not again on the first switch to a level whose names bring new characters ('auto' would)
    characterSet: LABEL_CHARACTERS,
    fontSettings: { sdf: true },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
  } as ConstructorParameters<typeof TextLayer<LabelPoint>>[0]);
}

export function radiusLayer(r: { lon: number; lat: number; m: number } | null): Layer | null {
  if (!r) return null;
  return new ScatterplotLayer<{ lon: number; lat: number; m: number }>({
    id: OVERLAY_IDS.radius,
    data: [r],
    pickable: false,
    getPosition: (d) => [d.lon, d.lat],
    getRadius: (d) => d.m,
    radiusUnits: 'meters',
    filled: true,
    getFillColor: [20, 20, 20, 20],
    stroked: true,
    getLineColor: OVERLAY_COLORS.filter,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    updateTriggers: { getRadius: r.m, getPosition: `${r.lon},${r.lat}` },
  });
}

export function polygonLayers(ring: [number, number][] | null, closed: boolean): Layer[] {
  if (!ring || ring.length === 0) return [];
  const path = closed && ring.length >= 3 ? [...ring, ring[0]] : ring;
  return [
    new PathLayer<{ path: [number, number][] }>({
      id: OVERLAY_IDS.polygon,
      data: [{ path }],
      pickable: false,
      getPath: (d) => d.path,
      getColor: OVERLAY_COLORS.filter,
      widthUnits: 'pixels',
      getWidth: 2,
      extensions: closed ? [] : [dash],
      ...(closed ? {} : { getDashArray: [3, 2] }),
    } as ConstructorParameters<typeof PathLayer<{ path: [number, number][] }>>[0]),
    new ScatterplotLayer<[number, number]>({
      id: OVERLAY_IDS.polygonVertices,
      data: ring,
      pickable: false,
      getPosition: (d) => d,
      radiusUnits: 'pixels',
      getRadius: 4,
      getFillColor: [255, 255, 255, 255],
      stroked: true,
      getLineColor: OVERLAY_COLORS.filter,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}
