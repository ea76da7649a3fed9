/**
 * GeoJSON reader: validates the structure, detects the CRS (RFC 7946 WGS84, the old `crs` member, or
 * metres without a `crs` member), reprojects to WGS84 and repairs what is safe to repair.
 *
 * Repairs (reported as warnings): Z/M ordinates dropped, unclosed rings closed, ring orientation set to
 * RFC 7946 (outer counter-clockwise, holes clockwise). Reported, not repaired: self-intersections
 * (kept: the shape is as the publisher drew it). Not used (errors): features without geometry, rings with
 * fewer than 4 positions, non-numeric coordinates, unknown geometry types.
 */
import { kinks } from '@turf/kinks';
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { type CrsId, detectCrs, parseCrsName, toWgs84 } from './crs';

export interface GeoJsonIssue {
  /** feature index (0-based) or null for file-level notes */
  index: number | null;
  code: string;
  column: string | null;
  value: string | null;
  reason: string;
  severity: 'error' | 'warning';
}

export interface GeoJsonRead {
  header: string[];
  columns: string[][];
  geometries: (Geometry | null)[];
  crs: CrsId;
  crsSource: 'file' | 'detected' | 'override';
  swapped: boolean;
  issues: GeoJsonIssue[];
  geometryKind: 'point' | 'polygon' | 'line' | 'mixed' | 'none';
}

export type GeoJsonFatal = { fatal: { code: string; message: string } };

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

export function looksLikeJson(text: string): boolean {
  // the first character that is neither white space nor RS (0x1e, GeoJSON text sequence, RFC 8142)
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') return true;
    if (c.charCodeAt(0) !== 0x1e && c.trim() !== '') return false;
  }
  return false;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    // nested deeper than the stack allows (or otherwise not serialisable): keep the row, not the value
    return '[zu tief verschachtelt]';
  }
}

/** Visit every position of a geometry. */
function eachPosition(g: Geometry, f: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      f(g.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      for (const p of g.coordinates) f(p);
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const l of g.coordinates) for (const p of l) f(p);
      break;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const l of poly) for (const p of l) f(p);
      break;
    case 'GeometryCollection':
      for (const c of g.geometries) eachPosition(c, f);
      break;
  }
}

/** GeometryCollections nested deeper than this are refused (a recursive walk would overflow the stack). */
const MAX_COLLECTION_DEPTH = 16;

/** Structural check: nesting depth and numeric coordinates. Returns an error text or null. */
function checkStructure(g: Geometry, level = 0): string | null {
  if (!g || typeof g !== 'object' || !GEOMETRY_TYPES.has((g as Geometry).type))
    return `unbekannter Geometrietyp "${String((g as { type?: unknown })?.type)}"`;
  const depth: Record<string, number> = {
    Point: 0,
    MultiPoint: 1,
    LineString: 1,
    MultiLineString: 2,
    Polygon: 2,
    MultiPolygon: 3,
  };
  if (g.type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries)) return 'GeometryCollection ohne geometries';
    if (g.geometries.length === 0) return 'leere GeometryCollection';
    if (level >= MAX_COLLECTION_DEPTH)
      return `GeometryCollection zu tief verschachtelt (mehr als ${MAX_COLLECTION_DEPTH} Ebenen)`;
    for (const c of g.geometries) {
      const e = checkStructure(c, level + 1);
      if (e) return e;
    }
    return null;
  }
  const walk = (c: unknown, d: number): string | null => {
    if (!Array.isArray(c)) return 'Koordinaten fehlen oder sind keine Liste';
    if (d === 0) {
      if (c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number')
        return `Koordinate ${JSON.stringify(c).slice(0, 40)} ist keine Zahl`;
      if (!Number.isFinite(c[0]) || !Number.isFinite(c[1])) return 'Koordinate ist keine endliche Zahl';
      return null;
    }
    if (c.length === 0) return 'leere Koordinatenliste';
    for (const x of c) {
      const e = walk(x, d - 1);
      if (e) return e;
    }
    return null;
  };
  return walk((g as { coordinates: unknown }).coordinates, depth[g.type]);
}

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[i][0] - ring[j][0]) * (ring[i][1] + ring[j][1]);
  }
  return s / 2; // > 0 clockwise (with y up), < 0 counter-clockwise
}

interface RepairCounts {
  z: number;
  closed: number;
  rewound: number;
}

/** Repair rings of one polygon in place; returns an error text for unrepairable rings. */
function repairPolygon(rings: Position[][], counts: RepairCounts): string | null {
  const closedBefore = counts.closed;
  for (let k = 0; k < rings.length; k++) {
    const r = rings[k];
    const a = r[0];
    const b = r[r.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) {
      r.push([a[0], a[1]]);
      counts.closed++;
    }
    if (r.length < 4) return `Ring ${k + 1} hat nur ${r.length} Positionen (mindestens 4 nötig)`;
  }
  void closedBefore;
  // orientation only means something for simple rings; self-intersecting ones are reported, not rewound
  if (hasSelfIntersection(rings)) return 'self-intersection';
  for (let k = 0; k < rings.length; k++) {
    const r = rings[k];
    const area = signedArea(r);
    if (area === 0) return `Ring ${k + 1} hat keine Fläche`;
    // RFC 7946: outer ring counter-clockwise (area < 0 here), holes clockwise
    if ((k === 0 && area > 0) || (k > 0 && area < 0)) {
      r.reverse();
      counts.rewound++;
    }
  }
  return null;
}

