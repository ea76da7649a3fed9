import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/indicators/classify';
import { autoDecimals, buildLegendModel, classifyNoteTexts } from '../../../src/map/legendModel';
import { NO_DATA_COLOUR, paletteFor, SUPPRESSED_COLOUR } from '../../../src/map/palettes';

describe('buildLegendModel', () => {
  it('formats class bounds de-DE with counts and special entries', () => {
    const values = [1000, 1234.5, 1500, 2000, 2500, 3000, null];
    const r = classify(values, {
      method: 'manual',
      classes: 3,
      breaks: [1234.5, 2000],
      suppressed: [false, false, false, false, false, true, false],
    });
    const m = buildLegendModel(r, paletteFor({ classes: r.classes }));
    expect(m.entries.map((e) => e.label)).toEqual([
      'bis 1.234,5',
      '1.234,5 – 2.000',
      'über 2.000',
      'keine Daten',
      'unterdrückt (Datenschutz)',
    ]);
    expect(m.entries.map((e) => e.count)).toEqual([2, 2, 1, 1, 1]);
    expect(m.total).toBe(7);
    expect(m.entries[3].hex).toBe(NO_DATA_COLOUR.hex);
    expect(m.entries[3].pattern).toBe('hatch');
    expect(m.entries[4].hex).toBe(SUPPRESSED_COLOUR.hex);
    expect(m.entries[0].classIndex).toBe(0);
    expect(m.entries[3].classIndex).toBe(-1);
    expect(m.entries[4].classIndex).toBe(-2);
  });

  it('uses fixed decimals when given and English labels on request', () => {
    const r = classify([1000, 1234.5, 1500, 2000], { method: 'manual', classes: 3, breaks: [1234.5] });
    const m = buildLegendModel(r, paletteFor({ classes: r.classes }), { locale: 'en', decimals: 0 });
    expect(m.entries.map((e) => e.label)).toEqual(['up to 1,235', 'above 1,235']);
    expect(m.methodLabel).toBe('Manual breaks');
  });

  it('closed classes show min and max; integers without decimals', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const r = classify(values, { method: 'quantile', classes: 4 });
    const m = buildLegendModel(r, paletteFor({ classes: 4, polarity: 'higherIsWorse' }));
    expect(m.entries.map((e) => e.label)).toEqual(['1 – 25', '25 – 50', '50 – 75', '75 – 100']);
    expect(m.entries.every((e) => e.count === 25)).toBe(true);
    expect(m.entries.some((e) => e.kind !== 'class')).toBe(false);
    expect(m.summary).toContain('4 Klassen');
  });

  it('stddev entries carry the SD range as detail', () => {
    const r = classify([-3, -2, -1, 0, 1, 2, 3], { method: 'stddev', classes: 3 });
    const m = buildLegendModel(r, paletteFor({ classes: 3, diverging: true }));
    expect(m.entries.map((e) => e.detail)).toEqual([
      'unter -0,5 Std.-Abw.',
      '-0,5 bis 0,5 Std.-Abw.',
      'über 0,5 Std.-Abw.',
    ]);
    expect(m.entries[0].label).toBe('bis -1');
  });

  it('missing entries can be forced; all-null gives only those', () => {
    const r = classify([null, null], { method: 'quantile', classes: 5 });
    const m = buildLegendModel(r, paletteFor({ classes: 0 }), { alwaysShowMissing: true });
    expect(m.entries.map((e) => [e.kind, e.count])).toEqual([
      ['noData', 2],
      ['suppressed', 0],
    ]);
  });

  it('autoDecimals keeps distinct bounds distinct', () => {
    expect(autoDecimals([1, 2, 3])).toBe(0);
    expect(autoDecimals([0.11, 0.12, 0.5])).toBe(2);
    expect(autoDecimals([10.04, 10.03, 50])).toBe(2);
    expect(autoDecimals([10.04567, 10.3, 50.123456])).toBe(1);
    expect(autoDecimals([100.5, 1000])).toBe(1);
    expect(autoDecimals([100.123456, 1000])).toBe(0);
  });

  it('turns notes into sentences', () => {
    expect(classifyNoteTexts([{ code: 'fewerClasses', requested: 5, used: 3 }])[0]).toContain(
      'nur 3 statt 5',
    );
    expect(classifyNoteTexts([{ code: 'noValues' }], 'en')[0]).toBe(
      'There are no values for this indicator.',
    );
  });
});
