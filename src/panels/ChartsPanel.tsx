import { memo, useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { Histogram, type Range } from '../charts/Histogram';
import { Scatter, type ScatterPoint } from '../charts/Scatter';
import type { Institution } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import { mapMessages } from '../i18n/messages/map';
import { profileMessages } from '../i18n/messages/profile';
import { useMessages } from '../i18n/useMessages';
import { INDICATOR_BY_ID } from '../indicators/catalogue';
import { choroplethFor, displayScale, formatIndicatorValue } from '../map/choropleth';
import { useDisplayedAreas } from '../state/displayedAreas';
import { useFilteredInstitutions, useFilterStore } from '../state/filterStore';
import { type ComputeResult, type IndicatorClassification, useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { type SpecialAreaLayer, useMapStore } from '../state/mapStore';
import { useSelectionStore } from '../state/selectionStore';
import { useViewStore } from '../state/viewStore';
import { cellOf, fieldNumber, formatIndicator, pupilsPerTeacher } from './linked';
import './profile.css';

/** Institution figures of the scatter's y axis. */
const SCHOOL_FIGURES: {
  id: string;
  label: { de: string; en: string };
  get: (i: Institution) => number | null;
}[] = [
  {
    id: 'ppt_2024_25',
    label: { de: 'Schüler:innen je Lehrkraft 2024/25', en: 'Pupils per teacher 2024/25' },
    get: (i) => pupilsPerTeacher(i, '2024_25'),
  },
  {
    id: 'ppt_2023_24',
    label: { de: 'Schüler:innen je Lehrkraft 2023/24', en: 'Pupils per teacher 2023/24' },
    get: (i) => pupilsPerTeacher(i, '2023_24'),
  },
  {
    id: 'pupils_2024_25',
    label: { de: 'Schüler:innen 2024/25', en: 'Pupils 2024/25' },
    get: (i) => fieldNumber(i, 'pupils_2024_25'),
  },
  {
    id: 'pupils_change',
    label: { de: 'Veränderung Schüler:innen 2023/24 → 2024/25', en: 'Change in pupils 2023/24 → 2024/25' },
    get: (i) => {
      const a = fieldNumber(i, 'pupils_2023_24');
      const b = fieldNumber(i, 'pupils_2024_25');
      return a !== null && b !== null ? b - a : null;
    },
  },
];

/** Planungsraum indicators of the scatter's x axis (catalogue ids). */
const AREA_INDICATORS = [
  'mss_status',
  'mss_dynamics',
  'pop_share_age_below_6',
  'pop_share_age_6_15',
  'kita_places_per_100_u6',
  'youth_places_per_1000_6_27',
  'dist_primary_m',
  'dist_youth_m',
  'eg_share',
];

/**
 * Linked charts: the histogram of the active indicator on the area layer the map shows (the LOR level, or
 * the Einschulbereiche / an imported layer that replaces it; coloured by the map's classes; on LOR levels and
 * the Einschulbereiche its brush sets the range filter, so map and table shrink) and a scatter of a school
 * figure against an indicator of the school's Planungsraum (click selects; the selection is highlighted).
 */
export function ChartsPanel() {
  // Deferred: on a level or indicator switch the map and the legend update first; the charts follow in a
  // background render that React splits into short tasks (zustand's updates themselves are synchronous).
  const level = useDeferredValue(useViewStore((s) => s.level));
  const special = useDeferredValue(useMapStore((s) => s.special));
  const indicatorId = useDeferredValue(useIndicatorStore((s) => s.indicatorId));
  const classification = useDeferredValue(useIndicatorStore((s) => s.classification));
  const results = useDeferredValue(useIndicatorStore((s) => s.results));
  return (
    <Charts
      level={level}
      special={special}
      indicatorId={indicatorId}
      classification={classification}
      results={results}
    />
  );
}

interface ChartsProps {
  level: LorLevel;
  /** The layer shown instead of the LOR level (mapStore), or null. */
  special: SpecialAreaLayer | null;
  indicatorId: string | null;
  classification: IndicatorClassification;
  results: ComputeResult | null;
}

/** The charts for the given (deferred) level and indicator; memoised so the urgent render skips them. */
const Charts = memo(function Charts({ level, special, indicatorId, classification, results }: ChartsProps) {
  const m = useMessages(profileMessages);
  const mm = useMessages(mapMessages);
  const locale = useLocaleStore((s) => s.locale);
  const uid = useId();
  const ranges = useFilterStore((s) => s.ranges);
  const setRange = useFilterStore((s) => s.setRange);
  const selected = useSelectionStore((s) => s.selected);
  const select = useSelectionStore((s) => s.select);
  const schools = useFilteredInstitutions('school');
  const [yId, setYId] = useState(SCHOOL_FIGURES[0].id);
  const [xId, setXId] = useState('mss_status');

  const def = indicatorId ? INDICATOR_BY_ID.get(indicatorId) : undefined;
  // the layer the map shows (LOR level, Einschulbereiche or an imported layer), chosen as the map and the
  // area table choose it, so histogram, map and table bin the same areas and values
  const shown = useDisplayedAreas(level, special);
  const { areas, level: shownLevel } = shown;
  // range filters apply to LOR areas and the Einschulbereiche: the map dims the areas out of range and the
  // institutions filter by the area they lie in (src/domain/filters.ts, MapView); on imported layers the
  // histogram shows the distribution only
  const brushable = shown.kind === 'lor' || shown.kind === 'esb';
  // the map's own classification (same breaks and colours as the choropleth), in display units
  const choro = useMemo(
    () => choroplethFor({ areas, level: shownLevel, results, indicatorId, classification, locale }),
    [areas, shownLevel, results, indicatorId, classification, locale],
  );
  const scale = displayScale(def);
  const hist = useMemo(() => {
    if (choro.status !== 'ok' || !choro.classified || !choro.palette) return null;
    const values = Array.from(choro.values, (v, i) =>
      choro.suppressed[i] || !Number.isFinite(v) ? null : v,
    );
    return { values, breaks: choro.classified.breaks, colours: choro.palette.hex };
  }, [choro]);
  const fmt = (v: number) => (def ? formatIndicatorValue(def, v, locale) : String(v));

  const active = brushable
    ? ranges.find((r) => r.indicatorId === indicatorId && r.level === shownLevel)
    : undefined;
  const selectedRange: Range | null = useMemo(
    () => (active ? [active.min * scale, active.max * scale] : null),
    [active, scale],
  );

  const fig = SCHOOL_FIGURES.find((f) => f.id === yId) ?? SCHOOL_FIGURES[0];
  const xDef = INDICATOR_BY_ID.get(xId);
  const selId =
    selected?.kind === 'institution' && selected.institutionKind === 'school' ? selected.id : null;
  const points = useMemo<ScatterPoint[]>(
    () =>
      schools.map((s) => {
        const c = s.plrId ? cellOf(results, xId, 'plr', s.plrId) : null;
        return {
          id: s.id,
          x: c && !c.suppressed ? c.value : null,
          y: fig.get(s),
          label: s.name,
          selected: s.id === selId,
        };
      }),
    [schools, results, xId, fig, selId],
  );

  // stable callbacks: the (memoised) scatter does not change on a level switch
  const onSelectSchool = useCallback(
    (id: string) => select({ kind: 'institution', institutionKind: 'school', id }),
    [select],
  );
  const formatX = useCallback((v: number) => formatIndicator(xDef, v, locale), [xDef, locale]);

  const levelName =
    shown.kind === 'esb'
      ? mm.levelOne_esb
      : shown.kind === 'import'
        ? mm.importedLayer(shown.importName ?? '')
        : m[`level_${level}`];

  return (
    <section className="charts-panel" aria-labelledby={`${uid}-h`} data-testid="charts-panel">
      <h2 id={`${uid}-h`}>{m.chartsTitle}</h2>
      {def && indicatorId ? (
        <>
          <h3 data-testid="histogram-title">{m.histogramTitle(def.label[locale], levelName)}</h3>
          {brushable ? (
            <p className="note">{m.histogramHint}</p>
          ) : (
            <p className="note" data-testid="histogram-no-brush">
              {m.histogramNoBrush(levelName)}
            </p>
          )}
          {hist ? (
            <div data-testid="histogram">
              <Histogram
                values={hist.values}
                label={def.label[locale]}
                breaks={hist.breaks}
                colours={hist.colours}
                selected={selectedRange}
                onBrush={
                  brushable
                    ? (r) =>
                        setRange(indicatorId, shownLevel, r ? { min: r[0] / scale, max: r[1] / scale } : null)
                    : undefined
                }
                format={fmt}
                width={330}
                height={140}
              />
            </div>
          ) : choro.status === 'notOnLevel' ? (
            <p className="muted" data-testid="histogram-not-on-level">
              {shown.kind === 'lor' ? mm.notOnLevel : mm.noValuesForLayer}
            </p>
          ) : choro.status === 'unavailable' ? (
            <p className="muted">{mm.unavailable}</p>
          ) : (
            <p className="muted">{m.resultsPending}</p>
          )}
        </>
      ) : (
        <p className="muted">{m.noIndicator}</p>
      )}

      <h3>{m.scatterTitle}</h3>
      <label htmlFor={`${uid}-y`}>{m.scatterY}</label>
      <select id={`${uid}-y`} value={yId} onChange={(e) => setYId(e.currentTarget.value)}>
        {SCHOOL_FIGURES.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label[locale]}
          </option>
        ))}
      </select>
      <label htmlFor={`${uid}-x`}>{m.scatterX}</label>
      <select id={`${uid}-x`} value={xId} onChange={(e) => setXId(e.currentTarget.value)}>
        {AREA_INDICATORS.filter((id) => INDICATOR_BY_ID.has(id)).map((id) => (
          <option key={id} value={id}>
            {INDICATOR_BY_ID.get(id)?.label[locale]}
          </option>
        ))}
      </select>
      <div data-testid="scatter">
        <Scatter
          points={points}
          xLabel={m.scatterXAxis(xDef?.label[locale] ?? xId, m.level_plr)}
          yLabel={fig.label[locale]}
          onSelect={onSelectSchool}
          formatX={formatX}
          width={330}
          height={240}
        />
      </div>
    </section>
  );
});
