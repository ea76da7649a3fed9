import { create } from 'zustand';
import type { LorLevel } from '../domain/lor';
import type { InstitutionKind } from '../domain/types';

export type LayerKey = 'areas' | InstitutionKind;

export interface ViewState {
  /** LOR level whose areas are drawn. */
  level: LorLevel;
  /** Which map layers are switched on. */
  layers: Record<LayerKey, boolean>;
  setLevel: (level: LorLevel) => void;
  setLayerVisible: (layer: LayerKey, visible: boolean) => void;
}

export const DEFAULT_LEVEL: LorLevel = 'bzr';
export const DEFAULT_LAYERS: Record<LayerKey, boolean> = {
  areas: true,
  school: true,
  youth: true,
  kita: false,
};

export const useViewStore = create<ViewState>((set) => ({
  level: DEFAULT_LEVEL,
  layers: { ...DEFAULT_LAYERS },
  setLevel: (level) => set({ level }),
  setLayerVisible: (layer, visible) => set((s) => ({ layers: { ...s.layers, [layer]: visible } })),
}));
