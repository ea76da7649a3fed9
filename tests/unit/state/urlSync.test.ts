import { describe, expect, it } from 'vitest';
import { emptyFilterValues } from '../../../src/state/filterStore';
import { DEFAULT_CLASSIFICATION, DEFAULT_INDICATOR } from '../../../src/state/indicatorStore';
import { decodeViewState, encodeViewState } from '../../../src/state/url';
import { type AppUrlState, fromUrlState, toUrlState, URL_KNOWN } from '../../../src/state/urlSync';

const base: AppUrlState = {
  level: 'bzr',
  special: null,
  indicatorId: DEFAULT_INDICATOR,
  classification: { ...DEFAULT_CLASSIFICATION },
  filters: emptyFilterValues(),
  selected: null,
  camera: null,
  locale: 'de',
};

const roundTrip = (s: AppUrlState) => {
  const q = encodeViewState(toUrlState(s));
  const d = decodeViewState(q, URL_KNOWN);
  return { q, d, app: fromUrlState(d.state) };
};

describe('urlSync mapping', () => {
  it('leaves defaults out of the link', () => {
    expect(encodeViewState(toUrlState(base))).toBe('');
    expect(fromUrlState({})).toMatchObject({ level: 'bzr', special: null, indicatorId: DEFAULT_INDICATOR });
  });

  it('round-trips level, indicator, classification, filters, selection, view and language', () => {
    const s: AppUrlState = {
      ...base,
      level: 'plr',
      indicatorId: 'kita_places_per_100_u6',
      classification: { method: 'jenks', classes: 6 },
      filters: {
        schularten: ['Grundschule', 'Gymnasium'],
        traeger: ['public'],
        bezirke: ['01', '07'],
        ranges: [
          { indicatorId: 'kita_places_per_100_u6', level: 'plr', min: 10, max: Number.POSITIVE_INFINITY },
        ],
        overlay: { layer: 'em', mode: 'outside' },
        radius: { lon: 13.4, lat: 52.5, m: 800 },
        polygon: [
          [13.3, 52.5],
          [13.4, 52.5],
          [13.4, 52.55],
        ],
      },
      selected: { kind: 'area', level: 'plr', id: '01100101' },
      camera: { lon: 13.404123456, lat: 52.52, zoom: 11.256 },
      locale: 'en',
    };
    const { d, app } = roundTrip(s);
    expect(d.notices).toEqual([]);
    expect(app.level).toBe('plr');
    expect(app.indicatorId).toBe('kita_places_per_100_u6');
    expect(app.classification).toEqual({ method: 'jenks', classes: 6 });
    expect(app.filters).toEqual(s.filters);
    expect(app.selected).toEqual(s.selected);
    expect(app.camera).toEqual({ lon: 13.40412, lat: 52.52, zoom: 11.26 });
    expect(app.locale).toBe('en');
  });

  it('keeps a range set on another level: it still filters institutions, so the link has it too', () => {
    const ranges = [
      { indicatorId: 'mss_status', level: 'plr', min: 3, max: 4 },
      { indicatorId: 'esb_pop_6_15', level: 'esb', min: 100, max: 200 },
    ];
    const { q, d, app } = roundTrip({ ...base, level: 'bzr', filters: { ...base.filters, ranges } });
    expect(q).toContain('r.mss_status%40plr=3_4');
    expect(d.issues).toEqual([]);
    expect(app.filters.ranges).toEqual(ranges);
  });

  it('keeps the Einschulbereiche as level and institution selections', () => {
    const { app } = roundTrip({
      ...base,
      special: 'esb',
      selected: { kind: 'institution', institutionKind: 'school', id: '01B01' },
    });
    expect(app.special).toBe('esb');
    expect(app.selected).toEqual({ kind: 'institution', institutionKind: 'school', id: '01B01' });
  });

  it('keeps a selected Einschulbereich apart from the Prognoseraum with the same ID', () => {
    const { q, app } = roundTrip({ ...base, special: 'esb', esb: '0101' });
    expect(q).toContain('sel=esb.0101');
    expect(app.esb).toBe('0101');
    expect(app.selected).toBeNull();
    const pgr = roundTrip({ ...base, selected: { kind: 'area', level: 'pgr', id: '0101' } });
    expect(pgr.app.esb).toBeNull();
    expect(pgr.app.selected).toEqual({ kind: 'area', level: 'pgr', id: '0101' });
  });

  it('drops tampered parameters with notices and keeps the rest', () => {
    const d = decodeViewState('level=plr&ind=nope&cls=jenks.99&foo=1&ovl=xx&tr=<script>', URL_KNOWN);
    expect(d.state.level).toBe('plr');
    expect(d.state.indicator).toBeUndefined();
    expect(d.notices.length).toBeGreaterThanOrEqual(4);
    const app = fromUrlState(d.state);
    // the level's default indicator, as after a level switch (Planungsräume: MSS status)
    expect(app.indicatorId).toBe('mss_status');
    expect(app.filters.traeger).toEqual([]);
  });

  it('opens a link without an indicator with the default of its level', () => {
    expect(fromUrlState({ level: 'plr' }).indicatorId).toBe('mss_status');
    expect(fromUrlState({ level: 'esb' }).indicatorId).toBe('esb_pop_6_15');
    expect(fromUrlState({ level: 'bez' }).indicatorId).toBe(DEFAULT_INDICATOR);
  });

  it('leaves the level default indicator out of the link but keeps any other choice', () => {
    const plrDefault = { ...base, level: 'plr' as const, indicatorId: 'mss_status' };
    expect(encodeViewState(toUrlState(plrDefault))).toBe('level=plr');
    expect(roundTrip(plrDefault).app.indicatorId).toBe('mss_status');
    // pupils per teacher chosen on purpose on the Planungsräume survives the round trip
    const plrPpt = { ...base, level: 'plr' as const, indicatorId: DEFAULT_INDICATOR };
    expect(toUrlState(plrPpt).indicator).toBe(DEFAULT_INDICATOR);
    expect(roundTrip(plrPpt).app.indicatorId).toBe(DEFAULT_INDICATOR);
    expect(roundTrip({ ...base, special: 'esb', indicatorId: 'esb_pop_6_15' }).q).toBe('level=esb');
  });
});
