import { type KeyboardEvent, memo, type ReactNode, useDeferredValue, useId, useMemo, useState } from 'react';
import type { LorLevel } from '../domain/lor';
import { LOR_LEVELS } from '../domain/lor';
import { formatInteger } from '../i18n/format';
import { appMessages } from '../i18n/messages/app';
import { areaTableMessages } from '../i18n/messages/areaTable';
import { mapMessages } from '../i18n/messages/map';
import { useMessages } from '../i18n/useMessages';
import { type AreaSort, type AreaSortKey, areaRows, sortAreaRows } from '../map/areaTableModel';
import { choroplethFor } from '../map/choropleth';
import { useDisplayedAreas } from '../state/displayedAreas';
import { type ComputeResult, type IndicatorClassification, useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { type SpecialAreaLayer, useMapStore } from '../state/mapStore';
import { useSelectionStore } from '../state/selectionStore';
import { useViewStore } from '../state/viewStore';
import { SortableHeadCells } from './SortableHead';

const isLor = (l: string): l is LorLevel => (LOR_LEVELS as readonly string[]).includes(l);

/**
 * The areas of the shown level with the value and class the choropleth draws: the table alternative to
 * the map (WCAG 1.1.1). Rows of LOR areas select the area (profile, map zoom) by click, Enter or Space.
 */
export function AreaTable() {
  // deferred: on a level or indicator switch the table (up to 542 rows) follows the map in a background render
  const indicatorId = useDeferredValue(useIndicatorStore((s) => s.indicatorId));
  const classification = useDeferredValue(useIndicatorStore((s) => s.classification));
  const results = useDeferredValue(useIndicatorStore((s) => s.results));
  const lorLevel = useDeferredValue(useViewStore((s) => s.level));
  const special = useDeferredValue(useMapStore((s) => s.special));
  return (
    <AreaTableOf
      indicatorId={indicatorId}
      classification={classification}
      results={results}
      lorLevel={lorLevel}
      special={special}
    />
  );
}

interface AreaTableProps {
  indicatorId: string | null;
  classification: IndicatorClassification;
  results: ComputeResult | null;
  lorLevel: LorLevel;
  special: SpecialAreaLayer | null;
}

const AreaTableOf = memo(function AreaTableOf({
  indicatorId,
  classification,
  results,
  lorLevel,
  special,
}: AreaTableProps) {
  const m = useMessages(areaTableMessages);
  const am = useMessages(appMessages);
  const mm = useMessages(mapMessages);
  const uid = useId();
  const locale = useLocaleStore((s) => s.locale);
  // the layer the map shows: the LOR level, or the Einschulbereiche / an imported layer replacing it
  const shown = useDisplayedAreas(lorLevel, special);
  const { areas, level } = shown;
  const selected = useSelectionStore((s) => s.selected);
  const select = useSelectionStore((s) => s.select);
  const [sort, setSort] = useState<AreaSort>({ key: 'name', dir: 1 });

  const levelLabel =
    shown.kind === 'esb'
      ? mm.levelOne_esb
      : shown.kind === 'import'
        ? mm.importedLayer(shown.importName ?? '')
        : am[`levelOne_${lorLevel}`];
  const choro = choroplethFor({ areas, level, results, indicatorId, classification, locale });
  const rows = useMemo(
    () => sortAreaRows(areaRows(areas, choro, locale), sort),
    [areas, choro, locale, sort],
  );
  const indicatorLabel = choro.def ? choro.def.label[locale] : '–';
  const selectedId = selected?.kind === 'area' && selected.level === level ? selected.id : null;
  const selectable = isLor(level);

  const columns: { key: AreaSortKey; label: string; numeric?: boolean }[] = [
    { key: 'name', label: m.colName },
    { key: 'id', label: m.colId },
    ...(rows.some((r) => r.parent !== '') ? [{ key: 'parent' as const, label: m.colParent }] : []),
    {
      key: 'value',
      label: choro.def ? `${m.colValue} (${choro.def.unit[locale]})` : m.colValue,
      numeric: true,
    },
  ];

  const choose = (id: string) => {
    if (isLor(level)) select({ kind: 'area', level, id });
  };

  if (!areas) return <p className="muted">{m.loading}</p>;
  return (
    <section className="area-table" aria-labelledby={`${uid}-title`} data-testid="area-table">
      <div className="it-toolbar">
        <h2 id={`${uid}-title`} className="it-title">
          {m.title}
        </h2>
        <output
          className="it-count"
          aria-live="polite"
          data-testid="area-table-count"
          data-shown={rows.length}
        >
          {m.count(formatInteger(rows.length, locale))}
        </output>
      </div>
      {choro.status === 'noIndicator' ? <p className="muted">{m.noIndicator}</p> : null}
      {choro.status === 'notOnLevel' ? <p className="muted">{m.notOnLevel}</p> : null}
      <div className="it-scroll">
        <table className="it-table">
          <caption className="visually-hidden">{m.caption(indicatorLabel, levelLabel)}</caption>
          <thead>
            <tr>
              <SortableHeadCells columns={columns} sort={sort} setSort={setSort} />
              <th scope="col" className="it-head">
                {m.colClass}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const isSel = r.id === selectedId;
              return (
                <tr
                  key={r.id}
                  data-id={r.id}
                  aria-selected={selectable ? isSel : undefined}
                  className={isSel ? 'it-row selected' : 'it-row'}
                  tabIndex={selectable ? 0 : undefined}
                  onClick={selectable ? () => choose(r.id) : undefined}
                  onKeyDown={
                    selectable
                      ? (e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            choose(r.id);
                          }
                        }
                      : undefined
                  }
                >
                  <th scope="row" className="it-cell it-name">
                    {r.name}
                  </th>
                  <td className="it-cell">{r.id}</td>
                  {columns.some((c) => c.key === 'parent') ? <td className="it-cell">{r.parent}</td> : null}
                  <td className="it-cell num" data-status={r.status}>
                    {r.status === 'value' ? r.valueText : r.status === 'suppressed' ? m.suppressed : m.noData}
                  </td>
                  <td className="it-cell">{r.classLabel}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
});

/** Tabs of the bottom region: the institution table and the area table. */
export function BottomTables({ institutions, areas }: { institutions: ReactNode; areas: ReactNode }) {
  const m = useMessages(areaTableMessages);
  const [tab, setTab] = useState<'institutions' | 'areas'>('institutions');
  const uid = useId();
  const tabs = [
    { key: 'institutions' as const, label: m.tabInstitutions },
    { key: 'areas' as const, label: m.tabAreas },
  ];
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next = tab === 'institutions' ? 'areas' : 'institutions';
    const target = e.key === 'Home' ? 'institutions' : e.key === 'End' ? 'areas' : next;
    setTab(target);
    document.getElementById(`${uid}-tab-${target}`)?.focus();
  };
  return (
    <div className="bottom-tables">
      <div role="tablist" aria-label={m.tabsLabel} className="bottom-tabs">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${uid}-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`${uid}-panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            data-testid={`tab-${t.key}`}
            onClick={() => setTab(t.key)}
            onKeyDown={onKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${uid}-panel-institutions`}
        aria-labelledby={`${uid}-tab-institutions`}
        hidden={tab !== 'institutions'}
        className="bottom-panel"
      >
        {institutions}
      </div>
      <div
        role="tabpanel"
        id={`${uid}-panel-areas`}
        aria-labelledby={`${uid}-tab-areas`}
        hidden={tab !== 'areas'}
        className="bottom-panel"
      >
        {tab === 'areas' ? areas : null}
      </div>
    </div>
  );
}
