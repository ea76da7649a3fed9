/**
 * Colour-blind-safe class palettes (ColorBrewer schemes via d3-scale-chromatic), chosen by an indicator's
 * polarity. Pure: no DOM. Colours come as hex (legend, charts) and [r, g, b] (deck.gl).
 *
 * Rule: the "worse" end of an indicator is always the stronger, warmer end of the palette.
 *  - higherIsWorse  → sequential OrRd, light → dark red with rising values
 *  - higherIsBetter → sequential OrRd reversed (low values dark red)
 *  - neutral        → sequential YlGnBu (cool, no judgement)
 *  - stddev classes → diverging RdBu (red = worse side) or PuOr for neutral indicators
 * No red–green schemes (RdYlGn, Spectral) are offered.
 */
import {
  schemeBlues,
  schemeBrBG,
  schemeOrRd,
  schemePuBu,
  schemePuOr,
  schemePurples,
  schemeRdBu,
  schemeYlGnBu,
  schemeYlOrBr,
} from 'd3';
import { SUPPRESSED } from '../indicators/classify';

export type Polarity = 'higherIsBetter' | 'higherIsWorse' | 'neutral';
export type RGB = [number, number, number];

export type SequentialSchemeId = 'OrRd' | 'YlOrBr' | 'YlGnBu' | 'Blues' | 'Purples' | 'PuBu';
export type DivergingSchemeId = 'RdBu' | 'PuOr' | 'BrBG';
export type SchemeId = SequentialSchemeId | DivergingSchemeId;

const SCHEMES: Record<SchemeId, readonly (readonly string[])[]> = {
  OrRd: schemeOrRd,
  YlOrBr: schemeYlOrBr,
  YlGnBu: schemeYlGnBu,
  Blues: schemeBlues,
  Purples: schemePurples,
  PuBu: schemePuBu,
  RdBu: schemeRdBu,
  PuOr: schemePuOr,
  BrBG: schemeBrBG,
};

export const SEQUENTIAL_SCHEMES: readonly SequentialSchemeId[] = [
  'OrRd',
  'YlOrBr',
  'YlGnBu',
  'Blues',
  'Purples',
  'PuBu',
];
export const DIVERGING_SCHEMES: readonly DivergingSchemeId[] = ['RdBu', 'PuOr', 'BrBG'];

export function isDivergingScheme(id: SchemeId): id is DivergingSchemeId {
  return (DIVERGING_SCHEMES as readonly string[]).includes(id);
}

export interface Palette {
  scheme: SchemeId;
  kind: 'sequential' | 'diverging';
  /** True when the scheme's natural order was reversed (see the polarity rule above). */
  reversed: boolean;
  /** One colour per class, class 0 first. */
  hex: string[];
  rgb: RGB[];
}

/** Swatch for values that are not classified. */
export interface SpecialColour {
  hex: string;
  rgb: RGB;
  /** Pattern hint for the map/legend so the state is not told by colour alone. */
  pattern: 'hatch' | 'dots';
}

/** "Keine Daten": light grey, hatched in the legend (and on the map where the layer supports patterns). */
export const NO_DATA_COLOUR: SpecialColour = { hex: '#e3e3e3', rgb: [227, 227, 227], pattern: 'hatch' };
/** "Unterdrückt" (privacy, small numbers): mid grey, dotted. */
export const SUPPRESSED_COLOUR: SpecialColour = { hex: '#8f8f8f', rgb: [143, 143, 143], pattern: 'dots' };

export function hexToRgb(hex: string): RGB {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) throw new Error(`Not a hex colour: ${hex}`);
  let h = m[1];
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  return [
    Number.parseInt(h.slice(0, 2), 16),
    Number.parseInt(h.slice(2, 4), 16),
    Number.parseInt(h.slice(4, 6), 16),
  ];
}

export function rgbToHex([r, g, b]: RGB): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function schemeColours(id: SchemeId, classes: number): string[] {
  const table = SCHEMES[id];
  if (classes >= 3) return [...table[Math.min(classes, 9)]];
  const three = table[3];
  if (classes === 2) return [three[0], three[2]];
  if (classes === 1) return [three[1]];
  return [];
}

