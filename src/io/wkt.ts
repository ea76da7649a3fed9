/**
 * Minimal WKT / EWKT reader: POINT, MULTIPOINT, LINESTRING, MULTILINESTRING, POLYGON, MULTIPOLYGON,
 * with optional Z/M/ZM (extra ordinates are dropped) and an optional `SRID=…;` prefix.
 */
import type { Geometry, Position } from 'geojson';

export interface WktResult {
  geometry: Geometry | null;
  srid: number | null;
  /** true when Z or M values were dropped */
  dropped3d: boolean;
  error?: string;
}

const TYPES = ['POINT', 'MULTIPOINT', 'LINESTRING', 'MULTILINESTRING', 'POLYGON', 'MULTIPOLYGON'] as const;
type WktType = (typeof TYPES)[number];

export function looksLikeWkt(s: string): boolean {
  return /^\s*(SRID=\d+;\s*)?(MULTI)?(POINT|LINESTRING|POLYGON)\s*(Z|M|ZM)?\s*(\(|EMPTY)/i.test(s);
}

type Nested = number[] | Nested[];

export function parseWkt(input: string): WktResult {
  let s = input.trim();
  let srid: number | null = null;
  const sm = /^SRID=(\d+);/i.exec(s);
  if (sm) {
    srid = Number(sm[1]);
    s = s.slice(sm[0].length).trim();
  }
  const m = /^([A-Za-z]+)\s*(ZM|Z|M)?\s*/.exec(s);
  if (!m) return { geometry: null, srid, dropped3d: false, error: 'kein WKT-Geometrietyp' };
  const type = m[1].toUpperCase() as WktType;
  if (!TYPES.includes(type))
    return { geometry: null, srid, dropped3d: false, error: `WKT-Typ ${m[1]} nicht unterstützt` };
  const body = s.slice(m[0].length).trim();
  if (/^EMPTY$/i.test(body))
    return { geometry: null, srid, dropped3d: false, error: 'leere Geometrie (EMPTY)' };
  let pos = 0;
  let dropped3d = Boolean(m[2]);
  const fail = (msg: string): WktResult => ({ geometry: null, srid, dropped3d, error: msg });
  // Recursive descent over nested parentheses; leaves are coordinate tuples.
  const parseList = (): Nested | string => {
    if (body[pos] !== '(') return `"(" erwartet an Position ${pos + 1}`;
    pos++;
    skip();
    const items: Nested[] = [];
    if (body[pos] === '(') {
      for (;;) {
        const it = parseList();
        if (typeof it === 'string') return it;
        items.push(it);
        skip();
        if (body[pos] === ',') {
          pos++;
          skip();
          continue;
        }
        if (body[pos] === ')') {
          pos++;
          return items;
        }
        return `"," oder ")" erwartet an Position ${pos + 1}`;
      }
    }
    // coordinate list: "x y[, x y]*"
    const end = body.indexOf(')', pos);
    if (end < 0) return '")" fehlt';
    const tuples = body.slice(pos, end).split(',');
    pos = end + 1;
    for (const t of tuples) {
      const nums = t.trim().split(/\s+/).map(Number);
      if (nums.length < 2 || nums.some((v) => !Number.isFinite(v)))
        return `Koordinate "${t.trim()}" ungültig`;
      if (nums.length > 2) dropped3d = true;
      items.push([nums[0], nums[1]]);
    }
    return items;
  };
  const skip = () => {
    while (pos < body.length && /\s/.test(body[pos])) pos++;
  };
  const tree = parseList();
  if (typeof tree === 'string') return fail(tree);
  skip();
  if (pos !== body.length) return fail(`unerwartete Zeichen nach Position ${pos + 1}`);
  const t = tree as Nested[];
  const pts = (a: Nested[]): Position[] =>
    a.map((p) => (Array.isArray(p[0]) ? (p[0] as number[]) : (p as number[])));
  switch (type) {
    case 'POINT':
      if (t.length !== 1) return fail('POINT braucht genau eine Koordinate');
      return { geometry: { type: 'Point', coordinates: t[0] as number[] }, srid, dropped3d };
    case 'MULTIPOINT':
      return { geometry: { type: 'MultiPoint', coordinates: pts(t) }, srid, dropped3d };
    case 'LINESTRING':
      return { geometry: { type: 'LineString', coordinates: t as number[][] }, srid, dropped3d };
    case 'MULTILINESTRING':
      return { geometry: { type: 'MultiLineString', coordinates: t as number[][][] }, srid, dropped3d };
    case 'POLYGON':
      return { geometry: { type: 'Polygon', coordinates: t as number[][][] }, srid, dropped3d };
    case 'MULTIPOLYGON':
      return { geometry: { type: 'MultiPolygon', coordinates: t as number[][][][] }, srid, dropped3d };
  }
}
