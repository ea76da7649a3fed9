/**
 * URL codec for the shareable part of the view (pure: no window, no history).
 *
 *   level=plr&ind=kinder_anteil&cls=jenks.5&brk=10_20.5&sd=0.5
 *   &typ=Grundschule&typ=Gymnasium&tr=öffentlich&bez=01&bez=02&r.kinder_anteil=10_&ov=in
 *   &rad=13.405_52.52_500&poly=<compact>&sel=area.01100101&map=11.5_52.52_13.405&lang=en
 *
 * Only characters that URLSearchParams leaves alone (letters, digits, `-._`) are used as separators,
 * so links stay readable. Decoding never throws: unknown or tampered parameters are dropped and reported
 * as notices in the user's language.
 */
import type { Locale } from '../i18n/catalog';
import { pick } from '../i18n/catalog';
import { type ViewsMessages, viewsMessages } from '../i18n/messages/views';
import { CLASSIFY_METHODS, type ClassifyMethod, MAX_CLASSES, MIN_CLASSES } from '../indicators/classify';

export type SelectionKind = 'area' | 'school' | 'youth' | 'kita' | 'housing' | 'esb';
export const SELECTION_KINDS: readonly SelectionKind[] = [
  'area',
  'school',
  'youth',
  'kita',
  'housing',
  'esb',
];

export interface UrlClassification {
  method: ClassifyMethod;
  /** 3–9; for `manual` the breaks decide. */
  classes: number;
  breaks?: number[];
  sdStep?: 1 | 0.5;
}

export interface IndicatorRange {
  id: string;
  min: number | null;
  max: number | null;
  /**
   * The level the range acts on when it is not the link's level (`r.<id>@<level>`): a range set on one
   * level keeps filtering institutions after a switch to another, so the link keeps it too.
   */
  level?: string;
}

export interface UrlFilters {
  /** Institution types (Schulart, JFE-Art …). */
  types?: string[];
  /** Träger (provider) categories. */
  traeger?: string[];
  /** Bezirk ids, e.g. "01". */
  bezirk?: string[];
  ranges?: IndicatorRange[];
  /** Institutions inside or outside the drawn polygon / radius. */
  overlay?: 'inside' | 'outside';
  /** Which Erhaltungsgebiete the overlay filter refers to (default any). */
  overlayLayer?: 'em' | 'es' | 'any';
  radius?: { lon: number; lat: number; m: number };
  /** Ring of [lon, lat] without the closing point. */
  polygon?: [number, number][];
}

export interface UrlSelection {
  kind: SelectionKind;
  id: string;
}

export interface UrlMapView {
  lon: number;
  lat: number;
  zoom: number;
}

export interface UrlViewState {
  level?: string;
  indicator?: string;
  classification?: UrlClassification;
  filters?: UrlFilters;
  selection?: UrlSelection | null;
  view?: UrlMapView;
  lang?: Locale;
}

export interface UrlKnown {
  levels: readonly string[];
  indicatorIds: readonly string[];
  selectionKinds?: readonly SelectionKind[];
  /** When given, only these values are accepted. */
  types?: readonly string[];
  traeger?: readonly string[];
  bezirkIds?: readonly string[];
  /** [west, south, east, north] accepted for map view, radius centre and polygon vertices. */
  bounds?: [number, number, number, number];
  /** Optional check that a selected area/institution exists. */
  isKnownSelection?: (sel: UrlSelection) => boolean;
  /**
   * Optional check that an indicator has values on the link's level (`level` undefined = the default level),
   * e.g. a range `r.<id>` on the Einschulbereiche needs an Einschulbereich indicator; other ranges are dropped.
   */
  rangeOnLevel?: (indicatorId: string, level: string | undefined) => boolean;
}

export type UrlIssueCode =
  | 'unknownParam'
  | 'invalidValue'
  | 'duplicate'
  | 'unknownLevel'
  | 'unknownIndicator'
  | 'outOfBounds'
  | 'tooLong'
  | 'tooMany';

export interface UrlIssue {
  code: UrlIssueCode;
  param: string;
  value?: string;
}

export interface DecodedViewState {
  state: UrlViewState;
  notices: string[];
  issues: UrlIssue[];
}

