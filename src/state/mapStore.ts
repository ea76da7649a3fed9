/**
 * Map-only view state: which area layer replaces the LOR level (Einschulbereiche or an imported polygon
 * layer), overlay toggles, point styling, the map camera (for the URL) and the filter drawing tools.
 * The LOR level itself stays in viewStore.
 */
import { create } from 'zustand';
import type { Areas } from '../datasets/types';
import { AREA_DATA_FILES, loadHousing, loadOverlayAreas, type OverlayAreaId } from './overlayAreas';

/** Area layer shown instead of the LOR level: 'esb' or `import:<dataset id>`; null = the LOR level. */
export type SpecialAreaLayer = 'esb' | `import:${string}`;

export type OverlayKey = 'em' | 'es' | 'housing' | 'mss' | 'esbOutline' | 'labels';
export type SchoolColourBy = 'schulart' | 'traeger';
export type SizeBy = 'none' | 'pupils';
export type DrawMode = 'none' | 'radius' | 'polygon';

export interface MapCamera {
  lon: number;
  lat: number;
  zoom: number;
}

export interface HousingSite {
  id: string;
  name: string;
  category: string;
  status: string;
  lon: number;
  lat: number;
  plrId: string;
}

export interface MapState {
  special: SpecialAreaLayer | null;
  overlays: Record<OverlayKey, boolean>;
  schoolColourBy: SchoolColourBy;
  sizeBy: SizeBy;
  camera: MapCamera | null;
  /** Camera requested from outside (URL): MapView jumps there once and clears it. */
  requestedCamera: MapCamera | null;
  draw: DrawMode;
  /** Vertices of the polygon being drawn. */
  draft: [number, number][];
  /** Default radius in metres for click-to-set. */
  radiusM: number;
  overlayAreas: Partial<Record<OverlayAreaId, Areas>>;
  housing: HousingSite[] | null;
  setSpecial: (s: SpecialAreaLayer | null) => void;
  setOverlay: (k: OverlayKey, on: boolean) => void;
  setSchoolColourBy: (c: SchoolColourBy) => void;
  setSizeBy: (s: SizeBy) => void;
  setCamera: (c: MapCamera) => void;
  requestCamera: (c: MapCamera | null) => void;
  setDraw: (d: DrawMode) => void;
  setDraft: (d: [number, number][]) => void;
  setRadiusM: (m: number) => void;
  ensureOverlayAreas: (id: OverlayAreaId) => Promise<void>;
  ensureHousing: () => Promise<void>;
}

export const DEFAULT_OVERLAYS: Record<OverlayKey, boolean> = {
  em: false,
  es: false,
  housing: false,
  mss: false,
  esbOutline: false,
  labels: true,
};

const loading = new Set<OverlayAreaId>();
let housingLoading = false;

export const useMapStore = create<MapState>((set, get) => ({
  special: null,
  overlays: { ...DEFAULT_OVERLAYS },
  schoolColourBy: 'schulart',
  sizeBy: 'none',
  camera: null,
  requestedCamera: null,
  draw: 'none',
  draft: [],
  radiusM: 1000,
  overlayAreas: {},
  housing: null,
  setSpecial: (special) => {
    // a LOR level switch clears it: no store update (and no re-render of its readers) when it is clear already
    if (get().special !== special) set({ special });
    if (special === 'esb') void get().ensureOverlayAreas('esb');
  },
  setOverlay: (k, on) => {
    set((s) => ({ overlays: { ...s.overlays, [k]: on } }));
    if (on && (k === 'em' || k === 'es')) void get().ensureOverlayAreas(k);
    if (on && k === 'esbOutline') void get().ensureOverlayAreas('esb');
    if (on && k === 'housing') void get().ensureHousing();
  },
  setSchoolColourBy: (schoolColourBy) => set({ schoolColourBy }),
  setSizeBy: (sizeBy) => set({ sizeBy }),
  setCamera: (camera) => set({ camera }),
  requestCamera: (requestedCamera) => set({ requestedCamera }),
  setDraw: (draw) => set({ draw, draft: draw === 'polygon' ? [] : get().draft }),
  setDraft: (draft) => set({ draft }),
  setRadiusM: (radiusM) => set({ radiusM }),
  ensureOverlayAreas: async (id) => {
    if (get().overlayAreas[id] || loading.has(id) || !AREA_DATA_FILES[id]) return;
    loading.add(id);
    try {
      const areas = await loadOverlayAreas(id);
      set((s) => ({ overlayAreas: { ...s.overlayAreas, [id]: areas } }));
    } finally {
      loading.delete(id);
    }
  },
  ensureHousing: async () => {
    if (get().housing || housingLoading) return;
    housingLoading = true;
    try {
      const housing = await loadHousing();
      set({ housing });
    } finally {
      housingLoading = false;
    }
  },
}));
