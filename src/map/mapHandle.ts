/**
 * The live map instance for views outside MapView (PNG export). MapView registers it with one line:
 * `useEffect(() => registerMapHandle(ctx), [ctx]);`
 */
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapHandle {
  map: MapLibreMap;
  overlay: MapLibreOverlay;
}

let current: MapHandle | null = null;

/** Set the handle; returns a cleanup that clears it again (if still the same). */
export function registerMapHandle(handle: MapHandle | null): () => void {
  current = handle;
  return () => {
    if (current === handle) current = null;
  };
}

export function getMapHandle(): MapHandle | null {
  return current;
}

/**
 * A snapshot of the map as one canvas: MapLibre's canvas with deck.gl's overlay canvas (non-interleaved
 * MapLibreOverlay draws into its own canvas on top) composed over it. Both WebGL canvases are redrawn
 * synchronously right before copying, so no `preserveDrawingBuffer` is needed.
 */
export function snapshotMap(handle: MapHandle): HTMLCanvasElement {
  const { map, overlay } = handle;
  map.redraw();
  const base = map.getCanvas();
  const out = document.createElement('canvas');
  out.width = base.width;
  out.height = base.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('PNG export: no 2D canvas context');
  ctx.drawImage(base, 0, 0);
  const deckCanvas = overlay.getCanvas();
  if (deckCanvas && deckCanvas !== base) {
    // Deck.redraw(reason) draws synchronously; `_deck` is the overlay's Deck instance (not public API).
    const deck = (overlay as unknown as { _deck?: { redraw: (reason?: string) => void } })._deck;
    deck?.redraw('png-export');
    ctx.drawImage(deckCanvas, 0, 0, out.width, out.height);
  }
  return out;
}
