/**
 * Coordinate reference systems around Berlin: definitions (proj4), detection by value ranges, and
 * bulk reprojection to WGS84 (lon/lat, EPSG:4326).
 */
import proj4 from 'proj4';

type Converter = { forward: (p: number[]) => number[] };

export type CrsId = 'EPSG:4326' | 'EPSG:25833' | 'EPSG:3068' | 'EPSG:3857';
export const CRS_IDS: readonly CrsId[] = ['EPSG:4326', 'EPSG:25833', 'EPSG:3068', 'EPSG:3857'];

export const CRS_LABEL: Record<CrsId, string> = {
  'EPSG:4326': 'WGS84 (Längen-/Breitengrad)',
  'EPSG:25833': 'ETRS89 / UTM Zone 33N',
  'EPSG:3068': 'DHDN / Soldner Berlin',
  'EPSG:3857': 'Web Mercator',
};

proj4.defs(
  'EPSG:25833',
  '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
);
proj4.defs(
  'EPSG:3068',
  '+proj=cass +lat_0=52.41864827777778 +lon_0=13.62720366666667 +x_0=40000 +y_0=10000 +ellps=bessel ' +
    '+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs +type=crs',
);

/** Berlin's bounding box in WGS84 (lon, lat), generously rounded. */
export const BERLIN_BBOX = { minLon: 13.08, minLat: 52.33, maxLon: 13.77, maxLat: 52.68 } as const;
/** The wider region accepted as "plausible" when detecting a CRS (Brandenburg and a bit beyond). */
const REGION = { minLon: 11, minLat: 51, maxLon: 15.5, maxLat: 54 } as const;

export function insideBerlin(lon: number, lat: number): boolean {
  return (
    lon >= BERLIN_BBOX.minLon &&
    lon <= BERLIN_BBOX.maxLon &&
    lat >= BERLIN_BBOX.minLat &&
    lat <= BERLIN_BBOX.maxLat
  );
}

const converters = new Map<CrsId, Converter>();
function converter(crs: CrsId): Converter {
  let c = converters.get(crs);
  if (!c) {
    c = proj4(crs, 'EPSG:4326') as unknown as Converter;
    converters.set(crs, c);
  }
  return c;
}

/** One point to WGS84 [lon, lat]. */
export function toWgs84(crs: CrsId, x: number, y: number): [number, number] {
  if (crs === 'EPSG:4326') return [x, y];
  const p = converter(crs).forward([x, y]);
  return [p[0], p[1]];
}

/** Reproject in place: xs/ys (in `crs`) become lon/lat. NaN stays NaN. */
export function reprojectInPlace(crs: CrsId, xs: Float64Array, ys: Float64Array): void {
  if (crs === 'EPSG:4326') return;
  const f = converter(crs);
  const p = [0, 0];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    p[0] = x;
    p[1] = y;
    const r = f.forward(p);
    xs[i] = r[0];
    ys[i] = r[1];
  }
}

export interface CrsGuess {
  crs: CrsId;
  /** True when the columns were given in the other order (lat in the "x" column). */
  swapped: boolean;
  /** Share of sample points that land inside Berlin's bounding box with this guess. */
  insideBerlin: number;
  /** Share inside the wider region. 0 = nothing plausible. */
  insideRegion: number;
}

/**
 * Guess the CRS from sample coordinate pairs (first value = the column taken as x/lon).
 * Tries every CRS in both axis orders and keeps the one that puts most points into Berlin (then the
 * wider region). Returns null when no guess puts any point in the region.
 */
export function detectCrs(xs: ArrayLike<number>, ys: ArrayLike<number>, sampleSize = 500): CrsGuess | null {
  const pairs: [number, number][] = [];
  const step = Math.max(1, Math.floor(xs.length / sampleSize));
  for (let i = 0; i < xs.length && pairs.length < sampleSize; i += step) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) pairs.push([xs[i], ys[i]]);
  }
  if (pairs.length === 0) return null;
  let best: CrsGuess | null = null;
  for (const crs of CRS_IDS) {
    for (const swapped of [false, true]) {
      let inB = 0;
      let inR = 0;
      for (const [a, b] of pairs) {
        const x = swapped ? b : a;
        const y = swapped ? a : b;
        if (!plausibleRange(crs, x, y)) continue;
        const [lon, lat] = toWgs84(crs, x, y);
        if (lon >= REGION.minLon && lon <= REGION.maxLon && lat >= REGION.minLat && lat <= REGION.maxLat) {
          inR++;
          if (insideBerlin(lon, lat)) inB++;
        }
      }
      const g: CrsGuess = {
        crs,
        swapped,
        insideBerlin: inB / pairs.length,
        insideRegion: inR / pairs.length,
      };
      if (
        g.insideRegion > 0 &&
        (!best ||
          g.insideBerlin > best.insideBerlin ||
          (g.insideBerlin === best.insideBerlin && g.insideRegion > best.insideRegion))
      )
        best = g;
    }
  }
  if (best) return best;
  // Nothing near Berlin: plain degrees anywhere on earth are still WGS84 (points will be flagged).
  const allDegrees = pairs.every(([a, b]) => Math.abs(a) <= 180 && Math.abs(b) <= 90);
  if (allDegrees) return { crs: 'EPSG:4326', swapped: false, insideBerlin: 0, insideRegion: 0 };
  return null;
}

/** Quick range filter so that proj4 is not asked about absurd values. */
function plausibleRange(crs: CrsId, x: number, y: number): boolean {
  switch (crs) {
    case 'EPSG:4326':
      return Math.abs(x) <= 180 && Math.abs(y) <= 90;
    case 'EPSG:25833':
      return x > 100_000 && x < 900_000 && y > 5_000_000 && y < 6_500_000;
    case 'EPSG:3068':
      return (
        x > -200_000 && x < 250_000 && y > -200_000 && y < 250_000 && (Math.abs(x) > 180 || Math.abs(y) > 90)
      );
    case 'EPSG:3857':
      return x > 1_000_000 && x < 2_000_000 && y > 6_000_000 && y < 7_500_000;
  }
}

/** Parse a CRS name as written in GeoJSON `crs` members, .prj-like strings or CLI flags. */
export function parseCrsName(name: string): CrsId | null {
  const m = /(?:EPSG(?::{1,2}|\/)?|epsg\.io\/)(\d{4,5})/i.exec(name) ?? /^(\d{4,5})$/.exec(name.trim());
  if (m) {
    const code = m[1];
    if (code === '4326' || code === '4258') return 'EPSG:4326';
    if (code === '25833') return 'EPSG:25833';
    if (code === '3068') return 'EPSG:3068';
    if (code === '3857' || code === '900913') return 'EPSG:3857';
    return null;
  }
  if (/CRS84/i.test(name)) return 'EPSG:4326';
  return null;
}
