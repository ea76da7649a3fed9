/**
 * Colours of the map, shared by the style, the deck.gl layers, the legend and the e2e pixel check.
 * Point colours follow the Okabe–Ito palette (colour-blind safe).
 */
export type RGBA = [number, number, number, number];

/** Map background (no basemap tiles: the app is offline). */
export const BACKGROUND_HEX = '#f2efe9';
export const BACKGROUND_RGB: [number, number, number] = [0xf2, 0xef, 0xe9];

/** Neutral area fill until an indicator colours the areas. */
export const AREA_FILL: RGBA = [96, 112, 140, 90];
export const AREA_LINE: RGBA = [52, 62, 84, 230];
export const AREA_HIGHLIGHT: RGBA = [255, 200, 0, 140];

export const INSTITUTION_COLORS = {
  school: [0, 114, 178, 255] as RGBA, // blue
  youth: [213, 94, 0, 255] as RGBA, // vermillion
  kita: [0, 158, 115, 255] as RGBA, // bluish green
} as const;

export const POINT_OUTLINE: RGBA = [255, 255, 255, 255];

/** The colour a semi-transparent fill shows over the background (source-over blending). */
export function blendOverBackground(
  c: RGBA,
  bg: [number, number, number] = BACKGROUND_RGB,
): [number, number, number] {
  const a = c[3] / 255;
  return [0, 1, 2].map((i) => Math.round(c[i] * a + bg[i] * (1 - a))) as [number, number, number];
}

export function rgbaToCss(c: RGBA): string {
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(3)})`;
}
