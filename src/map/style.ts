import type { LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';
import { escapeHtml } from '../security/basemap';
import { BACKGROUND_HEX } from './colors';

/** Berlin's bounding box (WGS84), slightly padded. */
export const BERLIN_BOUNDS: LngLatBoundsLike = [
  [13.0884, 52.3383],
  [13.7612, 52.6755],
];
export const BERLIN_CENTER: [number, number] = [13.404, 52.52];
export const BERLIN_ZOOM = 9.6;

/** A user-configured online raster basemap (src/state/basemapStore.ts), already validated. */
export interface RasterBasemap {
  /** Tile URL template (https, with {z}/{x}/{y}). */
  tiles: string;
  /** Plain-text attribution (escaped here: MapLibre's attribution control renders HTML). */
  attribution: string;
}

export const BASEMAP_SOURCE_ID = 'basemap';

/**
 * Offline base style: only a background layer. No tiles, glyphs or sprites, so MapLibre makes
 * no request to any host. (Labels would need locally served glyphs; until then no symbol layers.)
 * With a user-configured online basemap, its raster tiles are drawn above the background; the deck.gl
 * data layers are drawn on top of the whole MapLibre map.
 */
export function offlineStyle(basemap: RasterBasemap | null = null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    name: 'Bildungsraum offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_HEX } }],
  };
  if (basemap) {
    style.name = 'Bildungsraum + online basemap';
    style.sources[BASEMAP_SOURCE_ID] = {
      type: 'raster',
      tiles: [basemap.tiles],
      tileSize: 256,
      maxzoom: 19,
      ...(basemap.attribution ? { attribution: escapeHtml(basemap.attribution) } : {}),
    };
    style.layers.push({ id: BASEMAP_SOURCE_ID, type: 'raster', source: BASEMAP_SOURCE_ID });
  }
  return style;
}