export interface PaletteOptions {
  /** Number of classes (1–9; 1 and 2 are taken from the 3-class scheme). */
  classes: number;
  polarity?: Polarity;
  /** Diverging palette (use for standard-deviation classes). */
  diverging?: boolean;
  /** Override the scheme; the polarity rule still decides the direction. */
  scheme?: SchemeId;
}

export function defaultScheme(polarity: Polarity, diverging: boolean): SchemeId {
  if (diverging) return polarity === 'neutral' ? 'PuOr' : 'RdBu';
  return polarity === 'neutral' ? 'YlGnBu' : 'OrRd';
}

/**
 * Palette for a number of classes. Sequential schemes run light → dark; diverging schemes in d3 start at
 * their warm end (RdBu: red, PuOr: orange, BrBG: brown), so "low values worse" keeps their order.
 */
export function paletteFor(opts: PaletteOptions): Palette {
  const polarity = opts.polarity ?? 'neutral';
  const classes = Math.max(0, Math.min(9, Math.round(Number.isFinite(opts.classes) ? opts.classes : 0)));
  let scheme = opts.scheme ?? defaultScheme(polarity, opts.diverging ?? false);
  if (opts.diverging && !isDivergingScheme(scheme)) scheme = defaultScheme(polarity, true);
  if (!opts.diverging && isDivergingScheme(scheme)) scheme = defaultScheme(polarity, false);
  const kind = isDivergingScheme(scheme) ? 'diverging' : 'sequential';
  // sequential: dark (strong) = high values; reverse when low values are the worse ones.
  // diverging: warm = low values; reverse when high values are the worse ones.
  const reversed = kind === 'sequential' ? polarity === 'higherIsBetter' : polarity === 'higherIsWorse';
  let hex = schemeColours(scheme, classes);
  if (reversed) hex = hex.reverse();
  return { scheme, kind, reversed, hex, rgb: hex.map(hexToRgb) };
}

/** Colour of a classOf value (class index, NO_DATA or SUPPRESSED) for deck.gl. */
export function rgbForClass(classIndex: number, palette: Palette): RGB {
  if (classIndex === SUPPRESSED) return SUPPRESSED_COLOUR.rgb;
  if (classIndex < 0 || classIndex >= palette.rgb.length) return NO_DATA_COLOUR.rgb;
  return palette.rgb[classIndex];
}

export function hexForClass(classIndex: number, palette: Palette): string {
  if (classIndex === SUPPRESSED) return SUPPRESSED_COLOUR.hex;
  if (classIndex < 0 || classIndex >= palette.hex.length) return NO_DATA_COLOUR.hex;
  return palette.hex[classIndex];
}

/** CSS background for a legend swatch: the colour, plus a pattern for the special states. */
export function swatchBackground(hex: string, pattern?: 'hatch' | 'dots'): string {
  if (pattern === 'hatch') return `repeating-linear-gradient(45deg, ${hex} 0 3px, #9a9a9a 3px 4px)`;
  if (pattern === 'dots')
    return `radial-gradient(circle, #ffffff 1px, transparent 1.5px) 0 0 / 4px 4px, ${hex}`;
  return hex;
}

// --- contrast (WCAG 2.1) -----------------------------------------------------------------------------

/** Relative luminance (WCAG 2.1) of a hex colour, 0 (black) … 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Black or white, whichever contrasts more with the background (for text on a swatch). */
export function textColourOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/**
 * RGBA per feature (4 bytes each) from classify().classOf, for a deck.gl layer's colour attribute or a
 * `getFillColor: (_, { index }) => …` lookup. Keeps the layer's data reference stable: recolour by
 * replacing only this array (and bumping `updateTriggers`).
 */
export function fillColours(classOf: ArrayLike<number>, palette: Palette, alpha = 200): Uint8ClampedArray {
  const out = new Uint8ClampedArray(classOf.length * 4);
  for (let i = 0; i < classOf.length; i++) {
    const [r, g, b] = rgbForClass(classOf[i], palette);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = alpha;
  }
  return out;
}
