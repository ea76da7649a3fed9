// @vitest-environment happy-dom
import { act } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Institution } from '../../../src/datasets/types';
import { AreaProfile } from '../../../src/panels/AreaProfile';
import { ChartsPanel } from '../../../src/panels/ChartsPanel';
import { InstitutionCard } from '../../../src/panels/InstitutionCard';
import { InstitutionTable } from '../../../src/panels/InstitutionTable';
import { useDataStore } from '../../../src/state/dataStore';
import { useFilterStore } from '../../../src/state/filterStore';
import { useIndicatorStore } from '../../../src/state/indicatorStore';
import { useSelectionStore } from '../../../src/state/selectionStore';
import { useViewStore } from '../../../src/state/viewStore';
import { cleanup, render, typeInto } from '../charts/render';
import { engineResults, PLR, school } from './linkedData';

const SCHOOLS: Institution[] = [
  school('01G01', '01100101', {
    schulart: 'Grundschule',
    pupils_2023_24: '280',
    teachers_2023_24: '20',
    pupils_2024_25: '300',
    teachers_2024_25: '20',
  }),
  school('01G02', '01100102', {
    schulart: 'Grundschule',
    pupils_2023_24: '400',
    teachers_2023_24: '40',
    pupils_2024_25: '420',
    teachers_2024_25: '42',
  }),
  school('02Y01', '02200201', {
    schulart: 'Gymnasium',
    pupils_2023_24: '',
    teachers_2023_24: '',
    pupils_2024_25: '900',
    teachers_2024_25: '50',
  }),
];

beforeEach(() => {
  useDataStore.setState({
    institutions: {
      school: {
        kind: 'school',
        file: 'schools.csv',
        items: SCHOOLS,
        positions: new Float64Array(6),
        rowsRead: 3,
      },
      youth: { kind: 'youth', file: 'youth.csv', items: [], positions: new Float64Array(0), rowsRead: 0 },
      kita: { kind: 'kita', file: 'kitas.csv', items: [], positions: new Float64Array(0), rowsRead: 0 },
    },
    institutionStatus: { school: 'ready', youth: 'ready', kita: 'ready' },
    areas: { plr: PLR },
    areaStatus: { plr: 'ready' },
  });
  useIndicatorStore.setState({ results: engineResults(), status: 'ready' });
  useFilterStore.getState().reset();
  useSelectionStore.getState().select(null);
});

afterEach(cleanup);

const rowNames = (c: HTMLElement) => [...c.querySelectorAll('tr.it-row th')].map((t) => t.textContent);

