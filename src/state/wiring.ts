import { useDataStore } from './dataStore';
import { connectEngine } from './engineSync';
import { connectUrl } from './urlSync';
import { useViewStore, type ViewState } from './viewStore';

/**
 * Keeps the loaded data in step with the view: loads the manifest, the areas of the selected
 * level and the institutions of every visible point layer. Called once from main.tsx.
 * Returns a function that disconnects.
 */
export function connectStores(): () => void {
  const data = useDataStore.getState();
  void data.loadManifest();
  const sync = (v: ViewState) => {
    const d = useDataStore.getState();
    void d.ensureAreas(v.level);
    if (v.layers.school) void d.ensureInstitutions('school');
    if (v.layers.youth) void d.ensureInstitutions('youth');
    if (v.layers.kita) void d.ensureInstitutions('kita');
  };
  const offUrl = connectUrl();
  sync(useViewStore.getState());
  const offEngine = connectEngine();
  const offView = useViewStore.subscribe(sync);
  return () => {
    offView();
    offEngine();
    offUrl();
  };
}
