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

/** What preparePipelines needs of a luma.gl Model (deck.gl 9.4 / luma.gl 9.4). */
interface PipelineModel {
  device?: { type?: string; commandEncoder?: unknown };
  setParameters?(parameters: object): void;
  predraw?(commandEncoder: unknown): void;
  /** luma.gl's reason to look up the pipeline again before the next draw (false when none). */
  _pipelineNeedsUpdate?: string | false;
}

/** What preparePipelines needs of deck.gl's Deck and its layers. */
interface PipelineDeck {
  props: { parameters?: object };
  layerManager?: {
    getLayers(): { props: { parameters?: object }; getModels(): unknown[] }[];
  } | null;
}

/**
 * Give every layer's models, hidden ones too, the render pipeline of their next draw now, before the
 * frame draws anything. Returns how many were prepared.
 *
 * Why: a model's first draw sets the draw parameters (the map's `parameters`, then the layer's) and luma.gl
 * then looks its pipeline up again; the first model of a kind (shader, attribute layout, parameters) makes
 * a new one, and reading back its linked program (`getProgramParameter`, `getActiveUniform` …) is a
 * synchronous round trip to the GPU process. Inside a frame that round trip waits until everything drawn
 * before it in that frame is done: with a software renderer 50–110 ms of a level switch's main-thread task
 * (the area labels, first drawn when a level that shows them is switched to, after fill and outlines). Here
 * the parameters are set as the draw would set them (so the draw finds them equal and keeps the pipeline),
 * for hidden layers when they are made (frames the gate skips too) and for all before any drawing.
 */
export function preparePipelines(deck: PipelineDeck): number {
  const layers = deck.layerManager?.getLayers() ?? [];
  const base = deck.props.parameters ?? {};
  let prepared = 0;
  for (const layer of layers) {
    const parameters = { ...base, ...layer.props.parameters };
    for (const m of layer.getModels() as PipelineModel[]) {
      // WebGL only (WebGPU pipelines also depend on the render pass's attachments)
      if (m.device?.type !== 'webgl' || !m.setParameters || !m.predraw) continue;
      m.setParameters(parameters);
      if (!m._pipelineNeedsUpdate) continue;
      m.predraw(m.device.commandEncoder);
      prepared++;
    }
  }
  return prepared;
}

/**
 * The overlay's Deck instance: a private field of MapLibreOverlay in non-interleaved mode (deck.gl 9.4), so
 * undefined with a version that has none. The redraw gate and the hover reset (hoverLeave.ts) use it.
 */
export function overlayDeck(overlay: MapLibreOverlay): Deck | undefined {
  return (overlay as unknown as { _deck?: Deck })._deck;
}

/**
 * Let `gate` decide which of the overlay's frames are drawn. Uses the overlay's Deck instance (a private
 * field of MapLibreOverlay in non-interleaved mode): without one (another deck.gl version) every frame is
 * drawn, as before. Returns true when the gate is in place.
 */
export function gateOverlayRedraws(overlay: MapLibreOverlay, gate: RedrawGate): boolean {
  const deck = overlayDeck(overlay);
  if (!deck || typeof deck._drawLayers !== 'function') return false;
  // Deck merges props: the overlay's later setProps (layers) keep this one
  deck.setProps({
    _customRender: (reason: string) => {
      preparePipelines(deck as unknown as PipelineDeck);
      if (gate.shouldDraw(reason)) deck._drawLayers(reason);
    },
  });
  return true;
}
