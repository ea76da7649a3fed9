/**
 * Choropleth of the active indicator on one area level: classification (classify.ts), palette by polarity
 * (palettes.ts), legend model, and one RGBA colour per area feature for deck.gl. Pure; the last few results
 * are cached so the map and the panels share one computation, panels that render a moment later (deferred)
 * do not recompute, and a level switched back to gives the same colours and `key` (deck.gl then keeps the
 * layer's colour attributes).
 */
import type { AreaProps, Areas } from '../datasets/types';
import type { Locale } from '../i18n/catalog';
import { formatNumber } from '../i18n/format';
import { INDICATOR_BY_ID, type IndicatorDef, MSS_CLASS_LABELS } from '../indicators/catalogue';
import {
  type ClassifyOptions,
  type ClassifyResult,
  classify,
  NO_DATA,
  SUPPRESSED,
} from '../indicators/classify';
import type { IndicatorResults } from '../indicators/compute';
import { buildLegendModel, classifyNoteTexts, type LegendModel } from './legendModel';
import { type Palette, paletteFor, rgbForClass } from './palettes';

export interface ChoroplethInput {
  areas: Areas | undefined;
  level: string;
  results: IndicatorResults | null;
  indicatorId: string | null;
  classification: { method: ClassifyOptions['method']; classes: number; breaks?: number[]; sdStep?: 1 | 0.5 };
  locale: Locale;
}

export type ChoroplethStatus = 'ok' | 'noIndicator' | 'noResults' | 'notOnLevel' | 'unavailable' | 'noAreas';

export interface Choropleth {
  status: ChoroplethStatus;
  def: IndicatorDef | null;
  /** Display value per feature (percent indicators ×100), NaN = no data. */
  values: Float64Array;
  /** Per feature: 1 = suppressed. */
  suppressed: Uint8Array;
  /** Per feature class index (or NO_DATA / SUPPRESSED). */
  classOf: Int8Array;
  /** RGBA per feature (n × 4). */
  colors: Uint8Array;
  /** Changes whenever `colors` change (for updateTriggers). */
  key: string;
  classified: ClassifyResult | null;
  palette: Palette | null;
  legend: LegendModel | null;
  notes: string[];
}

const FILL_ALPHA = 200;
const SPECIAL_ALPHA = 170;

/** Display scale of an indicator's values (percent indicators are stored as fractions). */
export function displayScale(def: IndicatorDef | null | undefined): number {
  return def?.format.percent ? 100 : 1;
}

/** Value formatted for display in the locale (with % for percent indicators). */
export function formatIndicatorValue(def: IndicatorDef, displayValue: number, locale: Locale): string {
  return formatNumber(displayValue, { decimals: def.format.decimals, locale, percent: def.format.percent });
}

/** Most recently used first. */
const cache: { input: ChoroplethInput; out: Choropleth }[] = [];
const CACHE_SIZE = 8;
let counter = 0;

function sameInput(a: ChoroplethInput, b: ChoroplethInput): boolean {
  return (
    a.areas === b.areas &&
    a.level === b.level &&
    a.results === b.results &&
    a.indicatorId === b.indicatorId &&
    a.classification === b.classification &&
    a.locale === b.locale
  );
}

function empty(status: ChoroplethStatus, def: IndicatorDef | null, n: number): Choropleth {
  return {
    status,
    def,
    values: new Float64Array(n).fill(Number.NaN),
    suppressed: new Uint8Array(n),
    classOf: new Int8Array(n).fill(NO_DATA),
    colors: new Uint8Array(n * 4),
    key: `empty-${status}-${++counter}`,
    classified: null,
    palette: null,
    legend: null,
    notes: [],
  };
}

export function choroplethFor(input: ChoroplethInput): Choropleth {
  const i = cache.findIndex((e) => sameInput(e.input, input));
  if (i === 0) return cache[0].out;
  if (i > 0) {
    const [hit] = cache.splice(i, 1);
    cache.unshift(hit);
    return hit.out;
  }
  const out = build(input);
  cache.unshift({ input, out });
  if (cache.length > CACHE_SIZE) cache.length = CACHE_SIZE;
  return out;
}

