import { useId, useMemo } from 'react';
import { Bars } from '../charts/Bars';
import type { Institution } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import type { InstitutionKind } from '../domain/types';
import type { Locale } from '../i18n/catalog';
import { formatInteger, formatNumber } from '../i18n/format';
import { profileMessages } from '../i18n/messages/profile';
import { useMessages } from '../i18n/useMessages';
import {
  ESB_POPULATION,
  INDICATOR_BY_ID,
  INDICATORS,
  type IndicatorDef,
  MSS_CLASS_LABELS,
  MSS_DYNAMICS_CLASSES,
  MSS_STATUS_CLASSES,
} from '../indicators/catalogue';
import type { IndicatorResults } from '../indicators/compute';
import { AGE_COLUMNS } from '../io/berlin/contract';
import type { RollupLevel } from '../spatial/rollup';
import { useDataStore } from '../state/dataStore';
import { useFilteredInstitutions } from '../state/filterStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useMapStore } from '../state/mapStore';
import { useSelectionStore } from '../state/selectionStore';
import { areaIndex, cellOf, formatCell, inArea, mssLabel, pupilsPerTeacher, useAreaNames } from './linked';
import './profile.css';

/** Supply and urban-development indicators of the profile (catalogue ids). */
export const SUPPLY_INDICATORS = [
  'kita_places_per_100_u6',
  'kita_places',
  'youth_places_per_1000_6_27',
  'youth_places',
  'dist_primary_m',
  'dist_youth_m',
  'eg_share',
  'em_share',
  'es_share',
  'housing_sites_count',
] as const;

/** Indicators whose figures are estimates or approximations (their method note is shown). */
const ESTIMATES = new Set([
  'kita_places_per_100_u6',
  'youth_places_per_1000_6_27',
  'dist_primary_m',
  'dist_youth_m',
  'eg_share',
  'em_share',
  'es_share',
]);

const LIST_LIMIT: Record<InstitutionKind, number> = { school: 60, youth: 40, kita: 25 };

function label(def: IndicatorDef, locale: Locale): string {
  return def.label[locale];
}

/** Resident distribution of an MSS attribute for one area of a level above PLR (shares 0…1). */
function distributionItems(
  results: IndicatorResults,
  attribute: 'mss_status' | 'mss_dynamics',
  level: RollupLevel,
  id: string,
  locale: Locale,
) {
  const d = results.distributions[attribute];
  const k = level === 'berlin' ? 0 : areaIndex(results, level, id);
  if (!d || k < 0) return [];
  const nc = d.categories.length;
  const codes = attribute === 'mss_status' ? MSS_STATUS_CLASSES : MSS_DYNAMICS_CLASSES;
  return codes.map((code) => {
    const c = d.categories.indexOf(code);
    const v = c >= 0 ? d.shares[level][k * nc + c] : Number.NaN;
    return {
      key: String(code),
      label: `${code} ${MSS_CLASS_LABELS[attribute][code]?.[locale] ?? ''}`,
      value: Number.isFinite(v) ? v * 100 : null,
    };
  });
}

