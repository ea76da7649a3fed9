/**
 * Export, sharing and the printable report in the built app (`dist/`, run `vite build` first):
 *  - the export dialog exports exactly the institutions the app shows (row count = the table's count),
 *    as CSV in both profiles (checked byte-wise and re-imported through the app's own import code),
 *    as GeoJSON and as XLSX (read back with read-excel-file; IDs keep leading zeros);
 *  - "Karte als PNG" downloads a PNG bigger than the map with drawn content;
 *  - the report of a selected area prints to a PDF that names the area.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBytes } from '../../src/io/importFile';
import type { ImportResult } from '../../src/io/types';
import { type AppSession, DIST_DIR, decodePng, gotoApp, openApp, runAxe } from './harness';
import { pdfStrings } from './pdf';

let s: AppSession;

type Row = Record<string, string>;
function sourceRows(file: string): Row[] {
  const text = readFileSync(join(DIST_DIR, 'data', 'institutions', file), 'utf8');
  return Papa.parse<Row>(text, { header: true, skipEmptyLines: true, dynamicTyping: false }).data;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl]: [Download, unknown] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

const dialog = () => s.page.locator('[role="dialog"].export-dialog');

async function pick(label: RegExp) {
  await dialog().getByLabel(label).check();
}

async function exportFile(): Promise<{ name: string; bytes: Buffer }> {
  return download(s.page, () => dialog().locator('[data-testid="export-download"]').click());
}

/** Text values of an imported column by header, '' for empty. */
function column(r: ImportResult, header: string): (string | number | null)[] {
  const i = r.columns.findIndex((c) => c.header === header);
  expect(i, `column ${header}`).toBeGreaterThanOrEqual(0);
  const v = r.values[i];
  return Array.from({ length: r.length }, (_, row) => {
    if (v.kind === 'number') return Number.isNaN(v.values[row]) ? null : v.values[row];
    // the importer undoes the export's formula guard itself (src/io/csv removeFormulaGuard)
    if (v.kind === 'text') return v.values.get(row) === '' ? null : v.values.get(row);
    return null;
  });
}

let shown = 0;
const schools = new Map<string, Row>();
const youth = new Map<string, Row>();

beforeAll(async () => {
  s = await openApp();
  await gotoApp(s);
  for (const r of sourceRows('schools.csv')) schools.set(r.bsn, r);
  for (const r of sourceRows('youth.csv')) youth.set(r.id, r);
  // the engine has computed the indicators for the current filters
  await s.page
    .locator('[data-testid="export-panel"][data-indicator-status="ready"]')
    .waitFor({ state: 'attached', timeout: 120_000 });
});

afterAll(async () => {
  await s?.close();
});

