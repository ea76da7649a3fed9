/**
 * Legend entries from a classification and a palette (pure). Labels are formatted with the app's
 * Intl helpers (de-DE: `1.234,5 – 2.000`); every entry carries text and a count, never colour only.
 */
import type { Locale } from '../i18n/catalog';
import { pick } from '../i18n/catalog';
import { formatNumber } from '../i18n/format';
import { viewsMessages } from '../i18n/messages/views';
import type { ClassifyMethod, ClassifyNote, ClassifyResult } from '../indicators/classify';
import { NO_DATA, SUPPRESSED } from '../indicators/classify';
import { NO_DATA_COLOUR, type Palette, SUPPRESSED_COLOUR, textColourOn } from './palettes';

export interface LegendEntry {
  /** Stable key for React lists. */
  key: string;
  kind: 'class' | 'noData' | 'suppressed';
  /** Class index, or NO_DATA (−1) / SUPPRESSED (−2): the classOf value this entry stands for. */
  classIndex: number;
  label: string;
  /** Secondary text, e.g. the range in standard deviations for stddev classes. */
  detail?: string;
  /** Class bounds (null for open ends and the special entries). */
  lower: number | null;
  upper: number | null;
  count: number;
  hex: string;
  /** Black or white text on the swatch. */
  textColour: string;
  pattern?: 'hatch' | 'dots';
}

export interface LegendModel {
  method: ClassifyMethod;
  methodLabel: string;
  classes: number;
  entries: LegendEntry[];
  /** All values, including no data and suppressed. */
  total: number;
  /** Decimals used for the class bounds. */
  decimals: number;
  /** One-sentence text alternative. */
  summary: string;
}

export interface LegendOptions {
  locale?: Locale;
  /** Fixed number of decimals for bounds; default: the fewest that keep distinct bounds distinct. */
  decimals?: number;
  /** Show "no data" / "suppressed" entries even when their count is 0. Default false. */
  alwaysShowMissing?: boolean;
}

/** Decimals a number needs to be shown exactly (0–3), or Infinity if it needs more. */
function exactDecimals(v: number): number {
  for (let d = 0; d <= 3; d++) {
    const f = 10 ** d;
    if (Math.abs(Math.round(v * f) / f - v) <= 1e-9 * Math.max(1, Math.abs(v))) return d;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Decimals for class bounds: at least enough (0–4) to keep distinct bounds distinct when formatted,
 * and enough to show "short" values (≤ 2 decimals, e.g. manual breaks like 1234,5) exactly.
 */
export function autoDecimals(values: readonly number[], locale: Locale = 'de'): number {
  const finite = [...new Set(values.filter(Number.isFinite))];
  if (finite.length === 0 || finite.every((v) => Number.isInteger(v))) return 0;
  const span = Math.max(...finite) - Math.min(...finite);
  let d = span >= 100 ? 0 : span >= 1 ? 1 : 2;
  for (; d < 4; d++) {
    const formatted = new Set(finite.map((v) => formatNumber(v, { decimals: d, locale })));
    if (formatted.size === finite.length) break;
  }
  for (const v of finite) {
    const e = exactDecimals(v);
    if (e <= 2 && e > d) d = e;
  }
  return d;
}

export function buildLegendModel(
  result: ClassifyResult,
  palette: Palette,
  opts: LegendOptions = {},
): LegendModel {
  const locale = opts.locale ?? 'de';
  const m = pick(viewsMessages, locale);
  const boundValues = result.bounds.flat();
  const decimals = opts.decimals ?? autoDecimals(boundValues, locale);
  const f = (v: number) => formatNumber(v, { decimals, locale });
  const fz = (v: number) => formatNumber(v, { decimals: 1, locale });

  const entries: LegendEntry[] = result.bounds.map(([lo, hi], i) => {
    let label: string;
    if (!Number.isFinite(lo) && !Number.isFinite(hi)) label = '';
    else if (!Number.isFinite(lo)) label = m.upTo(f(hi));
    else if (!Number.isFinite(hi)) label = m.above(f(lo));
    else if (f(lo) === f(hi)) label = f(lo);
    else label = m.range(f(lo), f(hi));

    let detail: string | undefined;
    const z = result.zBounds?.[i];
    if (z) {
      if (!Number.isFinite(z[0])) detail = m.sdBelow(fz(z[1]));
      else if (!Number.isFinite(z[1])) detail = m.sdAbove(fz(z[0]));
      else detail = m.sdRange(fz(z[0]), fz(z[1]));
    }
    if (label === '' && result.min !== null && result.max !== null) {
      label = result.min === result.max ? f(result.min) : m.range(f(result.min), f(result.max));
    }
    // palettes shorter than the class count (should not happen) fall back to their last colour
    const hex = palette.hex[Math.min(i, palette.hex.length - 1)] ?? NO_DATA_COLOUR.hex;
    return {
      key: `c${i}`,
      kind: 'class' as const,
      classIndex: i,
      label,
      ...(detail ? { detail } : {}),
      lower: Number.isFinite(lo) ? lo : null,
      upper: Number.isFinite(hi) ? hi : null,
      count: result.counts[i] ?? 0,
      hex,
      textColour: textColourOn(hex),
    };
  });

  if (result.noData > 0 || opts.alwaysShowMissing) {
    entries.push({
      key: 'noData',
      kind: 'noData',
      classIndex: NO_DATA,
      label: m.noData,
      lower: null,
      upper: null,
      count: result.noData,
      hex: NO_DATA_COLOUR.hex,
      textColour: textColourOn(NO_DATA_COLOUR.hex),
      pattern: NO_DATA_COLOUR.pattern,
    });
  }
  if (result.suppressed > 0 || opts.alwaysShowMissing) {
    entries.push({
      key: 'suppressed',
      kind: 'suppressed',
      classIndex: SUPPRESSED,
      label: m.suppressed,
      lower: null,
      upper: null,
      count: result.suppressed,
      hex: SUPPRESSED_COLOUR.hex,
      textColour: textColourOn(SUPPRESSED_COLOUR.hex),
      pattern: SUPPRESSED_COLOUR.pattern,
    });
  }

  const methodLabel = m[`method_${result.method}`];
  const total = result.valid + result.noData + result.suppressed;
  return {
    method: result.method,
    methodLabel,
    classes: result.classes,
    entries,
    total,
    decimals,
    summary: m.legendSummary(methodLabel, result.classes, total),
  };
}

/** Classification notes as sentences in the given language (for a notice under the legend). */
export function classifyNoteTexts(notes: readonly ClassifyNote[], locale: Locale = 'de'): string[] {
  const m = pick(viewsMessages, locale);
  return notes.map((n) => {
    switch (n.code) {
      case 'classesClamped':
        return m.note_classesClamped(n.requested, n.used);
      case 'fewerClasses':
        return m.note_fewerClasses(n.requested, n.used);
      case 'manualBreaksInvalid':
        return m.note_manualBreaksInvalid;
      case 'noValues':
        return m.note_noValues;
      default:
        return m.note_zeroSpread;
    }
  });
}
