/**
 * A range filter on the Einschulbereiche, wired through the stores: its values come from the engine output
 * (`results.esb`), schools are placed by the engine's own join (`results.esb.schoolEsb`), other kinds by the
 * worker (engineSync asks `esbMembership` once an ESB range is set); the map dims the Einschulbereiche out of
 * range, and the link round-trips the range (a tampered one is dropped with a notice). Made-up data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Institution, InstitutionSet } from '../../../src/datasets/types';
import type { ItemAreas } from '../../../src/domain/filters';
import type { InstitutionKind } from '../../../src/domain/types';
import { prepareEngine } from '../../../src/indicators/compute';
import { useDataStore } from '../../../src/state/dataStore';
import { connectEngine } from '../../../src/state/engineSync';
import {
  areasOutOfRange,
  areaValuesOf,
  emptyFilterValues,
  esbAreasOf,
  getFilteredInstitutions,
  useFilterStore,
} from '../../../src/state/filterStore';
import { DEFAULT_CLASSIFICATION, useIndicatorStore } from '../../../src/state/indicatorStore';
import { decodeViewState, encodeViewState } from '../../../src/state/url';
import { type AppUrlState, fromUrlState, toUrlState, URL_KNOWN } from '../../../src/state/urlSync';
import { type DataClient, setDataClient } from '../../../src/worker/dataClient';

const ESB_IDS = ['1001', '1002', '1003', '1004'];

const inst = (kind: InstitutionKind, id: string): Institution => ({
  kind,
  id,
  name: `${kind} ${id}`,
  type: kind === 'school' ? 'Grundschule' : 'Kita',
  operator: 'öffentlich',
  bezirk: 'Mitte',
  address: 'Weg 1',
  lon: 13.4,
  lat: 52.5,
  plrId: '01100101',
  fields: {},
});

const set = (kind: InstitutionKind, items: Institution[]): InstitutionSet => ({
  kind,
  file: `${kind}.csv`,
  items,
  positions: new Float64Array(items.length * 2),
  rowsRead: items.length,
});

const schools = ['s1', 's2', 's3', 's4'].map((id) => inst('school', id));
const kitas = ['k1', 'k2', 'k3'].map((id) => inst('kita', id));
// schools in 1001, 1002, 1003 and none; Kitas in 1003, 1001, 1004 (no estimate)
const SCHOOL_ESB = Int32Array.from([0, 1, 2, -1]);
const KITA_ESB: ItemAreas = { ids: ESB_IDS, index: Int32Array.from([2, 0, 3]) };

function results(withJoin = true) {
  return prepareEngine({
    plrIds: ['01100101'],
    esb: {
      ids: ESB_IDS,
      estimates: [
        { esb_id: '1001', total: '900', age_6_15: '80' },
        { esb_id: '1002', total: '1200', age_6_15: '120' },
        { esb_id: '1003', total: '1400', age_6_15: '160' },
        { esb_id: '1004', total: '100', age_6_15: '' },
      ],
      ...(withJoin ? { schoolEsb: SCHOOL_ESB } : {}),
    },
  }).compute({ indicators: ['esb_pop_6_15'] });
}

const ids = (list: Institution[]) => list.map((i) => i.id);
const setEsbRange = (min: number, max: number) =>
  useFilterStore.getState().setRange('esb_pop_6_15', 'esb', { min, max });

beforeEach(() => {
  useFilterStore.setState({ membership: {}, esbMembership: {} });
  useFilterStore.getState().reset();
  useDataStore.setState({ institutions: { school: set('school', schools), kita: set('kita', kitas) } });
  useIndicatorStore.setState({ results: results(), status: 'ready' });
});

afterEach(() => {
  setDataClient(null);
  useFilterStore.setState({ membership: {}, esbMembership: {} });
  useFilterStore.getState().reset();
  useDataStore.setState({ institutions: {} });
  useIndicatorStore.setState({ results: null });
});

describe('range filter on the Einschulbereiche (stores)', () => {
  it('reads the Einschulbereich values of the engine output', () => {
    const v = areaValuesOf(useIndicatorStore.getState().results)('esb_pop_6_15', 'esb');
    expect(v && [...v.entries()]).toEqual([
      ['1001', 80],
      ['1002', 120],
      ['1003', 160],
    ]);
    expect(areaValuesOf(useIndicatorStore.getState().results)('pop_total', 'esb')).toBeNull();
  });

  it('shrinks the schools to those in the Einschulbereiche kept (the engine join)', () => {
    expect(ids(getFilteredInstitutions('school'))).toEqual(['s1', 's2', 's3', 's4']);
    setEsbRange(100, 200);
    expect(ids(getFilteredInstitutions('school'))).toEqual(['s2', 's3']);
    setEsbRange(0, 90);
    expect(ids(getFilteredInstitutions('school'))).toEqual(['s1']);
    useFilterStore.getState().setRange('esb_pop_6_15', 'esb', null);
    expect(ids(getFilteredInstitutions('school'))).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('filters the other kinds once their Einschulbereich is known', () => {
    setEsbRange(100, 200);
    // not known yet: the range does not apply to the Kitas
    expect(ids(getFilteredInstitutions('kita'))).toEqual(['k1', 'k2', 'k3']);
    useFilterStore.getState().setEsbMembership('kita', KITA_ESB);
    expect(ids(getFilteredInstitutions('kita'))).toEqual(['k1']);
    expect(esbAreasOf('kita', useIndicatorStore.getState().results, { kita: KITA_ESB })).toBe(KITA_ESB);
    // schools: the engine's join, even when the worker's copy is there too
    expect(esbAreasOf('school', useIndicatorStore.getState().results, { school: KITA_ESB })?.index).toEqual(
      SCHOOL_ESB,
    );
  });

  it('without the engine join the schools are not filtered by an ESB range', () => {
    useIndicatorStore.setState({ results: results(false) });
    setEsbRange(100, 200);
    expect(ids(getFilteredInstitutions('school'))).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('dims the Einschulbereiche out of range', () => {
    setEsbRange(100, 200);
    const f = useFilterStore.getState();
    expect(Array.from(areasOutOfRange(ESB_IDS, 'esb', f, useIndicatorStore.getState().results))).toEqual([
      1, 0, 0, 1,
    ]);
  });
});

describe('engineSync asks the worker for the Einschulbereich of the other kinds', () => {
  it('once an ESB range is set, for loaded kinds other than schools, and stores it', async () => {
    const asked: InstitutionKind[] = [];
    const client: DataClient = {
      loadManifest: () => Promise.reject(new Error('not used')),
      loadAreas: () => Promise.reject(new Error('not used')),
      loadInstitutions: () => Promise.reject(new Error('not used')),
      prepareEngine: () => new Promise(() => {}),
      computeIndicators: () => Promise.reject(new Error('not used')),
      esbMembership: async (kind) => {
        asked.push(kind);
        return kind === 'kita' ? KITA_ESB : null;
      },
    };
    setDataClient(client);
    const off = connectEngine();
    try {
      // a LOR range does not ask
      useFilterStore.getState().setRange('pop_total', 'bzr', { min: 0, max: 1 });
      await Promise.resolve();
      expect(asked).toEqual([]);
      setEsbRange(100, 200);
      await expect.poll(() => useFilterStore.getState().esbMembership.kita).toBe(KITA_ESB);
      expect(asked).toEqual(['kita']);
      // asked once per kind
      setEsbRange(0, 90);
      await Promise.resolve();
      expect(asked).toEqual(['kita']);
      expect(ids(getFilteredInstitutions('kita'))).toEqual(['k2']);
    } finally {
      off();
    }
  });
});

describe('the link round-trips an ESB range', () => {
  const app: AppUrlState = {
    level: 'bzr',
    special: 'esb',
    indicatorId: 'esb_pop_6_15',
    classification: { ...DEFAULT_CLASSIFICATION },
    filters: {
      ...emptyFilterValues(),
      ranges: [{ indicatorId: 'esb_pop_6_15', level: 'esb', min: 100, max: 200.5 }],
    },
    selected: null,
    camera: null,
    locale: 'de',
  };

  it('writes r.<indicator> with level=esb and reads it back as a range on the Einschulbereiche', () => {
    const q = encodeViewState(toUrlState(app));
    expect(q).toBe('level=esb&r.esb_pop_6_15=100_200.5');
    const d = decodeViewState(q, URL_KNOWN);
    expect(d.notices).toEqual([]);
    const back = fromUrlState(d.state);
    expect(back.special).toBe('esb');
    expect(back.filters.ranges).toEqual([
      { indicatorId: 'esb_pop_6_15', level: 'esb', min: 100, max: 200.5 },
    ]);
  });

  it('drops a tampered range with a notice', () => {
    for (const q of [
      'level=esb&r.esb_pop_6_15=abc_1',
      'level=esb&r.esb_pop_6_15=9_1',
      // a LOR indicator has no values on the Einschulbereiche, an ESB indicator none on a LOR level
      'level=esb&r.pop_total=1_2',
      'level=plr&r.esb_pop_6_15=1_2',
      'r.esb_pop_6_15=1_2',
    ]) {
      const d = decodeViewState(q, URL_KNOWN);
      expect(d.state.filters?.ranges, q).toBeUndefined();
      expect(d.notices, q).toHaveLength(1);
      expect(d.notices[0], q).toMatch(/^Ungültiger Wert .* für Link-Parameter „r\./);
      expect(fromUrlState(d.state).filters.ranges, q).toEqual([]);
    }
    // a LOR range on its own level still passes
    const ok = decodeViewState('level=plr&r.pop_total=1_2', URL_KNOWN);
    expect(ok.notices).toEqual([]);
    expect(ok.state.filters?.ranges).toEqual([{ id: 'pop_total', min: 1, max: 2 }]);
  });
});
