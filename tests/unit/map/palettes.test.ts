import { describe, expect, it } from 'vitest';
import { NO_DATA, SUPPRESSED } from '../../../src/indicators/classify';
import {
  contrastRatio,
  fillColours,
  hexToRgb,
  NO_DATA_COLOUR,
  paletteFor,
  relativeLuminance,
  rgbForClass,
  rgbToHex,
  SUPPRESSED_COLOUR,
  textColourOn,
} from '../../../src/map/palettes';

describe('paletteFor', () => {
  it('gives one colour per class for 1–9 classes, hex and rgb agreeing', () => {
    for (let k = 1; k <= 9; k++) {
      for (const diverging of [false, true]) {
        const p = paletteFor({ classes: k, polarity: 'higherIsWorse', diverging });
        expect(p.hex).toHaveLength(k);
        expect(p.rgb).toHaveLength(k);
        expect(new Set(p.hex).size).toBe(k);
        expect(p.rgb.map(rgbToHex)).toEqual(p.hex.map((h) => h.toLowerCase()));
      }
    }
  });

  it('sequential: worse end is darker; higherIsBetter reverses the order', () => {
    const worse = paletteFor({ classes: 7, polarity: 'higherIsWorse' });
    const better = paletteFor({ classes: 7, polarity: 'higherIsBetter' });
    const lum = (hs: string[]) => hs.map(relativeLuminance);
    const lw = lum(worse.hex);
    for (let i = 1; i < lw.length; i++) expect(lw[i]).toBeLessThan(lw[i - 1]); // monotone: readable without hue
    expect(worse.reversed).toBe(false);
    expect(better.reversed).toBe(true);
    expect(better.hex).toEqual([...worse.hex].reverse());
    expect(worse.scheme).toBe('OrRd');
    expect(paletteFor({ classes: 5, polarity: 'neutral' }).scheme).toBe('YlGnBu');
  });

  it('diverging for stddev: red on the worse side, PuOr for neutral indicators', () => {
    const hw = paletteFor({ classes: 5, polarity: 'higherIsWorse', diverging: true });
    const hb = paletteFor({ classes: 5, polarity: 'higherIsBetter', diverging: true });
    expect(hw.scheme).toBe('RdBu');
    const redness = (h: string) => hexToRgb(h)[0] - hexToRgb(h)[2];
    expect(redness(hw.hex[4])).toBeGreaterThan(0); // highest class red
    expect(redness(hb.hex[0])).toBeGreaterThan(0); // lowest class red
    expect(paletteFor({ classes: 5, polarity: 'neutral', diverging: true }).scheme).toBe('PuOr');
  });

  it('scheme override keeps the kind consistent with the request', () => {
    expect(paletteFor({ classes: 5, scheme: 'Purples' }).scheme).toBe('Purples');
    expect(paletteFor({ classes: 5, scheme: 'Purples', diverging: true }).kind).toBe('diverging');
    expect(paletteFor({ classes: 5, scheme: 'BrBG' }).kind).toBe('sequential');
  });

  it('special colours for no data and suppressed differ from each other and from all class colours', () => {
    expect(NO_DATA_COLOUR.hex).not.toBe(SUPPRESSED_COLOUR.hex);
    for (let k = 3; k <= 9; k++) {
      const p = paletteFor({ classes: k, polarity: 'higherIsWorse' });
      expect(p.hex).not.toContain(NO_DATA_COLOUR.hex);
      expect(p.hex).not.toContain(SUPPRESSED_COLOUR.hex);
    }
    const p = paletteFor({ classes: 3 });
    expect(rgbForClass(NO_DATA, p)).toEqual(NO_DATA_COLOUR.rgb);
    expect(rgbForClass(SUPPRESSED, p)).toEqual(SUPPRESSED_COLOUR.rgb);
    expect(rgbForClass(2, p)).toEqual(p.rgb[2]);
    expect(rgbForClass(7, p)).toEqual(NO_DATA_COLOUR.rgb);
  });
});

describe('fillColours', () => {
  it('packs RGBA per feature, special colours for missing and suppressed', () => {
    const p = paletteFor({ classes: 3 });
    const out = fillColours(Int8Array.from([0, 2, NO_DATA, SUPPRESSED]), p, 180);
    expect(out).toHaveLength(16);
    expect([...out.slice(0, 4)]).toEqual([...p.rgb[0], 180]);
    expect([...out.slice(4, 8)]).toEqual([...p.rgb[2], 180]);
    expect([...out.slice(8, 12)]).toEqual([...NO_DATA_COLOUR.rgb, 180]);
    expect([...out.slice(12, 16)]).toEqual([...SUPPRESSED_COLOUR.rgb, 180]);
  });
});

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(hexToRgb('#abc')).toEqual([170, 187, 204]);
    expect(() => hexToRgb('red')).toThrow();
  });

  it('text on every swatch reaches 4.5:1', () => {
    const all = [NO_DATA_COLOUR.hex, SUPPRESSED_COLOUR.hex];
    for (let k = 3; k <= 9; k++) {
      all.push(...paletteFor({ classes: k, polarity: 'higherIsWorse' }).hex);
      all.push(...paletteFor({ classes: k, polarity: 'neutral', diverging: true }).hex);
    }
    for (const h of all) expect(contrastRatio(h, textColourOn(h))).toBeGreaterThanOrEqual(4.5);
    expect(textColourOn('#08306b')).toBe('#ffffff');
    expect(textColourOn('#fff7ec')).toBe('#000000');
  });
});
