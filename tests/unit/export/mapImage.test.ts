import { describe, expect, it } from 'vitest';
import {
  type Ctx2D,
  drawMapImage,
  fitText,
  mapImageLayout,
  metersPerPixel,
  scaleBar,
} from '../../../src/export/mapImage';

function recorder() {
  const texts: string[] = [];
  const images: number[][] = [];
  const ctx: Ctx2D = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: 'top',
    textAlign: 'left',
    fillRect: () => {},
    strokeRect: () => {},
    fillText: (t) => {
      texts.push(t);
    },
    measureText: (t) => ({ width: t.length * 7 }),
    drawImage: (_img, x, y, w, h) => {
      images.push([x, y, w, h]);
    },
    beginPath: () => {},
    moveTo: () => {},
    lineTo: () => {},
    stroke: () => {},
  };
  return { ctx, texts, images };
}

describe('map PNG layout', () => {
  it('computes Web-Mercator ground resolution', () => {
    expect(metersPerPixel(0, 0)).toBeCloseTo(78271.5, 0);
    expect(metersPerPixel(52.52, 12)).toBeCloseTo(11.6, 1);
  });

  it('picks a nice scale bar that fits', () => {
    expect(scaleBar(10, 120)).toEqual({ px: 100, meters: 1000, label: '1 km' });
    expect(scaleBar(3, 120)).toMatchObject({ meters: 200, label: '200 m' });
    expect(scaleBar(30, 120, 'en')).toMatchObject({ meters: 2000, label: '2 km' });
    expect(scaleBar(130, 120)).toMatchObject({ meters: 10000, label: '10 km' });
    expect(scaleBar(13, 120).label).toBe('1 km');
    expect(scaleBar(25, 120).label).toBe('2 km');
    expect(scaleBar(40, 120).label).toBe('2 km');
    expect(scaleBar(2, 1000).label).toBe('2 km');
    expect(scaleBar(1.5, 1000).label).toBe('1 km');
    expect(scaleBar(25, 100, 'de').label).toBe('2 km');
    expect(scaleBar(13, 100).px).toBeLessThanOrEqual(100);
    expect(() => scaleBar(0, 100)).toThrow();
  });

  it('draws title, map, legend, scale, attribution and date', () => {
    const { ctx, texts, images } = recorder();
    const spec = {
      title: 'Anteil 6–15 Jahre nach Planungsraum',
      subtitle: 'Filter: Bezirk Mitte',
      legendTitle: 'Anteil in %',
      legend: [
        { hex: '#eff3ff', label: '0 – 5' },
        { hex: '#08519c', label: '5 – 10' },
      ],
      metersPerPixel: 10,
      attribution: ['Geometrien: Testquelle (CC0)', 'Daten: Testquelle'],
      dateLabel: 'Stand: 27.11.2026',
      pixelRatio: 2,
    };
    const L = drawMapImage(ctx, {} as CanvasImageSource, 1600, 1000, spec);
    expect(L).toEqual(mapImageLayout(1600, 1000, spec));
    expect(L.height).toBe(L.header + 1000 + L.footer);
    expect(images).toEqual([[0, L.header, 1600, 1000]]);
    for (const t of [
      spec.title,
      spec.subtitle,
      spec.legendTitle,
      '0 – 5',
      '5 – 10',
      '1 km',
      ...spec.attribution,
      spec.dateLabel,
    ]) {
      expect(texts).toContain(t);
    }
  });

  it('puts a tall legend in a band under a small map, in columns, and shortens long texts', () => {
    const { ctx, texts, images } = recorder();
    const legend = Array.from({ length: 9 }, (_, i) => ({ hex: '#336699', label: `Klasse ${i + 1}` }));
    const spec = {
      title: 'T'.repeat(200),
      legendTitle: 'Legende',
      legend,
      metersPerPixel: 20,
      attribution: ['A'.repeat(200)],
      dateLabel: 'Stand: 27.11.2026',
      legendPlacement: 'auto' as const,
    };
    const L = drawMapImage(ctx, {} as CanvasImageSource, 600, 300, spec);
    expect(L.legendColumns).toBe(2); // (600 − 24) / 230
    expect(L.legendBand).toBe(18 + 5 * 18 + 16);
    expect(L.height).toBe(L.header + 300 + L.legendBand + L.footer);
    expect(images).toEqual([[0, L.header, 600, 300]]);
    for (const e of legend) expect(texts).toContain(e.label);
    const title = texts.find((t) => t.startsWith('TTT'));
    expect(title?.endsWith('…')).toBe(true);
    expect((title?.length ?? 0) * 7).toBeLessThanOrEqual(600 - 24);
    expect(texts.find((t) => t.startsWith('AAA'))?.endsWith('…')).toBe(true);
    // a big map keeps the box inside
    expect(mapImageLayout(1600, 1200, spec).legendBand).toBe(0);
    expect(fitText({ measureText: (t) => ({ width: t.length }) }, 'abcdef', 4)).toBe('abc…');
    expect(fitText({ measureText: (t) => ({ width: t.length }) }, 'abc', 4)).toBe('abc');
  });
});
