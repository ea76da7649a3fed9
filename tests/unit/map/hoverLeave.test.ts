import { describe, expect, it, vi } from 'vitest';
import { clearHoverHighlight, type HoverDeck } from '../../../src/map/hoverLeave';

/** A Deck as far as hoverLeave.ts knows it: the picker's last hover and two layers. */
function fakeDeck(layerId: string | null) {
  const layers = ['areas-bzr-polygons-fill', 'institutions-school'].map((id) => ({
    props: { id },
    updateAutoHighlight: vi.fn(),
  }));
  const last = { layerId, index: layerId ? 7 : -1, info: layerId ? {} : null };
  const deck: HoverDeck = { deckPicker: { lastPickedInfo: last }, layerManager: { getLayers: () => layers } };
  return { deck, layers, last };
}

describe('clearHoverHighlight', () => {
  it('tells the last hovered layer that nothing is picked and makes the picker forget it', () => {
    const { deck, layers, last } = fakeDeck('areas-bzr-polygons-fill');
    expect(clearHoverHighlight(deck)).toBe(true);
    expect(layers[0].updateAutoHighlight).toHaveBeenCalledTimes(1);
    expect(layers[0].updateAutoHighlight.mock.calls[0][0]).toMatchObject({ picked: false, index: -1 });
    expect(layers[1].updateAutoHighlight).not.toHaveBeenCalled();
    // hovering the same object again is a change for deck.gl's picker: it highlights it again
    expect(last).toEqual({ layerId: null, index: -1, info: null });
    // nothing hovered any more: nothing to do, no frame to draw
    expect(clearHoverHighlight(deck)).toBe(false);
  });

  it('does nothing without a hover, a picker or a deck (another deck.gl version)', () => {
    const { deck, layers } = fakeDeck(null);
    expect(clearHoverHighlight(deck)).toBe(false);
    expect(layers[0].updateAutoHighlight).not.toHaveBeenCalled();
    expect(clearHoverHighlight({})).toBe(false);
    expect(clearHoverHighlight(undefined)).toBe(false);
  });

  it('forgets a hover of a layer that is gone, without a frame to draw', () => {
    const { deck, last } = fakeDeck('removed-layer');
    expect(clearHoverHighlight(deck)).toBe(false);
    expect(last.layerId).toBeNull();
  });
});
