import { describe, expect, it } from 'vitest';
import type { Areas, Institution } from '../../../src/datasets/types';
import { EMPTY_FILTERS } from '../../../src/domain/filters';
import type { Manifest } from '../../../src/domain/types';
import {
  areaLookup,
  areaOfPlr,
  areaSource,
  describeFilters,
  indicatorsAt,
  institutionSource,
  institutionsInArea,
  manifestSources,
} from '../../../src/export/appTables';
import { toCsv } from '../../../src/export/csv';
import { runExport } from '../../../src/export/run';
import { applySuppression } from '../../../src/export/suppression';
import type { RollupLevel } from '../../../src/spatial/rollup';

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});

const bzr: Areas = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: square(13.37, 52.51),
      properties: {
        id: '011001',
        name: 'Tiergarten Süd',
        bez_id: '01',
        bez_name: 'Mitte',
        pgr_id: '0110',
        pgr_name: 'Zentrum',
        area_m2: 2_500_000,
      },
    },
    {
      type: 'Feature',
      geometry: square(13.45, 52.55),
      properties: { id: '022002', name: 'Nordost', area_m2: null },
    },
  ],
};
const plr: Areas = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: square(13.37, 52.51),
      properties: { id: '01100101', name: 'Stülerstraße', bzr_name: 'Tiergarten Süd', bez_name: 'Mitte' },
    },
  ],
};

const items: Institution[] = [
  {
    kind: 'school',
    id: '01B01',
    name: 'Grundschule am Testsee',
    type: 'Grundschule',
    operator: 'öffentlich',
    bezirk: 'Mitte',
    address: 'Teststraße 1',
    lon: 13.375,
    lat: 52.515,
    plrId: '01100101',
    fields: { pupils_2024_25: '412', teachers_2024_25: '31' },
  },
  {
    kind: 'youth',
    id: '0042',
    name: '@SUM(A1)',
    type: 'JFE',
    operator: 'frei',
    bezirk: 'Pankow',
    address: 'Weg 2',
    lon: 13.455,
    lat: 52.555,
    plrId: '02200203',
    fields: { places: '40' },
  },
];

const levelIds = {
  plr: ['01100101', '02200203'],
  bzr: ['011001', '022002'],
  pgr: ['0110', '0220'],
  bez: ['01', '02'],
  berlin: ['00'],
} as Record<RollupLevel, readonly string[]>;
const f = (...v: number[]) => Float64Array.from(v);
const u = (...v: number[]) => Uint8Array.from(v);
const results = {
  levelIds,
  values: {
    pop_share_age_6_15: {
      plr: f(0.1, 0.2),
      bzr: f(0.1234, 0.2),
      pgr: f(0.1, 0.2),
      bez: f(0.1, 0.2),
      berlin: f(0.15),
    },
    pupils_2024_25: { plr: f(412, 2), bzr: f(412, 2), pgr: f(412, 2), bez: f(412, 2), berlin: f(414) },
  },
  suppressed: {
    pop_share_age_6_15: { plr: u(0, 0), bzr: u(0, 0), pgr: u(0, 0), bez: u(0, 0), berlin: u(0) },
    pupils_2024_25: { plr: u(0, 1), bzr: u(0, 1), pgr: u(0, 1), bez: u(0, 1), berlin: u(0) },
  },
  unavailable: [],
};