describe('export dialog in the app', () => {
  it('shows exactly the filtered institutions of the visible kinds', async () => {
    const { page } = s;
    // what the institution table shows per kind (school and youth layers are on by default)
    const count = page.locator('[data-testid="table-count"]');
    let tableShown = 0;
    for (const kind of ['school', 'youth']) {
      await page.locator('[data-testid="table-kind"]').selectOption(kind);
      await expect.poll(async () => Number(await count.getAttribute('data-shown'))).toBeGreaterThan(0);
      tableShown += Number(await count.getAttribute('data-shown'));
    }
    expect(tableShown).toBe(schools.size + youth.size); // no filters active: every row of both files

    await page.locator('[data-testid="export-open"]').click();
    await dialog().waitFor({ timeout: 60_000 });
    const info = await dialog().locator('[data-table="einrichtungen"] .export-hint').first().textContent();
    shown = Number((/^([\d.]+) Zeilen/.exec(info ?? '')?.[1] ?? 'NaN').replace(/\./g, ''));
    expect(shown).toBe(tableShown);
    // the dialog is accessible (WCAG 2.1 AA rules of axe-core)
    expect(await runAxe(page, '.export-dialog')).toEqual([]);
  });

  let excel: ImportResult;
  let headers: string[];

  it('CSV "Excel (Deutsch)": BOM, semicolon, decimal comma, labels, row count; re-import matches', async () => {
    await pick(/^CSV$/);
    await pick(/^Excel \(Deutsch\)/);
    const { name, bytes } = await exportFile();
    expect(name).toBe('bildungsraum-bzr-einrichtungen.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe(''); // final CRLF
    headers = lines[0].split(';');
    expect(headers.slice(0, 3)).toEqual(['ID (Schulnummer)', 'Name', 'Einrichtungsart']);
    expect(headers).toContain('Längengrad (WGS84)');
    expect(headers).toContain('Bezirksregion');
    expect(lines.length - 2).toBe(shown);
    // decimal comma in the coordinates, no decimal point anywhere in them
    const rows = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true }).data.slice(1);
    const lonIdx = headers.indexOf('Längengrad (WGS84)');
    expect(rows.every((r) => r[lonIdx] === '' || /^\d+,\d{6}$/.test(r[lonIdx]))).toBe(true);

    excel = await importBytes(new Uint8Array(bytes), { fileName: name });
    expect(excel.report.fatal).toBeUndefined();
    expect(excel.source.delimiter).toBe(';');
    expect(excel.source.bom).toBe(true);
    expect(excel.length).toBe(shown);
    expect(excel.source.emptyLines ?? 0).toBe(0); // the final CRLF is not an empty line
    expect(excel.columns.map((c) => c.header)).toEqual(headers);

    // values agree with the source data the app shows
    const ids = column(excel, 'ID (Schulnummer)') as string[];
    const names = column(excel, 'Name');
    const lon = column(excel, 'Längengrad (WGS84)');
    const pupils = column(excel, 'Schüler:innen 2024/25');
    expect(new Set(ids).size).toBe(shown);
    let checkedPupils = 0;
    for (let i = 0; i < ids.length; i++) {
      const src = schools.get(ids[i]) ?? youth.get(ids[i]);
      expect(src, `id ${ids[i]}`).toBeDefined();
      if (!src) continue;
      expect(names[i]).toBe(src.name);
      // rounded to 6 decimals (half a unit of the last place, plus float noise)
      if (src.lon) expect(Math.abs((lon[i] as number) - Number(src.lon))).toBeLessThan(5.001e-7);
      if (schools.has(ids[i])) {
        const p = src.pupils_2024_25;
        // missing, or suppressed by the small-number rule (1 to below 3; 0 is shown)
        if (p === '' || (Number(p) >= 1 && Number(p) < 3)) expect(pupils[i]).toBeNull();
        else {
          expect(pupils[i]).toBe(Number(p));
          checkedPupils++;
        }
      }
    }
    expect(checkedPupils).toBeGreaterThan(100);
  });

  it('CSV "Standard": comma, decimal point, no BOM; re-import gives the same values', async () => {
    await pick(/^Standard:/);
    const { bytes, name } = await exportFile();
    expect(bytes[0]).not.toBe(0xef);
    const text = bytes.toString('utf8');
    const head = Papa.parse<string[]>(text.split('\r\n')[0], { delimiter: ',' }).data[0];
    expect(head).toEqual(headers);
    const rows = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true }).data.slice(1);
    expect(rows.length).toBe(shown);
    const lonIdx = head.indexOf('Längengrad (WGS84)');
    expect(rows.every((r) => r[lonIdx] === '' || /^\d+\.\d{6}$/.test(r[lonIdx]))).toBe(true);

    const std = await importBytes(new Uint8Array(bytes), { fileName: name });
    expect(std.report.fatal).toBeUndefined();
    expect(std.source.delimiter).toBe(',');
    expect(std.length).toBe(shown);
    for (const h of headers) expect(column(std, h), h).toEqual(column(excel, h));
  });

  it('GeoJSON: institutions as points and the areas of the level, same rows', async () => {
    await pick(/^GeoJSON$/);
    const { bytes, name } = await exportFile();
    expect(name).toBe('bildungsraum-bzr.geojson');
    const fc = JSON.parse(bytes.toString('utf8')) as {
      type: string;
      features: {
        geometry: { type: string; coordinates: number[] } | null;
        properties: Record<string, unknown>;
      }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    const inst = fc.features.filter((f) => f.properties.layer === 'einrichtungen');
    const areas = fc.features.filter((f) => f.properties.layer === 'gebiete-bzr');
    expect(inst.length).toBe(shown);
    expect(areas.length).toBe(143);
    for (const a of areas) {
      expect(typeof a.properties.id).toBe('string');
      expect(a.properties.id).toMatch(/^\d{6}$/);
      expect(a.geometry?.type).toMatch(/Polygon/);
    }
    // indicator values of the engine are exported with the areas
    expect(Object.keys(areas[0].properties)).toContain('pupils_per_teacher_2024_25');
    const byId = new Map(inst.map((f) => [String(f.properties.id), f]));
    for (const [id, src] of [...schools].slice(0, 50)) {
      const f = byId.get(id);
      expect(f?.properties.name).toBe(src.name);
      if (src.lon && f?.geometry)
        expect(Math.abs(f.geometry.coordinates[0] - Number(src.lon))).toBeLessThan(5.001e-7);
    }
    const r = await importBytes(new Uint8Array(bytes), { fileName: name });
    expect(r.report.fatal).toBeUndefined();
    expect(r.length).toBe(shown + 143);
  });

  it('XLSX: both tables as sheets, IDs as text with leading zeros', async () => {
    await pick(/XLSX/);
    const { bytes, name } = await exportFile();
    expect(name).toBe('bildungsraum-bzr.xlsx');
    const inst = await readSheet(bytes, 1, { trim: false });
    expect(inst[0]).toEqual(headers);
    expect(inst.length - 1).toBe(shown);
    for (const row of inst.slice(1)) expect(typeof row[0]).toBe('string');
    const plrIdx = headers.indexOf('Planungsraum-ID');
    const plr = inst.slice(1).map((r) => r[plrIdx]);
    expect(plr.filter((v) => typeof v === 'string' && /^0\d{7}$/.test(v)).length).toBeGreaterThan(100);
    const areas = await readSheet(bytes, 2, { trim: false });
    expect(areas.length - 1).toBe(143);
    expect(areas.slice(1).map((r) => r[0])).toContain('011001');
  });

  it('closes with Escape; the header copies the current link', async () => {
    const { page } = s;
    await dialog().press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.server.origin });
    await page.locator('.app-header [data-testid="copy-link"]').click();
    await page.locator('.app-header .copy-link-status').getByText('Link').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.evaluate(() => window.location.href));
  });
});

