/**
 * Column type and role detection (on a sample), with German and English column names.
 */
import { type LorLevel, repairLorId } from '../domain/lor';
import { classifyNumber, type DecimalSeparator, detectNumberFormat, makeNumberParser } from './numbers';
import type { ColumnInfo, ColumnRole, ColumnType } from './types';
import { looksLikeWkt } from './wkt';

/** Lower-case, umlauts folded, only letters and digits: "Längengrad" → "laengengrad", "X_Koord" → "xkoord". */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const NAME_PATTERNS: [ColumnRole, RegExp][] = [
  [
    'lat',
    /^(lat|latitude|breite|breitengrad|geobreite|latwgs84|wgs84lat|ywgs84|wgs84y|geolat|koordlat|latdeg)$/,
  ],
  [
    'lon',
    /^(lon|lng|long|longitude|laenge|laengengrad|geolaenge|lonwgs84|lngwgs84|wgs84lon|wgs84lng|xwgs84|wgs84x|geolon|geolng|koordlon|londeg)$/,
  ],
  [
    'x',
    /^(x|rechtswert|rw|easting|ostwert|xkoord|xkoordinate|xcoord|xcoordinate|xutm|utmx|x25833|xetrs89|etrs89x|xsoldner|koordx|xwert|rwert)$/,
  ],
  [
    'y',
    /^(y|hochwert|hw|northing|nordwert|ykoord|ykoordinate|ycoord|ycoordinate|yutm|utmy|y25833|yetrs89|etrs89y|ysoldner|koordy|ywert|hwert)$/,
  ],
  ['wkt', /^(wkt|geometry|geometrie|geom|thegeom|shape|wktgeom|geomwkt)$/],
  ['bsn', /^(bsn|schulnummer|schulnr|bsnr|schulnummerbsn)$/],
  [
    'name',
    /^(name|namen|bezeichnung|schulname|einrichtung|einrichtungsname|titel|title|label|kitaname|namekurz)$/,
  ],
];

const AREA_NAME: [LorLevel | null, RegExp][] = [
  ['plr', /^(plrid|plr|plrnr|planungsraum|planungsraumid|planungsraumnr|plrschluessel|plrkey|lorplr)$/],
  ['bzr', /^(bzrid|bzr|bzrnr|bezirksregion|bezirksregionid|bzrschluessel)$/],
  ['pgr', /^(pgrid|pgr|pgrnr|prognoseraum|prognoseraumid|pgrschluessel)$/],
  ['bez', /^(bezid|beznr|bezirksnummer|bezirknr|bezirkid|bezirksid|bezschluessel)$/],
  [null, /^(lor|lorid|lornr|raumid|lorschluessel|lorraum|raumschluessel|gebietid)$/],
];

const ID_NAME = /(^id$|id$|^id|nr$|nummer$|schluessel$|kennung$|code$|key$|^plz$|postleitzahl|^ags$)/;

const BSN_RE = /^\d{2}[A-Z]\d{2,3}$/;
const BOOL_TRUE = new Set(['true', 'wahr', 'ja', 'yes', 'j', 'y']);
const BOOL_FALSE = new Set(['false', 'falsch', 'nein', 'no', 'n']);
const DATE_RE = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?|\d{1,2}\.\d{1,2}\.\d{4})$/;

/** Up to `n` non-empty values spread over the whole column. */
export function sampleColumn(values: readonly string[], n = 1000): string[] {
  const out: string[] = [];
  const step = Math.max(1, Math.floor(values.length / n));
  for (let i = 0; i < values.length && out.length < n; i += step) {
    const v = values[i];
    if (v !== undefined && v.trim() !== '') out.push(v);
  }
  // a sparse column: walk it fully (cheap compared with parsing) to find a few values
  if (out.length < 20 && step > 1) {
    for (let i = 0; i < values.length && out.length < n; i++) {
      const v = values[i];
      if (v !== undefined && v.trim() !== '' && i % step !== 0) out.push(v);
    }
  }
  return out;
}

/** Which LOR level a set of ID values belongs to (with repair of one lost leading zero), or null. */
export function detectAreaLevel(sample: readonly string[], minShare = 0.95): LorLevel | null {
  if (sample.length === 0) return null;
  let best: LorLevel | null = null;
  let bestOk = 0;
  for (const level of ['plr', 'bzr', 'pgr', 'bez'] as const) {
    let ok = 0;
    for (const v of sample) if (repairLorId(level, v)) ok++;
    if (ok > bestOk) {
      best = level;
      bestOk = ok;
    }
  }
  return bestOk >= sample.length * minShare ? best : null;
}

export interface DetectedColumn {
  type: ColumnType;
  role: ColumnRole;
  decimal?: DecimalSeparator;
  thousands?: ColumnInfo['thousands'];
  areaLevel?: LorLevel;
}