export const URL_LIMITS = {
  /** Whole query string. */
  maxLength: 16_000,
  /** Values of one repeated parameter. */
  maxListValues: 100,
  maxPolygonVertices: 500,
  maxRadiusM: 50_000,
  maxZoom: 22,
} as const;

const P = {
  level: 'level',
  indicator: 'ind',
  cls: 'cls',
  breaks: 'brk',
  sd: 'sd',
  types: 'typ',
  traeger: 'tr',
  bezirk: 'bez',
  rangePrefix: 'r.',
  overlay: 'ov',
  overlayLayer: 'ovl',
  radius: 'rad',
  polygon: 'poly',
  selection: 'sel',
  map: 'map',
  lang: 'lang',
} as const;
const SINGLE = new Set<string>([
  P.level,
  P.indicator,
  P.cls,
  P.breaks,
  P.sd,
  P.overlay,
  P.overlayLayer,
  P.radius,
  P.polygon,
  P.selection,
  P.map,
  P.lang,
]);
const LISTS = new Set<string>([P.types, P.traeger, P.bezirk]);

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Free-text list values (type / Träger names): printable, no markup or control characters, ≤ 120 chars. */
const TEXT_RE = /^(?=.*[\p{L}\p{N}])[^\p{C}<>{}\\`]{1,120}$/u;
/** Plain decimal numbers as written by the encoder; no exponent, hex, Infinity or NaN. */
const NUM_RE = /^-?\d{1,12}(\.\d{1,10})?$/;
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

// --- encoding --------------------------------------------------------------------------------------

/** Fixed-point number without trailing zeros and without "-0"; null when not encodable. */
function num(v: number, decimals: number): string | null {
  if (!Number.isFinite(v) || Math.abs(v) >= 1e12) return null;
  let s = v.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

const COORD_SCALE = 1e5; // ≈ 1 m

/** Compact polygon: first vertex absolute, then deltas, integers of 1e-5° in base 36. */
export function encodePolygon(ring: readonly (readonly [number, number])[]): string {
  let pts = ring.map(([lon, lat]) => [Math.round(lon * COORD_SCALE), Math.round(lat * COORD_SCALE)]);
  if (pts.length > 1) {
    const [a, b] = [pts[0], pts[pts.length - 1]];
    if (a[0] === b[0] && a[1] === b[1]) pts = pts.slice(0, -1);
  }
  let px = 0;
  let py = 0;
  return pts
    .map(([x, y]) => {
      const s = `${(x - px).toString(36)}.${(y - py).toString(36)}`;
      px = x;
      py = y;
      return s;
    })
    .join('_');
}

export function decodePolygon(s: string): [number, number][] | null {
  const parts = s.split('_');
  if (parts.length < 3 || parts.length > URL_LIMITS.maxPolygonVertices) return null;
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const p of parts) {
    const m = /^(-?[0-9a-z]{1,8})\.(-?[0-9a-z]{1,8})$/.exec(p);
    if (!m) return null;
    x += Number.parseInt(m[1], 36);
    y += Number.parseInt(m[2], 36);
    out.push([x / COORD_SCALE, y / COORD_SCALE]);
  }
  return out;
}

/** The query string (without "?") for a view state; fields that are undefined are left out. */
export function encodeViewState(state: UrlViewState): string {
  const q = new URLSearchParams();
  if (state.level) q.set(P.level, state.level);
  if (state.indicator) q.set(P.indicator, state.indicator);
  const c = state.classification;
  if (c) {
    q.set(P.cls, c.method === 'manual' ? 'manual' : `${c.method}.${Math.round(c.classes)}`);
    if (c.method === 'manual' && c.breaks?.length) {
      const b = c.breaks.map((v) => num(v, 6)).filter((v): v is string => v !== null);
      if (b.length) q.set(P.breaks, b.join('_'));
    }
    if (c.method === 'stddev' && c.sdStep === 0.5) q.set(P.sd, '0.5');
  }
  const f = state.filters;
  if (f) {
    for (const t of f.types ?? []) q.append(P.types, t);
    for (const t of f.traeger ?? []) q.append(P.traeger, t);
    for (const b of f.bezirk ?? []) q.append(P.bezirk, b);
    for (const r of f.ranges ?? []) {
      const lo = r.min === null ? '' : (num(r.min, 6) ?? '');
      const hi = r.max === null ? '' : (num(r.max, 6) ?? '');
      if (lo !== '' || hi !== '')
        q.append(`${P.rangePrefix}${r.id}${r.level ? `@${r.level}` : ''}`, `${lo}_${hi}`);
    }
    if (f.overlay) q.set(P.overlay, f.overlay === 'inside' ? 'in' : 'out');
    if (f.overlay && (f.overlayLayer === 'em' || f.overlayLayer === 'es'))
      q.set(P.overlayLayer, f.overlayLayer);
    if (f.radius) {
      const parts = [num(f.radius.lon, 5), num(f.radius.lat, 5), num(f.radius.m, 0)];
      if (parts.every((p) => p !== null)) q.set(P.radius, parts.join('_'));
    }
    if (f.polygon && f.polygon.length >= 3) q.set(P.polygon, encodePolygon(f.polygon));
  }
  if (state.selection) q.set(P.selection, `${state.selection.kind}.${state.selection.id}`);
  if (state.view) {
    const parts = [num(state.view.zoom, 2), num(state.view.lat, 5), num(state.view.lon, 5)];
    if (parts.every((p) => p !== null)) q.set(P.map, parts.join('_'));
  }
  if (state.lang) q.set(P.lang, state.lang);
  return q.toString();
}

// --- decoding --------------------------------------------------------------------------------------

/** Shorten and neutralise a value for display in a notice. */
function shown(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function parseNum(s: string): number | null {
  if (!NUM_RE.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function inBounds(lon: number, lat: number, b: [number, number, number, number]): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

/**
 * Read a query string ("?a=b" or "a=b"). Never throws; everything that is not understood is dropped
 * and listed in `issues` and as sentences in `notices` (German by default).
 */
export function decodeViewState(search: string, known: UrlKnown, locale: Locale = 'de'): DecodedViewState {
  const issues: UrlIssue[] = [];
  const state: UrlViewState = {};
  const m = pick(viewsMessages, locale);
  const issue = (code: UrlIssueCode, param: string, value?: string) => {
    const i: UrlIssue = { code, param: shown(param) };
    if (value !== undefined) i.value = shown(value);
    issues.push(i);
  };
  const finish = (): DecodedViewState => ({ state, notices: issues.map((i) => noticeText(i, m)), issues });

  if (typeof search !== 'string') return finish();
  if (search.length > URL_LIMITS.maxLength) {
    issue('tooLong', '');
    return finish();
  }

  let params: [string, string][];
  try {
    params = [...new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)];
  } catch {
    issue('invalidValue', '', search);
    return finish();
  }

  const single = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const ranges: [string, string][] = [];
  const seenUnknown = new Set<string>();
  for (const [key, value] of params) {
    if (SINGLE.has(key)) {
      if (single.has(key)) issue('duplicate', key);
      else single.set(key, value);
    } else if (LISTS.has(key)) {
      const l = lists.get(key) ?? [];
      l.push(value);
      lists.set(key, l);
    } else if (key.startsWith(P.rangePrefix)) {
      ranges.push([key.slice(P.rangePrefix.length), value]);
    } else if (!seenUnknown.has(key)) {
      seenUnknown.add(key);
      issue('unknownParam', key);
    }
  }
  const bounds = known.bounds ?? WORLD;

  // level & indicator
  const level = single.get(P.level);
  if (level !== undefined) {
    if (known.levels.includes(level)) state.level = level;
    else issue('unknownLevel', P.level, level);
  }
  const ind = single.get(P.indicator);
  if (ind !== undefined) {
    if (ID_RE.test(ind) && known.indicatorIds.includes(ind)) state.indicator = ind;
    else issue('unknownIndicator', P.indicator, ind);
  }

  // classification
  const cls = single.get(P.cls);
  if (cls !== undefined) {
    const mm = /^([a-z]+)(?:\.(\d{1,2}))?$/.exec(cls);
    const method = mm?.[1] as ClassifyMethod | undefined;
    const classes = mm?.[2] !== undefined ? Number(mm[2]) : undefined;
    if (!mm || !method || !CLASSIFY_METHODS.includes(method)) {
      issue('invalidValue', P.cls, cls);
    } else if (method === 'manual') {
      const raw = single.get(P.breaks);
      const parts = raw?.split('_') ?? [];
      const breaks = parts.map(parseNum);
      if (
        raw === undefined ||
        parts.length > MAX_CLASSES - 1 ||
        breaks.some((b) => b === null) ||
        new Set(breaks).size !== breaks.length
      ) {
        issue('invalidValue', P.breaks, raw ?? '');
      } else {
        const sortedBreaks = (breaks as number[]).sort((a, b) => a - b);
        state.classification = { method, classes: sortedBreaks.length + 1, breaks: sortedBreaks };
      }
    } else if (classes === undefined || classes < MIN_CLASSES || classes > MAX_CLASSES) {
      issue('outOfBounds', P.cls, cls);
    } else {
      state.classification = { method, classes };
      if (method === 'stddev') {
        const sd = single.get(P.sd);
        if (sd === '0.5') state.classification.sdStep = 0.5;
        else if (sd === '1' || sd === undefined) state.classification.sdStep = 1;
        else issue('invalidValue', P.sd, sd);
      }
    }
  }
  if (single.has(P.breaks) && state.classification?.method !== 'manual' && cls !== undefined) {
    if (!issues.some((i) => i.param === P.breaks)) issue('invalidValue', P.breaks, single.get(P.breaks));
  }

  // filters
  const filters: UrlFilters = {};
  const readList = (key: string, valid: (v: string) => boolean, allowed?: readonly string[]): string[] => {
    const raw = lists.get(key) ?? [];
    if (raw.length > URL_LIMITS.maxListValues) issue('tooMany', key);
    const out: string[] = [];
    for (const v of raw.slice(0, URL_LIMITS.maxListValues)) {
      if (!valid(v) || (allowed && !allowed.includes(v))) issue('invalidValue', key, v);
      else if (!out.includes(v)) out.push(v);
    }
    return out;
  };
  const types = readList(P.types, (v) => TEXT_RE.test(v), known.types);
  if (types.length) filters.types = types;
  const traeger = readList(P.traeger, (v) => TEXT_RE.test(v), known.traeger);
  if (traeger.length) filters.traeger = traeger;
  const bezirk = readList(P.bezirk, (v) => /^\d{2}$/.test(v), known.bezirkIds);
  if (bezirk.length) filters.bezirk = bezirk;

  if (ranges.length > URL_LIMITS.maxListValues) issue('tooMany', 'r.*');
  const rangeOut: IndicatorRange[] = [];
  for (const [name, value] of ranges.slice(0, URL_LIMITS.maxListValues)) {
    const key = `${P.rangePrefix}${name}`;
    // `r.<id>` acts on the link's level, `r.<id>@<level>` on another one
    const at = name.indexOf('@');
    const id = at < 0 ? name : name.slice(0, at);
    const rangeLevel = at < 0 ? undefined : name.slice(at + 1);
    if (!ID_RE.test(id) || !known.indicatorIds.includes(id)) {
      issue('unknownIndicator', key, id);
      continue;
    }
    if (rangeLevel !== undefined && !known.levels.includes(rangeLevel)) {
      issue('invalidValue', key, value);
      continue;
    }
    if (rangeOut.some((r) => r.id === id && (r.level ?? state.level) === (rangeLevel ?? state.level))) {
      issue('duplicate', key);
      continue;
    }
    const onLevel = known.rangeOnLevel;
    if (onLevel && !safeCheck(() => onLevel(id, rangeLevel ?? state.level))) {
      issue('invalidValue', key, value);
      continue;
    }
    const mm = /^([^_]*)_([^_]*)$/.exec(value);
    const lo = mm && mm[1] !== '' ? parseNum(mm[1]) : null;
    const hi = mm && mm[2] !== '' ? parseNum(mm[2]) : null;
    const bad =
      !mm ||
      (mm[1] !== '' && lo === null) ||
      (mm[2] !== '' && hi === null) ||
      (lo === null && hi === null) ||
      (lo !== null && hi !== null && lo > hi);
    if (bad) issue('invalidValue', key, value);
    else rangeOut.push({ id, min: lo, max: hi, ...(rangeLevel !== undefined ? { level: rangeLevel } : {}) });
  }
  if (rangeOut.length) filters.ranges = rangeOut;

  const ov = single.get(P.overlay);
  if (ov !== undefined) {
    if (ov === 'in') filters.overlay = 'inside';
    else if (ov === 'out') filters.overlay = 'outside';
    else issue('invalidValue', P.overlay, ov);
  }
  const ovl = single.get(P.overlayLayer);
  if (ovl !== undefined) {
    if ((ovl === 'em' || ovl === 'es') && filters.overlay) filters.overlayLayer = ovl;
    else issue('invalidValue', P.overlayLayer, ovl);
  }

  const rad = single.get(P.radius);
  if (rad !== undefined) {
    const parts = rad.split('_').map(parseNum);
    if (parts.length !== 3 || parts.some((p) => p === null)) issue('invalidValue', P.radius, rad);
    else {
      const [lon, lat, radius] = parts as number[];
      if (!inBounds(lon, lat, bounds) || radius <= 0 || radius > URL_LIMITS.maxRadiusM) {
        issue('outOfBounds', P.radius, rad);
      } else filters.radius = { lon, lat, m: radius };
    }
  }

  const poly = single.get(P.polygon);
  if (poly !== undefined) {
    const ring = decodePolygon(poly);
    if (!ring) issue('invalidValue', P.polygon, poly);
    else if (!ring.every(([lon, lat]) => inBounds(lon, lat, bounds))) issue('outOfBounds', P.polygon);
    else filters.polygon = ring;
  }
  if (Object.keys(filters).length) state.filters = filters;

  // selection
  const sel = single.get(P.selection);
  if (sel !== undefined) {
    const dot = sel.indexOf('.');
    const kind = sel.slice(0, dot) as SelectionKind;
    const id = sel.slice(dot + 1);
    const kinds = known.selectionKinds ?? SELECTION_KINDS;
    const selection = { kind, id };
    if (dot < 1 || !kinds.includes(kind) || !ID_RE.test(id)) issue('invalidValue', P.selection, sel);
    else if (known.isKnownSelection && !safeCheck(known.isKnownSelection, selection)) {
      issue('invalidValue', P.selection, sel);
    } else state.selection = selection;
  }

  // map view
  const mv = single.get(P.map);
  if (mv !== undefined) {
    const parts = mv.split('_').map(parseNum);
    if (parts.length !== 3 || parts.some((p) => p === null)) issue('invalidValue', P.map, mv);
    else {
      const [zoom, lat, lon] = parts as number[];
      if (zoom < 0 || zoom > URL_LIMITS.maxZoom || !inBounds(lon, lat, bounds))
        issue('outOfBounds', P.map, mv);
      else state.view = { lon, lat, zoom };
    }
  }

  const lang = single.get(P.lang);
  if (lang !== undefined) {
    if (lang === 'de' || lang === 'en') state.lang = lang;
    else issue('invalidValue', P.lang, lang);
  }

  return finish();
}

function safeCheck<A extends unknown[]>(fn: (...args: A) => boolean, ...args: A): boolean {
  try {
    return fn(...args) === true;
  } catch {
    return false;
  }
}

function noticeText(i: UrlIssue, m: ViewsMessages): string {
  switch (i.code) {
    case 'unknownParam':
      return m.url_unknownParam(i.param);
    case 'duplicate':
      return m.url_duplicate(i.param);
    case 'unknownLevel':
      return m.url_unknownLevel(i.value ?? '');
    case 'unknownIndicator':
      return m.url_unknownIndicator(i.value ?? '');
    case 'outOfBounds':
      return m.url_outOfBounds(i.param);
    case 'tooLong':
      return m.url_tooLong;
    case 'tooMany':
      return m.url_tooMany(i.param, URL_LIMITS.maxListValues);
    default:
      return m.url_invalidValue(i.param, i.value ?? '');
  }
}

/** True when two states produce the same link (use to avoid pushing duplicate history entries). */
export function sameViewState(a: UrlViewState, b: UrlViewState): boolean {
  return encodeViewState(a) === encodeViewState(b);
}

/**
 * How a state change should enter the browser history so that back/forward steps through meaningful
 * changes: nothing if the link is unchanged, replace when only the map view moved (panning must not
 * flood the history), push otherwise.
 */
export function historyMode(prev: UrlViewState, next: UrlViewState): 'none' | 'replace' | 'push' {
  if (sameViewState(prev, next)) return 'none';
  const { view: _a, ...restPrev } = prev;
  const { view: _b, ...restNext } = next;
  return sameViewState(restPrev, restNext) ? 'replace' : 'push';
}
