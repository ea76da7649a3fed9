/**
 * URL as state: the shareable part of the view (level, indicator, classification, filters, selection,
 * map view, language) lives in the query string (codec: url.ts). Real changes push a history entry, map moves
 * replace it; back/forward restore the view. Unknown or tampered parameters are ignored and reported as
 * notices (shown by UrlNotice with role=status), never a crash.
 *
 * `toUrlState` / `fromUrlState` are pure (tested); `connectUrl` wires them to the stores and `window.history`.
 */
import { create } from 'zustand';
import { LOR_LEVELS, type LorLevel, lorLevelOf } from '../domain/lor';
import type { Locale } from '../i18n/catalog';
import { INDICATOR_BY_ID, INDICATORS } from '../indicators/catalogue';
import { type FilterValues, useFilterStore } from './filterStore';
import {
  DEFAULT_CLASSIFICATION,
  defaultIndicatorFor,
  type IndicatorClassification,
  useIndicatorStore,
} from './indicatorStore';
import { useLocaleStore } from './localeStore';
import { type MapCamera, type SpecialAreaLayer, useMapStore } from './mapStore';
import { type MapTarget, useSelectionStore } from './selectionStore';
import { decodeViewState, encodeViewState, historyMode, type UrlKnown, type UrlViewState } from './url';
import { DEFAULT_LEVEL, useViewStore } from './viewStore';

export interface UrlNoticeState {
  notices: string[];
  setNotices: (n: string[]) => void;
}
export const useUrlNoticeStore = create<UrlNoticeState>((set) => ({
  notices: [],
  setNotices: (notices) => set({ notices }),
}));

/** What the URL knows about the app (levels, indicators, Berlin's bounds with margin). */
export const URL_KNOWN: UrlKnown = {
  levels: [...LOR_LEVELS, 'esb'],
  indicatorIds: INDICATORS.map((d) => d.id),
  selectionKinds: ['area', 'school', 'youth', 'kita', 'esb'],
  traeger: ['public', 'free'],
  bounds: [12.8, 52.2, 14.0, 52.8],
  // a range needs values on the link's level: Einschulbereich indicators on 'esb', LOR indicators on theirs
  rangeOnLevel: (id, level) => {
    const d = INDICATOR_BY_ID.get(id);
    const l = level ?? DEFAULT_LEVEL;
    return !!d && (l === 'esb' ? !!d.esb : (d.levels as readonly string[]).includes(l));
  },
};

