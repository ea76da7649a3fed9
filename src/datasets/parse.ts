/**
 * Parsing of the runtime data files (pure TypeScript: runs in the worker and in unit tests).
 * IDs stay strings; every row is either used or reported as an ImportIssue naming file, row and column.
 */
import Papa from 'papaparse';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { AreaGeometry, ImportIssue, InstitutionKind, Manifest } from '../domain/types';
import type { AreaProps, Areas, Institution, InstitutionSet } from './types';

const DECIMAL_RE = /^[+-]?\d+(\.\d+)?$/;

/** Parse a number written with `.` as decimal separator (the runtime contract); anything else → null. */
export function parseDotDecimal(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  if (!DECIMAL_RE.test(v)) return null;
  return Number(v);
}

/** Rough box around Berlin, to flag coordinates that are swapped or in another CRS. */
const BERLIN_BOX = { minLon: 12.9, maxLon: 13.9, minLat: 52.2, maxLat: 52.8 };

interface KindSpec {
  id: string;
  required: string[];
  type: (r: Record<string, string>) => string;
  operator: string;
}

const SPECS: Record<InstitutionKind, KindSpec> = {
  school: {
    id: 'bsn',
    required: ['bsn', 'name', 'lon', 'lat'],
    type: (r) => r.schulart || r.schultyp || '',
    operator: 'traeger',
  },
  youth: {
    id: 'id',
    required: ['id', 'name', 'lon', 'lat'],
    type: (r) => r.art || '',
    operator: 'traeger_name',
  },
  kita: { id: 'id', required: ['id', 'name', 'lon', 'lat'], type: () => 'Kita', operator: 'traeger_name' },
};

export interface Parsed<T> {
  value: T;
  issues: ImportIssue[];
}

/** Parse one institutions CSV of the runtime contract. Rows with unusable coordinates are listed, not kept. */
export function parseInstitutionsCsv(
  kind: InstitutionKind,
  file: string,
  text: string,
): Parsed<InstitutionSet> {
  const spec = SPECS[kind];
  const issues: ImportIssue[] = [];
  const res = Papa.parse<Record<string, string>>(text, {
    header: true,
    dynamicTyping: false,
    skipEmptyLines: 'greedy',
  });
  for (const e of res.errors) {
    issues.push({
      file,
      row: e.row === undefined ? null : e.row + 2,
      column: null,
      value: null,
      reason: `CSV: ${e.message}`,
      severity: 'warning',
    });
  }
  const columns = res.meta.fields ?? [];
  const missing = spec.required.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    issues.push({
      file,
      row: 1,
      column: missing.join(', '),
      value: null,
      reason: `Pflichtspalte fehlt: ${missing.join(', ')}`,
      severity: 'error',
    });
    return {
      value: { kind, file, items: [], positions: new Float64Array(0), rowsRead: res.data.length },
      issues,
    };
  }
  const items: Institution[] = [];
  res.data.forEach((r, i) => {
    const row = i + 2; // header is row 1
    const id = (r[spec.id] ?? '').trim();
    const lon = parseDotDecimal(r.lon);
    const lat = parseDotDecimal(r.lat);
    if (!id) {
      issues.push({
        file,
        row,
        column: spec.id,
        value: r[spec.id] ?? '',
        reason: 'Kennung fehlt',
        severity: 'error',
      });
      return;
    }
    if (lon === null || lat === null) {
      const column = lon === null ? 'lon' : 'lat';
      issues.push({
        file,
        row,
        column,
        value: r[column] ?? '',
        reason: 'Koordinate fehlt oder ist keine Zahl',
        severity: 'error',
      });
      return;
    }
    if (
      lon < BERLIN_BOX.minLon ||
      lon > BERLIN_BOX.maxLon ||
      lat < BERLIN_BOX.minLat ||
      lat > BERLIN_BOX.maxLat
    ) {
      issues.push({
        file,
        row,
        column: 'lon',
        value: `${r.lon}, ${r.lat}`,
        reason: 'Koordinate außerhalb Berlins',
        severity: 'warning',
      });
    }
    const plr = (r.plr_id ?? '').trim();
    const street = [r.strasse, r.hausnr].filter(Boolean).join(' ');
    const city = [r.plz].filter(Boolean).join(' ');
    items.push({
      kind,
      id,
      name: (r.name ?? '').trim(),
      type: spec.type(r),
      operator: r[spec.operator] ?? '',
      bezirk: r.bezirk ?? '',
      address: [street, city].filter(Boolean).join(', '),
      lon,
      lat,
      plrId: plr === '' ? null : plr,
      fields: r,
    });
  });
  const positions = new Float64Array(items.length * 2);
  items.forEach((it, i) => {
    positions[2 * i] = it.lon;
    positions[2 * i + 1] = it.lat;
  });
  return { value: { kind, file, items, positions, rowsRead: res.data.length }, issues };
}

/** Convert the web-sized TopoJSON of one area level (object `areas`) to GeoJSON. IDs are kept as strings. */
export function topoToAreas(file: string, topo: unknown): Parsed<Areas> {
  const issues: ImportIssue[] = [];
  const t = topo as Topology;
  const obj = t?.objects?.areas as GeometryCollection<AreaProps> | undefined;
  if (t?.type !== 'Topology' || !obj) {
    issues.push({
      file,
      row: null,
      column: null,
      value: null,
      reason: 'Keine TopoJSON-Topologie mit Objekt „areas“',
      severity: 'error',
    });
    return { value: { type: 'FeatureCollection', features: [] }, issues };
  }
  const fc = feature(t, obj) as unknown as Areas;
  const features = fc.features.filter((f, i) => {
    const g = f.geometry as AreaGeometry | null;
    const ok = g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon');
    const id = f.properties?.id;
    if (!ok) {
      issues.push({
        file,
        row: i + 1,
        column: 'geometry',
        value: String(id ?? ''),
        reason: 'Fläche ohne Polygon-Geometrie',
        severity: 'error',
      });
      return false;
    }
    if (typeof id !== 'string' || id === '') {
      issues.push({
        file,
        row: i + 1,
        column: 'id',
        value: String(id ?? ''),
        reason: 'Fläche ohne Kennung (Text)',
        severity: 'error',
      });
      return false;
    }
    return true;
  });
  return { value: { type: 'FeatureCollection', features }, issues };
}

/** Light shape check of manifest.json: throws an Error naming the file when it cannot be used at all. */
export function checkManifest(file: string, json: unknown): Manifest {
  const m = json as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.datasets)) {
    throw new Error(`${file}: kein gültiges Manifest (Feld „datasets“ fehlt)`);
  }
  return {
    generatedAt: m.generatedAt ?? '',
    source: m.source ?? { mode: 'folder', location: '' },
    datasets: m.datasets,
    joinReport: Array.isArray(m.joinReport) ? m.joinReport : [],
    counts: m.counts ?? {},
  };
}
