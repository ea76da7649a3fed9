/**
 * Content-Security-Policy of the built app (issue #7). Two `<meta http-equiv>` policies, both enforced:
 *
 *  1. STATIC_CSP — written into dist/index.html by the build (vite.config.ts), before any script:
 *     scripts only from the app's own origin (no inline script, no eval), no plugins, no <base>,
 *     no form submission, workers from the origin or blob: URLs.
 *  2. runtimeCsp(basemapOrigin) — computed by src/security/installCsp.ts as the first statement of the
 *     app, from the user's basemap setting: everything else (fetch/XHR, images, fonts, styles, …) only
 *     from the app's origin plus, when configured, the basemap's tile host.
 *
 * A meta policy can only be tightened later, never widened: a changed basemap host takes effect
 * after a reload. Pure module (imported by vite.config.ts and unit tests).
 */

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** Directives that do not depend on any setting; part of both policies. */
const LOCKED: CspDirectives = {
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** The build-time policy (meta tag in dist/index.html). */
export const STATIC_CSP: CspDirectives = LOCKED;

/** A CSP source expression for an https origin, or null if it is not one (never widen on bad input). */
export function originSource(origin: string | null | undefined): string | null {
  if (!origin) return null;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return null;
  if (u.origin !== origin) return null;
  return u.origin;
}

/** The startup policy: the app's own origin only, plus the basemap tile host when one is configured. */
export function runtimeCsp(basemapOrigin: string | null): CspDirectives {
  const host = originSource(basemapOrigin);
  const extra = host ? [host] : [];
  return {
    'default-src': ["'self'"],
    ...LOCKED,
    'style-src': ["'self'"],
    // data:/blob: are in-page: CSS icons (data:), exported map PNG and import previews (blob:)
    'img-src': ["'self'", 'data:', 'blob:', ...extra],
    'connect-src': ["'self'", 'data:', 'blob:', ...extra],
    'font-src': ["'self'"],
    'media-src': ["'none'"],
    'frame-src': ["'none'"],
    'manifest-src': ["'self'"],
  };
}

export function serializeCsp(d: CspDirectives): string {
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}
