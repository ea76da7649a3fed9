import type { Locale } from './catalog';

const tag = (l: Locale) => (l === 'en' ? 'en-GB' : 'de-DE');
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag(locale), opts);
    cache.set(key, f);
  }
  return f;
}

/** Format a number for display (de-DE by default: `1.234,5`). Null/NaN → '–'. */
export function formatNumber(
  value: number | null | undefined,
  opts: { decimals?: number; minDecimals?: number; locale?: Locale; percent?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const locale = opts.locale ?? 'de';
  const max = opts.decimals ?? 0;
  const s = nf(locale, {
    maximumFractionDigits: max,
    minimumFractionDigits: Math.min(opts.minDecimals ?? 0, max),
  }).format(value);
  return opts.percent ? `${s} %` : s;
}

export function formatInteger(value: number | null | undefined, locale: Locale = 'de'): string {
  return formatNumber(value, { decimals: 0, locale });
}

/** One formatter per locale: making an Intl.DateTimeFormat costs far more than formatting with it. */
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDate(d: Date, locale: Locale = 'de'): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium' });
    dateFormats.set(locale, f);
  }
  return f.format(d);
}
