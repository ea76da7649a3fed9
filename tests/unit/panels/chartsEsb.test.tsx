// @vitest-environment happy-dom
/**
 * The charts panel follows the area layer the map shows: on the Einschulbereiche (mapStore `special` = 'esb')
 * the histogram bins the ESB areas' values (engine output `results.esb`), its title names the Einschulbereich
 * level, and its range brush sets a range on the Einschulbereiche: the institution table keeps the schools in
 * the Einschulbereiche in range (the engine's school join `results.esb.schoolEsb`). On an imported polygon
 * layer the brush is still replaced by a visible explanation.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Institution, InstitutionSet } from '../../../src/datasets/types';
import { ChartsPanel } from '../../../src/panels/ChartsPanel';
import { FilterPanel } from '../../../src/panels/FilterPanel';
import { InstitutionTable } from '../../../src/panels/InstitutionTable';
import { useDataStore } from '../../../src/state/dataStore';
import { useFilterStore } from '../../../src/state/filterStore';
import { useImportStore } from '../../../src/state/importStore';
import { useIndicatorStore } from '../../../src/state/indicatorStore';
import { useLocaleStore } from '../../../src/state/localeStore';
import { useMapStore } from '../../../src/state/mapStore';
import { cleanup, render, typeInto } from '../charts/render';
import { engineResults, importedPolygons, setShownLayerStores, squareAreas } from '../fixtures/areaLayers';
import { PLR, school } from './linkedData';

/** Four made-up Einschulbereiche (one more than the three Planungsräume, so the counts tell them apart). */
const ESB = squareAreas(
  ['1001', '1002', '1003', '1004'].map((id) => ({ id, name: `Einschulbereich ${id}` })),
);

/** Three schools, lying in the Einschulbereiche 1001, 1003 and 1003 (engine join below). */
const SCHOOLS: Institution[] = [
  school('01G01', '01100101', {}),
  school('01G02', '01100102', {}),
  school('02Y01', '02200201', {}),
];
const SCHOOL_SET: InstitutionSet = {
  kind: 'school',
  file: 'schools.csv',
  items: SCHOOLS,
  positions: new Float64Array(6),
  rowsRead: 3,
};

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
      schoolEsb: Int32Array.from([0, 2, 2]),
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
  useDataStore.setState({ institutions: { school: SCHOOL_SET } });
});

afterEach(() => {
  cleanup();
  useMapStore.setState({ special: null, overlayAreas: {} });
  useDataStore.setState({ institutions: {} });
  useImportStore.setState({ datasets: [] });
  useFilterStore.getState().reset();
});

/** Type limits into the histogram's range inputs and submit them (the keyboard alternative to the brush). */
function enterRange(c: HTMLElement, min: string, max: string) {
  const hist = c.querySelector('[data-testid="histogram"]')!;
  const [lo, hi] = [...hist.querySelectorAll<HTMLInputElement>('input[type="number"]')];
  typeInto(lo, min);
  typeInto(hi, max);
  act(() =>
    hist.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })),
  );
}

const tableCount = (c: HTMLElement) => c.querySelector('[data-testid="table-count"]')?.textContent;

/** The map shows an imported polygon layer (with these area names), the ESB indicator chosen. */
function showImportedLayer(id: string, names: string[]): void {
  const layer = importedPolygons(id, 'Gebiete.geojson', names);
  setShownLayerStores({
    plr: PLR,
    esb: ESB,
    results: results(),
    special: `import:${layer.id}`,
    datasets: [layer],
  });
  act(() => useIndicatorStore.getState().setIndicator('esb_pop_6_15'));
}

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

  it('offers the range brush and its inputs, without the "no brush" note', () => {
    act(() => useIndicatorStore.getState().setIndicator('esb_pop_6_15'));
    const { container } = render(<ChartsPanel />);
    const hist = container.querySelector('[data-testid="histogram"]')!;
    expect(hist.querySelector('.histogram-brush')).not.toBeNull();
    expect(hist.querySelectorAll('input[type="number"]')).toHaveLength(2);
    expect(container.querySelector('[data-testid="histogram-no-brush"]')).toBeNull();
  });

  it('a range entered on the histogram filters by Einschulbereich: the institution table shrinks', () => {
    act(() => useIndicatorStore.getState().setIndicator('esb_pop_6_15'));
    const { container } = render(
      <>
        <ChartsPanel />
        <InstitutionTable />
      </>,
    );
    expect(tableCount(container)).toBe('3 von 3');
    // children 6–15: 1001 = 80, 1002 = 120, 1003 = 160 → keep 1002 and 1003
    enterRange(container, '100', '200');
    expect(useFilterStore.getState().ranges).toEqual([
      { indicatorId: 'esb_pop_6_15', level: 'esb', min: 100, max: 200 },
    ]);
    expect(container.querySelector('.histogram-active')).not.toBeNull();
    // two schools lie in 1003, the one in 1001 is out
    expect(tableCount(container)).toBe('2 von 3');
    enterRange(container, '0', '90');
    expect(tableCount(container)).toBe('1 von 3');
    // clearing the inputs clears the range
    enterRange(container, '', '');
    expect(useFilterStore.getState().ranges).toEqual([]);
    expect(tableCount(container)).toBe('3 von 3');
  });

  it('an imported polygon layer still shows the distribution only, with the note', () => {
    showImportedLayer('import-esb-1', ['Gebiet A', 'Gebiet B']);
    const { container } = render(<ChartsPanel />);
    expect(container.querySelector('[data-testid="histogram-no-brush"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="histogram"] input[type="number"]')).toBeNull();
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

describe('FilterPanel range on the Einschulbereiche (the brush as a form)', () => {
  const rangeForm = (c: HTMLElement) => c.querySelector<HTMLFormElement>('[data-testid="filter-range"]');

  it('sets a range on the Einschulbereiche and names that level', () => {
    act(() => useIndicatorStore.getState().setIndicator('esb_pop_6_15'));
    const { container } = render(<FilterPanel />);
    const form = rangeForm(container)!;
    expect(form.textContent).toContain('„Einschulbereiche“');
    const [min, max] = [...form.querySelectorAll<HTMLInputElement>('input')];
    typeInto(min, '100');
    typeInto(max, '200');
    act(() => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(useFilterStore.getState().ranges).toEqual([
      { indicatorId: 'esb_pop_6_15', level: 'esb', min: 100, max: 200 },
    ]);
  });

  it('has no range form on an imported polygon layer', () => {
    showImportedLayer('import-esb-2', ['Gebiet A']);
    const { container } = render(<FilterPanel />);
    expect(rangeForm(container)).toBeNull();
  });
});
