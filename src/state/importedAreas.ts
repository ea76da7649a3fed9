/**
 * Imported polygon datasets as area layers (id/name properties derived once per dataset). Pure: no React,
 * no DOM, no map objects — a derivation of importStore's datasets, shared by the map, the panels and the
 * `displayedAreasOf` selector (src/state/displayedAreas.ts).
 */
import type { AreaProps, Areas } from '../datasets/types';
import type { ImportedDataset } from './importStore';

const cache = new WeakMap<ImportedDataset, Areas | null>();

const POLY = new Set(['Polygon', 'MultiPolygon']);

function pickName(p: Record<string, unknown>): string | null {
  for (const k of ['name', 'Name', 'NAME', 'bezeichnung', 'title']) {
    const v = p[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}

/** The polygon features of an imported dataset as Areas, or null when it has none. */
export function importedAreas(d: ImportedDataset): Areas | null {
  if (cache.has(d)) return cache.get(d) ?? null;
  const features = d.features.features.filter((f) => f.geometry && POLY.has(f.geometry.type));
  const out: Areas | null = features.length
    ? {
        type: 'FeatureCollection',
        features: features.map((f, i) => {
          const p = (f.properties ?? {}) as Record<string, unknown>;
          const id = typeof p.id === 'string' || typeof p.id === 'number' ? String(p.id) : String(i + 1);
          const props: AreaProps = { ...p, id, name: pickName(p) ?? id };
          return { ...f, properties: props } as Areas['features'][number];
        }),
      }
    : null;
  cache.set(d, out);
  return out;
}
