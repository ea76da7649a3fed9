/**
 * The exports follow the area layer the map shows (src/state/displayedAreas.ts): on the Einschulbereiche
 * (mapStore `special` = 'esb') or an imported polygon layer, the map PNG's title, subtitle, legend and file
 * name, and the dialog's areas table, base name and "Ebene" line are those of that layer — not of the LOR
 * level kept in viewStore underneath it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapImageSpec } from '../../../src/export/mapImage';
import { buildExportProps, exportMapPng } from '../../../src/panels/exportActions';
import { useDataStore } from '../../../src/state/dataStore';
import { useFilterStore } from '../../../src/state/filterStore';
import { type ImportedDataset, useImportStore } from '../../../src/state/importStore';
import { useIndicatorStore } from '../../../src/state/indicatorStore';
import { useMapStore } from '../../../src/state/mapStore';
import { useViewStore } from '../../../src/state/viewStore';
import { engineResults, importedPolygons, squareAreas, squareRing } from '../fixtures/areaLayers';

// the live map and the PNG composer are browser-only: a fake map handle, and the spec is captured
const png = vi.hoisted(() => ({ spec: null as MapImageSpec | null, files: [] as string[] }));
vi.mock('../../../src/map/mapHandle', () => ({
  getMapHandle: () => ({
    map: { getCenter: () => ({ lat: 52.5 }), getZoom: () => 11, getPixelRatio: () => 1 },
  }),
  snapshotMap: () => ({}),
}));
vi.mock('../../../src/panels/ExportDialog', () => ({
  mapPngBytes: async (_canvas: unknown, spec: MapImageSpec) => {
    png.spec = spec;
    return new Uint8Array(0);
  },
  downloadBytes: ({ name }: { name: string }) => {
    png.files.push(name);
  },
}));

/** Two made-up Planungsräume and three made-up Einschulbereiche (the counts tell them apart). */
const PLR = squareAreas([
  { id: '07100101', name: 'PLR Eins', bez_id: '07', bez_name: 'Testbezirk', area_m2: 1_000_000 },
  { id: '07100102', name: 'PLR Zwei', bez_id: '07', bez_name: 'Testbezirk', area_m2: 2_000_000 },
]);
const ESB = squareAreas([
  { id: '0703', name: 'Einschulbereich 0703', bez_id: '07', bez_name: 'Testbezirk', area_m2: 3_500_000 },
  { id: '0701', name: 'Einschulbereich 0701', bez_id: '07', bez_name: 'Testbezirk', area_m2: 1_500_000 },
  { id: '0702', name: 'Einschulbereich 0702', bez_id: '07', bez_name: 'Testbezirk', area_m2: 2_500_000 },
]);
// an imported polygon file; its features carry no id
const IMPORTED = importedPolygons('import-sanierung-x1-1', 'Sanierungsgebiete.geojson', [
  'Gebiet A',
  'Gebiet B',
]);

const results = () =>
  engineResults({
    plr: PLR,
    population: [
      { plr_id: '07100101', total: '1000', age_below_6: '100', age_6_15: '90' },
      { plr_id: '07100102', total: '2000', age_below_6: '120', age_6_15: '150' },
    ],
    esb: {
      ids: ['0701', '0702', '0703'],
      estimates: [
        { esb_id: '0701', total: '900', age_6_15: '80' },
        { esb_id: '0702', total: '1200', age_6_15: '' },
        { esb_id: '0703', total: '900', age_6_15: '70' },
      ],
    },
    indicators: ['pop_total', 'esb_pop_6_15'],
  });

const areasTable = (locale: 'de' | 'en' = 'de') => {
  const t = buildExportProps(locale).tables.at(-1)?.table;
  if (!t) throw new Error('no areas table');
  return t;
};
const levelLine = (locale: 'de' | 'en' = 'de') =>
  buildExportProps(locale).filters.find((f) => f.label === (locale === 'en' ? 'Level' : 'Ebene'))?.value;

beforeEach(() => {
  png.spec = null;
  png.files = [];
  useDataStore.setState({ manifest: null, areas: { plr: PLR }, areaStatus: { plr: 'ready' } });
  useViewStore.setState({ level: 'plr', layers: { areas: true, school: false, youth: false, kita: false } });
  useFilterStore.getState().reset();
  useIndicatorStore.setState({ results: results(), status: 'ready', indicatorId: 'esb_pop_6_15' });
  useMapStore.setState({ special: 'esb', overlayAreas: { esb: ESB } });
  useImportStore.setState({ datasets: [IMPORTED] });
});
afterEach(() => {
  useMapStore.setState({ special: null, overlayAreas: {} });
  useImportStore.setState({ datasets: [] });
});

