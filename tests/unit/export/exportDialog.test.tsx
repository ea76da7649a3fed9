// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../src/export/run';
import { ExportDialog } from '../../../src/panels/ExportDialog';
import {
  areaGeometries,
  areas,
  FIXTURE_EXPORT_DATE,
  fixtureFilters,
  fixtureSources,
  institutionPoint,
  institutions,
} from '../fixtures/export/tables';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The dialog loads the file writers on the first download (code splitting): load them once up front so that
// a click resolves within the test's act() flushes.
beforeAll(async () => {
  await import('../../../src/export/run');
});

let container: HTMLDivElement;
let root: Root;
let files: ExportFile[];

beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  files = [];
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render() {
  act(() =>
    root.render(
      <ExportDialog
        tables={[
          { table: institutions, geometry: institutionPoint },
          { table: areas, geometry: (r) => areaGeometries[String(r.id)] ?? null },
        ]}
        filters={fixtureFilters}
        sources={fixtureSources}
        baseName="test"
        shareUrl="http://localhost/#level=plr"
        now={() => FIXTURE_EXPORT_DATE}
        download={(f) => files.push(f)}
      />,
    ),
  );
}

const byLabel = (text: string) =>
  [...container.querySelectorAll('label')]
    .find((l) => l.textContent?.trim().startsWith(text))
    ?.querySelector('input');

async function clickDownload() {
  await act(async () => {
    container.querySelector<HTMLButtonElement>('[data-testid="export-download"]')!.click();
  });
  await act(async () => {});
}

describe('ExportDialog', () => {
  it('exports the picked columns of the chosen table as CSV, then offers the note', async () => {
    render();
    expect(container.querySelector('[role="dialog"]')?.getAttribute('aria-labelledby')).toBeTruthy();
    // untick everything but ID and Name
    const cols = [
      ...container.querySelectorAll<HTMLInputElement>('[data-table="einrichtungen"] input[type=checkbox]'),
    ];
    expect(cols).toHaveLength(institutions.columns.length);
    for (const c of cols.slice(2)) act(() => c.click());
    await clickDownload();
    expect(files).toHaveLength(1);
    expect(files[0].name).toBe('test-einrichtungen.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[0].data);
    expect(text.split('\r\n')[0]).toBe('\uFEFFSchulnummer / ID;Name');
    expect(container.querySelector('.export-status')?.textContent).toContain('test-einrichtungen.csv');
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="export-note"]')!.click());
    expect(files[1].name).toBe('test-einrichtungen-hinweise.txt');
  });

  it('switches profile and table; blocks download with no columns', async () => {
    render();
    act(() => byLabel('Standard')!.click());
    act(() => byLabel('Planungsräume')!.click());
    await clickDownload();
    const text = new TextDecoder().decode(files[0].data);
    expect(text.startsWith('Planungsraum-ID,Planungsraum,')).toBe(true);
    act(() =>
      [...container.querySelectorAll<HTMLButtonElement>('[data-table="gebiete"] button')]
        .find((b) => b.textContent === 'Keine')!
        .click(),
    );
    expect(container.querySelector<HTMLButtonElement>('[data-testid="export-download"]')!.disabled).toBe(
      true,
    );
    expect(container.querySelector('.export-status')?.textContent).toContain('mindestens eine Spalte');
  });

  it('exports XLSX with both tables', async () => {
    render();
    act(() => byLabel('Excel-Arbeitsmappe')!.click());
    await clickDownload();
    expect(files[0].name).toBe('test.xlsx');
    expect(files[0].data[0]).toBe(0x50);
  });
});
