import { type FormEvent, memo, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { TRAEGER_CATEGORIES } from '../domain/filters';
import type { LorLevel } from '../domain/lor';
import { formatInteger, formatNumber } from '../i18n/format';
import { appMessages } from '../i18n/messages/app';
import { mapMessages } from '../i18n/messages/map';
import { useMessages } from '../i18n/useMessages';
import { INDICATOR_BY_ID } from '../indicators/catalogue';
import { parseNumber } from '../io/numbers';
import { displayScale } from '../map/choropleth';
import { useDataStore } from '../state/dataStore';
import { type OverlayFilter, useFilteredInstitutions, useFilterStore } from '../state/filterStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { type SpecialAreaLayer, useMapStore } from '../state/mapStore';
import { useViewStore } from '../state/viewStore';
import { SidebarSection } from './Sidebar';

/** Parse a number typed by the user in the UI language (de: "12,5", en: "12.5"); NaN when invalid. */
function parseInput(text: string, locale: 'de' | 'en'): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  return parseNumber(t, locale === 'de' ? ',' : '.');
}

function toggle(list: readonly string[], v: string, on: boolean): string[] {
  return on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v);
}

function CheckList({
  legend,
  options,
  selected,
  onChange,
  testId,
}: {
  legend: string;
  options: { value: string; label: string }[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  testId: string;
}) {
  return (
    <fieldset className="filter-group" data-testid={testId}>
      <legend>{legend}</legend>
      <ul className="check-list">
        {options.map((o) => (
          <li key={o.value}>
            <label className="check-row">
              <input
                type="checkbox"
                value={o.value}
                checked={selected.includes(o.value)}
                onChange={(e) => onChange(toggle(selected, o.value, e.currentTarget.checked))}
              />
              {o.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** "Filter": Schulart, Träger, Bezirk, indicator range, Erhaltungsgebiete, radius, drawn polygon. */
export function FilterPanel() {
  // deferred: a level or indicator switch re-renders the filters after the map and the legend
  const level = useDeferredValue(useViewStore((s) => s.level));
  const special = useDeferredValue(useMapStore((s) => s.special));
  const indicatorId = useDeferredValue(useIndicatorStore((s) => s.indicatorId));
  return <Filters level={level} special={special} indicatorId={indicatorId} />;
}

const Filters = memo(function Filters({
  level,
  special,
  indicatorId,
}: {
  level: LorLevel;
  special: SpecialAreaLayer | null;
  indicatorId: string | null;
}) {
  const m = useMessages(mapMessages);
  const am = useMessages(appMessages);
  const locale = useLocaleStore((s) => s.locale);
  const f = useFilterStore();
  const schools = useDataStore((s) => s.institutions.school?.items);
  const institutions = useDataStore((s) => s.institutions);
  const draw = useMapStore((s) => s.draw);
  const draft = useMapStore((s) => s.draft);
  const setDraw = useMapStore((s) => s.setDraw);
  const setDraft = useMapStore((s) => s.setDraft);
  const radiusM = useMapStore((s) => s.radiusM);
  const setRadiusM = useMapStore((s) => s.setRadiusM);
  const ids = { range: useId(), ov: useId(), ovl: useId(), lon: useId(), lat: useId(), m: useId() };

  const schularten = useMemo(() => {
    const s = new Set<string>();
    for (const it of schools ?? []) if (it.type) s.add(it.type);
    return [...s].sort((a, b) => a.localeCompare(b, 'de')).map((v) => ({ value: v, label: v }));
  }, [schools]);

  const bezirke = useMemo(() => {
    const names = new Map<string, string>();
    for (const set of Object.values(institutions))
      for (const it of set?.items ?? []) {
        const id = it.plrId?.slice(0, 2);
        if (id && !names.has(id) && it.bezirk) names.set(id, it.bezirk);
      }
    return [...names.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([value, label]) => ({ value, label: `${value} ${label}` }));
  }, [institutions]);

  // --- range (mirrors the histogram brush) ---
  const def = indicatorId ? INDICATOR_BY_ID.get(indicatorId) : undefined;
  // ranges act on the LOR levels and the Einschulbereiche (not on imported layers)
  const rangeLevel: LorLevel | 'esb' | null = special === 'esb' ? 'esb' : special === null ? level : null;
  const range = f.ranges.find((r) => r.indicatorId === indicatorId && r.level === rangeLevel);
  const scale = displayScale(def);
  const fmt = (v: number | undefined) =>
    v === undefined ? '' : formatNumber(v * scale, { decimals: 6, locale }).replace(/\u00a0/g, '');
  const [minText, setMinText] = useState('');
  const [maxText, setMaxText] = useState('');
  const [rangeError, setRangeError] = useState(false);
  const rangeKey = `${range?.min}|${range?.max}|${locale}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync the inputs when the stored range changes
  useEffect(() => {
    setMinText(fmt(range?.min));
    setMaxText(fmt(range?.max));
    setRangeError(false);
  }, [rangeKey]);
  const applyRange = (e: FormEvent) => {
    e.preventDefault();
    if (!indicatorId || !rangeLevel) return;
    const lo = parseInput(minText, locale);
    const hi = parseInput(maxText, locale);
    if (!Number.isFinite(lo) && !Number.isFinite(hi)) {
      f.setRange(indicatorId, rangeLevel, null);
      return;
    }
    if ((minText.trim() && !Number.isFinite(lo)) || (maxText.trim() && !Number.isFinite(hi))) {
      setRangeError(true);
      return;
    }
    f.setRange(indicatorId, rangeLevel, {
      min: Number.isFinite(lo) ? lo / scale : Number.NEGATIVE_INFINITY,
      max: Number.isFinite(hi) ? hi / scale : Number.POSITIVE_INFINITY,
    });
  };

  // --- radius ---
  const [lonText, setLonText] = useState('');
  const [latText, setLatText] = useState('');
  const [mText, setMText] = useState(String(radiusM));
  const [radiusError, setRadiusError] = useState(false);
  const radiusKey = f.radius ? `${f.radius.lon}|${f.radius.lat}|${f.radius.m}|${locale}` : `none|${locale}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync the inputs when the stored radius changes
  useEffect(() => {
    if (!f.radius) return;
    setLonText(formatNumber(f.radius.lon, { decimals: 5, locale }));
    setLatText(formatNumber(f.radius.lat, { decimals: 5, locale }));
    setMText(formatNumber(f.radius.m, { decimals: 0, locale }).replace(/\D/g, ''));
  }, [radiusKey]);
  const applyRadius = (e: FormEvent) => {
    e.preventDefault();
    const lon = parseInput(lonText, locale);
    const lat = parseInput(latText, locale);
    const mm = parseInput(mText, locale);
    if (![lon, lat, mm].every(Number.isFinite) || mm <= 0 || Math.abs(lon) > 180 || Math.abs(lat) > 85) {
      setRadiusError(true);
      return;
    }
    setRadiusError(false);
    setRadiusM(mm);
    f.setFilters({ radius: { lon, lat, m: mm } });
  };

  const setOverlayMode = (mode: 'none' | 'inside' | 'outside') =>
    f.setFilters({
      overlay: mode === 'none' ? null : { layer: f.overlay?.layer ?? 'any', mode },
    });
  const setOverlayLayer = (layer: OverlayFilter['layer']) =>
    f.setFilters({ overlay: f.overlay ? { ...f.overlay, layer } : null });

  // --- summary ---
  const fs = useFilteredInstitutions('school');
  const fy = useFilteredInstitutions('youth');
  const fk = useFilteredInstitutions('kita');
  const total = Object.values(institutions).reduce((s, x) => s + (x?.items.length ?? 0), 0);
  const shown =
    (institutions.school ? fs.length : 0) +
    (institutions.youth ? fy.length : 0) +
    (institutions.kita ? fk.length : 0);

  return (
    <SidebarSection id="filter" title={m.sectionFilter}>
      <p className="muted" role="status" data-testid="filter-summary">
        {m.filterSummary(formatInteger(shown, locale), formatInteger(total, locale))}
      </p>
      <CheckList
        legend={m.filterSchulart}
        options={schularten}
        selected={f.schularten}
        onChange={(schularten) => f.setFilters({ schularten })}
        testId="filter-schulart"
      />
      <CheckList
        legend={m.filterTraeger}
        options={TRAEGER_CATEGORIES.map((t) => ({ value: t, label: m[`traeger_${t}`] }))}
        selected={f.traeger}
        onChange={(traeger) => f.setFilters({ traeger })}
        testId="filter-traeger"
      />
      <CheckList
        legend={m.filterBezirk}
        options={bezirke}
        selected={f.bezirke}
        onChange={(bezirke) => f.setFilters({ bezirke })}
        testId="filter-bezirk"
      />

      {def && rangeLevel && (
        <form className="filter-group" onSubmit={applyRange} data-testid="filter-range">
          <fieldset>
            <legend>
              {m.filterRange}: {def.label[locale]}
            </legend>
            <p className="muted">
              {m.rangeHint(rangeLevel === 'esb' ? m.level_esb : am[`level_${rangeLevel}`])}
            </p>
            <label htmlFor={`${ids.range}-min`}>{m.rangeMin}</label>
            <input
              id={`${ids.range}-min`}
              inputMode="decimal"
              value={minText}
              aria-invalid={rangeError}
              onChange={(e) => setMinText(e.currentTarget.value)}
            />
            <label htmlFor={`${ids.range}-max`}>{m.rangeMax}</label>
            <input
              id={`${ids.range}-max`}
              inputMode="decimal"
              value={maxText}
              aria-invalid={rangeError}
              onChange={(e) => setMaxText(e.currentTarget.value)}
            />
            {rangeError && <p role="alert">{m.invalidNumber}</p>}
            <button type="submit">{m.rangeApply}</button>
            {range && (
              <button type="button" onClick={() => f.setRange(def.id, rangeLevel, null)}>
                {m.rangeClear}
              </button>
            )}
          </fieldset>
        </form>
      )}

      <fieldset className="filter-group" data-testid="filter-overlay">
        <legend>{m.filterOverlay}</legend>
        {(['none', 'inside', 'outside'] as const).map((mode) => (
          <label key={mode} className="radio-row">
            <input
              type="radio"
              name={ids.ov}
              value={mode}
              checked={(f.overlay?.mode ?? 'none') === mode}
              onChange={() => setOverlayMode(mode)}
            />
            {mode === 'none' ? m.overlayNone : mode === 'inside' ? m.overlayInside : m.overlayOutside}
          </label>
        ))}
        {f.overlay && (
          <>
            <label htmlFor={ids.ovl}>{m.overlayWhich}</label>
            <select
              id={ids.ovl}
              value={f.overlay.layer}
              onChange={(e) => setOverlayLayer(e.currentTarget.value as OverlayFilter['layer'])}
            >
              <option value="any">{m.overlayLayer_any}</option>
              <option value="em">{m.overlayLayer_em}</option>
              <option value="es">{m.overlayLayer_es}</option>
            </select>
          </>
        )}
      </fieldset>

      <form className="filter-group" onSubmit={applyRadius} data-testid="filter-radius">
        <fieldset>
          <legend>{m.filterRadius}</legend>
          <button
            type="button"
            aria-pressed={draw === 'radius'}
            onClick={() => setDraw(draw === 'radius' ? 'none' : 'radius')}
          >
            {draw === 'radius' ? m.radiusPicking : m.radiusPick}
          </button>
          <label htmlFor={ids.lon}>{m.radiusLon}</label>
          <input
            id={ids.lon}
            inputMode="decimal"
            value={lonText}
            onChange={(e) => setLonText(e.currentTarget.value)}
          />
          <label htmlFor={ids.lat}>{m.radiusLat}</label>
          <input
            id={ids.lat}
            inputMode="decimal"
            value={latText}
            onChange={(e) => setLatText(e.currentTarget.value)}
          />
          <label htmlFor={ids.m}>{m.radiusM}</label>
          <input
            id={ids.m}
            inputMode="numeric"
            value={mText}
            onChange={(e) => {
              setMText(e.currentTarget.value);
              const v = parseInput(e.currentTarget.value, locale);
              if (Number.isFinite(v) && v > 0) setRadiusM(v);
            }}
          />
          {radiusError && <p role="alert">{m.invalidNumber}</p>}
          <button type="submit">{m.radiusApply}</button>
          {f.radius && (
            <button type="button" onClick={() => f.setFilters({ radius: null })}>
              {m.radiusClear}
            </button>
          )}
        </fieldset>
      </form>

      <fieldset className="filter-group" data-testid="filter-polygon">
        <legend>{m.filterPolygon}</legend>
        {draw === 'polygon' ? (
          <>
            <p className="muted" role="status">
              {m.polygonDrawing(draft.length)}
            </p>
            <button
              type="button"
              disabled={draft.length < 3}
              onClick={() => {
                f.setFilters({ polygon: draft });
                setDraft([]);
                setDraw('none');
              }}
            >
              {m.polygonFinish}
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft([]);
                setDraw('none');
              }}
            >
              {m.polygonCancel}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setDraw('polygon')}>
            {m.polygonStart}
          </button>
        )}
        {f.polygon && draw !== 'polygon' && (
          <>
            <p className="muted">{m.polygonActive(f.polygon.length)}</p>
            <button type="button" onClick={() => f.setFilters({ polygon: null })}>
              {m.polygonClear}
            </button>
          </>
        )}
      </fieldset>

      <button type="button" data-testid="filter-reset" onClick={() => f.reset()}>
        {m.filterReset}
      </button>
    </SidebarSection>
  );
});
