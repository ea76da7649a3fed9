import { useEffect, useId, useMemo } from 'react';
import type { Institution } from '../datasets/types';
import type { InstitutionKind } from '../domain/types';
import { formatInteger, formatNumber } from '../i18n/format';
import { profileMessages } from '../i18n/messages/profile';
import { useMessages } from '../i18n/useMessages';
import { INDICATOR_BY_ID } from '../indicators/catalogue';
import { useDataStore } from '../state/dataStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useSelectionStore } from '../state/selectionStore';
import { SUPPLY_INDICATORS } from './AreaProfile';
import {
  cellOf,
  fieldNumber,
  formatCell,
  mssLabel,
  peerStats,
  pupilsPerTeacher,
  useAreaNames,
} from './linked';
import './profile.css';

/** Column that groups institutions of the same type for the peer comparison. */
const PEER_COLUMN: Record<InstitutionKind, string> = { school: 'schulart', youth: 'art', kita: '' };

/**
 * Card of the selected institution: identity, key figures over both school years, comparison with
 * institutions of the same type, and its social-space context (PLR — clickable —, BZR, Bezirk, MSS,
 * population, supply): the bridge from the institution view to the spatial view.
 */
export function InstitutionCard() {
  const selected = useSelectionStore((s) => s.selected);
  if (selected?.kind !== 'institution') return null;
  return <InstitutionCardBody kind={selected.institutionKind} id={selected.id} />;
}

