import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { InstitutionSet } from '../../datasets/types';
import type { InstitutionKind } from '../../domain/types';
import { INSTITUTION_COLORS, POINT_OUTLINE } from '../colors';

export const INSTITUTION_LAYER_PREFIX = 'institutions-';

export interface InstitutionLayerState {
  visible: boolean;
}

const RADIUS: Record<InstitutionKind, number> = { school: 4.5, youth: 4.5, kita: 3 };

/** Binary data object for deck.gl, one per InstitutionSet so the reference stays stable. */
interface BinaryPoints {
  length: number;
  attributes: { getPosition: { value: Float64Array; size: 2 } };
}
const binaryCache = new WeakMap<InstitutionSet, BinaryPoints>();

export function binaryPoints(set: InstitutionSet): BinaryPoints {
  let b = binaryCache.get(set);
  if (!b) {
    b = { length: set.items.length, attributes: { getPosition: { value: set.positions, size: 2 } } };
    binaryCache.set(set, b);
  }
  return b;
}

export function institutionLayerId(kind: InstitutionKind): string {
  return `${INSTITUTION_LAYER_PREFIX}${kind}`;
}

/** The institution kind drawn by a layer id, or null for other layers. */
export function kindOfLayer(layerId: string | undefined): InstitutionKind | null {
  if (!layerId?.startsWith(INSTITUTION_LAYER_PREFIX)) return null;
  const k = layerId.slice(INSTITUTION_LAYER_PREFIX.length);
  return k === 'school' || k === 'youth' || k === 'kita' ? k : null;
}

/**
 * deck.gl props of one institution point layer. Positions come as a binary attribute; picking yields
 * `info.index`, the row in `set.items`.
 */
export function institutionLayerProps(
  kind: InstitutionKind,
  state: InstitutionLayerState,
  set: InstitutionSet,
): ScatterplotLayerProps<unknown> {
  return {
    id: institutionLayerId(kind),
    data: binaryPoints(set) as unknown as ScatterplotLayerProps<unknown>['data'],
    visible: state.visible,
    pickable: true,
    filled: true,
    stroked: true,
    radiusUnits: 'pixels',
    getRadius: RADIUS[kind],
    getFillColor: INSTITUTION_COLORS[kind],
    getLineColor: POINT_OUTLINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    autoHighlight: true,
    highlightColor: [255, 200, 0, 255],
  };
}

export function createInstitutionLayer(
  kind: InstitutionKind,
  state: InstitutionLayerState,
  set: InstitutionSet,
): ScatterplotLayer<unknown> {
  return new ScatterplotLayer<unknown>(institutionLayerProps(kind, state, set));
}