/** The app state the URL reflects. */
export interface AppUrlState {
  level: LorLevel;
  special: SpecialAreaLayer | null;
  indicatorId: string | null;
  classification: IndicatorClassification;
  filters: FilterValues;
  selected: MapTarget | null;
  /** Selected Einschulbereich (its IDs look like Prognoseraum IDs, hence a kind of its own: `sel=esb.0101`). */
  esb?: string | null;
  camera: MapCamera | null;
  locale: Locale;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * App state → URL state (defaults are left out so that the plain link stays short; the indicator when it is
 * the default of the level shown, see defaultIndicatorFor).
 */
export function toUrlState(s: AppUrlState): UrlViewState {
  const out: UrlViewState = {};
  const level = s.special === 'esb' ? 'esb' : s.level;
  if (level !== DEFAULT_LEVEL) out.level = level;
  if (s.indicatorId && s.indicatorId !== defaultIndicatorFor(level)) out.indicator = s.indicatorId;
  const c = s.classification;
  if (c.method !== DEFAULT_CLASSIFICATION.method || c.classes !== DEFAULT_CLASSIFICATION.classes || c.breaks)
    out.classification = { ...c };
  const f = s.filters;
  const filters: NonNullable<UrlViewState['filters']> = {};
  if (f.schularten.length) filters.types = [...f.schularten];
  if (f.traeger.length) filters.traeger = [...f.traeger];
  if (f.bezirke.length) filters.bezirk = [...f.bezirke];
  // every range filters institutions, whichever level it was set on: ranges of other levels carry theirs
  const ranges = f.ranges
    .map((r) => ({
      id: r.indicatorId,
      min: Number.isFinite(r.min) ? r.min : null,
      max: Number.isFinite(r.max) ? r.max : null,
      ...(r.level !== level ? { level: r.level } : {}),
    }))
    .filter((r) => r.min !== null || r.max !== null);
  if (ranges.length) filters.ranges = ranges;
  if (f.overlay) {
    filters.overlay = f.overlay.mode;
    filters.overlayLayer = f.overlay.layer;
  }
  if (f.radius) filters.radius = { ...f.radius };
  if (f.polygon && f.polygon.length >= 3) filters.polygon = f.polygon;
  if (Object.keys(filters).length) out.filters = filters;
  const sel = s.selected;
  if (s.esb) out.selection = { kind: 'esb', id: s.esb };
  else if (sel)
    out.selection =
      sel.kind === 'area' ? { kind: 'area', id: sel.id } : { kind: sel.institutionKind, id: sel.id };
  if (s.camera)
    out.view = { lon: round(s.camera.lon, 5), lat: round(s.camera.lat, 5), zoom: round(s.camera.zoom, 2) };
  if (s.locale !== 'de') out.lang = s.locale;
  return out;
}

/** URL state → the app state it determines (everything not in the URL falls back to the defaults). */
export function fromUrlState(u: UrlViewState): Omit<AppUrlState, 'camera'> & { camera: MapCamera | null } {
  const isLor = (l: string | undefined): l is LorLevel =>
    !!l && (LOR_LEVELS as readonly string[]).includes(l);
  const level = isLor(u.level) ? u.level : DEFAULT_LEVEL;
  const special: SpecialAreaLayer | null = u.level === 'esb' ? 'esb' : null;
  const lvl = special ?? level;
  const f = u.filters ?? {};
  const filters: FilterValues = {
    schularten: f.types ?? [],
    traeger: f.traeger ?? [],
    bezirke: f.bezirk ?? [],
    ranges: (f.ranges ?? []).map((r) => ({
      indicatorId: r.id,
      level: r.level ?? lvl,
      min: r.min ?? Number.NEGATIVE_INFINITY,
      max: r.max ?? Number.POSITIVE_INFINITY,
    })),
    overlay: f.overlay ? { mode: f.overlay, layer: f.overlayLayer ?? 'any' } : null,
    radius: f.radius ?? null,
    polygon: f.polygon ?? null,
  };
  let selected: MapTarget | null = null;
  let esb: string | null = null;
  const sel = u.selection;
  if (sel) {
    if (sel.kind === 'esb') esb = sel.id;
    else if (sel.kind === 'area') {
      const l = lorLevelOf(sel.id);
      if (l) selected = { kind: 'area', level: l, id: sel.id };
    } else if (sel.kind === 'school' || sel.kind === 'youth' || sel.kind === 'kita') {
      selected = { kind: 'institution', institutionKind: sel.kind, id: sel.id };
    }
  }
  return {
    level,
    special,
    // a link without an indicator shows the level's default, as the level switch does
    indicatorId: u.indicator ?? defaultIndicatorFor(lvl),
    classification: u.classification ? { ...u.classification } : { ...DEFAULT_CLASSIFICATION },
    filters,
    selected,
    esb,
    camera: u.view ? { ...u.view } : null,
    locale: u.lang ?? 'de',
  };
}

function currentAppState(): AppUrlState {
  const f = useFilterStore.getState();
  return {
    level: useViewStore.getState().level,
    special: useMapStore.getState().special,
    indicatorId: useIndicatorStore.getState().indicatorId,
    classification: useIndicatorStore.getState().classification,
    filters: {
      schularten: f.schularten,
      traeger: f.traeger,
      bezirke: f.bezirke,
      ranges: f.ranges,
      overlay: f.overlay,
      radius: f.radius,
      polygon: f.polygon,
    },
    selected: useSelectionStore.getState().selected,
    esb: useSelectionStore.getState().esb,
    camera: useMapStore.getState().camera,
    locale: useLocaleStore.getState().locale,
  };
}

function apply(app: ReturnType<typeof fromUrlState>, withCamera: boolean): void {
  useViewStore.getState().setLevel(app.level);
  useMapStore.getState().setSpecial(app.special);
  useIndicatorStore.getState().setIndicator(app.indicatorId);
  useIndicatorStore.getState().setClassification(app.classification);
  useFilterStore.getState().setFilters(app.filters);
  const sel = useSelectionStore.getState();
  if (app.esb) sel.selectEsb(app.esb);
  else {
    sel.select(app.selected);
    if (sel.esb) sel.selectEsb(null);
  }
  if (useLocaleStore.getState().locale !== app.locale) useLocaleStore.getState().setLocale(app.locale);
  if (withCamera && app.camera) {
    useMapStore.getState().requestCamera(app.camera);
    useMapStore.getState().setCamera(app.camera);
  }
}

/** Read the URL once, then keep it in step with the stores. Returns a function that disconnects. */
export function connectUrl(): () => void {
  if (typeof window === 'undefined') return () => {};
  const read = () => {
    const decoded = decodeViewState(window.location.search, URL_KNOWN, useLocaleStore.getState().locale);
    useUrlNoticeStore.getState().setNotices(decoded.notices);
    return decoded.state;
  };
  let applying = true;
  const initial = read();
  apply(fromUrlState(initial), true);
  let last = toUrlState(currentAppState());
  applying = false;
  // a tampered link is rewritten to what was understood
  if (window.location.search.replace(/^\?/, '') !== encodeViewState(last)) write('replace', last);

  function write(mode: 'push' | 'replace', state: UrlViewState) {
    const q = encodeViewState(state);
    const url = `${window.location.pathname}${q ? `?${q}` : ''}${window.location.hash}`;
    try {
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    } catch {
      // history quota (Safari) – the view still works
    }
  }

  // Store changes are written once, after the current task: a level switch that also picks the level's
  // default indicator makes one history entry, and the (slow, synchronous) history call stays out of the
  // input handler's task.
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const next = toUrlState(currentAppState());
    const mode = historyMode(last, next);
    last = next;
    if (mode !== 'none') write(mode, next);
  };
  const onChange = () => {
    if (applying || timer !== null) return;
    timer = setTimeout(flush, 0);
  };
  const onPop = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    applying = true;
    try {
      const state = read();
      apply(fromUrlState(state), true);
      last = toUrlState(currentAppState());
    } finally {
      applying = false;
    }
  };
  window.addEventListener('popstate', onPop);
  const unsubs = [
    useViewStore.subscribe(onChange),
    useMapStore.subscribe((s, p) => {
      if (s.special !== p.special || s.camera !== p.camera) onChange();
    }),
    useIndicatorStore.subscribe((s, p) => {
      if (s.indicatorId !== p.indicatorId || s.classification !== p.classification) onChange();
    }),
    useFilterStore.subscribe((s, p) => {
      const membershipOnly = s.membership !== p.membership || s.esbMembership !== p.esbMembership;
      if (membershipOnly && s.ranges === p.ranges && s.overlay === p.overlay) return;
      onChange();
    }),
    useSelectionStore.subscribe((s, p) => {
      if (s.selected !== p.selected || s.esb !== p.esb) onChange();
    }),
    useLocaleStore.subscribe(onChange),
  ];
  return () => {
    if (timer !== null) clearTimeout(timer);
    window.removeEventListener('popstate', onPop);
    for (const u of unsubs) u();
  };
}
