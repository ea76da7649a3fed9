import { GeoJsonLayer, type GeoJsonLayerProps } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { AreaProps, Areas } from '../../datasets/types';
import type { LorLevel } from '../../domain/lor';
import { AREA_FILL, AREA_HIGHLIGHT, AREA_LINE } from '../colors';

export const AREA_LAYER_ID = 'areas';

export interface AreaLayerState {
  level: LorLevel;
  visible: boolean;
}

const LINE_WIDTH: Record<LorLevel, number> = { bez: 2, pgr: 1.5, bzr: 1.25, plr: 1 };

/** deck.gl props of the area layer: the polygons of one level, semi-transparent fill with clear outlines. */
export function areaLayerProps(state: AreaLayerState, data: Areas): GeoJsonLayerProps<AreaProps> {
  return {
    id: AREA_LAYER_ID,
    data: data as unknown as GeoJsonLayerProps<AreaProps>['data'],
    visible: state.visible,
    pickable: true,
    filled: true,
    stroked: true,
    getFillColor: AREA_FILL,
    getLineColor: AREA_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: LINE_WIDTH[state.level],
    lineWidthMinPixels: 1,
    autoHighlight: true,
    highlightColor: AREA_HIGHLIGHT,
    updateTriggers: { getLineWidth: state.level },
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