/**
 * Detect the type and role of one column from its name and a sample of its values.
 * `decimalHint` = the decimal separator that the file as a whole suggests.
 */
export function detectColumn(
  name: string,
  sample: readonly string[],
  decimalHint: DecimalSeparator,
): DetectedColumn {
  const key = normalizeName(name);
  if (sample.length === 0) {
    const role = NAME_PATTERNS.find(([, re]) => re.test(key))?.[0] ?? 'none';
    return { type: 'empty', role };
  }
  const trimmed = sample.map((s) => s.trim());
  let numeric = 0;
  let ints = 0;
  let leadingZero = 0;
  for (const s of trimmed) {
    const c = classifyNumber(s);
    if (c !== 'none') numeric++;
    if (c === 'int') {
      ints++;
      if (s.length > 1 && s[0] === '0') leadingZero++;
    }
  }
  const n = trimmed.length;
  const nameRole = NAME_PATTERNS.find(([, re]) => re.test(key))?.[0];

  // Area keys (LOR) by name, or by value for unmistakable 8-digit PLR IDs.
  const areaByName = AREA_NAME.find(([, re]) => re.test(key));
  if (areaByName) {
    // by name: most values must be IDs of one level (the others are reported per row)
    const level = detectAreaLevel(trimmed, 0.5);
    if (level && (areaByName[0] === null || areaByName[0] === level))
      return { type: 'id', role: 'areaId', areaLevel: level };
  }
  if (ints === n) {
    const level = detectAreaLevel(trimmed);
    if (!areaByName && level === 'plr' && trimmed.every((s) => /^[01]\d{7}$/.test(s) || /^\d{7}$/.test(s))) {
      if (trimmed.some((s) => s.length === 8)) return { type: 'id', role: 'areaId', areaLevel: 'plr' };
    }
  }

  // School numbers
  if (nameRole === 'bsn' || trimmed.filter((s) => BSN_RE.test(s)).length >= n * 0.9)
    return { type: 'id', role: 'bsn' };

  // IDs: integers with leading zeros, or integer/code columns named like an ID
  if (ints === n && (leadingZero > 0 || ID_NAME.test(key)) && nameRole !== 'lat' && nameRole !== 'lon')
    if (!['x', 'y'].includes(nameRole ?? ''))
      return { type: 'id', role: nameRole === 'name' ? 'name' : 'id' };

  // WKT
  if (trimmed.filter(looksLikeWkt).length >= n * 0.8) return { type: 'text', role: 'wkt' };

  // Numbers
  if (numeric >= n * 0.9) {
    const fmt = detectNumberFormat(trimmed, decimalHint);
    const parse = makeNumberParser(fmt);
    let allInt = true;
    let parsed = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const s of trimmed) {
      const v = parse(s);
      if (Number.isNaN(v)) continue;
      parsed++;
      if (!Number.isInteger(v)) allInt = false;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (parsed >= n * 0.9) {
      const type: ColumnType = allInt ? 'integer' : 'decimal';
      let role: ColumnRole = nameRole && ['lat', 'lon', 'x', 'y'].includes(nameRole) ? nameRole : 'none';
      // unnamed coordinate columns in degrees around Berlin
      if (role === 'none' && !allInt) {
        if (min >= 52.2 && max <= 52.8) role = 'lat';
        else if (min >= 12.9 && max <= 13.9) role = 'lon';
      }
      return { type, role, decimal: fmt.decimal, thousands: fmt.thousands };
    }
  }

  // Booleans
  const lower = trimmed.map((s) => s.toLowerCase());
  if (lower.every((s) => BOOL_TRUE.has(s) || BOOL_FALSE.has(s)) && new Set(lower).size >= 1)
    return { type: 'boolean', role: 'none' };

  // Dates
  if (trimmed.filter((s) => DATE_RE.test(s)).length >= n * 0.9) return { type: 'date', role: 'none' };

  // Text: name / category
  if (nameRole === 'name') return { type: 'text', role: 'name' };
  if (nameRole === 'lat' || nameRole === 'lon' || nameRole === 'x' || nameRole === 'y')
    return { type: 'text', role: nameRole }; // coordinates that do not parse: reported per row
  const distinct = new Set(trimmed).size;
  if (distinct <= 30 && distinct <= n / 3) return { type: 'text', role: 'category' };
  if (ID_NAME.test(key)) return { type: 'id', role: 'id' };
  return { type: 'text', role: 'none' };
}

/** Parse a boolean cell: 1 true, 0 false, 2 empty/unknown. */
export function parseBoolean(s: string): number {
  const v = s.trim().toLowerCase();
  if (BOOL_TRUE.has(v)) return 1;
  if (BOOL_FALSE.has(v)) return 0;
  return 2;
}

/** Normalise a date cell to ISO `YYYY-MM-DD` (time kept), or null when it is not a date. */
export function normalizeDate(s: string): string | null {
  const v = s.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(v);
  if (m) return v;
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return null;
}
