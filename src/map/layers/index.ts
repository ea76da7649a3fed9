import type { Layer } from '@deck.gl/core';
import type { Areas, InstitutionSet } from '../../datasets/types';
import type { LorLevel } from '../../domain/lor';
import type { InstitutionKind } from '../../domain/types';
import type { LayerKey } from '../../state/viewStore';
import { createAreaLayer } from './areaLayer';
import { createInstitutionLayer } from './institutionLayer';

/** Draw order of the point layers, bottom to top. */
export const POINT_ORDER: readonly InstitutionKind[] = ['kita', 'youth', 'school'];

export interface LayerInputs {
  level: LorLevel;
  layers: Record<LayerKey, boolean>;
  areas: Areas | undefined;
  institutions: Partial<Record<InstitutionKind, InstitutionSet>>;
}

/** All deck.gl layers of the map, bottom to top. Layers whose data is not loaded yet are left out. */
export function buildLayers(input: LayerInputs): Layer[] {
  const out: Layer[] = [];
  if (input.areas)
    out.push(createAreaLayer({ level: input.level, visible: input.layers.areas }, input.areas));
  for (const kind of POINT_ORDER) {
    const set = input.institutions[kind];
    if (set) out.push(createInstitutionLayer(kind, { visible: input.layers[kind] }, set));
  }
  return out;
}

/** True when every layer that should be visible has its data. */
export function layersReady(input: LayerInputs): boolean {
  if (input.layers.areas && !input.areas) return false;
  return POINT_ORDER.every((k) => !input.layers[k] || input.institutions[k] !== undefined);
}
