import { create } from 'zustand';
import type { LorLevel } from '../domain/lor';
import type { InstitutionKind } from '../domain/types';

/** What the pointer is over (or what the user selected): an area of a level or an institution. */
export type MapTarget =
  | { kind: 'area'; level: LorLevel; id: string }
  | { kind: 'institution'; institutionKind: InstitutionKind; id: string };

export interface HoverInfo {
  target: MapTarget;
  /** Pointer position in pixels relative to the map container. */
  x: number;
  y: number;
  /** Size of the map container in pixels (lets the tooltip stay inside it). */
  width?: number;
  height?: number;
}

export interface SelectionState {
  hover: HoverInfo | null;
  /** Clicked area or institution (shown later in the details panel: area profile / institution card). */
  selected: MapTarget | null;
  /** Selected Einschulbereich (id), shown in the area profile; exclusive with `selected`. */
  esb: string | null;
  setHover: (h: HoverInfo | null) => void;
  /** Select an area or institution (clears a selected Einschulbereich). */
  select: (t: MapTarget | null) => void;
  /** Select an Einschulbereich (clears `selected`). */
  selectEsb: (id: string | null) => void;
}

export function sameTarget(a: MapTarget | null, b: MapTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'area' && b.kind === 'area') return a.level === b.level && a.id === b.id;
  if (a.kind === 'institution' && b.kind === 'institution')
    return a.institutionKind === b.institutionKind && a.id === b.id;
  return false;
}

export const useSelectionStore = create<SelectionState>((set, get) => ({
  hover: null,
  selected: null,
  setHover: (hover) => {
    const cur = get().hover;
    if (cur === hover) return;
    if (cur && hover && sameTarget(cur.target, hover.target) && cur.x === hover.x && cur.y === hover.y)
      return;
    set({ hover });
  },
  esb: null,
  select: (selected) => set(selected ? { selected, esb: null } : { selected }),
  selectEsb: (esb) => set(esb ? { esb, selected: null } : { esb }),
}));