function InstitutionCardBody({ kind, id }: { kind: InstitutionKind; id: string }) {
  const m = useMessages(profileMessages);
  const locale = useLocaleStore((s) => s.locale);
  const items = useDataStore((s) => s.institutions[kind]?.items);
  const results = useIndicatorStore((s) => s.results);
  const select = useSelectionStore((s) => s.select);
  const names = useAreaNames();
  const uid = useId();

  useEffect(() => {
    void useDataStore.getState().ensureInstitutions(kind);
  }, [kind]);

  const inst = useMemo(() => items?.find((i) => i.id === id) ?? null, [items, id]);
  const peerCol = PEER_COLUMN[kind];
  const peerType = inst ? (peerCol ? (inst.fields[peerCol] ?? inst.type) : inst.type) : '';
  const peers = useMemo(
    () =>
      inst && items
        ? items.filter((i) => (peerCol ? (i.fields[peerCol] ?? i.type) : i.type) === peerType)
        : [],
    [inst, items, peerCol, peerType],
  );

  if (!inst) {
    return (
      <section className="detail-panel" data-testid="institution-card">
        <p className="muted">{m.notFound}</p>
      </section>
    );
  }

  const int = (v: number | null) => formatInteger(v, locale);
  const dec = (v: number | null, d = 1) => formatNumber(v, { decimals: d, minDecimals: d, locale });
  const diff = (a: number | null, b: number | null, d = 0) =>
    a !== null && b !== null
      ? `${b - a > 0 ? '+' : b - a < 0 ? '−' : '±'}${formatNumber(Math.abs(b - a), { decimals: d, minDecimals: d, locale })}`
      : '–';

  const plr = inst.plrId;
  const plrName = plr ? names.name('plr', plr) : '';
  const mssStatus = plr ? cellOf(results, 'mss_status', 'plr', plr).value : null;
  const mssDyn = plr ? cellOf(results, 'mss_dynamics', 'plr', plr).value : null;

  const peerFigure = (get: (i: Institution) => number | null, format: (v: number | null) => string) => {
    const st = peerStats(peers.map(get), get(inst));
    if (st.n < 3) return <p className="note">{m.peerNone}</p>;
    return (
      <p className="note" data-testid="card-peers">
        {m.peers(peerType, formatInteger(st.n, locale))}: {m.peerMedian} {format(st.median)}
        {st.percentBelow !== null ? `, ${m.peerRank(formatInteger(st.percentBelow, locale))}` : ''}
      </p>
    );
  };

  return (
    <section
      className="detail-panel institution-card"
      aria-labelledby={`${uid}-h`}
      data-testid="institution-card"
    >
      <button type="button" className="detail-close" onClick={() => select(null)}>
        {m.close}
      </button>
      <p className="detail-kicker">
        {m.cardTitle} · {m[`kind_${kind}`]}
      </p>
      <h2 id={`${uid}-h`} data-testid="card-name">
        {inst.name}
      </h2>
      <dl className="kv">
        <dt>{m.number}</dt>
        <dd>{inst.id}</dd>
        <dt>{m.type}</dt>
        <dd>
          {inst.type}
          {kind === 'school' && inst.fields.schultyp && inst.fields.schultyp !== inst.type
            ? ` (${inst.fields.schultyp})`
            : ''}
        </dd>
        <dt>{m.operator}</dt>
        <dd>{inst.operator || '–'}</dd>
        <dt>{m.address}</dt>
        <dd>{inst.address || '–'}</dd>
      </dl>

      <h3>{m.indicators}</h3>
      {kind === 'school' ? (
        <>
          <table className="cmp-table" data-testid="card-figures">
            <caption className="visually-hidden">{m.indicators}</caption>
            <thead>
              <tr>
                <th scope="col">{m.year}</th>
                <th scope="col">2023/24</th>
                <th scope="col">2024/25</th>
                <th scope="col">{m.change}</th>
              </tr>
            </thead>
            <tbody>
              {(['pupils', 'teachers'] as const).map((w) => {
                const a = fieldNumber(inst, `${w}_2023_24`);
                const b = fieldNumber(inst, `${w}_2024_25`);
                return (
                  <tr key={w}>
                    <th scope="row">{m[w]}</th>
                    <td>{int(a)}</td>
                    <td>{int(b)}</td>
                    <td>{diff(a, b)}</td>
                  </tr>
                );
              })}
              <tr>
                <th scope="row">{m.ppt}</th>
                <td>{dec(pupilsPerTeacher(inst, '2023_24'))}</td>
                <td>{dec(pupilsPerTeacher(inst, '2024_25'))}</td>
                <td>{diff(pupilsPerTeacher(inst, '2023_24'), pupilsPerTeacher(inst, '2024_25'), 2)}</td>
              </tr>
            </tbody>
          </table>
          {peerFigure(
            (i) => pupilsPerTeacher(i, '2024_25'),
            (v) => `${dec(v)} ${m.ppt}`,
          )}
        </>
      ) : (
        <>
          <dl className="kv">
            <dt>{m.places}</dt>
            <dd>{int(fieldNumber(inst, 'places'))}</dd>
          </dl>
          {peerFigure(
            (i) => fieldNumber(i, 'places'),
            (v) => `${int(v)} ${m.places}`,
          )}
        </>
      )}

      <h3>{m.context}</h3>
      {plr ? (
        <>
          <dl className="kv" data-testid="card-context">
            <dt>{m.level_plr}</dt>
            <dd>
              <button
                type="button"
                className="link-button"
                data-testid="card-plr"
                aria-label={m.selectArea(plrName, plr)}
                onClick={() => select({ kind: 'area', level: 'plr', id: plr })}
              >
                {plrName || plr} ({plr})
              </button>
            </dd>
            <dt>{m.level_bzr}</dt>
            <dd>
              <button
                type="button"
                className="link-button"
                onClick={() => select({ kind: 'area', level: 'bzr', id: plr.slice(0, 6) })}
              >
                {names.name('bzr', plr.slice(0, 6)) || plr.slice(0, 6)}
              </button>
            </dd>
            <dt>{m.level_bez}</dt>
            <dd>
              <button
                type="button"
                className="link-button"
                onClick={() => select({ kind: 'area', level: 'bez', id: plr.slice(0, 2) })}
              >
                {names.name('bez', plr.slice(0, 2)) || inst.bezirk}
              </button>
            </dd>
            <dt>{m.mssStatusShort}</dt>
            <dd>
              {!results
                ? '–'
                : mssStatus === null
                  ? m.mssNone
                  : `${mssStatus} ${mssLabel('mss_status', mssStatus, locale)}`}
            </dd>
            <dt>{m.mssDynamicsShort}</dt>
            <dd>
              {!results
                ? '–'
                : mssDyn === null
                  ? m.mssNone
                  : `${mssDyn} ${mssLabel('mss_dynamics', mssDyn, locale)}`}
            </dd>
            {['pop_total', 'pop_age_below_6', 'pop_share_age_below_6', ...SUPPLY_INDICATORS].map((iid) => {
              const def = INDICATOR_BY_ID.get(iid);
              if (!def) return null;
              return [
                <dt key={`${iid}-t`}>{def.label[locale]}</dt>,
                <dd key={`${iid}-d`}>{formatCell(iid, cellOf(results, iid, 'plr', plr), locale)}</dd>,
              ];
            })}
          </dl>
          {!results ? <p className="muted">{m.resultsPending}</p> : null}
          <p className="note">{m.suppressedNote}</p>
        </>
      ) : (
        <p className="muted">{m.noPlr}</p>
      )}
    </section>
  );
}
