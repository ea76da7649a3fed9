// @vitest-environment happy-dom
/**
 * The charts panel follows the area layer the map shows: on the Einschulbereiche (mapStore `special` = 'esb')
 * the histogram bins the ESB areas' values (engine output `results.esb`), its title names the Einschulbereich
 * level, and the range brush (which filters LOR areas only) is replaced by a visible explanation.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChartsPanel } from '../../../src/panels/ChartsPanel';
import { useFilterStore } from '../../../src/state/filterStore';
import { useIndicatorStore } from '../../../src/state/indicatorStore';
import { useLocaleStore } from '../../../src/state/localeStore';
import { useMapStore } from '../../../src/state/mapStore';
import { cleanup, render } from '../charts/render';
import { engineResults, setShownLayerStores, squareAreas } from '../fixtures/areaLayers';
import { PLR } from './linkedData';

/** Four made-up Einschulbereiche (one more than the three Planungsräume, so the counts tell them apart). */
const ESB = squareAreas(
  ['1001', '1002', '1003', '1004'].map((id) => ({ id, name: `Einschulbereich ${id}` })),
);

const results = () =>
  engineResults({
    plr: PLR,
    population: [
      { plr_id: '01100101', total: '1000', age_below_6: '100', age_6_15: '90' },
      { plr_id: '01100102', total: '2000', age_below_6: '2', age_6_15: '150' },
      { plr_id: '02200201', total: '500', age_below_6: '50', age_6_15: '40' },
    ],
    esb: {
      ids: ESB.features.map((f) => f.properties.id),
      estimates: [
        { esb_id: '1001', total: '900', age_6_15: '80' },
        { esb_id: '1002', total: '1200', age_6_15: '120' },
        { esb_id: '1003', total: '1400', age_6_15: '160' },
        { esb_id: '1004', total: '100', age_6_15: '' },
      ],
    },
    indicators: ['pop_total', 'pop_age_6_15', 'esb_pop_6_15'],
  });

/** The histogram's heading (the panel's first h3). */
const histTitle = (c: HTMLElement) => c.querySelector('[data-testid="charts-panel"] h3')?.textContent ?? '';

const binTotal = (c: HTMLElement) =>
  [...c.querySelectorAll('[data-testid="histogram"] rect.histogram-bin')].reduce(
    (s, b) => s + Number(b.getAttribute('data-count')),
    0,
  );

beforeEach(() => {
  setShownLayerStores({ plr: PLR, esb: ESB, results: results(), special: 'esb' });
});

afterEach(() => {
  cleanup();
  useMapStore.setState({ special: null, overlayAreas: {} });
});

describe('ChartsPanel on the Einschulbereiche', () => {
  it('bins the Einschulbereiche values and names the Einschulbereich level in the title', () => {
    act(() => useIndicatorStore.getState().setIndicator('esb_pop_6_15'));
    const { container } = render(<ChartsPanel />);
    const title = histTitle(container);
    expect(title).toBe(
      'Verteilung: Kinder 6 bis unter 15 Jahre im Einschulbereich (geschätzt) (Einschulbereich)',
    );
    expect(title).not.toContain('Planungsraum');
    // three of the four Einschulbereiche have an estimate (not the three Planungsräume)
    expect(binTotal(container)).toBe(3);
    expect(container.querySelector('[data-testid="histogram"] svg')!.getAttribute('aria-label')).toContain(
      '3 Werte',
    );
  });

  it('replaces the range brush by a visible explanation (range filters act on LOR areas only)', () => {
    act(() => useIndicatorStore.getState().setIndicator('esb_pop_6_15'));
    const { container } = render(<ChartsPanel />);
    const hist = container.querySelector('[data-testid="histogram"]')!;
    expect(hist.querySelector('.histogram-brush')).toBeNull();
    expect(hist.querySelector('input[type="number"]')).toBeNull();
    const note = container.querySelector('[data-testid="histogram-no-brush"]');
    expect(note?.textContent).toMatch(/Einschulbereich/);
    expect(useFilterStore.getState().ranges).toEqual([]);
  });

  it('says that a LOR indicator has no values on the Einschulbereiche (as map and area table do)', () => {
    act(() => useIndicatorStore.getState().setIndicator('pop_total'));
    const { container } = render(<ChartsPanel />);
    expect(container.querySelector('[data-testid="histogram"]')).toBeNull();
    expect(container.querySelector('[data-testid="histogram-not-on-level"]')).not.toBeNull();
    expect(container.textContent).not.toContain('werden berechnet');
  });

  it('back on the LOR level: Planungsräume, the LOR title and the brush again', () => {
    act(() => {
      useMapStore.setState({ special: null });
      useIndicatorStore.getState().setIndicator('pop_age_6_15');
    });
    const { container } = render(<ChartsPanel />);
    expect(histTitle(container)).toMatch(/\(Planungsraum\)$/);
    expect(binTotal(container)).toBe(3);
    expect(container.querySelector('[data-testid="histogram"] input[type="number"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="histogram-no-brush"]')).toBeNull();
  });

  it('English title names the school catchment level', () => {
    act(() => {
      useLocaleStore.setState({ locale: 'en' });
      useIndicatorStore.getState().setIndicator('esb_pop_6_15');
    });
    const { container } = render(<ChartsPanel />);
    expect(histTitle(container)).toMatch(/\(School catchment area\)$/);
  });
});

describe('ChartsPanel scatter on the Einschulbereiche', () => {
  it("keeps plotting the school's Planungsraum and says so on the x axis", () => {
    act(() => useIndicatorStore.getState().setIndicator('esb_pop_6_15'));
    const { container } = render(<ChartsPanel />);
    const caption = container.querySelector('[data-testid="scatter"] figcaption')?.textContent ?? '';
    expect(caption).toContain('(Planungsraum)');
    expect(container.querySelector('[data-testid="scatter"] .axis-x')?.textContent).toMatch(
      /\(Planungsraum\)$/,
    );
  });
});
