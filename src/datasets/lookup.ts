import type { Feature, Geometry } from 'geojson';
import type { AreaProps, Areas, Institution, InstitutionSet } from './types';

type AreaFeatureOf = Feature<Geometry, AreaProps>;

const areaIndexCache = new WeakMap<Areas, Map<string, AreaFeatureOf>>();
const institutionIndexCache = new WeakMap<InstitutionSet, Map<string, Institution>>();

/** The area with this id (cached index per collection), or undefined. */
export function findArea(areas: Areas | undefined, id: string): AreaFeatureOf | undefined {
  if (!areas) return undefined;
  let idx = areaIndexCache.get(areas);
  if (!idx) {
    idx = new Map(areas.features.map((f) => [f.properties.id, f as AreaFeatureOf]));
    areaIndexCache.set(areas, idx);
  }
  return idx.get(id);
}

/** The institution with this id (cached index per set), or undefined. */
export function findInstitution(set: InstitutionSet | undefined, id: string): Institution | undefined {
  if (!set) return undefined;
  let idx = institutionIndexCache.get(set);
  if (!idx) {
    idx = new Map(set.items.map((it) => [it.id, it]));
    institutionIndexCache.set(set, idx);
  }
  return idx.get(id);
}
