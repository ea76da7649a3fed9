// @vitest-environment happy-dom
/**
 * The area table and the indicator panel show the area layer the map shows (`useDisplayedAreas`): the LOR
 * level, or the Einschulbereiche / an imported polygon layer that replaces it (mapStore `special`).
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AreaTable } from '../../../src/panels/AreaTable';
import { IndicatorPanel } from '../../../src/panels/IndicatorPanel';
import { LevelPanel } from '../../../src/panels/LayerPanel';
import { useImportStore } from '../../../src/state/importStore';
import { useIndicatorStore } from '../../../src/state/indicatorStore';
import { useMapStore } from '../../../src/state/mapStore';
import { cleanup, render } from '../charts/render';
import { engineResults, importedPolygons, setShownLayerStores, squareAreas } from '../fixtures/areaLayers';

/** Two made-up Planungsräume, three made-up Einschulbereiche, an imported file with one polygon and a point. */
const PLR = squareAreas(['09100101', '09100102'].map((id) => ({ id, name: `PLR ${id}` })));
const ESB = squareAreas(['0901', '0902', '0903'].map((id) => ({ id, name: `Einschulbereich ${id}` })));
const IMPORTED = importedPolygons('import-gebiete-1', 'Gebiete.geojson', ['Gebiet A'], true);

const results = () =>
  engineResults({
    plr: PLR,
    population: [
      { plr_id: '09100101', total: '1000', age_below_6: '100', age_6_15: '90' },
      { plr_id: '09100102', total: '2000', age_below_6: '120', age_6_15: '150' },
    ],
    esb: {
      ids: ['0901', '0902', '0903'],
      estimates: [
        { esb_id: '0901', total: '900', age_6_15: '80' },
        { esb_id: '0902', total: '1200', age_6_15: '60' },
        { esb_id: '0903', total: '900', age_6_15: '70' },
      ],
    },
    indicators: ['pop_total', 'esb_pop_6_15'],
  });

const rowIds = (c: HTMLElement) =>
  [...c.querySelectorAll('[data-testid="area-table"] tbody tr')].map((r) => r.getAttribute('data-id'));
const caption = (c: HTMLElement) => c.querySelector('[data-testid="area-table"] caption')?.textContent ?? '';
const notOnLevel = (c: HTMLElement) =>
  c.querySelector('[data-testid="indicator-not-on-level"]')?.textContent ?? null;

beforeEach(() => {
  setShownLayerStores({ plr: PLR, esb: ESB, results: results(), special: null, datasets: [IMPORTED] });
});
afterEach(() => {
  cleanup();
  useMapStore.setState({ special: null, overlayAreas: {} });
  useImportStore.setState({ datasets: [] });
});

describe('AreaTable follows the shown layer', () => {
  it('LOR level: its areas, selectable rows', () => {
    act(() => useIndicatorStore.getState().setIndicator('pop_total'));
    const { container } = render(<AreaTable />);
    expect(rowIds(container)).toEqual(['09100101', '09100102']);
    expect(caption(container)).toContain('Planungsraum');
    expect(container.querySelector('tbody tr')?.getAttribute('tabindex')).toBe('0');
  });

  it('Einschulbereiche: their areas and values, not selectable as LOR areas', () => {
    act(() => {
      useIndicatorStore.getState().setIndicator('esb_pop_6_15');
      useMapStore.setState({ special: 'esb' });
    });
    const { container } = render(<AreaTable />);
    expect(rowIds(container)).toEqual(['0901', '0902', '0903']);
    expect(caption(container)).toContain('Einschulbereich');
    expect(container.querySelectorAll('td[data-status="value"]').length).toBe(3);
    expect(container.querySelector('tbody tr')?.hasAttribute('tabindex')).toBe(false);
  });

  it("an imported layer: its polygons, named after the file; nothing once it's gone", () => {
    act(() => useMapStore.setState({ special: `import:${IMPORTED.id}` }));
    const { container } = render(<AreaTable />);
    expect(rowIds(container)).toEqual(['1']);
    expect(caption(container)).toContain('Import: Gebiete.geojson');
    act(() => useImportStore.setState({ datasets: [] }));
    expect(container.querySelector('[data-testid="area-table"]')).toBeNull();
  });
});

describe('LevelPanel counts the areas of the shown layer', () => {
  it('the LOR level, the Einschulbereiche, an imported layer', () => {
    const { container } = render(<LevelPanel />);
    const count = () => container.querySelector('p.muted')?.textContent;
    expect(count()).toBe('2 Gebiete');
    act(() => useMapStore.setState({ special: 'esb' }));
    expect(count()).toBe('3 Gebiete');
    act(() => useMapStore.setState({ special: `import:${IMPORTED.id}` }));
    expect(count()).toBe('1 Gebiet');
  });
});

describe('IndicatorPanel follows the shown layer', () => {
  it('an ESB indicator: legend on the Einschulbereiche, "not on this level" on a LOR level', () => {
    act(() => {
      useIndicatorStore.getState().setIndicator('esb_pop_6_15');
      useMapStore.setState({ special: 'esb' });
    });
    const { container } = render(<IndicatorPanel />);
    expect(container.querySelector('[data-testid="legend"]')).not.toBeNull();
    expect(notOnLevel(container)).toBeNull();
    act(() => useMapStore.setState({ special: null }));
    expect(container.querySelector('[data-testid="legend"]')).toBeNull();
    expect(notOnLevel(container)).toBe('Dieser Indikator liegt für die gewählte Ebene nicht vor.');
  });

  it('a LOR indicator on the Einschulbereiche or an imported layer: "no values for this layer"', () => {
    act(() => {
      useIndicatorStore.getState().setIndicator('pop_total');
      useMapStore.setState({ special: 'esb' });
    });
    const { container } = render(<IndicatorPanel />);
    expect(notOnLevel(container)).toMatch(/^Für diese Gebietsebene liegen keine Indikatorwerte vor/);
    act(() => useMapStore.setState({ special: `import:${IMPORTED.id}` }));
    expect(notOnLevel(container)).toMatch(/^Für diese Gebietsebene liegen keine Indikatorwerte vor/);
    act(() => useMapStore.setState({ special: null }));
    expect(notOnLevel(container)).toBeNull();
    expect(container.querySelector('[data-testid="legend"]')).not.toBeNull();
  });
});
