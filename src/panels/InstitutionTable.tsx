import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Institution } from '../datasets/types';
import type { InstitutionKind } from '../domain/types';
import type { Locale } from '../i18n/catalog';
import { formatInteger, formatNumber } from '../i18n/format';
import { profileMessages } from '../i18n/messages/profile';
import { useMessages } from '../i18n/useMessages';
import type { IndicatorResults } from '../indicators/compute';
import { useDataStore } from '../state/dataStore';
import { useFilteredInstitutions } from '../state/filterStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useSelectionStore } from '../state/selectionStore';
import { type AreaNames, cellOf, fieldNumber, mssLabel, pupilsPerTeacher, useAreaNames } from './linked';
import './profile.css';
import { SortableHeadCells } from './SortableHead';
import { installViewsProbe } from './storyProbe';

installViewsProbe();

type Value = string | number | null;

interface Column {
  key: string;
  label: string;
  numeric: boolean;
  get: (inst: Institution) => Value;
  format?: (v: number) => string;
}

const ROW_HEIGHT = 30;
const KINDS: readonly InstitutionKind[] = ['school', 'youth', 'kita'];

const collator = new Intl.Collator('de', { numeric: true });
const nameCollator = new Intl.Collator('de');

function compareValues(a: Value, b: Value, dir: 1 | -1): number {
  // empty values always last
  const ea = a === null || a === '' || (typeof a === 'number' && !Number.isFinite(a));
  const eb = b === null || b === '' || (typeof b === 'number' && !Number.isFinite(b));
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * dir;
  return collator.compare(String(a), String(b)) * dir;
}

function buildColumns(
  kind: InstitutionKind,
  m: typeof profileMessages.de,
  names: AreaNames,
  results: IndicatorResults | null,
  locale: Locale,
): Column[] {
  const int = (v: number) => formatInteger(v, locale);
  const mssCode = (inst: Institution): number | null =>
    inst.plrId ? cellOf(results, 'mss_status', 'plr', inst.plrId).value : null;
  const cols: Column[] = [
    { key: 'name', label: m.col_name, numeric: false, get: (i) => i.name },
    { key: 'id', label: m.col_id, numeric: false, get: (i) => i.id },
    { key: 'type', label: m.col_type, numeric: false, get: (i) => i.type },
    {
      key: 'plr',
      label: m.col_plr,
      numeric: false,
      get: (i) => (i.plrId ? `${names.name('plr', i.plrId)} (${i.plrId})` : ''),
    },
    {
      key: 'bzr',
      label: m.col_bzr,
      numeric: false,
      get: (i) => (i.plrId ? names.name('bzr', i.plrId.slice(0, 6)) : ''),
    },
    {
      key: 'bez',
      label: m.col_bez,
      numeric: false,
      get: (i) => (i.plrId ? names.name('bez', i.plrId.slice(0, 2)) : i.bezirk),
    },
    {
      key: 'mss',
      label: m.col_mss,
      numeric: true,
      get: mssCode,
      format: (v) => `${v} ${mssLabel('mss_status', v, locale)}`,
    },
  ];
  if (kind === 'school') {
    for (const c of ['pupils_2023_24', 'teachers_2023_24', 'pupils_2024_25', 'teachers_2024_25'] as const)
      cols.push({ key: c, label: m[`col_${c}`], numeric: true, get: (i) => fieldNumber(i, c), format: int });
    cols.push({
      key: 'ppt',
      label: m.col_ppt,
      numeric: true,
      get: (i) => pupilsPerTeacher(i, '2024_25'),
      format: (v) => formatNumber(v, { decimals: 1, minDecimals: 1, locale }),
    });
  } else {
    cols.push({
      key: 'places',
      label: m.col_places,
      numeric: true,
      get: (i) => fieldNumber(i, 'places'),
      format: int,
    });
  }
  return cols;
}

/**
 * The table alternative to the map: the filtered institutions of one kind with their area (PLR, BZR,
 * Bezirk, MSS status) and key figures. Virtualised, sortable, searchable; a row click or Enter selects
 * the institution on the map; the selected row is highlighted and scrolled into view.
 */