describe('export of the Einschulbereiche layer', () => {
  it('the areas table lists the Einschulbereiche with their ESB indicator values', () => {
    const t = areasTable();
    expect(t.name).toBe('gebiete-esb');
    expect(t.title).toBe('Gebiete (Einschulbereich)');
    expect(t.rows.map((r) => r.id)).toEqual(['0701', '0702', '0703']);
    expect(t.columns.map((c) => c.key)).toEqual([
      'id',
      'name',
      'bez_id',
      'bez_name',
      'area_km2',
      'esb_pop_6_15',
    ]);
    expect(t.columns[0].label).toBe('Einschulbereich-ID');
    expect(t.rows[0]).toMatchObject({
      name: 'Einschulbereich 0701',
      bez_id: '07',
      area_km2: 1.5,
      esb_pop_6_15: 80,
    });
    // an empty estimate is no value, not 0
    expect(t.rows[1].esb_pop_6_15).toBeNull();
    expect(t.rows[2].esb_pop_6_15).toBe(70);
    const p = buildExportProps('de');
    expect(p.baseName).toBe('bildungsraum-esb');
    expect(levelLine()).toBe('Einschulbereich');
    expect(levelLine('en')).toBe('School catchment area');
    // the geometry of a row is the Einschulbereich's
    const src = p.tables.at(-1);
    expect(src?.geometry?.({ id: '0703' }, 0)).toEqual(ESB.features[0].geometry);
  });

  it('the map PNG has the ESB indicator legend, a title and subtitle naming the Einschulbereich', async () => {
    const name = await exportMapPng('de');
    expect(name).toBe('bildungsraum-karte-esb.png');
    expect(png.files).toEqual([name]);
    const spec = png.spec;
    expect(spec?.title).toBe('Kinder 6 bis unter 15 Jahre im Einschulbereich (geschätzt) (Einschulbereich)');
    expect(spec?.subtitle).toMatch(/^Einschulbereich · /);
    expect(spec?.subtitle).not.toContain('Planungsraum');
    expect(spec?.legendTitle).toBe('Personen (geschätzt)');
    // the classes count the three Einschulbereiche (not the two Planungsräume): two values, one without
    const counts = (spec?.legend ?? []).map((e) => Number(/\((\d+)\)$/.exec(e.label)?.[1] ?? 0));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(spec?.legend.at(-1)?.label).toBe('keine Daten (1)');
  });
});

describe('export of an imported polygon layer', () => {
  beforeEach(() => {
    useMapStore.setState({ special: `import:${IMPORTED.id}` });
    useIndicatorStore.setState({ indicatorId: 'pop_total' });
  });

  it('the areas table lists the imported polygons (no indicator values on that layer)', () => {
    const t = areasTable();
    expect(t.name).toBe('gebiete-import-sanierung-x1-1');
    expect(t.title).toBe('Gebiete (Import: Sanierungsgebiete.geojson)');
    expect(t.columns.map((c) => c.key)).toEqual(['id', 'name']);
    expect(t.rows).toEqual([
      { id: '1', name: 'Gebiet A' },
      { id: '2', name: 'Gebiet B' },
    ]);
    expect(buildExportProps('de').baseName).toBe('bildungsraum-import-sanierung-x1-1');
    expect(levelLine()).toBe('Import: Sanierungsgebiete.geojson');
  });

  it('a repeated id in the imported file: one row per polygon, each with its own geometry', () => {
    const twice = {
      ...IMPORTED,
      id: 'twice',
      features: {
        type: 'FeatureCollection',
        features: [0, 1].map((x) => ({
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: squareRing(x) },
          properties: { id: 'A', name: `Teil ${x}` },
        })),
      },
    } as unknown as ImportedDataset;
    useImportStore.setState({ datasets: [twice] });
    useMapStore.setState({ special: 'import:twice' });
    const src = buildExportProps('de').tables.at(-1);
    expect(src?.table.rows).toEqual([
      { id: 'A', name: 'Teil 0' },
      { id: 'A', name: 'Teil 1' },
    ]);
    const rows = src?.table.rows ?? [];
    expect(rows.map((r, i) => src?.geometry?.(r, i))).toEqual([
      { type: 'Polygon', coordinates: squareRing(0) },
      { type: 'Polygon', coordinates: squareRing(1) },
    ]);
  });

  it('the map PNG names the imported layer and has no indicator legend', async () => {
    const name = await exportMapPng('de');
    expect(name).toBe('bildungsraum-karte-import-sanierung-x1-1.png');
    expect(png.spec?.title).toBe('Bildungsraum – Karte'); // no indicator values on this layer
    expect(png.spec?.subtitle).toMatch(/^Import: Sanierungsgebiete\.geojson · /);
    expect(png.spec?.legend).toEqual([]);
  });
});

describe('export of a LOR level (nothing replaces it)', () => {
  it('uses the LOR level for the table, the title and the legend', async () => {
    useMapStore.setState({ special: null });
    useIndicatorStore.setState({ indicatorId: 'pop_total' });
    const t = areasTable();
    expect(t.name).toBe('gebiete-plr');
    expect(t.rows.map((r) => r.id)).toEqual(['07100101', '07100102']);
    expect(levelLine()).toBe('Planungsraum');
    await exportMapPng('de');
    expect(png.files).toEqual(['bildungsraum-karte-plr.png']);
    expect(png.spec?.title).toMatch(/\(Planungsraum\)$/);
    expect(png.spec?.subtitle).toMatch(/^Planungsraum · /);
    expect(png.spec?.legend.length).toBeGreaterThan(0);
  });
});
