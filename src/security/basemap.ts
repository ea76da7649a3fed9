/**
 * The optional online basemap (issue #5): off by default; the user may configure a raster tile URL
 * template (`https://host/{z}/{x}/{y}.png`) and its attribution. Pure helpers: validation, the
 * storage format (localStorage, never the shared URL) and the origin the Content-Security-Policy
 * must allow. No DOM, no React.
 */

export interface BasemapConfig {
  enabled: boolean;
  /** Raster tile URL template with {z}, {x} and {y}. */
  template: string;
  /** Attribution text (plain text, shown escaped). */
  attribution: string;
}

export const BASEMAP_STORAGE_KEY = 'bildungsraum.basemap.v1';
export const DEFAULT_BASEMAP: BasemapConfig = { enabled: false, template: '', attribution: '' };
export const MAX_TEMPLATE_LENGTH = 2048;
export const MAX_ATTRIBUTION_LENGTH = 300;

export type TemplateError =
  | 'empty'
  | 'tooLong'
  | 'invalid'
  | 'notHttps'
  | 'credentials'
  | 'missingPlaceholders'
  | 'unknownPlaceholder'
  | 'placeholderInHost';

export type TemplateCheck =
  | { ok: true; origin: string; template: string }
  | { ok: false; error: TemplateError };

/** Placeholders MapLibre fills in raster tile URLs that we accept. */
const KNOWN_PLACEHOLDERS = new Set(['z', 'x', 'y', 'ratio']);

/**
 * Check a raster tile URL template: https only, no user:password, the host literal (no placeholder),
 * and {z}, {x} and {y} present. Returns the origin (`https://host[:port]`) for the CSP.
 */
export function validateTileTemplate(input: string): TemplateCheck {
  const template = input.trim();
  if (template === '') return { ok: false, error: 'empty' };
  if (template.length > MAX_TEMPLATE_LENGTH) return { ok: false, error: 'tooLong' };
  if (/\s/.test(template)) return { ok: false, error: 'invalid' };
  const placeholders = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  if (placeholders.some((p) => !KNOWN_PLACEHOLDERS.has(p))) return { ok: false, error: 'unknownPlaceholder' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(template)) return { ok: false, error: 'invalid' };
  if (!/^https:\/\//i.test(template)) return { ok: false, error: 'notHttps' };
  const authority = template.slice('https://'.length).split(/[/?#]/, 1)[0];
  if (authority.includes('{') || authority.includes('}')) return { ok: false, error: 'placeholderInHost' };
  if (authority.includes('@')) return { ok: false, error: 'credentials' };
  for (const p of ['z', 'x', 'y']) {
    if (!placeholders.includes(p)) return { ok: false, error: 'missingPlaceholders' };
  }
  let url: URL;
  try {
    url = new URL(template.replace(/\{(z|x|y|ratio)\}/g, '0'));
  } catch {
    return { ok: false, error: 'invalid' };
  }
  if (url.protocol !== 'https:') return { ok: false, error: 'notHttps' };
  if (url.username || url.password) return { ok: false, error: 'credentials' };
  if (!url.hostname) return { ok: false, error: 'invalid' };
  return { ok: true, origin: url.origin, template };
}

/** Attribution as plain text: trimmed, control characters removed, length-limited. */
export function cleanAttribution(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || c === 0x7f ? ' ' : ch;
  }
  return out.replace(/ {2,}/g, ' ').trim().slice(0, MAX_ATTRIBUTION_LENGTH);
}

/** Escape text for the one place it becomes HTML (MapLibre's attribution control renders HTML). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Read the stored setting; anything unreadable or malformed is the default (off). */
export function parseStoredBasemap(raw: string | null | undefined): BasemapConfig {
  if (!raw) return { ...DEFAULT_BASEMAP };
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_BASEMAP };
  }
  if (typeof v !== 'object' || v === null) return { ...DEFAULT_BASEMAP };
  const o = v as Record<string, unknown>;
  const template = typeof o.template === 'string' ? o.template.slice(0, MAX_TEMPLATE_LENGTH) : '';
  const attribution = typeof o.attribution === 'string' ? cleanAttribution(o.attribution) : '';
  const enabled = o.enabled === true && validateTileTemplate(template).ok;
  return { enabled, template, attribution };
}

export function serializeBasemap(c: BasemapConfig): string {
  return JSON.stringify({ enabled: c.enabled, template: c.template, attribution: c.attribution });
}

/** The basemap the map should draw (enabled and valid), or null = offline background only. */
export function activeBasemap(
  c: BasemapConfig,
): { tiles: string; origin: string; attribution: string } | null {
  if (!c.enabled) return null;
  const check = validateTileTemplate(c.template);
  if (!check.ok) return null;
  return { tiles: check.template, origin: check.origin, attribution: cleanAttribution(c.attribution) };
}

/** Storage access that never throws (private mode, disabled storage, Node). */
export function readStoredBasemap(storage: Pick<Storage, 'getItem'> | undefined): BasemapConfig {
  try {
    return parseStoredBasemap(storage?.getItem(BASEMAP_STORAGE_KEY));
  } catch {
    return { ...DEFAULT_BASEMAP };
  }
}