describe('InstitutionTable', () => {
  // happy-dom has no layout: give the scroll container a viewport so the virtualiser renders rows
  const proto = HTMLElement.prototype;
  const saved = ['clientHeight', 'clientWidth'].map(
    (k) => [k, Object.getOwnPropertyDescriptor(proto, k)] as const,
  );
  beforeAll(() => {
    Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 300 });
    Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 900 });
  });
  afterAll(() => {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(proto, k, d);
      else delete (proto as unknown as Record<string, unknown>)[k];
    }
  });

  it('lists the filtered schools with joined areas, sorts, searches and selects', () => {
    const { container } = render(<InstitutionTable />);
    expect(container.querySelector('[data-testid="table-count"]')!.textContent).toBe('3 von 3');
    expect(rowNames(container)).toEqual(['Schule 01G01', 'Schule 01G02', 'Schule 02Y01']);
    const first = container.querySelector('tr.it-row')!;
    expect(first.textContent).toContain('Alpha (01100101)');
    expect(first.textContent).toContain('Nordregion');
    expect(first.textContent).toContain('2 mittel');
    expect(first.textContent).toContain('15,0');

    // sort by pupils per teacher, descending on the second click
    const ppt = container.querySelector<HTMLButtonElement>('button[data-col="ppt"]')!;
    act(() => ppt.click());
    expect(ppt.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(rowNames(container)).toEqual(['Schule 01G02', 'Schule 01G01', 'Schule 02Y01']);
    act(() => ppt.click());
    expect(ppt.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(rowNames(container)).toEqual(['Schule 02Y01', 'Schule 01G01', 'Schule 01G02']);

    typeInto(container.querySelector<HTMLInputElement>('input[type="search"]')!, 'südregion');
    expect(container.querySelector('[data-testid="table-count"]')!.textContent).toBe('1 von 3');
    expect(rowNames(container)).toEqual(['Schule 02Y01']);

    const row = container.querySelector<HTMLTableRowElement>('tr.it-row')!;
    act(() => row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(useSelectionStore.getState().selected).toEqual({
      kind: 'institution',
      institutionKind: 'school',
      id: '02Y01',
    });
    expect(container.querySelector('tr.it-row')!.getAttribute('aria-selected')).toBe('true');
  });

  it('shrinks with the store filters (N von M)', () => {
    const { container } = render(<InstitutionTable />);
    act(() => useFilterStore.getState().setFilters({ schularten: ['Gymnasium'] }));
    expect(container.querySelector('[data-testid="table-count"]')!.textContent).toBe('1 von 3');
  });
});

describe('InstitutionCard', () => {
  it('shows figures of both years, peers and the social-space context; the PLR is clickable', () => {
    act(() =>
      useSelectionStore.getState().select({ kind: 'institution', institutionKind: 'school', id: '01G01' }),
    );
    const { container } = render(<InstitutionCard />);
    expect(container.querySelector('[data-testid="card-name"]')!.textContent).toBe('Schule 01G01');
    const fig = container.querySelector('[data-testid="card-figures"]')!.textContent!;
    expect(fig).toContain('280');
    expect(fig).toContain('+20');
    expect(fig).toContain('14,0'); // 280 / 20
    const ctx = container.querySelector('[data-testid="card-context"]')!.textContent!;
    expect(ctx).toContain('Nordregion');
    expect(ctx).toContain('Mitte');
    expect(ctx).toContain('2 mittel');
    const plr = container.querySelector<HTMLButtonElement>('[data-testid="card-plr"]')!;
    expect(plr.textContent).toBe('Alpha (01100101)');
    act(() => plr.click());
    expect(useSelectionStore.getState().selected).toEqual({ kind: 'area', level: 'plr', id: '01100101' });
  });
});

describe('AreaProfile', () => {
  it('names the area, lists its schools and compares with Bezirk and Berlin', () => {
    act(() => useSelectionStore.getState().select({ kind: 'area', level: 'bzr', id: '011001' }));
    const { container } = render(<AreaProfile />);
    expect(container.querySelector('[data-testid="profile-name"]')!.textContent).toBe('Nordregion');
    const list = container.querySelector('[data-testid="profile-list-school"]')!;
    expect([...list.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Schule 01G01',
      'Schule 01G02',
    ]);
    const row = container.querySelector('[data-testid="profile-compare"] tr[data-indicator="pop_total"]')!;
    expect([...row.querySelectorAll('td')].map((t) => t.textContent)).toEqual(['3.000', '3.000', '3.500']);
    // resident distribution by MSS status class: 1,000 "mittel", 2,000 "sehr niedrig"
    expect(container.textContent).toContain('33,3 %');
    expect(container.textContent).toContain('66,7 %');
    act(() => list.querySelector('button')!.click());
    expect(useSelectionStore.getState().selected).toEqual({
      kind: 'institution',
      institutionKind: 'school',
      id: '01G01',
    });
  });

  it('shows suppressed values as •', () => {
    act(() => useSelectionStore.getState().select({ kind: 'area', level: 'plr', id: '01100102' }));
    const { container } = render(<AreaProfile />);
    const row = container.querySelector(
      '[data-testid="profile-compare"] tr[data-indicator="pop_age_below_6"]',
    )!;
    expect(row.querySelectorAll('td')[0].textContent).toBe('•');
    expect(container.querySelector('[data-testid="profile-mss-status"]')!.textContent).toBe('4 sehr niedrig');
  });
});

describe('ChartsPanel', () => {
  it('histogram in display units; the keyboard range sets the store filter in engine units', () => {
    act(() => {
      useViewStore.getState().setLevel('plr');
      useIndicatorStore.getState().setIndicator('pop_share_age_below_6');
    });
    const { container } = render(<ChartsPanel />);
    const hist = container.querySelector('[data-testid="histogram"]')!;
    const bins = [...hist.querySelectorAll('rect.histogram-bin')];
    // 3 Planungsräume: 10 %, suppressed, 10 % → two values drawn
    expect(bins.reduce((s, b) => s + Number(b.getAttribute('data-count')), 0)).toBe(2);
    const [min, max] = [...hist.querySelectorAll<HTMLInputElement>('input[type="number"]')];
    typeInto(min, '5');
    typeInto(max, '20');
    act(() =>
      hist.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })),
    );
    const r = useFilterStore.getState().ranges;
    expect(r).toHaveLength(1);
    expect(r[0].indicatorId).toBe('pop_share_age_below_6');
    expect(r[0].level).toBe('plr');
    expect(r[0].min).toBeCloseTo(0.05);
    expect(r[0].max).toBeCloseTo(0.2);
  });

  it('scatter: clicking a school selects it and highlights it', () => {
    act(() => useIndicatorStore.getState().setIndicator('pop_total'));
    const { container } = render(<ChartsPanel />);
    const pts = [
      ...container.querySelectorAll<SVGCircleElement>('[data-testid="scatter"] circle.scatter-point'),
    ];
    // x = MSS status of the school's PLR: the third PLR has none
    expect(pts.map((p) => p.getAttribute('data-id')).sort()).toEqual(['01G01', '01G02']);
    act(() =>
      pts
        .find((p) => p.getAttribute('data-id') === '01G02')!
        .dispatchEvent(new MouseEvent('click', { bubbles: true })),
    );
    expect(useSelectionStore.getState().selected).toEqual({
      kind: 'institution',
      institutionKind: 'school',
      id: '01G02',
    });
    expect(container.querySelector('circle.scatter-point.selected')!.getAttribute('data-id')).toBe('01G02');
  });
});
