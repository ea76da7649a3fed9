import { describe, expect, it } from 'vitest';
import {
  decodePolygon,
  decodeViewState,
  encodePolygon,
  encodeViewState,
  historyMode,
  sameViewState,
  type UrlKnown,
  type UrlViewState,
} from '../../../src/state/url';

const known: UrlKnown = {
  levels: ['bez', 'pgr', 'bzr', 'plr', 'esb'],
  indicatorIds: ['kinder_anteil', 'mss.sdi', 'plaetze_je_kind'],
  bounds: [13.0, 52.3, 13.8, 52.7],
};

const full: UrlViewState = {
  level: 'plr',
  indicator: 'kinder_anteil',
  classification: { method: 'stddev', classes: 5, sdStep: 0.5 },
  filters: {
    types: ['Grundschule', 'Integrierte Sekundarschule'],
    traeger: ['öffentlich', 'frei (gemeinnützig)', 'Träger: "Verein" e. V.; 200 - 499 Wohneinheiten'],
    bezirk: ['01', '12'],
    ranges: [
      { id: 'kinder_anteil', min: 10.5, max: null },
      { id: 'mss.sdi', min: -1.25, max: 3 },
    ],
    overlay: 'inside',
    radius: { lon: 13.40495, lat: 52.52001, m: 750 },
    polygon: [
      [13.4, 52.5],
      [13.45, 52.5],
      [13.45123, 52.53456],
      [13.39999, 52.52],
    ],
  },
  selection: { kind: 'school', id: '01B01' },
  view: { lon: 13.405, lat: 52.52, zoom: 11.25 },
  lang: 'en',
};

describe('URL codec round trip', () => {
  it('reproduces a full view state', () => {
    const s = encodeViewState(full);
    const d = decodeViewState(s, known);
    expect(d.notices).toEqual([]);
    expect(d.state).toEqual(full);
    // readable: no percent escapes for the structural parts
    expect(s).toContain('cls=stddev.5');
    expect(s).toContain('map=11.25_52.52_13.405');
    expect(s).toContain('sel=school.01B01');
    expect(s).toContain('r.kinder_anteil=10.5_');
  });

  it('round-trips manual breaks (sorted) and accepts a leading "?"', () => {
    const st: UrlViewState = { classification: { method: 'manual', classes: 4, breaks: [-2.5, 0, 1000000] } };
    const d = decodeViewState(`?${encodeViewState(st)}`, known);
    expect(d.state).toEqual(st);
    expect(d.notices).toEqual([]);
  });

  it('area selections with LOR ids keep leading zeros', () => {
    const d = decodeViewState(encodeViewState({ selection: { kind: 'area', id: '01100101' } }), known);
    expect(d.state.selection).toEqual({ kind: 'area', id: '01100101' });
  });

  it("a range on another level than the link's carries its level; a tampered level is dropped", () => {
    const st: UrlViewState = {
      level: 'plr',
      filters: {
        ranges: [
          { id: 'kinder_anteil', min: 1, max: 2 },
          { id: 'kinder_anteil', min: 3, max: 4, level: 'bzr' },
        ],
      },
    };
    const q = encodeViewState(st);
    expect(decodeViewState(q, known)).toEqual({ state: st, notices: [], issues: [] });
    const d = decodeViewState('level=plr&r.kinder_anteil%40gemeinde=1_2&r.mss.sdi%40bzr=0_1', known);
    expect(d.state.filters?.ranges).toEqual([{ id: 'mss.sdi', min: 0, max: 1, level: 'bzr' }]);
    expect(d.issues.map((i) => i.code)).toEqual(['invalidValue']);
  });

  it('empty state ↔ empty string', () => {
    expect(encodeViewState({})).toBe('');
    expect(decodeViewState('', known)).toEqual({ state: {}, notices: [], issues: [] });
    expect(sameViewState({ level: 'plr' }, { level: 'plr', filters: undefined })).toBe(true);
  });

  it('polygon encoding is compact and accurate to ~1 m', () => {
    const ring: [number, number][] = Array.from({ length: 50 }, (_, i) => [
      13.4 + 0.01 * Math.cos((i / 50) * 2 * Math.PI),
      52.5 + 0.01 * Math.sin((i / 50) * 2 * Math.PI),
    ]);
    const s = encodePolygon([...ring, ring[0]]);
    expect(s.length).toBeLessThan(50 * 12);
    expect(s).toMatch(/^[0-9a-z._-]+$/);
    const back = decodePolygon(s)!;
    expect(back).toHaveLength(50);
    back.forEach(([x, y], i) => {
      expect(Math.abs(x - ring[i][0])).toBeLessThan(1e-5);
      expect(Math.abs(y - ring[i][1])).toBeLessThan(1e-5);
    });
  });
});