function InstitutionList({ kind, areaId, title }: { kind: InstitutionKind; areaId: string; title: string }) {
  const m = useMessages(profileMessages);
  const locale = useLocaleStore((s) => s.locale);
  const select = useSelectionStore((s) => s.select);
  const all = useFilteredInstitutions(kind);
  const inside = all.filter((i) => inArea(i, areaId)).sort((a, b) => a.name.localeCompare(b.name, 'de'));
  if (inside.length === 0) return null;
  const shown = inside.slice(0, LIST_LIMIT[kind]);
  const detail = (i: Institution): string => {
    if (kind === 'school') {
      const ppt = pupilsPerTeacher(i, '2024_25');
      const pupils = i.fields.pupils_2024_25;
      return [
        i.type,
        pupils ? `${formatInteger(Number(pupils), locale)} ${m.pupils}` : '',
        ppt !== null ? `${formatNumber(ppt, { decimals: 1, minDecimals: 1, locale })} ${m.ppt}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    }
    const places = i.fields.places;
    return [i.type, places ? `${formatInteger(Number(places), locale)} ${m.places}` : '']
      .filter(Boolean)
      .join(' · ');
  };
  return (
    <>
      <h4 className="inst-list-title">
        {title} ({formatInteger(inside.length, locale)})
      </h4>
      <ul className="inst-list" data-testid={`profile-list-${kind}`}>
        {shown.map((i) => (
          <li key={i.id}>
            <button
              type="button"
              className="link-button"
              data-id={i.id}
              onClick={() => select({ kind: 'institution', institutionKind: kind, id: i.id })}
            >
              {i.name}
            </button>{' '}
            <span className="muted">{detail(i)}</span>
          </li>
        ))}
      </ul>
      {inside.length > shown.length ? (
        <p className="note">{m.moreInstitutions(formatInteger(inside.length - shown.length, locale))}</p>
      ) : null}
    </>
  );
}

/**
 * Sozialraumprofil of the selected area (any LOR level): population by age, MSS status and dynamics,
 * supply indicators, the institutions inside, and every indicator compared with its Bezirk and Berlin.
 */
export function AreaProfile() {
  const selected = useSelectionStore((s) => s.selected);
  const esb = useSelectionStore((s) => s.esb);
  if (esb !== null) return <EsbProfileBody id={esb} />;
  if (selected?.kind !== 'area') return null;
  return <AreaProfileBody level={selected.level} id={selected.id} />;
}

const ESB_TEXT = {
  de: {
    kicker: 'Einschulbereich',
    estimated: 'Einwohner:innen (geschätzt)',
    covered: (share: string, n: string) =>
      `${share} der Fläche liegen in Planungsräumen mit Einwohnerzahl; ${n} Planungsräume tragen bei.`,
    ages: 'Altersgruppen (geschätzt)',
    schools: 'Schulen im Einschulbereich',
    primary: 'Grundschulen',
    noSchools: 'Keine Schule (nach Filtern) im Einschulbereich.',
    pending: 'Schätzwerte werden geladen …',
    unavailable: 'Keine Schätzwerte (tables/esb_population.csv fehlt).',
  },
  en: {
    kicker: 'School catchment (Einschulbereich)',
    estimated: 'Residents (estimate)',
    covered: (share: string, n: string) =>
      `${share} of the area lies in Planungsräume with a population figure; ${n} Planungsräume contribute.`,
    ages: 'Age groups (estimate)',
    schools: 'Schools in the catchment',
    primary: 'Primary schools',
    noSchools: 'No school (after filters) in the catchment.',
    pending: 'Estimates are loading …',
    unavailable: 'No estimates (tables/esb_population.csv is missing).',
  },
} as const;

/**
 * Profile of a selected Einschulbereich: residents and age groups estimated from the Planungsräume by area
 * share (method stated next to the figures), and the schools whose location lies in it (filters apply).
 */
function EsbProfileBody({ id }: { id: string }) {
  const m = useMessages(profileMessages);
  const locale = useLocaleStore((s) => s.locale);
  const t = ESB_TEXT[locale];
  const results = useIndicatorStore((s) => s.results);
  const selectEsb = useSelectionStore((s) => s.selectEsb);
  const select = useSelectionStore((s) => s.select);
  const areas = useMapStore((s) => s.overlayAreas.esb);
  const schools = useDataStore((s) => s.institutions.school);
  const filtered = useFilteredInstitutions('school');
  const uid = useId();
  const feature = areas?.features.find((f) => f.properties.id === id);
  const name = feature ? String(feature.properties.name ?? id) : id;
  const bezName = feature ? String(feature.properties.bez_name ?? '') : '';
  const esb = results?.esb;
  const k = esb ? esb.ids.indexOf(id) : -1;
  const col = (c: string): number | null => {
    const v = k >= 0 ? esb?.columns[c]?.[k] : undefined;
    return v !== undefined && Number.isFinite(v) ? v : null;
  };
  const total = col('total');
  const ageItems = AGE_COLUMNS.map((c) => {
    const def = INDICATOR_BY_ID.get(`pop_${c}`);
    return {
      key: c,
      label: def ? def.label[locale].replace(/^(Einwohner:innen|Residents) /, '') : c,
      value: col(c),
    };
  });
  const inside = useMemo(() => {
    const join = esb?.schoolEsb;
    if (!schools || !join || join.length !== schools.items.length || k < 0) return [];
    const keep = new Set(filtered.map((i) => i.id));
    return schools.items
      .filter((it, i) => join[i] === k && keep.has(it.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }, [esb, schools, filtered, k]);
  const primary = inside.filter((i) => i.fields.schultyp === 'Grundschule').length;
  const share = col('covered_share');
  const nPlr = col('plr_count');

  return (
    <section
      className="detail-panel area-profile"
      aria-labelledby={`${uid}-h`}
      data-testid="area-profile"
      data-level="esb"
    >
      <button type="button" className="detail-close" onClick={() => selectEsb(null)}>
        {m.close}
      </button>
      <p className="detail-kicker">
        {m.profileTitle} · {t.kicker} {id}
      </p>
      <h2 id={`${uid}-h`} data-testid="profile-name">
        {name}
      </h2>
      {bezName ? (
        <p className="detail-kicker">
          {m.level_bez} {bezName}
        </p>
      ) : null}
      {!results ? <p className="muted">{t.pending}</p> : null}
      {results && !esb ? <p className="muted">{t.unavailable}</p> : null}

      <h3>{m.populationHeading}</h3>
      <p data-testid="profile-esb-total">
        {t.estimated}: {total === null ? '–' : formatInteger(Math.round(total), locale)}
      </p>
      <p className="note" data-testid="profile-esb-method">
        {ESB_POPULATION.method[locale]}
      </p>
      {share !== null && nPlr !== null ? (
        <p className="note">
          {t.covered(
            formatNumber(share * 100, { decimals: 1, locale, percent: true }),
            formatInteger(nPlr, locale),
          )}
        </p>
      ) : null}
      <Bars
        items={ageItems.map((a) => ({ ...a, value: a.value === null ? null : Math.round(a.value) }))}
        title={t.ages}
        format={(v) => formatInteger(v, locale)}
      />

      <h3>{t.schools}</h3>
      <p data-testid="profile-esb-primary">
        {t.primary}: {formatInteger(primary, locale)}
      </p>
      {inside.length === 0 ? (
        <p className="muted">{t.noSchools}</p>
      ) : (
        <ul className="inst-list" data-testid="profile-list-school">
          {inside.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                className="link-button"
                data-id={i.id}
                onClick={() => select({ kind: 'institution', institutionKind: 'school', id: i.id })}
              >
                {i.name}
              </button>{' '}
              <span className="muted">{i.type}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AreaProfileBody({ level, id }: { level: LorLevel; id: string }) {
  const m = useMessages(profileMessages);
  const locale = useLocaleStore((s) => s.locale);
  const results = useIndicatorStore((s) => s.results);
  const select = useSelectionStore((s) => s.select);
  const names = useAreaNames();
  const uid = useId();
  const name = names.name(level, id) || id;
  const bezId = id.slice(0, 2);
  const bezName = names.name('bez', bezId);

  const cell = (indicatorId: string, lv: RollupLevel = level, areaId: string = id) =>
    cellOf(results, indicatorId, lv, areaId);
  const total = cell('pop_total');

  const ageItems = AGE_COLUMNS.map((c) => {
    const def = INDICATOR_BY_ID.get(`pop_${c}`);
    const v = cell(`pop_${c}`);
    return {
      key: c,
      label: def ? def.label[locale].replace(/^(Einwohner:innen|Residents) /, '') : c,
      value: v.suppressed ? null : v.value,
    };
  });

  const mssStatus = level === 'plr' ? cell('mss_status').value : null;
  const mssDyn = level === 'plr' ? cell('mss_dynamics').value : null;

  const compareDefs = INDICATORS.filter(
    (d) => d.levels.includes(level) && results !== null && d.id in results.values,
  );

  return (
    <section className="detail-panel area-profile" aria-labelledby={`${uid}-h`} data-testid="area-profile">
      <button type="button" className="detail-close" onClick={() => select(null)}>
        {m.close}
      </button>
      <p className="detail-kicker">
        {m.profileTitle} · {m[`level_${level}`]} {id}
      </p>
      <h2 id={`${uid}-h`} data-testid="profile-name">
        {name}
      </h2>
      {level !== 'bez' && bezName ? (
        <p className="detail-kicker">
          {m.level_bez} {bezName}
        </p>
      ) : null}
      {!results ? <p className="muted">{m.resultsPending}</p> : null}

      <h3>{m.populationHeading}</h3>
      <p>{m.populationTotal(formatCell('pop_total', total, locale))}</p>
      <Bars items={ageItems} title={m.population} format={(v) => formatInteger(v, locale)} />

      <h3>{m.mss}</h3>
      {level === 'plr' ? (
        <dl className="kv">
          <dt>{m.mssStatus}</dt>
          <dd data-testid="profile-mss-status">
            {mssStatus === null ? m.mssNone : `${mssStatus} ${mssLabel('mss_status', mssStatus, locale)}`}
          </dd>
          <dt>{m.mssDynamics}</dt>
          <dd>{mssDyn === null ? m.mssNone : `${mssDyn} ${mssLabel('mss_dynamics', mssDyn, locale)}`}</dd>
        </dl>
      ) : results ? (
        <>
          <Bars
            items={distributionItems(results, 'mss_status', level, id, locale)}
            title={m.mssDistStatus}
            format={(v) => formatNumber(v, { decimals: 1, locale, percent: true })}
            max={100}
          />
          <Bars
            items={distributionItems(results, 'mss_dynamics', level, id, locale)}
            title={m.mssDistDynamics}
            format={(v) => formatNumber(v, { decimals: 1, locale, percent: true })}
            max={100}
          />
        </>
      ) : null}

      <h3>{m.supply}</h3>
      <dl className="kv">
        {SUPPLY_INDICATORS.map((iid) => {
          const def = INDICATOR_BY_ID.get(iid);
          if (!def) return null;
          return [
            <dt key={`${iid}-t`}>
              {label(def, locale)}
              {ESTIMATES.has(iid) ? <span className="note"> ({m.estimate})</span> : null}
            </dt>,
            <dd key={`${iid}-d`} data-indicator={iid}>
              {formatCell(iid, cell(iid), locale)}
            </dd>,
          ];
        })}
      </dl>
      <details className="method-notes">
        <summary>{m.methodNotes}</summary>
        <ul>
          {SUPPLY_INDICATORS.filter((iid) => ESTIMATES.has(iid)).map((iid) => {
            const def = INDICATOR_BY_ID.get(iid);
            return def ? (
              <li key={iid}>
                <strong>{label(def, locale)}:</strong> {def.method[locale]}
              </li>
            ) : null;
          })}
        </ul>
      </details>

      <h3>{m.institutionsInside}</h3>
      <InstitutionList kind="school" areaId={id} title={m.kind_school} />
      <InstitutionList kind="youth" areaId={id} title={m.kind_youth} />
      <InstitutionList kind="kita" areaId={id} title={m.kind_kita} />

      <h3>{m.compare}</h3>
      {results ? (
        <table className="cmp-table" data-testid="profile-compare">
          <caption className="visually-hidden">
            {m.compare}: {name}
          </caption>
          <thead>
            <tr>
              <th scope="col">{m.compareIndicator}</th>
              <th scope="col">{name}</th>
              {level !== 'bez' ? <th scope="col">{bezName || m.compareBezirk}</th> : null}
              <th scope="col">{m.compareBerlin}</th>
            </tr>
          </thead>
          <tbody>
            {compareDefs.map((d) => {
              const own = cell(d.id);
              const bez = cell(d.id, 'bez', bezId);
              const ber = cell(d.id, 'berlin', '');
              const hint = (c: typeof own) => (c.suppressed ? m.suppressedNote : undefined);
              return (
                <tr key={d.id} data-indicator={d.id}>
                  <th scope="row">
                    {label(d, locale)}
                    {d.format.percent ? '' : <span className="note"> ({d.unit[locale]})</span>}
                  </th>
                  <td title={hint(own)}>{formatCell(d.id, own, locale)}</td>
                  {level !== 'bez' ? (
                    <td title={hint(bez)}>
                      {d.levels.includes('bez') ? formatCell(d.id, bez, locale) : '–'}
                    </td>
                  ) : null}
                  <td title={hint(ber)}>
                    {d.levels.includes('berlin') ? formatCell(d.id, ber, locale) : '–'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <p className="note">{m.suppressedNote}</p>
      <p className="note">{m.noValueNote}</p>
    </section>
  );
}
