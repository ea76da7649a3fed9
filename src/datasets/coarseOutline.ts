/**
 * A coarser copy of an area level's rings for the map's outlines at low zoom: simplified on the topology
 * (topojson-simplify, Visvalingam weights), so shared borders stay shared and neighbours keep meeting.
 * At the opening view of Berlin (zoom ~10) the Planungsräume's 48,600 outline vertices are far more than
 * the pixels they cover; a software renderer pays for every one of their triangles in every frame.
 * Pure TypeScript: runs in the data worker.
 */
import type { Feature } from 'geojson';
import { feature } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import type { AreaGeometry } from '../domain/types';
import type { AreaProps, Areas } from './types';

/** The outlines are drawn from the coarse rings below this zoom, from the full rings from it on. */
export const COARSE_OUTLINE_MAX_ZOOM = 11;

/**
 * Smallest effective area (degrees², lon × lat) a vertex keeps: a triangle of half a pixel by half a pixel at
 * COARSE_OUTLINE_MAX_ZOOM on Berlin's latitude (512 px tiles: 360° / 512 / 2^zoom per pixel in longitude,
 * times cos 52.5° in latitude). Below that zoom the coarse rings differ from the full ones by under half a pixel.
 */
export const COARSE_MIN_WEIGHT = (() => {
  const degPerPx = 360 / 512 / 2 ** COARSE_OUTLINE_MAX_ZOOM;
  return 0.5 * degPerPx * (0.5 * degPerPx * Math.cos((52.5 * Math.PI) / 180));
})();

/**
 * The areas with their geometry simplified on the topology's object `areas`; features keep the order and
 * properties of `areas` (matched by id; a feature the simplified topology lacks keeps its full geometry).
 */
export function coarseAreas(topo: unknown, areas: Areas, minWeight = COARSE_MIN_WEIGHT): Areas {
  const t = topo as Topology<Objects<AreaProps>>;
  const obj = t?.objects?.areas as GeometryCollection<AreaProps> | undefined;
  if (t?.type !== 'Topology' || !obj) return areas;
  const simple = simplify(presimplify(t), minWeight) as Topology<Objects<AreaProps>>;
  const fc = feature(simple, simple.objects.areas as GeometryCollection<AreaProps>) as unknown as {
    features: Feature<AreaGeometry | null, AreaProps>[];
  };
  const byId = new Map<string, AreaGeometry>();
  for (const f of fc.features) {
    const g = f.geometry;
    if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) byId.set(String(f.properties?.id), g);
  }
  return {
    ...areas,
    features: areas.features.map((f) => ({ ...f, geometry: byId.get(f.properties.id) ?? f.geometry })),
  };
}
