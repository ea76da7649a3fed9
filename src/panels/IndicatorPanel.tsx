import { useId, useMemo } from 'react';
import { hasActiveFilters } from '../domain/filters';
import { mapMessages } from '../i18n/messages/map';
import { useMessages } from '../i18n/useMessages';
import { ESB_POPULATION, INDICATORS, type IndicatorGroup } from '../indicators/catalogue';
import { choroplethFor } from '../map/choropleth';
import { useDisplayedAreas } from '../state/displayedAreas';
import { filterValues, useFilterStore } from '../state/filterStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useMapStore } from '../state/mapStore';
import { useViewStore } from '../state/viewStore';
import { ClassificationControls } from './ClassificationControls';
import { Legend } from './Legend';
import { SidebarSection } from './Sidebar';

const GROUP_ORDER: readonly IndicatorGroup[] = [
  'institutions',
  'schools',
  'care',
  'population',
  'social',
  'access',
  'urban',
];

/** "Indikator": choose the choropleth indicator, classify it, read the legend and the method. */
export function IndicatorPanel() {
  const m = useMessages(mapMessages);
  const locale = useLocaleStore((s) => s.locale);
  const selectId = useId();
  const indicatorId = useIndicatorStore((s) => s.indicatorId);
  const classification = useIndicatorStore((s) => s.classification);
  const results = useIndicatorStore((s) => s.results);
  const status = useIndicatorStore((s) => s.status);
  const error = useIndicatorStore((s) => s.error);
  const setIndicator = useIndicatorStore((s) => s.setIndicator);
  const setClassification = useIndicatorStore((s) => s.setClassification);
  const lorLevel = useViewStore((s) => s.level);
  const special = useMapStore((s) => s.special);
  // the layer the map shows: the LOR level, or the Einschulbereiche / an imported layer replacing it
  const shown = useDisplayedAreas(lorLevel, special);
  const { areas, level } = shown;
  const filters = useFilterStore();
  const filtered = hasActiveFilters({ ...filterValues(filters), ranges: [] });

  const choro = choroplethFor({ areas, level, results, indicatorId, classification, locale });

  const groups = useMemo(() => {
    const unavailable = new Set(results?.unavailable ?? []);
    return GROUP_ORDER.map((g) => ({
      group: g,
      items: INDICATORS.filter((d) => d.group === g && !unavailable.has(d.id)),
    })).filter((g) => g.items.length > 0);
  }, [results]);

  const def = choro.def;
  const isCategory = def?.kind === 'category';
  const suppressedCount = choro.classified?.suppressed ?? 0;

  return (
    <SidebarSection id="indicator" title={m.sectionIndicator}>
      <label htmlFor={selectId} className="field-label">
        {m.indicatorLabel}
      </label>
      <select
        id={selectId}
        data-testid="indicator-select"
        value={indicatorId ?? ''}
        onChange={(e) => setIndicator(e.currentTarget.value || null)}
      >
        <option value="">{m.noIndicator}</option>
        {groups.map((g) => (
          <optgroup key={g.group} label={m[`group_${g.group}`]}>
            {g.items.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label[locale]}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {status === 'computing' && !results && (
        <p className="muted" role="status">
          {m.computing}
        </p>
      )}
      {status === 'error' && error && (
        <p className="notice notice-error" role="alert">
          {m.computeError(error)}
        </p>
      )}
      {def && choro.status === 'notOnLevel' && (
        <p className="muted" data-testid="indicator-not-on-level">
          {shown.kind === 'lor' ? m.notOnLevel : m.noValuesForLayer}
        </p>
      )}
      {def && choro.status === 'unavailable' && <p className="muted">{m.unavailable}</p>}
      {def && choro.status === 'ok' && choro.legend && (
        <>
          {!isCategory && (
            <ClassificationControls
              value={classification}
              onChange={setClassification}
              currentBreaks={choro.classified?.breaks}
              palette={choro.palette?.hex}
              notes={choro.notes}
            />
          )}
          <div data-testid="legend">
            <Legend
              model={choro.legend}
              title={def.label[locale]}
              unit={def.unit[locale]}
              notes={[
                ...(suppressedCount > 0 ? [m.suppressedNote(suppressedCount)] : []),
                ...(filtered ? [m.filteredNote] : []),
              ]}
            />
          </div>
        </>
      )}
      {def && (
        <details className="method-note">
          <summary>{m.methodHeading}</summary>
          <p>{def.method[locale]}</p>
          {level === 'esb' && !def.esb && <p>{ESB_POPULATION.method[locale]}</p>}
          <p className="muted">
            {m.sourcesLabel}: {def.sources.join(', ')}
          </p>
        </details>
      )}
    </SidebarSection>
  );
}