export function InstitutionTable() {
  const m = useMessages(profileMessages);
  const locale = useLocaleStore((s) => s.locale);
  const uid = useId();
  const [kind, setKind] = useState<InstitutionKind>('school');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: 'name', dir: 1 });

  const selected = useSelectionStore((s) => s.selected);
  const select = useSelectionStore((s) => s.select);
  const total = useDataStore((s) => s.institutions[kind]?.items.length ?? 0);
  const status = useDataStore((s) => s.institutionStatus[kind]);
  const filtered = useFilteredInstitutions(kind);
  const results = useIndicatorStore((s) => s.results);
  const names = useAreaNames();

  useEffect(() => {
    void useDataStore.getState().ensureInstitutions(kind);
  }, [kind]);

  // a selection made elsewhere (map, profile, scatter) switches to its kind
  useEffect(() => {
    if (selected?.kind === 'institution') setKind(selected.institutionKind);
  }, [selected]);

  const columns = useMemo(
    () => buildColumns(kind, m, names, results, locale),
    [kind, m, names, results, locale],
  );

  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('de');
    const textOf = (i: Institution) =>
      [
        i.name,
        i.id,
        i.type,
        i.operator,
        i.address,
        i.bezirk,
        i.plrId ?? '',
        i.plrId ? names.name('plr', i.plrId) : '',
        i.plrId ? names.name('bzr', i.plrId.slice(0, 6)) : '',
      ]
        .join(' ')
        .toLocaleLowerCase('de');
    const list = q ? filtered.filter((i) => textOf(i).includes(q)) : [...filtered];
    const col = columns.find((c) => c.key === sort.key) ?? columns[0];
    const keyed = list.map((i) => ({ i, v: col.get(i) }));
    keyed.sort((a, b) => compareValues(a.v, b.v, sort.dir) || nameCollator.compare(a.i.name, b.i.name));
    return keyed.map((k) => k.i);
  }, [filtered, query, columns, sort, names]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // a first guess of the viewport until the element is measured (also used where layout is absent)
    initialRect: { width: 800, height: 260 },
  });

  const selectedId =
    selected?.kind === 'institution' && selected.institutionKind === kind ? selected.id : null;
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const focusRow = (index: number) => {
    const j = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(j, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${j}"]`)?.focus();
    });
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, inst: Institution) => {
    if (e.key === 'Enter' || e.key === ' ') {
      select({ kind: 'institution', institutionKind: inst.kind, id: inst.id });
    } else if (e.key === 'ArrowDown') focusRow(index + 1);
    else if (e.key === 'ArrowUp') focusRow(index - 1);
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(rows.length - 1);
    else return;
    e.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const kindLabel = m[`kind_${kind}`];
  const countText = m.countOf(formatInteger(rows.length, locale), formatInteger(total, locale));

  return (
    <section className="institution-table" aria-labelledby={`${uid}-title`} data-testid="institution-table">
      <div className="it-toolbar">
        <h2 id={`${uid}-title`} className="it-title">
          {m.tableTitle}
        </h2>
        <label htmlFor={`${uid}-kind`}>{m.tableKind}</label>
        <select
          id={`${uid}-kind`}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as InstitutionKind)}
          data-testid="table-kind"
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {m[`kind_${k}`]}
            </option>
          ))}
        </select>
        <label htmlFor={`${uid}-q`}>{m.search}</label>
        <input
          id={`${uid}-q`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="table-search"
        />
        <output
          className="it-count"
          aria-live="polite"
          data-testid="table-count"
          data-shown={rows.length}
          data-total={total}
          aria-label={m.countOfLabel(
            formatInteger(rows.length, locale),
            formatInteger(total, locale),
            kindLabel,
          )}
        >
          {countText}
        </output>
      </div>
      {status !== 'ready' && total === 0 ? (
        <p className="muted">{m.loadingTable}</p>
      ) : (
        <div ref={scrollRef} className="it-scroll">
          <table className="it-table" aria-rowcount={rows.length + 1}>
            <caption className="visually-hidden">{m.tableCaption(kindLabel)}</caption>
            <thead>
              <tr aria-rowindex={1}>
                <SortableHeadCells columns={columns} sort={sort} setSort={setSort} />
              </tr>
            </thead>
            <tbody>
              {padTop > 0 ? (
                <tr className="it-pad">
                  <td colSpan={columns.length} style={{ height: padTop, padding: 0, border: 0 }} />
                </tr>
              ) : null}
              {items.map((vi) => {
                const inst = rows[vi.index];
                const isSel = inst.id === selectedId;
                return (
                  <tr
                    key={inst.id}
                    data-index={vi.index}
                    data-id={inst.id}
                    aria-rowindex={vi.index + 2}
                    aria-selected={isSel}
                    className={isSel ? 'it-row selected' : 'it-row'}
                    tabIndex={0}
                    style={{ height: ROW_HEIGHT }}
                    onClick={() => select({ kind: 'institution', institutionKind: inst.kind, id: inst.id })}
                    onKeyDown={(e) => onRowKey(e, vi.index, inst)}
                  >
                    {columns.map((c) => {
                      const v = c.get(inst);
                      const text =
                        v === null || v === ''
                          ? '–'
                          : typeof v === 'number'
                            ? c.format
                              ? c.format(v)
                              : formatNumber(v, { decimals: 2, locale })
                            : v;
                      return c.key === 'name' ? (
                        <th key={c.key} scope="row" className="it-cell it-name">
                          {text}
                        </th>
                      ) : (
                        <td key={c.key} className={c.numeric ? 'it-cell num' : 'it-cell'}>
                          {text}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {padBottom > 0 ? (
                <tr className="it-pad">
                  <td colSpan={columns.length} style={{ height: padBottom, padding: 0, border: 0 }} />
                </tr>
              ) : null}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="muted it-empty">{m.noRows}</p> : null}
        </div>
      )}
    </section>
  );
}
