import { MapView } from './map/MapView';
import { AreaProfile } from './panels/AreaProfile';
import { ChartsPanel } from './panels/ChartsPanel';
import { DataStatus } from './panels/DataStatus';
import { ExportPanel } from './panels/ExportPanel';
import { FilterPanel } from './panels/FilterPanel';
import { Header } from './panels/Header';
import { ImportPanel } from './panels/ImportDialog';
import { IndicatorPanel } from './panels/IndicatorPanel';
import { InstitutionCard } from './panels/InstitutionCard';
import { InstitutionTable } from './panels/InstitutionTable';
import { LayerPanel, LevelPanel } from './panels/LayerPanel';
import { BottomRegion, DetailsRegion, MapRegion } from './panels/Regions';
import { Sidebar } from './panels/Sidebar';
import { SourcesPanel } from './panels/SourcesPanel';
import { UrlNotice } from './panels/UrlNotice';

/** Pure composition of the shell: header, sidebar sections, map, details and bottom regions. */
export function App() {
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
        <SourcesPanel />
      </Sidebar>
      <MapRegion>
        <MapView />
        <UrlNotice />
        <DataStatus />
      </MapRegion>
      <DetailsRegion>
        <AreaProfile />
        <InstitutionCard />
        <ChartsPanel />
      </DetailsRegion>
      <BottomRegion>
        <InstitutionTable />
      </BottomRegion>
    </div>
  );
}
