import { GeoJsonLayer, type GeoJsonLayerProps } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { AreaProps, Areas } from '../../datasets/types';
import { AREA_FILL, AREA_HIGHLIGHT, AREA_LINE, type RGBA } from '../colors';

export const AREA_LAYER_ID = 'areas';

export interface AreaLayerState {
  /** LOR level, 'esb' or an imported layer id. */
  level: string;
  visible: boolean;
  /** Choropleth colours (RGBA per feature); null = neutral fill. */
  colors?: Uint8Array | null;
  /** Per feature: 1 = dimmed (out of a range filter). */
  dim?: Uint8Array | null;
  /** Changes whenever colours or dimming change. */
  styleKey?: string;
  /** Layer id (default AREA_LAYER_ID); one layer per level keeps its tessellation when switching back. */
  id?: string;
}

/** True for the id of an area layer (the shown level or a kept, hidden one). */
export function isAreaLayerId(id: string | undefined): boolean {
  return id === AREA_LAYER_ID || !!id?.startsWith(`${AREA_LAYER_ID}-`);
}

const LINE_WIDTH: Record<string, number> = { bez: 2, pgr: 1.5, bzr: 1.25, plr: 1 };
const DIM_LINE: RGBA = [52, 62, 84, 90];

/** deck.gl props of the area layer: the polygons of one level, choropleth or neutral fill, clear outlines. */
export function areaLayerProps(state: AreaLayerState, data: Areas): GeoJsonLayerProps<AreaProps> {
  const colors = state.colors ?? null;
  const dim = state.dim ?? null;
  const fill = (_: unknown, info: { index: number }): RGBA => {
    const i = info.index;
    let c: RGBA = colors
      ? [colors[i * 4], colors[i * 4 + 1], colors[i * 4 + 2], colors[i * 4 + 3]]
      : [...AREA_FILL];
    if (dim?.[i]) c = [c[0], c[1], c[2], Math.round(c[3] * 0.25)];
    return c;
  };
  // With a styleKey the layer always uses accessors (switching between accessor and constant is not
  // reliably picked up by deck.gl's attribute diffing); without one the plain neutral constants.
  const styled = colors !== null || dim !== null || state.styleKey !== undefined;
  return {
    id: state.id ?? AREA_LAYER_ID,
    data: data as unknown as GeoJsonLayerProps<AreaProps>['data'],
    visible: state.visible,
    pickable: true,
    filled: true,
    stroked: true,
    getFillColor: styled ? (fill as unknown as GeoJsonLayerProps<AreaProps>['getFillColor']) : AREA_FILL,
    getLineColor: styled
      ? (((_: unknown, info: { index: number }) =>
          dim?.[info.index]
            ? DIM_LINE
            : AREA_LINE) as unknown as GeoJsonLayerProps<AreaProps>['getLineColor'])
      : AREA_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: LINE_WIDTH[state.level] ?? 1,
    lineWidthMinPixels: 1,
    autoHighlight: true,
    highlightColor: AREA_HIGHLIGHT,
    updateTriggers: styled
      ? { getLineWidth: state.level, getFillColor: state.styleKey ?? '', getLineColor: state.styleKey ?? '' }
      : { getLineWidth: state.level },
  };
}

export function createAreaLayer(state: AreaLayerState, data: Areas): GeoJsonLayer<AreaProps> {
  return new GeoJsonLayer<AreaProps>(areaLayerProps(state, data));
}

/** The area id of a picked object of the area layer, or null. */
export function pickedAreaId(object: unknown): string | null {
  const f = object as Feature<Geometry, AreaProps> | null | undefined;
  const id = f?.properties?.id;
  return typeof id === 'string' ? id : null;
}
