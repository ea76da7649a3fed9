/**
 * Area input for `bildungsraum join` (Node only): GeoJSON (Multi)Polygons; EPSG:25833 coordinates are detected
 * by magnitude and reprojected to WGS84 with proj4. (Points are read with the shared import, src/io/importFile.)
 */
import { readFile } from 'node:fs/promises';
import type { FeatureCollection } from 'geojson';
import proj4 from 'proj4';
import type { AreaFeature } from '../domain/types';

const UTM33 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
const toWgs84 = proj4(UTM33, 'EPSG:4326');

/** True when (x, y) look like EPSG:25833 metres around Berlin rather than degrees. */
export function looksLikeUtm33(x: number, y: number): boolean {
  return x > 200_000 && x < 900_000 && y > 5_000_000 && y < 6_500_000;
}

function toLonLat(x: number, y: number): [number, number] {
  if (looksLikeUtm33(x, y)) {
    const [lon, lat] = toWgs84.forward([x, y]);
    return [lon, lat];
  }
  return [x, y];
}

function reprojectPositions(coords: unknown): unknown {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const [x, y] = coords as number[];
    return toLonLat(x, y);
  }
  return (coords as unknown[]).map(reprojectPositions);
}

export function areasFromGeoJson(fc: FeatureCollection, file: string): AreaFeature[] {
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const out: AreaFeature[] = [];
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
      throw new Error(
        `${file}: feature ${i + 1} is not a Polygon/MultiPolygon (${g?.type ?? 'no geometry'})`,
      );
    const first = g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0];
    const utm = first ? looksLikeUtm33(first[0], first[1]) : false;
    const geometry = utm ? ({ ...g, coordinates: reprojectPositions(g.coordinates) } as typeof g) : g;
    out.push({ type: 'Feature', properties: f.properties ?? {}, geometry });
  });
  return out;
}

export async function readAreasFile(file: string): Promise<AreaFeature[]> {
  const text = await readFile(file, 'utf8');
  let fc: FeatureCollection;
  try {
    fc = JSON.parse(text) as FeatureCollection;
  } catch (e) {
    throw new Error(`${file}: invalid JSON (${(e as Error).message})`);
  }
  return areasFromGeoJson(fc, file);
}
