/**
 * The printable area report: rendered to static HTML, opened in headless Chromium and printed to PDF
 * (page.pdf, the same engine as the browser's print dialog). The PDF must be non-empty and name the area.
 * Once the app shell exposes the report page, an e2e test should print it from the built app instead.
 */
import { readFileSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintReport, type PrintReportProps } from '../../../src/panels/PrintReport';
import { pdfStrings } from '../../e2e/pdf';
import { areaGeometries, FIXTURE_EXPORT_DATE, fixtureSources, institutions } from '../fixtures/export/tables';

const AREA = 'Weißensee';

const props: PrintReportProps = {
  areaId: '03300304',
  areaName: AREA,
  levelLabel: 'Planungsraum',
  bezirkName: 'Pankow',
  date: FIXTURE_EXPORT_DATE,
  locale: 'de',
  map: {
    kind: 'geometry',
    geometry: areaGeometries['03300304'],
    points: [
      { lon: 13.4655, lat: 52.5522, label: 'Grundschule' },
      { lon: 13.466, lat: 52.551 },
    ],
  },
  indicators: [
    {
      id: 'share_6_15',
      label: 'Anteil 6–15 Jahre',
      unit: '%',
      decimals: 1,
      area: 0,
      bezirk: 9.4,
      berlin: 8.8,
    },
    { id: 'pupils', label: 'Schüler*innen', area: null, bezirk: 41234, berlin: 380000, areaSuppressed: true },
    { id: 'sdi', label: 'Status-Dynamik-Index', decimals: 2, area: -2.5, bezirk: -0.1, berlin: null },
  ],
  institutions: {
    ...institutions,
    columns: institutions.columns.filter((c) => ['id', 'name', 'art', 'pupils', 'teachers'].includes(c.key)),
    rows: institutions.rows.filter((r) => r.plr_id === '03300304'),
  },
  sources: fixtureSources,
};

function html(): string {
  const css = readFileSync(new URL('../../../src/panels/PrintReport.css', import.meta.url), 'utf8');
  const body = renderToStaticMarkup(<PrintReport {...props} onPrint={() => undefined} />);
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Gebietsbericht ${AREA}</title><style>${css}</style></head><body>${body}</body></html>`;
}

describe('printable area report', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders title, indicators vs Bezirk/Berlin, institutions and sources', () => {
    const h = html();
    expect(h).toContain('Gebietsbericht Weißensee');
    expect(h).toContain('Bezirk Pankow');
    expect(h).toContain('<td class="num">-2,50</td>');
    expect(h).toContain('9,4 %');
    expect(h).toContain('Testdaten Einrichtungen (erfunden)');
    expect(h).not.toContain('HYPERLINK'); // institution of another area
    expect(h).toContain('<td>@SUM(A1)</td>'); // shown as text, verbatim (HTML is not a spreadsheet)
    expect(h).toContain('<td class="num">•</td>'); // suppressed count (teachers 2)
    expect(h).toContain('<svg');
    expect(h).toContain('Fallzahl unter 3');
  });

  it('prints to a non-empty PDF that names the area', async () => {
    const page = await browser.newPage();
    await page.setContent(html(), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.report-print-button').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, tagged: true, outline: true });
    await page.close();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    const strings = pdfStrings(pdf);
    expect(strings.some((s) => s.includes(`Gebietsbericht ${AREA}`))).toBe(true);
  }, 60_000);
});
