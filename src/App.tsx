import { lazy, Suspense, useEffect } from 'react';
import { MapView } from './map/MapView';
import { AreaTable, BottomTables } from './panels/AreaTable';
import { BasemapSettings } from './panels/BasemapSettings';
import { DataStatus } from './panels/DataStatus';
import { ExportPanel } from './panels/ExportPanel';
import { FilterPanel } from './panels/FilterPanel';
import { Header } from './panels/Header';
import { ImportPanel } from './panels/ImportDialog';
import { IndicatorPanel } from './panels/IndicatorPanel';
import { LayerPanel, LevelPanel } from './panels/LayerPanel';
import { lazyPart } from './panels/lazyPart';
import { PartLoading } from './panels/PartLoading';
import { BottomRegion, DetailsRegion, MapRegion } from './panels/Regions';
import { Sidebar } from './panels/Sidebar';
import { SourcesPanel } from './panels/SourcesPanel';
import { UrlNotice } from './panels/UrlNotice';
import { useSelectionStore } from './state/selectionStore';

// Code-split: the charts (d3 brush/selection, simple-statistics) load after the first render; the area
// profile and the institution card load with the first selection.
const { Component: AreaProfile, preload: loadAreaProfile } = lazyPart(() =>
  import('./panels/AreaProfile').then((x) => x.AreaProfile),
);
const { Component: InstitutionCard, preload: loadInstitutionCard } = lazyPart(() =>
  import('./panels/InstitutionCard').then((x) => x.InstitutionCard),
);
// The institution table (with its virtualiser) loads right after the first render, like the charts.
const InstitutionTable = lazy(() =>
  import('./panels/InstitutionTable').then((x) => ({ default: x.InstitutionTable })),
);
const ChartsPanel = lazy(() => import('./panels/ChartsPanel').then((x) => ({ default: x.ChartsPanel })));

/** After the first render, when the browser is idle: fetch what the first click on the map or table opens. */
function usePrefetchDetails() {
  useEffect(() => {
    const go = () => {
      void loadAreaProfile();
      void loadInstitutionCard();
    };
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(go, { timeout: 5000 });
      return () => window.cancelIdleCallback(id);
    }
    const t = setTimeout(go, 2000);
    return () => clearTimeout(t);
  }, []);
}

/** Pure composition of the shell: header, sidebar sections, map, details and bottom regions. */
export function App() {
  usePrefetchDetails();
  return (
    <div className="app">
      <Header />
      <Sidebar>
        <LevelPanel />
        <LayerPanel />
        <IndicatorPanel />
        <FilterPanel />
        {/* sidebar sections: Indikator, Filter, Import, Export */}
        <ImportPanel />
        <ExportPanel />
        <BasemapSettings />
        <SourcesPanel />
      </Sidebar>
      <MapRegion>
        <MapView />
        <UrlNotice />
        <DataStatus />
      </MapRegion>
      <DetailsRegion>
        <SelectionDetails />
        <Suspense fallback={<PartLoading testId="charts-loading" />}>
          <ChartsPanel />
        </Suspense>
      </DetailsRegion>
      <BottomRegion>
        <BottomTables
          institutions={
            <Suspense fallback={<PartLoading testId="table-loading" />}>
              <InstitutionTable />
            </Suspense>
          }
          areas={<AreaTable />}
        />
      </BottomRegion>
    </div>
  );
}

/** Area profile or institution card of the current selection (nothing, and nothing loaded, without one). */
function SelectionDetails() {
  const selectedKind = useSelectionStore((s) => s.selected?.kind);
  const esb = useSelectionStore((s) => s.esb);
  // a selected Einschulbereich is shown by the area profile too
  const kind = esb !== null ? 'area' : selectedKind;
  if (kind !== 'area' && kind !== 'institution') return null;
  return (
    <Suspense fallback={<PartLoading testId="details-loading" />}>
      {kind === 'area' ? <AreaProfile /> : <InstitutionCard />}
    </Suspense>
  );
}
