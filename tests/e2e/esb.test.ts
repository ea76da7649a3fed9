/**
 * End-to-end: the Einschulbereich layer (against the built app in `dist/`): switch to Einschulbereiche, pick
 * an ESB indicator (estimated children 6 to under 15) → the legend shows classes and the histogram title names
 * the Einschulbereich level → click an ESB → the area profile names it, shows its estimated residents and
 * states the method (area share of Planungsräume) → brush the ESB histogram → the institution table keeps the
 * schools in the Einschulbereiche in range (youth centres too), and the link reproduces the filter.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, gotoApp, openApp, readProbe, waitForMapIdle } from './harness';

async function waitLegend(page: Page, title: RegExp) {
  await page.waitForFunction(
    (src) => {
      const el = document.querySelector('[data-testid="legend"] .legend-title');
      return !!el && new RegExp(src).test(el.textContent ?? '');
    },
    title.source,
    { timeout: 60_000, polling: 100 },
  );
}

describe('Einschulbereiche', () => {
  let s: AppSession;

  beforeAll(async () => {
    s = await openApp({ viewport: { width: 1400, height: 900 }, root: process.env.BILDUNGSRAUM_DIST });
    await gotoApp(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('colours Einschulbereiche by estimated children and profiles a clicked one with its method', async () => {
    const { page } = s;
    // points off, so that a click on the map hits an area
    await page.getByTestId('layer-school').uncheck();
    await page.getByTestId('layer-youth').uncheck();
    const before = (await readProbe(page))?.idleCount ?? 0;
    await page.getByTestId('level-esb').check();
    await waitForMapIdle(page, { afterCount: before });

    await page.getByTestId('indicator-select').selectOption('esb_pop_6_15');
    await waitLegend(page, /Kinder 6 bis unter 15 Jahre im Einschulbereich/);
    const classes = await page.$$eval('[data-testid="legend"] tr.legend-class th', (ths) =>
      ths.map((t) => t.textContent ?? ''),
    );
    expect(classes.length).toBeGreaterThanOrEqual(3);
    for (const l of classes) expect(l).toMatch(/^(bis |über )?\d{1,3}(\.\d{3})*(,\d+)?( – [\d.,]+)?$/);
    const counts = await page.$$eval('[data-testid="legend"] tr.legend-entry td:last-child', (tds) =>
      tds.map((t) => Number((t.textContent ?? '').replace(/\./g, ''))),
    );
    expect(counts.reduce((a, c) => a + c, 0)).toBe(377);
    // the method of the estimate is named with the indicator
    expect(await page.locator('details.method-note').textContent()).toMatch(/Flächenanteil/);
    // the histogram bins the Einschulbereiche (not the Planungsräume) and says so in its title
    await page.waitForFunction(
      () =>
        /\(Einschulbereich\)$/.test(
          document.querySelector('[data-testid="histogram-title"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 30_000, polling: 100 },
    );
    expect(await page.getByTestId('histogram-title').textContent()).not.toMatch(/Planungsraum/);
    // … and its brush filters (range filters act on the Einschulbereiche too)
    expect(await page.getByTestId('histogram-no-brush').count()).toBe(0);

    await waitForMapIdle(page);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const profile = page.locator('[data-testid="area-profile"][data-level="esb"]');
    await profile.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await profile.getByTestId('profile-name').textContent()).toMatch(/^Einschulbereich \d{4}/);
    await page.waitForFunction(
      () => /\d/.test(document.querySelector('[data-testid="profile-esb-total"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    expect(await profile.getByTestId('profile-esb-total').textContent()).toMatch(
      /^Einwohner:innen \(geschätzt\): \d{1,3}(\.\d{3})*$/,
    );
    const method = (await profile.getByTestId('profile-esb-method').textContent()) ?? '';
    expect(method).toMatch(/Geschätzt aus Planungsräumen nach Flächenanteil \(areale Interpolation\)/);
    expect(method.match(/Geschätzt aus/g)).toHaveLength(1); // said once, not a title before the same sentence
    expect(await profile.getByTestId('profile-esb-primary').textContent()).toMatch(/^Grundschulen: \d+$/);

    // the selection is in the link: a new page opens the same Einschulbereich's profile
    const name = await profile.getByTestId('profile-name').textContent();
    await page.waitForFunction(() => /[?&]sel=esb\.\d{4}/.test(window.location.search));
    const other = await s.context.newPage();
    try {
      await other.goto(page.url());
      const again = other.locator('[data-testid="area-profile"][data-level="esb"]');
      await again.waitFor({ state: 'visible', timeout: 30_000 });
      // the profile opens with the bare id while the Einschulbereich layer still loads, then names it
      await expect
        .poll(() => again.getByTestId('profile-name').textContent(), { timeout: 30_000 })
        .toBe(name);
    } finally {
      await other.close();
    }
  });

  it('brushing the ESB histogram shrinks the institution table; the link keeps the range', async () => {
    const { page } = s;
    await page.getByTestId('layer-school').check();
    await page.getByTestId('layer-youth').check();
    const tableShown = async () => Number(await page.getByTestId('table-count').getAttribute('data-shown'));
    const filtered = (kind: 'school' | 'youth') =>
      page.evaluate((k) => window.__bildungsraumViews?.filteredCount(k) ?? -1, kind);
    await expect.poll(() => filtered('school'), { timeout: 60_000 }).toBeGreaterThan(100);
    await expect.poll(() => filtered('youth'), { timeout: 60_000 }).toBeGreaterThan(50);
    await expect.poll(tableShown, { timeout: 30_000 }).toBeGreaterThan(100);
    const schoolsBefore = await filtered('school');
    const youthBefore = await filtered('youth');
    const shownBefore = await tableShown();
    expect(shownBefore).toBe(schoolsBefore);

    // drag over the left third of the histogram (Einschulbereiche with few children)
    const overlay = page.locator('[data-testid="histogram"] .histogram-brush rect.overlay');
    await overlay.scrollIntoViewIfNeeded();
    const ob = await overlay.boundingBox();
    if (!ob) throw new Error('histogram brush not visible');
    await page.mouse.move(ob.x + 2, ob.y + ob.height / 2);
    await page.mouse.down();
    await page.mouse.move(ob.x + ob.width / 3, ob.y + ob.height / 2, { steps: 8 });
    await page.mouse.up();

    await expect.poll(tableShown, { timeout: 30_000 }).toBeLessThan(shownBefore);
    const shown = await tableShown();
    expect(shown).toBeGreaterThan(0);
    expect(await filtered('school')).toBe(shown);
    // youth centres are placed in their Einschulbereich by the worker, then filtered as well
    await expect.poll(() => filtered('youth'), { timeout: 30_000 }).toBeLessThan(youthBefore);
    expect(await page.locator('.histogram-active').count()).toBe(1);
    await page.waitForFunction(() => /[?&]r\.esb_pop_6_15=[\d.]+_[\d.]+/.test(window.location.search));

    // the link opens the Einschulbereiche with the same range and the same schools
    const other = await s.context.newPage();
    try {
      await other.goto(page.url());
      await expect.poll(() => other.locator('.histogram-active').count(), { timeout: 60_000 }).toBe(1);
      await expect
        .poll(() => other.evaluate(() => window.__bildungsraumViews?.filteredCount('school') ?? -1), {
          timeout: 60_000,
        })
        .toBe(shown);
      expect(await other.getByTestId('level-esb').isChecked()).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('made no request to another host and logged no errors', () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });
});
