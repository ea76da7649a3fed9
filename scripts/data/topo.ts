import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { merge, mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type {
  GeometryCollection,
  GeometryObject,
  Objects,
  Topology,
  Polygon as TopoPolygon,
} from 'topojson-specification';

/** Planar triangle-area threshold (degrees²) for web geometry: ≈ 15 m² at Berlin's latitude. Measured on the PLR: vertices of the full geometry lie median 0.1 m, p99 1.5 m, max ≈ 9 m from the web outline – invisible at city zoom. */
export const WEB_MIN_WEIGHT = 2e-9;
/** Quantization of the web topologies: 1e5 steps across Berlin's extent ≈ 0.5 m. */
export const WEB_QUANTIZATION = 1e5;

export type AreaProps = Record<string, string | number>;
type PolyGeom = Polygon | MultiPolygon;

/** Build an unquantized topology of one polygon layer (shared borders become shared arcs). */
export function buildTopology(name: string, features: Feature<PolyGeom, AreaProps>[]): Topology {
  const fc: FeatureCollection<PolyGeom, AreaProps> = { type: 'FeatureCollection', features };
  return topology({ [name]: fc });
}

export function geometriesOf(topo: Topology, name: string): GeometryObject[] {
  return (topo.objects[name] as GeometryCollection).geometries;
}

/** Full-resolution union of topology geometries (exact: unquantized topology, arcs shared). */
export function mergeFull(topo: Topology, geoms: GeometryObject[]): MultiPolygon {
  return merge(topo, geoms as Parameters<typeof merge>[1]);
}

/** Simplified copy of a topology (arc indices unchanged, arc endpoints kept so shared borders stay shared). */
export function simplifyTopology(topo: Topology, minWeight = WEB_MIN_WEIGHT): Topology {
  return simplify(presimplify(topo as Topology<Objects<Record<string, unknown>>>), minWeight) as Topology;
}

/** Union of geometries of a topology as a new geometry object referencing the same arcs. */
export function mergeToObject(topo: Topology, geoms: GeometryObject[]): GeometryObject {
  return mergeArcs(topo, geoms as Parameters<typeof mergeArcs>[1]) as unknown as GeometryObject;
}

function mapArcs(g: GeometryObject, f: (i: number) => number): GeometryObject {
  if (g.type === 'Polygon') return { ...g, arcs: g.arcs.map((ring) => ring.map(f)) };
  if (g.type === 'MultiPolygon') return { ...g, arcs: g.arcs.map((p) => p.map((ring) => ring.map(f))) };
  return g;
}

/**
 * A standalone topology holding one object `areas` with only the arcs it uses, quantized.
 * Empty polygons (all rings collapsed) are kept as null-geometry features so ids are never lost.
 */
export function webTopology(
  simplified: Topology,
  geoms: { geometry: GeometryObject; properties: AreaProps; id: string }[],
  quantization = WEB_QUANTIZATION,
): Topology {
  const remap = new Map<number, number>();
  const arcs: Topology['arcs'] = [];
  const use = (i: number): number => {
    const k = i < 0 ? ~i : i;
    let n = remap.get(k);
    if (n === undefined) {
      n = arcs.length;
      remap.set(k, n);
      arcs.push(simplified.arcs[k]);
    }
    return i < 0 ? ~n : n;
  };
  const geometries = geoms.map(({ geometry, properties, id }) => ({
    ...mapArcs(geometry, use),
    id,
    properties,
  })) as GeometryObject[];
  const t: Topology = {
    type: 'Topology',
    arcs,
    objects: { areas: { type: 'GeometryCollection', geometries } },
  };
  return quantize(t as Topology<Objects<Record<string, unknown>>>, quantization) as Topology;
}

/** How many arcs are used by two or more geometries of object `name` (shared borders). */
export function sharedArcCount(topo: Topology, name = 'areas'): number {
  const users = new Map<number, number>();
  for (const g of geometriesOf(topo, name)) {
    const seen = new Set<number>();
    const visit = (i: number) => seen.add(i < 0 ? ~i : i);
    if (g.type === 'Polygon') (g as TopoPolygon).arcs.flat().forEach(visit);
    else if (g.type === 'MultiPolygon') g.arcs.flat(2).forEach(visit);
    for (const a of seen) users.set(a, (users.get(a) ?? 0) + 1);
  }
  let n = 0;
  for (const c of users.values()) if (c >= 2) n++;
  return n;
}