function hasSelfIntersection(rings: Position[][]): boolean {
  try {
    const poly: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: rings },
    };
    return kinks(poly).features.length > 0;
  } catch {
    return false;
  }
}

function kindOf(g: Geometry | null): 'point' | 'polygon' | 'line' | 'none' {
  if (!g) return 'none';
  if (g.type === 'Point' || g.type === 'MultiPoint') return 'point';
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return 'polygon';
  if (g.type === 'LineString' || g.type === 'MultiLineString') return 'line';
  return 'none';
}

/**
 * Newline-delimited GeoJSON (RFC 8142 text sequences with RS separators, or one Feature per line as in
 * NDJSON / GeoJSONSeq): every non-empty line must be a Feature. Returns null otherwise.
 */
function parseFeatureSequence(text: string): Feature[] | null {
  const lines = text
    .replaceAll(String.fromCharCode(0x1e), '\n') // RFC 8142 record separator
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) return null;
  const out: Feature[] = [];
  for (const l of lines) {
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      return null;
    }
    if (!v || typeof v !== 'object' || (v as { type?: unknown }).type !== 'Feature') return null;
    out.push(v as Feature);
  }
  return out;
}

export function readGeoJson(
  text: string,
  opts: { crs?: CrsId; onProgress?: (f: number) => void } = {},
): GeoJsonRead | GeoJsonFatal {
  let json: unknown;
  let sequence = false;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const seq = parseFeatureSequence(text);
    if (!seq)
      return { fatal: { code: 'json-invalid', message: `Kein gültiges JSON: ${(e as Error).message}` } };
    json = { type: 'FeatureCollection', features: seq };
    sequence = true;
  }
  const obj = json as { type?: unknown; features?: unknown; crs?: unknown };
  if (obj && typeof obj === 'object' && obj.type === 'Topology')
    return {
      fatal: {
        code: 'topojson',
        message:
          'Die Datei ist TopoJSON, nicht GeoJSON. Bitte als GeoJSON exportieren (z. B. mit QGIS oder mapshaper) und erneut importieren.',
      },
    };
  let features: Feature[];
  if (obj && typeof obj === 'object' && obj.type === 'FeatureCollection' && Array.isArray(obj.features))
    features = obj.features as Feature[];
  else if (obj && typeof obj === 'object' && obj.type === 'Feature') features = [obj as unknown as Feature];
  else if (obj && typeof obj === 'object' && GEOMETRY_TYPES.has(String(obj.type)))
    features = [{ type: 'Feature', properties: {}, geometry: obj as unknown as Geometry }];
  else
    return {
      fatal: {
        code: 'json-not-geojson',
        message:
          'JSON ist kein GeoJSON: erwartet wird ein Objekt mit "type": "FeatureCollection", "Feature" oder ein Geometrietyp.',
      },
    };
  if (features.length === 0)
    return { fatal: { code: 'geojson-empty', message: 'GeoJSON enthält keine Features.' } };

  const issues: GeoJsonIssue[] = [];
  if (sequence)
    issues.push({
      index: null,
      code: 'geojson-sequence',
      column: null,
      value: String(features.length),
      reason: `Ein Feature pro Zeile (GeoJSON-Text-Sequenz / NDJSON) – ${features.length} Features gelesen`,
      severity: 'warning',
    });
  // properties → text columns (union of keys in order of first appearance)
  const headerIdx = new Map<string, number>();
  const columns: string[][] = [];
  const n = features.length;
  for (let i = 0; i < n; i++) {
    const p = features[i]?.properties;
    if (!p || typeof p !== 'object') continue;
    for (const k of Object.keys(p)) {
      let j = headerIdx.get(k);
      if (j === undefined) {
        j = columns.length;
        headerIdx.set(k, j);
        columns.push(new Array<string>(n).fill(''));
      }
      columns[j][i] = cellText((p as Record<string, unknown>)[k]);
    }
  }
  const header = [...headerIdx.keys()];

  // geometry validation
  const geometries: (Geometry | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const f = features[i];
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      issues.push({
        index: i,
        code: 'not-a-feature',
        column: null,
        value: null,
        reason: 'Eintrag ist kein Feature',
        severity: 'error',
      });
      continue;
    }
    if (!f.geometry) {
      issues.push({
        index: i,
        code: 'geometry-missing',
        column: 'geometry',
        value: null,
        reason: 'Feature ohne Geometrie',
        severity: 'error',
      });
      continue;
    }
    const err = checkStructure(f.geometry);
    if (err) {
      issues.push({
        index: i,
        code: 'geometry-invalid',
        column: 'geometry',
        value: f.geometry.type ?? null,
        reason: err,
        severity: 'error',
      });
      continue;
    }
    geometries[i] = f.geometry;
  }

  // CRS: explicit crs member, else detection from the coordinates
  let crs: CrsId = 'EPSG:4326';
  let crsSource: GeoJsonRead['crsSource'] = 'detected';
  let swapped = false;
  /** No CRS given and none detected: geometries outside the degree range cannot be placed. */
  let undetected = false;
  const crsMember = obj.crs as { properties?: { name?: unknown; href?: unknown } } | undefined;
  const named = crsMember?.properties?.name ?? crsMember?.properties?.href;
  if (opts.crs) {
    crs = opts.crs;
    crsSource = 'override';
  } else if (typeof named === 'string' && parseCrsName(named)) {
    crs = parseCrsName(named) as CrsId;
    crsSource = 'file';
  } else {
    if (crsMember)
      issues.push({
        index: null,
        code: 'crs-unknown',
        column: null,
        value: String(named ?? ''),
        reason: 'crs-Angabe nicht erkannt – Koordinatensystem aus den Werten bestimmt',
        severity: 'warning',
      });
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n && xs.length < 2000; i++) {
      const g = geometries[i];
      if (!g) continue;
      let taken = 0;
      eachPosition(g, (p) => {
        if (taken++ < 5) {
          xs.push(p[0]);
          ys.push(p[1]);
        }
      });
    }
    const guess = detectCrs(xs, ys);
    if (guess) {
      crs = guess.crs;
      swapped = guess.swapped;
    } else {
      undetected = true;
      issues.push({
        index: null,
        code: 'crs-undetected',
        column: null,
        value: null,
        reason:
          'Koordinatensystem nicht erkannt: Werte passen zu keinem bekannten System um Berlin (WGS84, EPSG:25833, EPSG:3068, EPSG:3857)',
        severity: 'warning',
      });
    }
  }

  // reproject + drop Z + repair rings
  const counts: RepairCounts = { z: 0, closed: 0, rewound: 0 };
  let selfIntersections = 0;
  const kinds = new Set<string>();
  for (let i = 0; i < n; i++) {
    const g = geometries[i];
    if (!g) continue;
    if (undetected) {
      let degrees = true;
      eachPosition(g, (p) => {
        if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) degrees = false;
      });
      if (!degrees) {
        issues.push({
          index: i,
          code: 'crs-unknown',
          column: 'geometry',
          value: g.type,
          reason:
            'Koordinaten sind keine Längen-/Breitengrade und passen zu keinem bekannten Koordinatensystem um Berlin',
          severity: 'error',
        });
        geometries[i] = null;
        continue;
      }
    }
    let hadZ = false;
    eachPosition(g, (p) => {
      if (p.length > 2) {
        p.length = 2;
        hadZ = true;
      }
      let x = p[0];
      let y = p[1];
      if (swapped) [x, y] = [y, x];
      if (crs !== 'EPSG:4326' || swapped) {
        const q = toWgs84(crs, x, y);
        p[0] = q[0];
        p[1] = q[1];
      }
    });
    if (hadZ) counts.z++;
    const polys: Position[][][] =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let bad: string | null = null;
    let selfX = false;
    for (const rings of polys) {
      const r = repairPolygon(rings, counts);
      if (r === 'self-intersection') selfX = true;
      else if (r) {
        bad = r;
        break;
      }
    }
    if (bad) {
      issues.push({
        index: i,
        code: 'ring-invalid',
        column: 'geometry',
        value: g.type,
        reason: bad,
        severity: 'error',
      });
      geometries[i] = null;
      continue;
    }
    if (selfX) {
      selfIntersections++;
      issues.push({
        index: i,
        code: 'self-intersection',
        column: 'geometry',
        value: g.type,
        reason:
          'Polygon schneidet sich selbst (unverändert übernommen; Flächen und Punkt-in-Fläche können abweichen)',
        severity: 'warning',
      });
    }
    kinds.add(kindOf(g));
    if (i % 2000 === 0) opts.onProgress?.(i / n);
  }
  if (counts.z)
    issues.push({
      index: null,
      code: 'z-dropped',
      column: 'geometry',
      value: String(counts.z),
      reason: `Höhenwerte (Z/M) bei ${counts.z} Features entfernt`,
      severity: 'warning',
    });
  if (counts.closed)
    issues.push({
      index: null,
      code: 'ring-closed',
      column: 'geometry',
      value: String(counts.closed),
      reason: `${counts.closed} nicht geschlossene Ringe geschlossen`,
      severity: 'warning',
    });
  if (counts.rewound)
    issues.push({
      index: null,
      code: 'ring-rewound',
      column: 'geometry',
      value: String(counts.rewound),
      reason: `Umlaufrichtung von ${counts.rewound} Ringen nach RFC 7946 korrigiert`,
      severity: 'warning',
    });
  void selfIntersections;
  kinds.delete('none');
  const geometryKind: GeoJsonRead['geometryKind'] =
    kinds.size === 0 ? 'none' : kinds.size > 1 ? 'mixed' : ([...kinds][0] as GeoJsonRead['geometryKind']);
  return { header, columns, geometries, crs, crsSource, swapped, issues, geometryKind };
}

export { eachPosition };
