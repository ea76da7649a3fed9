/**
 * Accessibility of every main view (issue #7, part 4; WCAG 2.1 AA as required by BITV 2.0), on the built app
 * with the default data: axe-core (wcag2a/aa, wcag21a/aa) on the main view in German and English, the area
 * table (the table alternative to the choropleth), the area profile reached by keyboard only, the import
 * report, the sources panel and the printable area report. Keyboard: the area table's tabs and rows work with
 * Tab / arrow keys / Enter, and the focused element shows a visible focus indicator.
 * The views with their own stories keep their axe checks there (export dialog: export.test.ts; profile and
 * card after map clicks: stories.test.ts).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, type AxeViolation, gotoApp, openApp, runAxe, waitForMapIdle } from './harness';

const FIX = join(import.meta.dirname, '..', 'unit', 'fixtures', 'import');
const serious = (v: AxeViolation[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
const found: Record<string, AxeViolation[]> = {};

async function axeView(page: Page, name: string, context = 'body') {
  const v = await runAxe(page, context);
  found[name] = v;
  return serious(v);
}

/** The focused element has a visible focus indicator (outline or box-shadow). */
async function focusVisible(page: Page): Promise<{ tag: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', visible: false };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) >= 1;
    const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    return { tag: el.tagName.toLowerCase(), visible: outline || shadow };
  });
}

let s: AppSession;

beforeAll(async () => {
  s = await openApp({ viewport: { width: 1400, height: 900 } });
  await gotoApp(s);
});

afterAll(async () => {
  for (const [k, v] of Object.entries(found))
    console.log(`[axe] ${k}: ${v.length} violation(s) ${JSON.stringify(v)}`);
  expect(s.foreignRequests).toEqual([]);
  expect(s.consoleErrors).toEqual([]);
  await s?.close();
});

describe('accessibility of the main views', () => {
  it('main view (German): no serious or critical axe violations', async () => {
    await waitForMapIdle(s.page);
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await axeView(s.page, 'main-de')).toEqual([]);
  });

  it('area table: reachable by keyboard, rows select an area, the profile opens', async () => {
    const { page } = s;
    const tab = page.getByTestId('tab-areas');
    await page.getByTestId('tab-institutions').focus();
    await page.keyboard.press('ArrowRight');
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-areas');
    expect((await focusVisible(page)).visible).toBe(true);
    const table = page.getByTestId('area-table');
    await table.waitFor();
    // the default level is Bezirksregion: 143 rows, each with a value cell
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(143);
    const firstName = (await rows.first().locator('th').textContent()) ?? '';
    expect(firstName.length).toBeGreaterThan(0);
    // keyboard only: focus the first row, Enter selects the area and opens its profile
    await rows.first().focus();
    expect((await focusVisible(page)).visible).toBe(true);
    await page.keyboard.press('Enter');
    const profile = page.getByTestId('area-profile');
    await expect.poll(() => profile.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('profile-name').textContent()).toBe(firstName);
    expect(await rows.first().getAttribute('aria-selected')).toBe('true');
    expect(await axeView(page, 'area-table', '[data-testid="area-table"]')).toEqual([]);
    expect(await axeView(page, 'profile-keyboard', '[data-testid="area-profile"]')).toEqual([]);
  });

  it('sorting the area table by value keeps areas without data last', async () => {
    const { page } = s;
    const table = page.getByTestId('area-table');
    await table.locator('button.it-sort[data-col="value"]').click();
    const statuses = await table
      .locator('tbody td[data-status]')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-status')));
    const firstMissing = statuses.findIndex((x) => x !== 'value');
    if (firstMissing >= 0) expect(statuses.slice(firstMissing).every((x) => x !== 'value')).toBe(true);
    expect(await table.locator('th[aria-sort="ascending"]').count()).toBe(1);
  });

  it('sources panel: no serious or critical axe violations', async () => {
    const { page } = s;
    const list = page.getByTestId('sources-list');
    const head = page.getByTestId('section-sources');
    if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
    await list.waitFor({ timeout: 30_000 });
    expect(await axeView(page, 'sources', '[data-section="sources"]')).toEqual([]);
  });

  it('import report with preview and column mapping: no serious or critical axe violations', async () => {
    const { page } = s;
    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles(join(FIX, 'schulen_win1252_25833.csv'), { timeout: 90_000 });
    const report = page.locator('[data-testid="import-report"]');
    await report.getByText('schulen_win1252_25833.csv').first().waitFor({ timeout: 60_000 });
    await report.getByText('Vorschau der ersten Zeilen').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await axeView(page, 'import', '[data-section="import"]')).toEqual([]);
  });

  it('printable area report: no serious or critical axe violations', async () => {
    const { page } = s;
    const open = page.getByTestId('report-open');
    await expect.poll(() => open.isEnabled(), { timeout: 30_000 }).toBe(true);
    await open.click();
    const report = page.getByTestId('area-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await axeView(page, 'report', '[data-testid="area-report"]')).toEqual([]);
    await page.getByTestId('report-close').click();
    await page.getByTestId('report-open').waitFor();
  });

  it('main view in English: language switch sets lang, no serious or critical axe violations', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.getByTestId('tab-areas').textContent()).toBe('Areas (map values)');
    expect(await axeView(page, 'main-en')).toEqual([]);
  });
});