describe('app tables for the export dialog', () => {
  const lookup = areaLookup({ bzr, plr });

  it('finds area names by PLR prefix, also from finer layers', () => {
    expect(areaOfPlr(lookup, '01100101', 'bzr')).toEqual({ id: '011001', name: 'Tiergarten Süd' });
    expect(areaOfPlr(lookup, '01100101', 'plr')).toEqual({ id: '01100101', name: 'Stülerstraße' });
    expect(areaOfPlr(lookup, '01100101', 'bez')).toEqual({ id: '01', name: 'Mitte' });
    expect(areaOfPlr(lookup, '09999999', 'pgr')).toEqual({ id: '0999' });
    expect(areaOfPlr(lookup, 'x', 'pgr')).toBeUndefined();
  });

  it('institutions: joined area columns and the area value of the map indicator (suppressed as in the view)', () => {
    const src = institutionSource({
      items,
      locale: 'de',
      level: 'bzr',
      areas: lookup,
      results,
      indicatorIds: ['pupils_2024_25', 'pop_share_age_6_15'],
    });
    const t = applySuppression(src.table).table;
    const keys = t.columns.map((c) => c.key);
    expect(keys).toContain('plr_name');
    expect(keys).toContain('bzr_name');
    expect(keys.indexOf('area_pupils_2024_25')).toBeLessThan(keys.indexOf('lon'));
    expect(t.rows[0].bzr_name).toBe('Tiergarten Süd');
    expect(t.rows[0].plr_name).toBe('Stülerstraße');
    expect(t.rows[0].area_pupils_2024_25).toBe(412);
    expect(t.rows[0].area_pop_share_age_6_15).toBeCloseTo(12.34, 6); // percent as displayed
    expect(t.rows[1].area_pupils_2024_25).toEqual({ suppressed: true, reason: 'small-count' });
    const csv = toCsv(t, 'excel-de');
    expect(csv).toContain('"\'@SUM(A1)"');
    expect(csv).toContain(';12,3;'); // rounded as displayed (1 decimal)
    expect(src.geometry?.(t.rows[0], 0)).toEqual({ type: 'Point', coordinates: [13.375, 52.515] });
  });

  it('areas: one row per area of the level with attributes, km² and the computed indicators', () => {
    expect(indicatorsAt(results, 'bzr').sort()).toEqual(['pop_share_age_6_15', 'pupils_2024_25']);
    const src = areaSource({ areas: bzr, level: 'bzr', locale: 'de', results });
    const t = src.table;
    expect(t.rows.map((r) => r.id)).toEqual(['011001', '022002']);
    expect(t.columns.map((c) => c.key).slice(0, 7)).toEqual([
      'id',
      'name',
      'bez_id',
      'bez_name',
      'pgr_id',
      'pgr_name',
      'area_km2',
    ]);
    expect(t.rows[0]).toMatchObject({ name: 'Tiergarten Süd', bez_name: 'Mitte', area_km2: 2.5 });
    // parent ids from the nesting when the file has none
    expect(t.rows[1]).toMatchObject({ bez_id: '02', pgr_id: '0220', bez_name: null, area_km2: null });
    expect(t.rows[1].pupils_2024_25).toEqual({ suppressed: true, reason: 'small-count' });
    expect(src.geometry?.(t.rows[1], 1)).toEqual(bzr.features[1].geometry);
    // without results: the areas with their attributes only
    const plain = areaSource({ areas: bzr, level: 'bzr', locale: 'en' }).table;
    expect(plain.columns.map((c) => c.label)).toEqual([
      'Bezirksregion-ID',
      'Name',
      'District-ID',
      'District',
      'Prognoseraum-ID',
      'Prognoseraum',
      'Area (km²)',
    ]);
  });

  it('exports both tables as a ZIP via runExport', async () => {
    const { file } = await runExport({
      format: 'geojson',
      profile: 'standard',
      tables: [
        institutionSource({ items, locale: 'de', level: 'bzr', areas: lookup }),
        areaSource({ areas: bzr, level: 'bzr', locale: 'de', results }),
      ],
      baseName: 'x',
      exportedAt: new Date('2026-01-01T00:00:00Z'),
      filters: [],
      sources: [],
    });
    const fc = JSON.parse(new TextDecoder().decode(file.data));
    expect(fc.features).toHaveLength(4);
  });

  it('names a range on the Einschulbereiche by its level, not by its key', () => {
    const base = { kinds: [] as const, level: 'plr' as const };
    const filters = {
      ...EMPTY_FILTERS,
      ranges: [{ indicatorId: 'esb_pop_6_15', level: 'esb', min: 100, max: 250 }],
    };
    const de = describeFilters({ ...base, locale: 'de', filters }).at(-1);
    expect(de).toEqual({
      label: 'Bereich: Kinder 6 bis unter 15 Jahre im Einschulbereich (geschätzt) (Einschulbereich)',
      value: '100 – 250',
    });
    const en = describeFilters({ ...base, locale: 'en', filters }).at(-1);
    expect(en?.label).toBe(
      'Range: Children aged 6 to under 15 in the school catchment (estimate) (School catchment area)',
    );
  });

  it('describes filters and view for the note', () => {
    const lines = describeFilters({
      locale: 'de',
      level: 'plr',
      kinds: ['school', 'kita'],
      indicatorId: 'pop_share_age_6_15',
      filters: {
        schularten: ['Grundschule'],
        traeger: ['public'],
        bezirke: ['01'],
        ranges: [{ indicatorId: 'pop_share_age_6_15', level: 'bzr', min: 0.1, max: 0.25 }],
        overlay: { layer: 'em', mode: 'inside' },
        radius: { lon: 13.4, lat: 52.52, m: 500 },
        polygon: [
          [13.3, 52.5],
          [13.4, 52.5],
          [13.4, 52.6],
        ],
      },
      bezirkName: (id) => (id === '01' ? 'Mitte' : undefined),
    });
    const text = lines.map((l) => `${l.label}: ${l.value}`);
    expect(text).toEqual([
      'Ebene: Planungsraum',
      'Indikator (Karte): Anteil 6 bis unter 15 Jahre',
      'Einrichtungen: Schulen, Kitas',
      'Schulart: Grundschule',
      'Träger: öffentlich',
      'Bezirk: Mitte (01)',
      'Bereich: Anteil 6 bis unter 15 Jahre (Bezirksregion): 10 – 25 %',
      'Gebietskulisse: innerhalb: Milieuschutzgebiete',
      'Umkreis: 500 m um 52,52° N, 13,4° E',
      'Gezeichnete Fläche: 3 Eckpunkte',
    ]);
  });

  it('sources from the manifest; institutions of an area by id prefix', () => {
    const manifest = {
      datasets: [
        {
          id: 'a',
          title: 'Schulen',
          kind: 'institutions',
          publisher: 'SenBJF',
          license: 'dl-de/by-2-0',
          vintage: '2025',
          sourceUrl: '',
          files: [],
        },
      ],
    } as unknown as Manifest;
    expect(manifestSources(manifest)).toEqual([
      {
        title: 'Schulen',
        publisher: 'SenBJF',
        license: 'dl-de/by-2-0',
        licenseNote: undefined,
        vintage: '2025',
        sourceUrl: undefined,
      },
    ]);
    expect(manifestSources(null)).toEqual([]);
    expect(institutionsInArea(items, '0110').map((i) => i.id)).toEqual(['01B01']);
    expect(institutionsInArea(items, '02').map((i) => i.id)).toEqual(['0042']);
  });
});
