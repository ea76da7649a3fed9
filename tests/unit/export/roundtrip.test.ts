/**
 * Round trips through the APP'S OWN IMPORT (src/io/importFile): an export re-imported gives the same rows and
 * values as the view (typed, rounded, suppressed → empty).
 * The importer undoes the CSV formula-injection guard itself (exactly one `'` before = + - @ TAB CR, see
 * removeFormulaGuard in src/io/csv) and keeps XLSX text untrimmed, so values come back unchanged.
 */
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { CsvProfileId } from '../../../src/export/csv';
import { type ExportSource, runExport } from '../../../src/export/run';
import { applySuppression } from '../../../src/export/suppression';
import { cellValue, type ExportTable } from '../../../src/export/table';
import { importBytes } from '../../../src/io/importFile';
import type { ImportResult } from '../../../src/io/types';
import {
  areaGeometries,
  areas,
  FIXTURE_EXPORT_DATE,
  fixtureFilters,
  fixtureSources,
  institutionPoint,
  institutions,
} from '../fixtures/export/tables';

const base = {
  exportedAt: FIXTURE_EXPORT_DATE,
  filters: fixtureFilters,
  sources: fixtureSources,
  baseName: 'rt',
};
const instSource: ExportSource = { table: institutions, geometry: institutionPoint };
const areaSource: ExportSource = { table: areas, geometry: (r) => areaGeometries[String(r.id)] ?? null };

function view(table: ExportTable): (string | number | null)[][] {
  const t = applySuppression(table).table;
  return t.rows.map((r) => t.columns.map((c) => cellValue(c, r[c.key])));
}

/** Imported values by column name, row-major, with NaN/'' → null. */
function imported(
  r: ImportResult,
  names: string[],
  fix: (s: string) => string,
): (string | number | null)[][] {
  const cols = names.map((n) => {
    const i = r.columns.findIndex((c) => c.name === n || c.header === n);
    expect(i, `column ${n}`).toBeGreaterThanOrEqual(0);
    return r.values[i];
  });
  return Array.from({ length: r.length }, (_, row) =>
    cols.map((v) => {
      if (v.kind === 'number') return Number.isNaN(v.values[row]) ? null : v.values[row];
      if (v.kind === 'text') return v.values.get(row) === '' ? null : fix(v.values.get(row));
      return v.values[row] === 2 ? null : v.values[row];
    }),
  );
}

function expectAllUsed(r: ImportResult, n: number) {
  expect(r.report.fatal).toBeUndefined();
  expect(r.length).toBe(n);
  expect(Array.from(r.used).every((u) => u === 1)).toBe(true);
}

describe('round trip through the app import', () => {
  for (const profile of ['excel-de', 'standard'] as CsvProfileId[]) {
    for (const source of [instSource, areaSource]) {
      it(`CSV ${profile} / ${source.table.name}`, async () => {
        const { file } = await runExport({ ...base, format: 'csv', profile, tables: [source] });
        const r = await importBytes(file.data, { fileName: file.name });
        expectAllUsed(r, source.table.rows.length);
        expect(r.source.delimiter).toBe(profile === 'excel-de' ? ';' : ',');
        expect(r.source.bom).toBe(profile === 'excel-de');
        const labels = source.table.columns.map((c) => c.label);
        expect(r.columns.map((c) => c.header)).toEqual(labels);
        expect(imported(r, labels, (s) => s)).toEqual(view(source.table));
        // IDs are detected as IDs and keep their leading zeros
        const idCol = r.columns.find((c) => c.header === source.table.columns[0].label)!;
        expect(idCol.type).toBe('id');
      });
    }
  }

  it('XLSX / both sheets (text kept as written)', async () => {
    const { file } = await runExport({
      ...base,
      format: 'xlsx',
      profile: 'excel-de',
      tables: [instSource, areaSource],
    });
    for (const [sheet, source] of [
      [1, instSource],
      [2, areaSource],
    ] as const) {
      const r = await importBytes(file.data, { fileName: file.name, sheet });
      expectAllUsed(r, source.table.rows.length);
      const labels = source.table.columns.map((c) => c.label);
      expect(imported(r, labels, (s) => s)).toEqual(view(source.table));
    }
  });

  it('GeoJSON: same rows, values and geometries', async () => {
    const { file } = await runExport({
      ...base,
      format: 'geojson',
      profile: 'standard',
      tables: [areaSource, instSource],
    });
    const r = await importBytes(file.data, { fileName: file.name });
    expectAllUsed(r, areas.rows.length + institutions.rows.length);
    const layer = imported(r, ['layer'], (s) => s).map((x) => x[0]);
    for (const [name, source] of [
      ['gebiete', areaSource],
      ['einrichtungen', instSource],
    ] as const) {
      const keys = source.table.columns.map((c) => c.key);
      const rows = imported(r, keys, (s) => s).filter((_, i) => layer[i] === name);
      expect(rows).toEqual(view(source.table));
    }
    // geometries: same positions (6 decimals); rings compared regardless of orientation
    const ring = (g: Geometry | null): Position[] =>
      g?.type === 'Polygon' ? g.coordinates[0] : g?.type === 'Point' ? [g.coordinates] : [];
    const norm = (ps: Position[]) => ps.map((p) => p.join(',')).sort();
    const geoms = r.geometries ?? [];
    expect(norm(ring(geoms[0]))).toEqual(
      norm(areaGeometries['01100101'].coordinates[0].map((p) => p.map((x) => Math.round(x * 1e6) / 1e6))),
    );
    expect(ring(geoms[4])).toEqual([[13.375123, 52.510123]]);
  });
});
