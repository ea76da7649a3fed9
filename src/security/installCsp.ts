/**
 * Installs the startup Content-Security-Policy (see ./csp.ts) as the very first thing the built app does:
 * src/main.tsx imports this module before anything else, so the policy is in force before any fetch.
 * Only in the production build: the dev server needs inline scripts (React refresh) and websockets.
 */
import { activeBasemap, readStoredBasemap } from './basemap';
import { runtimeCsp, serializeCsp } from './csp';

export const RUNTIME_CSP_ID = 'csp-runtime';

export function installRuntimeCsp(doc: Document, storage: Pick<Storage, 'getItem'> | undefined): string {
  const basemap = activeBasemap(readStoredBasemap(storage));
  const policy = serializeCsp(runtimeCsp(basemap?.origin ?? null));
  if (!doc.getElementById(RUNTIME_CSP_ID)) {
    const meta = doc.createElement('meta');
    meta.id = RUNTIME_CSP_ID;
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = policy;
    doc.head.prepend(meta);
  }
  return policy;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

if (import.meta.env.PROD && typeof document !== 'undefined') installRuntimeCsp(document, storage());