describe('export with a filter from the shared link', () => {
  it('?bez=01: the CSV holds exactly the filtered institutions the table shows', async () => {
    const { page } = s;
    await gotoApp(s, '?bez=01');
    await page
      .locator('[data-testid="export-panel"][data-indicator-status="ready"]')
      .waitFor({ state: 'attached', timeout: 120_000 });
    const expected =
      [...schools.values()].filter((r) => r.plr_id.startsWith('01')).length +
      [...youth.values()].filter((r) => r.plr_id.startsWith('01')).length;
    expect(expected).toBeGreaterThan(50);
    expect(expected).toBeLessThan(schools.size + youth.size);
    const count = page.locator('[data-testid="table-count"]');
    let tableShown = 0;
    for (const kind of ['school', 'youth']) {
      await page.locator('[data-testid="table-kind"]').selectOption(kind);
      await expect.poll(async () => Number(await count.getAttribute('data-shown'))).toBeGreaterThan(0);
      tableShown += Number(await count.getAttribute('data-shown'));
    }
    expect(tableShown).toBe(expected);
    await page.locator('[data-testid="export-open"]').click();
    await dialog().waitFor({ timeout: 60_000 });
    await pick(/^Standard:/);
    const { bytes, name } = await exportFile();
    const r = await importBytes(new Uint8Array(bytes), { fileName: name });
    expect(r.length).toBe(expected);
    expect((column(r, 'Planungsraum-ID') as string[]).every((id) => id.startsWith('01'))).toBe(true);
    // the companion note names the filter
    const note = await download(page, () => dialog().locator('[data-testid="export-note"]').click());
    expect(note.name).toBe('bildungsraum-bzr-einrichtungen-hinweise.txt');
    const text = note.bytes.toString('utf8');
    expect(text).toMatch(/- Bezirk: Mitte \(01\)/);
    expect(text).toContain('bez=01');
    await dialog().press('Escape');
  });
});

describe('map PNG', () => {
  it('downloads the map with header and footer bands and drawn content', async () => {
    const { page } = s;
    const { name, bytes } = await download(page, () => page.locator('[data-testid="export-png"]').click());
    expect(name).toMatch(/^bildungsraum-karte-\w+\.png$/);
    const img = decodePng(bytes);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    expect(img.width).toBe(Math.round((box?.width ?? 0) * dpr));
    expect(img.height).toBeGreaterThan(Math.round((box?.height ?? 0) * dpr));
    // the map part is not blank: many distinct colours (background, areas, points)
    const colours = new Set<number>();
    for (let i = 0; i < img.width * img.height; i += 7) {
      const o = i * 4;
      colours.add((img.data[o] << 16) | (img.data[o + 1] << 8) | img.data[o + 2]);
    }
    expect(colours.size).toBeGreaterThan(50);
  });
});

describe('printable area report', () => {
  it('opens for the selected area and prints to a PDF naming it', async () => {
    const { page } = s;
    const box = await page.locator('[data-testid="map"]').boundingBox();
    if (!box) throw new Error('map not visible');
    const button = page.locator('[data-testid="report-open"]');
    // click the map until an area (not an institution point) is selected
    for (const [fx, fy] of [
      [0.5, 0.5],
      [0.42, 0.45],
      [0.6, 0.55],
      [0.35, 0.6],
      [0.65, 0.4],
    ]) {
      await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
      await page.waitForTimeout(300);
      if (await button.isEnabled()) break;
    }
    expect(await button.isEnabled()).toBe(true);
    const hint = (await page.locator('#export-report-hint').textContent()) ?? '';
    const areaName = hint.replace(/^Ausgewähltes Gebiet: /, '');
    expect(areaName.length).toBeGreaterThan(1);
    await button.click();
    const report = page.locator('[data-testid="area-report"]');
    await report.waitFor();
    expect(await report.locator('h1').textContent()).toBe(`Gebietsbericht ${areaName}`);
    expect(await page.locator('#root').isVisible()).toBe(false);
    // key indicators against Bezirk and Berlin
    await expect.poll(() => report.locator('.report-indicators tbody tr').count()).toBeGreaterThan(5);
    expect(await report.locator('.report-map-svg path').count()).toBe(1);
    expect(await report.locator('.report-sources li').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, tagged: true, outline: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    const strings = pdfStrings(pdf);
    expect(strings.some((t) => t.includes(`Gebietsbericht ${areaName}`))).toBe(true);
    // back to the app
    await page.locator('[data-testid="report-close"]').click();
    await report.waitFor({ state: 'detached' });
    expect(await page.locator('#root').isVisible()).toBe(true);
    expect(s.foreignRequests).toEqual([]);
  });
});