function build(input: ChoroplethInput): Choropleth {
  const features = input.areas?.features ?? [];
  const n = features.length;
  const def = input.indicatorId ? (INDICATOR_BY_ID.get(input.indicatorId) ?? null) : null;
  if (!input.areas) return empty('noAreas', def, 0);
  if (!def) return empty('noIndicator', null, n);
  if (!input.results) return empty('noResults', def, n);
  if (input.results.unavailable.includes(def.id)) return empty('unavailable', def, n);
  let ids: readonly string[] | undefined;
  let arr: Float64Array | undefined;
  let supp: Uint8Array | undefined;
  if (def.esb) {
    // Einschulbereich indicators: values only on the ESB layer (engine output `results.esb`)
    if (input.level !== 'esb' || !input.results.esb) return empty('notOnLevel', def, n);
    ids = input.results.esb.ids;
    arr = input.results.esb.values[def.id];
  } else {
    const levelValues = input.results.values[def.id] as Record<string, Float64Array> | undefined;
    ids = (input.results.levelIds as Record<string, readonly string[]>)[input.level];
    arr = levelValues?.[input.level];
    supp = (input.results.suppressed[def.id] as Record<string, Uint8Array> | undefined)?.[input.level];
    if (!(def.levels as string[]).includes(input.level)) arr = undefined;
  }
  if (!arr || !ids) return empty('notOnLevel', def, n);
  const pos = new Map<string, number>();
  ids.forEach((id, i) => {
    pos.set(id, i);
  });
  const scale = displayScale(def);
  const values = new Float64Array(n);
  const suppressed = new Uint8Array(n);
  const plain: number[] = new Array(n);
  const suppressedFlags: boolean[] = new Array(n);
  features.forEach((f, i) => {
    const k = pos.get(String((f.properties as AreaProps).id));
    const v = k === undefined ? Number.NaN : arr[k] * scale;
    values[i] = v;
    plain[i] = v;
    const s = k !== undefined && supp ? supp[k] === 1 : false;
    suppressed[i] = s ? 1 : 0;
    suppressedFlags[i] = s;
  });
  const isCategory = def.kind === 'category' && def.category?.classes;
  let opts: ClassifyOptions;
  if (isCategory) {
    const codes = def.category?.classes ?? [];
    const breaks = codes.slice(0, -1).map((c, i) => (c + codes[i + 1]) / 2);
    opts = { method: 'manual', classes: codes.length, breaks, suppressed: suppressedFlags };
  } else {
    const c = input.classification;
    opts = {
      method: c.method,
      classes: c.classes,
      breaks: c.breaks,
      sdStep: c.sdStep,
      suppressed: suppressedFlags,
    };
  }
  const classified = classify(plain, opts);
  const palette = paletteFor({
    classes: classified.classes,
    polarity: def.polarity,
    diverging: classified.method === 'stddev',
  });
  const legend = buildLegendModel(classified, palette, {
    locale: input.locale,
    decimals: isCategory ? 0 : undefined,
  });
  if (isCategory && def.category) {
    const labels = MSS_CLASS_LABELS[def.category.attribute];
    const codes = def.category.classes ?? [];
    for (const e of legend.entries) {
      if (e.kind !== 'class') continue;
      const code = codes[e.classIndex];
      const l = code !== undefined ? labels[code] : undefined;
      if (l) e.label = `${code} – ${l[input.locale]}`;
    }
  }
  const colors = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const c = classified.classOf[i];
    const rgb = rgbForClass(c, palette);
    colors[i * 4] = rgb[0];
    colors[i * 4 + 1] = rgb[1];
    colors[i * 4 + 2] = rgb[2];
    colors[i * 4 + 3] = c === NO_DATA || c === SUPPRESSED ? SPECIAL_ALPHA : FILL_ALPHA;
  }
  return {
    status: 'ok',
    def,
    values,
    suppressed,
    classOf: classified.classOf,
    colors,
    key: `c${++counter}`,
    classified,
    palette,
    legend,
    notes: classifyNoteTexts(classified.notes, input.locale),
  };
}
