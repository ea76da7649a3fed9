import type { Deck } from '@deck.gl/core';
import type { MapLibreOverlay } from '@deck.gl/maplibre';

/**
 * Skips the deck.gl frames that would draw the same picture again.
 *
 * deck.gl redraws whenever it is given a new layer list, even when only hidden layers changed: the map's
 * background preparation (the other levels' layers, kept hidden so that a level switch only toggles
 * visibility; see MapView) gave about 15 such frames after start-up. A software renderer (SwiftShader, what
 * Chromium uses without a usable GPU) spends 200–450 ms of CPU on each on this machine: 6.8–7.2 s of both
 * cores in the first seconds, the time in which a user's first switches then took twice their CPU time in
 * wall time (scripts/bench/renderCost.ts prints the start-up figures).
 *
 * Protocol: the map calls `layersPushed(hiddenOnly)` with every new layer list, `forceNext()` when something
 * outside the layer list changes the picture (hover highlight), and deck.gl's `_customRender` asks
 * `shouldDraw(reason)`. A frame is skipped only when every layer list pushed since the last frame changed
 * hidden layers only and deck.gl's reason is that layer list (`updating layers: …`): a changed view, a
 * resize or a visible layer's own redraw request give other reasons and are drawn. deck.gl has updated the
 * layers (made the hidden ones, uploaded their buffers) before it asks, so skipping loses no preparation.
 */
export class RedrawGate {
  private pending: 'none' | 'quiet' | 'draw' = 'none';

  /** `onSkip` is told of every skipped frame (the app's performance probe counts them). */
  constructor(private readonly onSkip?: () => void) {}

  layersPushed(hiddenOnly: boolean): void {
    this.pending = hiddenOnly && this.pending !== 'draw' ? 'quiet' : 'draw';
  }

  forceNext(): void {
    this.pending = 'draw';
  }

  shouldDraw(reason: string): boolean {
    const skip = this.pending === 'quiet' && reason.startsWith('updating layers');
    this.pending = 'none';
    if (skip) this.onSkip?.();
    return !skip;
  }
}

/**
 * Let `gate` decide which of the overlay's frames are drawn. Uses the overlay's Deck instance (a private
 * field of MapLibreOverlay in non-interleaved mode): without one (another deck.gl version) every frame is
 * drawn, as before. Returns true when the gate is in place.
 */
export function gateOverlayRedraws(overlay: MapLibreOverlay, gate: RedrawGate): boolean {
  const deck = (overlay as unknown as { _deck?: Deck })._deck;
  if (!deck || typeof deck._drawLayers !== 'function') return false;
  // Deck merges props: the overlay's later setProps (layers) keep this one
  deck.setProps({
    _customRender: (reason: string) => {
      if (gate.shouldDraw(reason)) deck._drawLayers(reason);
    },
  });
  return true;
}
