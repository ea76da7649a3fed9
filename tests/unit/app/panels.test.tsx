// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/domain/types';
import { DataStatus } from '../../../src/panels/DataStatus';
import { LayerPanel } from '../../../src/panels/LayerPanel';
import { SourcesPanel } from '../../../src/panels/SourcesPanel';
import { useDataStore } from '../../../src/state/dataStore';
import { useLocaleStore } from '../../../src/state/localeStore';
import { useViewStore } from '../../../src/state/viewStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const manifest: Manifest = {
  generatedAt: '2026-11-27T10:00:00Z',
  source: { mode: 'folder', location: '../shared' },
  datasets: [
    {
      id: 'lor_plr',
      title: 'LOR-Planungsräume',
      kind: 'areas',
      publisher: 'Amt für Statistik Berlin-Brandenburg',
      license: 'CC BY 3.0 DE',
      licenseNote: 'zu prüfen',
      vintage: '01.01.2023',
      sourceUrl: 'https://example.org/lor',
      files: [{ path: 'areas/plr.topo.json', bytes: 10, sha256: 'x', features: 542 }],
      features: 542,
    },
    {
      id: 'schools',
      title: 'Schulen',
      kind: 'institutions',
      publisher: 'SenBJF',
      license: 'CC BY 4.0',
      vintage: '2023-10',
      sourceUrl: 'Schulverzeichnis',
      files: [],
      rows: 1234,
    },
  ],
  joinReport: [
    { id: 'bsn', title: 'BSN ohne Schule', count: 2, items: [{ key: '01X99', name: 'A' }, { key: '02X98' }] },
    { id: 'none', title: 'Leer', count: 0, items: [] },
  ],
  counts: {},
};

let host: HTMLDivElement;
let root: Root;

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useLocaleStore.getState().setLocale('de');
  useDataStore.setState({ manifest: null, institutions: {} });
});

describe('SourcesPanel', () => {
  it('is collapsed at first and lists every dataset when opened', () => {
    useDataStore.setState({ manifest });
    act(() => root.render(<SourcesPanel />));
    const button = host.querySelector<HTMLButtonElement>('[data-testid="section-sources"]')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const body = document.getElementById(button.getAttribute('aria-controls')!)!;
    expect(body.hidden).toBe(true);
    act(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(body.hidden).toBe(false);
    const items = host.querySelectorAll('[data-testid="sources-list"] > li');
    expect(items).toHaveLength(2);
    const plr = items[0].textContent ?? '';
    expect(plr).toContain('Amt für Statistik Berlin-Brandenburg');
    expect(plr).toContain('CC BY 3.0 DE');
    expect(plr).toContain('zu prüfen');
    expect(plr).toContain('542 Geometrien');
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('https://example.org/lor');
    expect(items[0].querySelector('a')?.getAttribute('rel')).toContain('noopener');
    // a non-URL source is shown as text, not as a link
    expect(items[1].querySelector('a')).toBeNull();
    expect(items[1].textContent).toContain('1.234 Zeilen');
    // join report: only entries with findings
    expect(host.textContent).toContain('BSN ohne Schule');
    expect(host.textContent).not.toContain('Leer');
  });

  it('follows the language switch', () => {
    useDataStore.setState({ manifest });
    act(() => root.render(<SourcesPanel />));
    act(() => useLocaleStore.getState().setLocale('en'));
    expect(host.textContent).toContain('Data sources');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('LayerPanel', () => {
  it('toggles layer visibility in the view store with labelled checkboxes', () => {
    act(() => root.render(<LayerPanel />));
    const kita = host.querySelector<HTMLInputElement>('[data-testid="layer-kita"]')!;
    expect(kita.checked).toBe(false);
    expect(kita.closest('label')?.textContent).toContain('Kitas');
    act(() => kita.click());
    expect(useViewStore.getState().layers.kita).toBe(true);
    expect(kita.checked).toBe(true);
  });
});

describe('DataStatus', () => {
  it('announces load errors with the file name', () => {
    useDataStore.setState({ errors: ['areas/plr.topo.json: HTTP 404'] });
    act(() => root.render(<DataStatus />));
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Daten konnten nicht geladen werden');
    expect(alert?.textContent).toContain('areas/plr.topo.json: HTTP 404');
    useDataStore.setState({ errors: [] });
  });
});
