import { area as turfArea } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { PipelineError } from './errors';
import type { RawFeature } from './read';

const EPSG25833 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';

/** A coordinate transform to WGS84 for a declared GeoJSON CRS name, or null when it is already lon/lat. */
export function toWgs84For(crsName: string | null, file: string): ((p: Position) => Position) | null {
  if (!crsName || /CRS84|EPSG:?:?4326\b|EPSG::4326/i.test(crsName)) return null;
  if (/25833/.test(crsName)) {
    const conv = proj4(EPSG25833, 'EPSG:4326');
    return (p) => {
      const [x, y] = conv.forward([p[0], p[1]]);
      return [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
    };
  }
  throw new PipelineError(file, `unsupported CRS "${crsName}" (expected EPSG:4326 or EPSG:25833)`);
}

function mapCoords<G extends Geometry>(g: G, f: (p: Position) => Position): G {
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    default:
      return g;
  }
}

function checkLonLat(p: Position, file: string, index: number, id: string): void {
  const [x, y] = p;
  if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
    throw new PipelineError(
      file,
      `feature ${index + 1} (${id}): coordinate [${x}, ${y}] is not WGS84 lon/lat – projected data (EPSG:25833?) without a CRS declaration?`,
    );
  }
  // Berlin is near 13.4° E, 52.5° N: [52.5, 13.4] means the server answered in lat/lon axis order.
  if (x > 47 && x < 56 && y > 5 && y < 16) {
    throw new PipelineError(
      file,
      `feature ${index + 1} (${id}): coordinate [${x}, ${y}] is in lat/lon axis order; expected lon/lat (request srsName=EPSG:4326, not the urn form)`,
    );
  }
}

/** Validate an area geometry (Polygon/MultiPolygon, lon/lat), reprojecting if the file declared EPSG:25833. */
export function areaGeometry(
  f: RawFeature,
  file: string,
  id: string,
  reproject: ((p: Position) => Position) | null,
): Polygon | MultiPolygon {
  const g = f.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    throw new PipelineError(
      file,
      `feature ${f.index + 1} (${id}): expected Polygon/MultiPolygon, got ${g?.type ?? 'no geometry'}`,
    );
  }
  const out = reproject ? mapCoords(g, reproject) : g;
  const rings = out.type === 'Polygon' ? out.coordinates : out.coordinates.flat();
  if (rings.length === 0) throw new PipelineError(file, `feature ${f.index + 1} (${id}): empty geometry`);
  for (const r of rings) {
    if (r.length < 4)
      throw new PipelineError(file, `feature ${f.index + 1} (${id}): ring with fewer than 4 positions`);
    checkLonLat(r[0], file, f.index, id);
    checkLonLat(r[Math.floor(r.length / 2)], file, f.index, id);
  }
  return out;
}

/** Validate a point geometry (Point or single-point MultiPoint) and return [lon, lat]. */
export function pointPosition(
  f: RawFeature,
  file: string,
  id: string,
  reproject: ((p: Position) => Position) | null,
): [number, number] {
  const g = f.geometry;
  let p: Position | undefined;
  if (g?.type === 'Point') p = g.coordinates;
  else if (g?.type === 'MultiPoint' && g.coordinates.length === 1) p = g.coordinates[0];
  if (!p) {
    throw new PipelineError(
      file,
      `feature ${f.index + 1} (${id}): expected a Point (or one-point MultiPoint), got ${g ? `${g.type}${g.type === 'MultiPoint' ? ` with ${g.coordinates.length} points` : ''}` : 'no geometry'}`,
    );
  }
  const q = reproject ? reproject(p) : p;
  checkLonLat(q, file, f.index, id);
  return [q[0], q[1]];
}

/** Geodesic area in m² (rounded). */
export function areaM2(g: Polygon | MultiPolygon): number {
  return Math.round(turfArea({ type: 'Feature', properties: {}, geometry: g }));
}
