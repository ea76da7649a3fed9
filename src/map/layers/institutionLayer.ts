import type { ScatterplotLayerProps } from '@deck.gl/layers';
import type { InstitutionSet } from '../../datasets/types';
import type { InstitutionKind } from '../../domain/types';
import { INSTITUTION_COLORS, POINT_OUTLINE } from '../colors';
import { PointSpriteLayer } from './pointSpriteLayer';

export const INSTITUTION_LAYER_PREFIX = 'institutions-';

export interface InstitutionLayerState {
  visible: boolean;
  /** Per item: 1 = passes the filters, 0 = dimmed. Null = all shown normally. */
  mask?: Uint8Array | null;
  /** RGBA per item (n × 4); null = the kind's colour. */
  colors?: Uint8Array | null;
  /** Radius in pixels per item; null = the kind's radius. */
  radii?: Float32Array | null;
  /** Changes whenever mask, colours or radii change. */
  styleKey?: string;
}

const DIMMED: [number, number, number, number] = [150, 150, 150, 70];
const DIMMED_LINE: [number, number, number, number] = [255, 255, 255, 60];

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
  const mask = state.mask ?? null;
  const colors = state.colors ?? null;
  const radii = state.radii ?? null;
  const styled = mask !== null || colors !== null || radii !== null || state.styleKey !== undefined;
  type P = ScatterplotLayerProps<unknown>;
  const base = INSTITUTION_COLORS[kind];
  const fill = (_: unknown, { index: i }: { index: number }) => {
    if (mask && !mask[i]) return DIMMED;
    return colors ? [colors[i * 4], colors[i * 4 + 1], colors[i * 4 + 2], colors[i * 4 + 3]] : base;
  };
  const line = (_: unknown, { index: i }: { index: number }) =>
    mask && !mask[i] ? DIMMED_LINE : POINT_OUTLINE;
  const radius = (_: unknown, { index: i }: { index: number }) => {
    const r = radii ? radii[i] : RADIUS[kind];
    return mask && !mask[i] ? Math.min(r, 2.5) : r;
  };
  const key = state.styleKey ?? '';
  return {
    id: institutionLayerId(kind),
    data: binaryPoints(set) as unknown as P['data'],
    visible: state.visible,
    pickable: true,
    filled: true,
    stroked: true,
    radiusUnits: 'pixels',
    getRadius: styled ? (radius as unknown as P['getRadius']) : RADIUS[kind],
    getFillColor: styled ? (fill as unknown as P['getFillColor']) : base,
    getLineColor: styled ? (line as unknown as P['getLineColor']) : POINT_OUTLINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    autoHighlight: true,
    highlightColor: [255, 200, 0, 255],
    ...(styled ? { updateTriggers: { getRadius: key, getFillColor: key, getLineColor: key } } : {}),
  };
}

export function createInstitutionLayer(
  kind: InstitutionKind,
  state: InstitutionLayerState,
  set: InstitutionSet,
): PointSpriteLayer<unknown> {
  return new PointSpriteLayer<unknown>(institutionLayerProps(kind, state, set));
}
