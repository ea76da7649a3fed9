import { INDICATOR_BY_ID } from '../indicators/catalogue';
import { useDataStore } from './dataStore';
import { connectEngine } from './engineSync';
import {
  DEFAULT_INDICATOR,
  defaultIndicatorFor,
  LEVEL_DEFAULT_INDICATOR,
  useIndicatorStore,
} from './indicatorStore';
import { useMapStore } from './mapStore';
import { connectUrl } from './urlSync';
import { useViewStore, type ViewState } from './viewStore';

/**
 * The indicator to show after switching to `level`: the level's default when the current indicator is one
 * of the defaults (not a deliberate choice) or has no values on that level; otherwise the current one.
 * Null (no indicator) stays null; imported layers keep whatever is chosen.
 */
export function indicatorAfterLevelSwitch(current: string | null, level: string): string | null {
  if (current === null || level.startsWith('import:')) return current;
  const def = INDICATOR_BY_ID.get(current);
  const onLevel = !!def && (level === 'esb' ? !!def.esb : (def.levels as string[]).includes(level));
  const isDefault = current === DEFAULT_INDICATOR || Object.values(LEVEL_DEFAULT_INDICATOR).includes(current);
  return !onLevel || isDefault ? defaultIndicatorFor(level) : current;
}

const shownLevel = (): string => {
  const special = useMapStore.getState().special;
  return special ?? useViewStore.getState().level;
};

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
  // a level switch by the user picks the level's default indicator (see indicatorAfterLevelSwitch); the URL
  // (read above, and on back/forward after the level) sets level and indicator together, so its choice wins
  let prevLevel = shownLevel();
  const followLevel = () => {
    const level = shownLevel();
    if (level === prevLevel) return;
    prevLevel = level;
    const ind = useIndicatorStore.getState();
    const next = indicatorAfterLevelSwitch(ind.indicatorId, level);
    if (next !== ind.indicatorId) ind.setIndicator(next);
  };
  const offFollowView = useViewStore.subscribe(followLevel);
  const offFollowMap = useMapStore.subscribe(followLevel);
  return () => {
    offFollowView();
    offFollowMap();
    offView();
    offEngine();
    offUrl();
  };
}
