import { INSTITUTION_KINDS } from '../datasets/registry';
import { LOR_LEVELS } from '../domain/lor';
import { formatInteger } from '../i18n/format';
import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';
import { AREA_FILL, AREA_LINE, INSTITUTION_COLORS, rgbaToCss } from '../map/colors';
import { useDataStore } from '../state/dataStore';
import { useDisplayedAreas } from '../state/displayedAreas';
import { useLocaleStore } from '../state/localeStore';
import { useMapStore } from '../state/mapStore';
import { useViewStore } from '../state/viewStore';
import { ExtraLevelOptions, OverlayToggles, useSelectLorLevel } from './OverlayToggles';
import { SidebarSection } from './Sidebar';

/** "Ebene": choose the LOR level whose areas are drawn. */
export function LevelPanel() {
  const m = useMessages(appMessages);
  const locale = useLocaleStore((s) => s.locale);
  const level = useViewStore((s) => s.level);
  const setLevel = useSelectLorLevel();
  const special = useMapStore((s) => s.special);
  // the areas of the layer the map shows (the Einschulbereiche or an imported layer replace the LOR level)
  const count = useDisplayedAreas(level, special).areas?.features.length;
  return (
    <SidebarSection id="level" title={m.sectionLevel}>
      <fieldset className="radio-group">
        <legend className="visually-hidden">{m.levelLegend}</legend>
        {LOR_LEVELS.map((l) => (
          <label key={l} className="radio-row">
            <input
              type="radio"
              name="lor-level"
              value={l}
              checked={special === null && level === l}
              onChange={() => setLevel(l)}
            />
            {m[`level_${l}`]}
          </label>
        ))}
        <ExtraLevelOptions />
      </fieldset>
      {count !== undefined && <p className="muted">{m.areasCount(formatInteger(count, locale))}</p>}
    </SidebarSection>
  );
}

/** "Kartenebenen": switch the area layer and each institution layer on or off. */
export function LayerPanel() {
  const m = useMessages(appMessages);
  const locale = useLocaleStore((s) => s.locale);
  const layers = useViewStore((s) => s.layers);
  const setLayerVisible = useViewStore((s) => s.setLayerVisible);
  const institutions = useDataStore((s) => s.institutions);
  const status = useDataStore((s) => s.institutionStatus);
  return (
    <SidebarSection id="layers" title={m.sectionLayers}>
      <ul className="layer-list">
        <li>
          <label className="check-row">
            <input
              type="checkbox"
              checked={layers.areas}
              onChange={(e) => setLayerVisible('areas', e.currentTarget.checked)}
            />
            <span
              className="swatch swatch-area"
              aria-hidden="true"
              style={{ background: rgbaToCss(AREA_FILL), borderColor: rgbaToCss(AREA_LINE) }}
            />
            {m.layer_areas}
          </label>
        </li>
        {INSTITUTION_KINDS.map((k) => {
          const n = institutions[k]?.items.length;
          return (
            <li key={k}>
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={layers[k]}
                  data-testid={`layer-${k}`}
                  onChange={(e) => setLayerVisible(k, e.currentTarget.checked)}
                />
                <span
                  className="swatch swatch-point"
                  aria-hidden="true"
                  style={{ background: rgbaToCss(INSTITUTION_COLORS[k]) }}
                />
                <span className="check-label">
                  {m[`layer_${k}`]}
                  {n !== undefined && (
                    <span className="muted"> · {m.layerCount(formatInteger(n, locale))}</span>
                  )}
                  {status[k] === 'loading' && <span className="muted"> · {m.loading}</span>}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <OverlayToggles />
    </SidebarSection>
  );
}