describe('URL codec on bad input', () => {
  it('drops unknown parameters with a German notice', () => {
    const d = decodeViewState('level=plr&foo=1&utm_source=x&foo=2', known);
    expect(d.state).toEqual({ level: 'plr' });
    expect(d.notices).toEqual([
      'Unbekannter Link-Parameter „foo“ wurde ignoriert.',
      'Unbekannter Link-Parameter „utm_source“ wurde ignoriert.',
    ]);
  });

  it('English notices on request', () => {
    const d = decodeViewState('level=xyz', known, 'en');
    expect(d.notices).toEqual(['Unknown area level “xyz” in the link was ignored.']);
  });

  it('ignores unknown levels, indicators, methods and out-of-range class counts', () => {
    const d = decodeViewState('level=gemeinde&ind=nope&cls=magic.5', known);
    expect(d.state).toEqual({});
    expect(d.issues.map((i) => i.code)).toEqual(['unknownLevel', 'unknownIndicator', 'invalidValue']);
    for (const c of ['jenks.2', 'jenks.10', 'jenks', 'jenks.99', 'jenks.-5', 'jenks.5.5']) {
      const r = decodeViewState(`cls=${c}`, known);
      expect(r.state.classification).toBeUndefined();
      expect(r.notices).toHaveLength(1);
    }
  });

  it('rejects NaN, Infinity, exponents and hex in numbers', () => {
    for (const v of [
      'NaN_52.5_13.4',
      'Infinity_52.5_13.4',
      '1e1_52.5_13.4',
      '0x10_52.5_13.4',
      '10_52.5',
      '10__13.4',
      '',
    ]) {
      const d = decodeViewState(`map=${encodeURIComponent(v)}`, known);
      expect(d.state.view).toBeUndefined();
      expect(d.notices).toHaveLength(1);
    }
    expect(decodeViewState('cls=manual&brk=1_NaN', known).state.classification).toBeUndefined();
    expect(decodeViewState('cls=manual&brk=1_1', known).state.classification).toBeUndefined();
    expect(decodeViewState('cls=manual', known).state.classification).toBeUndefined();
    expect(decodeViewState('cls=manual&brk=1_2_3_4_5_6_7_8_9', known).state.classification).toBeUndefined();
  });

  it('checks map view and radius bounds', () => {
    expect(decodeViewState('map=30_52.5_13.4', known).issues[0].code).toBe('outOfBounds');
    expect(decodeViewState('map=10_48.1_11.5', known).issues[0].code).toBe('outOfBounds'); // München
    expect(decodeViewState('map=10_52.5_13.4', known).state.view).toEqual({ zoom: 10, lat: 52.5, lon: 13.4 });
    expect(decodeViewState('rad=13.4_52.5_0', known).state.filters).toBeUndefined();
    expect(decodeViewState('rad=13.4_52.5_999999', known).state.filters).toBeUndefined();
    expect(decodeViewState('rad=13.4_52.5_500', known).state.filters?.radius).toEqual({
      lon: 13.4,
      lat: 52.5,
      m: 500,
    });
  });

  it('rejects injection-like and malformed values without throwing', () => {
    const nasty = [
      'typ=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'typ=%20%20',
      'typ=a%0Ab',
      `typ=${'x'.repeat(121)}`,
      'sel=area.%3Cimg%20src%3Dx%3E',
      'sel=school',
      'sel=.123',
      'sel=evil.01B01',
      'ind=kinder_anteil%00',
      'level=__proto__',
      'ind=constructor',
      'r.__proto__=1_2',
      'r.kinder_anteil=5_1',
      'r.kinder_anteil=_',
      'r.kinder_anteil=abc',
      'bez=1',
      'bez=01%3B02',
      'ov=sideways',
      'poly=abc',
      'poly=0.0_1.1',
      'poly=%F0%9F%92%A5',
      'lang=fr',
      'sd=2&cls=stddev.5',
      '%E0%A4%A=x',
      '&&&==&',
    ];
    for (const q of nasty) {
      const d = decodeViewState(q, known);
      expect(d.notices.length, q).toBeGreaterThan(0);
      const st = d.state;
      expect(st.filters?.types, q).toBeUndefined();
      expect(st.selection, q).toBeUndefined();
      expect(Object.getPrototypeOf(st)).toBe(Object.prototype);
    }
    // notices never echo long values in full
    const d = decodeViewState(`level=${'x'.repeat(500)}`, known);
    expect(d.notices[0].length).toBeLessThan(120);
  });

  it('a polygon outside the bounds or with too many vertices is dropped', () => {
    const outside = encodePolygon([
      [2.35, 48.85],
      [2.36, 48.85],
      [2.36, 48.86],
    ]);
    expect(decodeViewState(`poly=${outside}`, known).issues[0].code).toBe('outOfBounds');
    const many = encodePolygon(
      Array.from({ length: 600 }, (_, i) => [13.4 + i * 1e-4, 52.5 + (i % 2) * 1e-3]),
    );
    expect(decodeViewState(`poly=${many}`, known).issues[0].code).toBe('invalidValue');
  });

  it('huge input: too-long links are ignored, too many list values are capped', () => {
    const long = `level=plr&${'typ=Grundschule&'.repeat(2000)}`;
    const d = decodeViewState(long, known);
    expect(d.state).toEqual({});
    expect(d.issues[0].code).toBe('tooLong');
    const many = Array.from({ length: 150 }, (_, i) => `typ=Typ${i}`).join('&');
    const d2 = decodeViewState(many, known);
    expect(d2.state.filters?.types).toHaveLength(100);
    expect(d2.issues.some((i) => i.code === 'tooMany')).toBe(true);
  });

  it('duplicates: the first value wins', () => {
    const d = decodeViewState('level=plr&level=bez', known);
    expect(d.state.level).toBe('plr');
    expect(d.issues).toEqual([{ code: 'duplicate', param: 'level' }]);
  });

  it('validates against known lists and an existence check when given', () => {
    const k2: UrlKnown = {
      ...known,
      types: ['Grundschule'],
      isKnownSelection: (s) => s.id === '01B01',
    };
    const d = decodeViewState('typ=Grundschule&typ=Gymnasium&sel=school.09Y99', k2);
    expect(d.state.filters?.types).toEqual(['Grundschule']);
    expect(d.state.selection).toBeUndefined();
    expect(d.issues).toHaveLength(2);
    const throwing: UrlKnown = {
      ...known,
      isKnownSelection: () => {
        throw new Error('boom');
      },
    };
    expect(decodeViewState('sel=school.01B01', throwing).state.selection).toBeUndefined();
  });

  it('never throws on random garbage', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = 'ab=&_.-%~?#<>"\'/\\01289xyzäö€ levelindclsmapselpolyrad.r';
    for (let n = 0; n < 300; n++) {
      const s = Array.from(
        { length: Math.floor(rnd() * 80) },
        () => alphabet[Math.floor(rnd() * alphabet.length)],
      ).join('');
      expect(() => decodeViewState(s, known)).not.toThrow();
    }
  });
});

describe('historyMode', () => {
  it('pushes real changes, replaces map moves, ignores no-ops', () => {
    const a: UrlViewState = { level: 'plr', view: { lon: 13.4, lat: 52.5, zoom: 10 } };
    expect(historyMode(a, { ...a })).toBe('none');
    expect(historyMode(a, { ...a, view: { lon: 13.5, lat: 52.5, zoom: 10 } })).toBe('replace');
    expect(historyMode(a, { ...a, level: 'bez' })).toBe('push');
    expect(historyMode(a, { ...a, selection: { kind: 'area', id: '01' } })).toBe('push');
    // sub-metre jitter of the view does not change the link
    expect(historyMode(a, { ...a, view: { lon: 13.400001, lat: 52.5, zoom: 10.001 } })).toBe('none');
  });
});
