import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { noteText } from '../../../src/export/note';
import { runExport, safeFileStem } from '../../../src/export/run';
import { applySuppression } from '../../../src/export/suppression';
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
  baseName: 'Bildungsraum Planungsräume',
  exportedAt: FIXTURE_EXPORT_DATE,
  filters: fixtureFilters,
  sources: fixtureSources,
  appUrl: 'http://localhost:5173/#level=plr',
};
const tables = [
  {
    table: institutions,
    columns: ['id', 'name', 'plr_id', 'pupils', 'pupils_per_teacher'],
    geometry: institutionPoint,
  },
  { table: areas, geometry: (r: { id?: unknown }) => areaGeometries[String(r.id)] ?? null },
];

describe('companion note', () => {
  const { table, report } = applySuppression(institutions);
  const text = noteText({
    exportedAt: FIXTURE_EXPORT_DATE,
    files: [{ name: 'x.csv', format: 'csv', profile: 'excel-de', rows: 9 }],
    tables: [table],
    filters: fixtureFilters,
    sources: fixtureSources,
    suppression: report,
  });
  it('states sources, licences, vintage, filters, date, suppression rule and ID method (de + en)', () => {
    expect(text).toContain(
      'Testdaten Einrichtungen (erfunden) – Bildungsraum-Testsuite; Lizenz: CC0 1.0; Stand: 2024/25',
    );
    expect(text).toContain('licence: CC0 1.0; vintage: 2021');
    expect(text).toContain('Bezirk: Mitte, Friedrichshain-Kreuzberg, Pankow');
    expect(text).toContain('27. November 2026 um 13:00');
    expect(text).toContain('2026-11-27 12:00 UTC');
    expect(text).toContain('Fallzahlen von 1 bis unter 3');
    expect(text).toContain('Unterdrückte Zellen in diesem Export: 5');
    expect(text).toContain('Counts from 1 to below 3');
    expect(text).toContain('führende Nullen');
    expect(text).toContain("apostrophe (')");
    expect(text).toContain('Semikolon, Dezimalkomma');
    expect(text.indexOf('Hinweise zum Export')).toBeLessThan(text.indexOf('notes on this export'));
  });
});

describe('runExport', () => {
  it('csv: one table, chosen columns, suppression applied, separate note', async () => {
    const r = await runExport({ ...base, format: 'csv', profile: 'excel-de', tables });
    expect(r.file.name).toBe('bildungsraum-planungsraume.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(r.file.data);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([
      'Schulnummer / ID',
      'Name',
      'Planungsraum-ID',
      'Schüler*innen 2024/25',
      'Schüler*innen je Lehrkraft',
    ]);
    const kita = rows.find((x) => x[0] === '01K02')!;
    expect(kita.slice(3)).toEqual(['', '']); // suppressed: pupils 2, ratio derived
    expect(rows.find((x) => x[0] === '01B01')!.slice(3)).toEqual(['412', '13,3']);
    const note = new TextDecoder().decode(r.note.data);
    expect(note).toContain(r.file.name);
    expect(note).toContain('Schüler*innen je Lehrkraft [pupils_per_teacher]');
  });

  it('zip: CSV per table, XLSX, GeoJSON and the note', async () => {
    const r = await runExport({ ...base, format: 'zip', profile: 'standard', tables });
    const files = unzipSync(r.file.data);
    expect(Object.keys(files).sort()).toEqual([
      'HINWEISE.txt',
      'bildungsraum-planungsraume-einrichtungen.csv',
      'bildungsraum-planungsraume-gebiete.csv',
      'bildungsraum-planungsraume.geojson',
      'bildungsraum-planungsraume.xlsx',
    ]);
    const gj = JSON.parse(strFromU8(files['bildungsraum-planungsraume.geojson']));
    expect(gj.features).toHaveLength(institutions.rows.length + areas.rows.length);
    const sheet = await readSheet(Buffer.from(files['bildungsraum-planungsraume.xlsx']), 2);
    expect(sheet[1][0]).toBe('01100101');
    expect(strFromU8(files['HINWEISE.txt'])).toContain('bildungsraum-planungsraume-gebiete.csv');
    expect(r.report.total).toBe(3 + 2); // 01K02 pupils+ratio, 03G04 ratio; area 01100102 age+share
  });

  it('geojson without geometry is a clear error; empty column choice too', async () => {
    await expect(
      runExport({ ...base, format: 'geojson', profile: 'standard', tables: [{ table: areas }] }),
    ).rejects.toThrow(/no geometry/);
    await expect(
      runExport({ ...base, format: 'csv', profile: 'standard', tables: [{ table: areas, columns: [] }] }),
    ).rejects.toThrow(/no columns chosen/);
  });

  it('makes safe file stems', () => {
    expect(safeFileStem('Gebietsbericht Weißensee / Süd')).toBe('gebietsbericht-weissensee-sud');
    expect(safeFileStem('***')).toBe('export');
  });
});
