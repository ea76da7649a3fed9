import { MapView } from './map/MapView';
import { DataStatus } from './panels/DataStatus';
import { Header } from './panels/Header';
import { ImportPanel } from './panels/ImportDialog';
import { LayerPanel, LevelPanel } from './panels/LayerPanel';
import { BottomRegion, DetailsRegion, MapRegion } from './panels/Regions';
import { Sidebar } from './panels/Sidebar';
import { SourcesPanel } from './panels/SourcesPanel';

/** Pure composition of the shell: header, sidebar sections, map, details and bottom regions. */
export function App() {
  return (
    <div className="app">
      <Header />
      <Sidebar>
        <LevelPanel />
        <LayerPanel />
        {/* sidebar sections: Indikator, Filter, Import, Export */}
        <ImportPanel />
        <SourcesPanel />
      </Sidebar>
      <MapRegion>
        <MapView />
        <DataStatus />
      </MapRegion>
      <DetailsRegion>{/* details: AreaProfile, InstitutionCard */}</DetailsRegion>
      <BottomRegion>{/* bottom: InstitutionTable */}</BottomRegion>
    </div>
  );
}
