/**
 * The optional online basemap setting (off by default). Persisted in localStorage only — never in the
 * shared URL. `active` is the basemap of this page load: the startup Content-Security-Policy
 * (src/security/installCsp.ts) allows exactly its host, so a changed setting applies after a reload.
 */
import { create } from 'zustand';
import {
  activeBasemap,
  BASEMAP_STORAGE_KEY,
  type BasemapConfig,
  readStoredBasemap,
  serializeBasemap,
} from '../security/basemap';

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export interface BasemapState {
  /** The stored setting. */
  config: BasemapConfig;
  /** What the map draws in this page load (null = offline background only). */
  active: ReturnType<typeof activeBasemap>;
  /** Store a new setting; returns false if the browser refused to store it. */
  save: (c: BasemapConfig) => boolean;
}

const initial = readStoredBasemap(storage());

export const useBasemapStore = create<BasemapState>((set) => ({
  config: initial,
  active: activeBasemap(initial),
  save: (config) => {
    try {
      const s = storage();
      if (!s) return false;
      if (config.enabled || config.template || config.attribution)
        s.setItem(BASEMAP_STORAGE_KEY, serializeBasemap(config));
      else s.removeItem(BASEMAP_STORAGE_KEY);
    } catch {
      return false;
    }
    set({ config });
    return true;
  },
}));
