/**
 * GeoJSON export (RFC 7946): the filtered areas and institutions with their attributes.
 * - Coordinates are WGS84 lon/lat (RFC 7946 has no `crs` member); polygon rings follow the right-hand rule
 *   (exterior counter-clockwise, holes clockwise; reversed where needed); rounded to `precision` decimals
 *   (default 6 ≈ 0.1 m); consecutive duplicate positions created by rounding are dropped (rings stay closed
 *   and keep at least 4 positions). Projected input (e.g. EPSG:25833 metres) is rejected with a clear message.
 * - Properties are keyed by the column KEY (short, GIS-friendly); readable labels, types and units are listed
 *   once in the foreign member `columns`. IDs are strings; numbers are rounded as in the views;
 *   suppressed and missing values are `null`. Each feature also gets `layer` (which table it came from)
 *   and a string `id` when the table has an `id` column.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { cellValue, type ExportColumn, type ExportRow, type ExportTable } from './table';

export const GEOJSON_MIME = 'application/geo+json';

export interface GeoLayer {
  table: ExportTable;
  /** Geometry of row i (WGS84), or null (the feature is then written with `geometry: null`). */
  geometry: (row: ExportRow, index: number) => Geometry | null;
  /** Value of the `layer` property; default table.name. */
  layer?: string;
}

export interface GeoJsonOptions {
  precision?: number;
  /** Extra foreign members on the collection (e.g. export date, suppression rule). */
  meta?: Record<string, unknown>;
}

export interface ExportFeatureCollection extends FeatureCollection<Geometry | null> {
  columns: { layer: string; key: string; label: string; type: ExportColumn['type']; unit?: string }[];
  [foreign: string]: unknown;
}

function checkPosition(p: Position, where: string): void {
  const [lon, lat] = p;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new Error(
      `GeoJSON export: ${where} has coordinates (${lon}, ${lat}) outside WGS84 — reproject to EPSG:4326 first`,
    );
  }
}

function roundPosition(p: Position, f: number): Position {
  return [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
}

function roundLine(line: Position[], f: number, where: string, minLength: number): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    checkPosition(p, where);
    const r = roundPosition(p, f);
    const last = out[out.length - 1];
    if (!last || last[0] !== r[0] || last[1] !== r[1]) out.push(r);
  }
  return out.length >= minLength ? out : line.map((p) => roundPosition(p, f));
}

/** Twice the signed area (shoelace); > 0 for a counter-clockwise ring (lon right, lat up). */
export function ringArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** RFC 7946 right-hand rule: exterior ring counter-clockwise, holes clockwise. */
function orientRings(rings: Position[][]): Position[][] {
  return rings.map((r, i) => {
    const ccw = ringArea2(r) > 0;
    return (i === 0) === ccw ? r : [...r].reverse();
  });
}

/** Round a geometry's coordinates (and validate WGS84); polygons follow the RFC 7946 winding order. */
export function roundGeometry(g: Geometry, precision = 6, where = 'feature'): Geometry {
  const f = 10 ** precision;
  switch (g.type) {
    case 'Point':
      checkPosition(g.coordinates, where);
      return { type: 'Point', coordinates: roundPosition(g.coordinates, f) };
    case 'MultiPoint':
      for (const p of g.coordinates) checkPosition(p, where);
      return { type: 'MultiPoint', coordinates: g.coordinates.map((p) => roundPosition(p, f)) };
    case 'LineString':
      return { type: 'LineString', coordinates: roundLine(g.coordinates, f, where, 2) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => roundLine(l, f, where, 2)) };
    case 'Polygon':
      return {
        type: 'Polygon',
        coordinates: orientRings(g.coordinates.map((r) => roundLine(r, f, where, 4))),
      };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: g.coordinates.map((poly) => orientRings(poly.map((r) => roundLine(r, f, where, 4)))),
      };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: g.geometries.map((x) => roundGeometry(x, precision, where)),
      };
  }
}

/** One FeatureCollection holding the features of all layers, in layer order. */
export function toGeoJson(layers: GeoLayer[], options: GeoJsonOptions = {}): ExportFeatureCollection {
  const precision = options.precision ?? 6;
  if (!(precision >= 0 && precision <= 10)) throw new Error(`GeoJSON export: invalid precision ${precision}`);
  const features: Feature<Geometry | null>[] = [];
  const columns: ExportFeatureCollection['columns'] = [];
  for (const layer of layers) {
    const name = layer.layer ?? layer.table.name;
    const { table } = layer;
    for (const c of table.columns)
      columns.push({ layer: name, key: c.key, label: c.label, type: c.type, unit: c.unit });
    const idColumn = table.columns.find((c) => c.key === 'id');
    table.rows.forEach((row, i) => {
      const properties: Record<string, string | number | null> = { layer: name };
      for (const c of table.columns) properties[c.key] = cellValue(c, row[c.key]);
      const raw = layer.geometry(row, i);
      const id = idColumn ? cellValue(idColumn, row.id) : null;
      const where = `${name} row ${i + 1}${id !== null ? ` (id ${id})` : ''}`;
      const feature: Feature<Geometry | null> = {
        type: 'Feature',
        geometry: raw ? roundGeometry(raw, precision, where) : null,
        properties,
      };
      if (id !== null) feature.id = String(id);
      features.push(feature);
    });
  }
  const fc: ExportFeatureCollection = { type: 'FeatureCollection', ...options.meta, columns, features };
  fc.type = 'FeatureCollection'; // a `meta.type` must not override it
  return fc;
}

/** Serialise (compact, UTF-8 text). */
export function geoJsonText(fc: ExportFeatureCollection): string {
  return `${JSON.stringify(fc)}\n`;
}
