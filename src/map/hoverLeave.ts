/**
 * Clears deck.gl's hover highlight when the pointer leaves the map.
 *
 * deck.gl 9.4 handles a pointer leaving the canvas as a hover pick at (-1, -1). That pick finds no viewport
 * under the point and returns before it tells the last hovered layer that nothing is hovered any more
 * (`DeckPicker._pickClosestObject`; the same symptom as visgl/deck.gl#9667): `onHover` is called with an
 * empty pick, so the tooltip goes, but the area or point stays highlighted until the pointer comes back and
 * hovers something else. A fast move from the map to the side panel leaves it that way every time.
 *
 * Here the last hovered layer is told what the pick would have told it (nothing picked), and the picker
 * forgets it, so that hovering the same object again highlights it again.
 */
/** What this needs of deck.gl's Deck (9.4): its picker's last hover and the layers. */
export interface HoverDeck {
  deckPicker?: { lastPickedInfo?: { layerId: string | null; index: number; info: unknown } } | null;
  layerManager?: {
    getLayers(): { props: { id: string }; updateAutoHighlight(info: object): void }[];
  } | null;
}

/**
 * Un-highlight the last hovered object. Returns true when there was one (a frame must be drawn). `deck` is
 * deck.gl's Deck, read through HoverDeck (its picker is not public).
 */
export function clearHoverHighlight(d: object | undefined): boolean {
  const deck = d as HoverDeck | undefined;
  const last = deck?.deckPicker?.lastPickedInfo;
  if (!last || last.layerId === null) return false;
  const layer = deck?.layerManager?.getLayers().find((l) => l.props.id === last.layerId);
  layer?.updateAutoHighlight({ picked: false, index: -1, color: null, object: undefined, layer });
  last.layerId = null;
  last.index = -1;
  last.info = null;
  return layer !== undefined;
}
