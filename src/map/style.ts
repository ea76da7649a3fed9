import type { LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';
import { BACKGROUND_HEX } from './colors';

/** Berlin's bounding box (WGS84), slightly padded. */
export const BERLIN_BOUNDS: LngLatBoundsLike = [
  [13.0884, 52.3383],
  [13.7612, 52.6755],
];
export const BERLIN_CENTER: [number, number] = [13.404, 52.52];
export const BERLIN_ZOOM = 9.6;

/**
 * Offline base style: only a background layer. No tiles, glyphs or sprites, so MapLibre makes
 * no request to any host. (Labels would need locally served glyphs; until then no symbol layers.)
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Bildungsraum offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_HEX } }],
  };
}
