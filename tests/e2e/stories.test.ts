/**
 * End-to-end story of the linked views on the default data (built app, headless Chromium):
 * switch level → choose an indicator → legend shows classes → click an area on the map → its profile
 * names it and lists its schools → pick a school in the table → its card shows its Planungsraum →
 * brush the histogram → table and map shrink → the URL reproduces the view in a new page.
 * axe-core: no serious/critical violations on the main view, the profile and the card.
 *
 * SCREENSHOTS=1 also writes docs/screenshot-{main,profile,card}.png (1400×900) — off in CI so the run
 * does not rewrite tracked files.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTITUTION_COLORS } from '../../src/map/colors';
import { SELECTION_COLORS } from '../../src/map/layers/selection';
import {
  type AppSession,
  type AxeViolation,
  DIST_DIR,
  gotoApp,
  mapScreenshot,
  openApp,
  readProbe,
  runAxe,
  shareOfColour,
  waitForMapIdle,
} from './harness';

const SHOTS = process.env.SCREENSHOTS === '1';
const DOCS = resolve(import.meta.dirname, '../../docs');
const VIEWPORT = { width: 1400, height: 900 };
const LEVEL = 'pgr';
const LEVEL_LABEL = 'Prognoseräume';
const INDICATOR = 'kita_places_per_100_u6';

interface SchoolRow {
  bsn: string;
  name: string;
  plr_id: string;
  pupils_2024_25: string;
  teachers_2024_25: string;
}

/** A school with statistics and a Planungsraum whose name is unique in the file. */
function pickSchool(): SchoolRow {
  const text = readFileSync(join(DIST_DIR, 'data/institutions/schools.csv'), 'utf8');
  const rows = Papa.parse<SchoolRow>(text, { header: true, dynamicTyping: false, skipEmptyLines: true }).data;
  const byName = new Map<string, number>();
  for (const r of rows) byName.set(r.name, (byName.get(r.name) ?? 0) + 1);
  const ok = rows.filter(
    (r) =>
      /^\d{8}$/.test(r.plr_id) &&
      r.pupils_2024_25 !== '' &&
      r.teachers_2024_25 !== '' &&
      byName.get(r.name) === 1 &&
      r.name.length < 60,
  );
  if (ok.length === 0) throw new Error('schools.csv: no school with statistics and Planungsraum');
  // a school in the middle of the file (not the first district)
  return ok[Math.floor(ok.length / 2)];
}

function areaName(level: string, id: string): string {
  const topo = JSON.parse(readFileSync(join(DIST_DIR, `data/areas/${level}.topo.json`), 'utf8')) as {
    objects: { areas: { geometries: { properties: { id: string; name: string } }[] } };
  };
  const g = topo.objects.areas.geometries.find((x) => x.properties.id === id);
  if (!g) throw new Error(`${level}.topo.json: ${id} not found`);
  return g.properties.name;
}

const serious = (v: AxeViolation[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({
    path: join(DOCS, `screenshot-${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}

async function idleAfter(page: Page, action: () => Promise<unknown>) {
  const before = (await readProbe(page))?.idleCount ?? 0;
  await action();
  await waitForMapIdle(page, { afterCount: before });
}

async function tableShown(page: Page): Promise<number> {
  return Number(await page.getByTestId('table-count').getAttribute('data-shown'));
}

const SCHOOL_RGB: [number, number, number] = [
  INSTITUTION_COLORS.school[0],
  INSTITUTION_COLORS.school[1],
  INSTITUTION_COLORS.school[2],
];

const SELECTION_RGB = SELECTION_COLORS.line.slice(0, 3) as [number, number, number];
/** Share of the map's pixels in the selection's line colour. */
const selectionShare = async (page: Page) => shareOfColour(await mapScreenshot(page), SELECTION_RGB, 10);

describe('story: from the map to the area profile, the school card and a range filter', () => {
  let s: AppSession;
  const school = pickSchool();
  const areaId = school.plr_id.slice(0, 4);
  const name = areaName(LEVEL, areaId);
  const axe: Record<string, AxeViolation[]> = {};
  let shownBeforeBrush = 0;
  let pixelsBeforeBrush = 0;
  let areaSelectionShare = 0;

  beforeAll(async () => {
    if (!existsSync(join(DIST_DIR, 'index.html')))
      throw new Error('dist/ fehlt: erst "npx vite build" ausführen');
    s = await openApp({ viewport: VIEWPORT });
    await gotoApp(s);
  });

  afterAll(async () => {
    for (const [k, v] of Object.entries(axe)) console.log(`[axe] ${k}: ${JSON.stringify(v)}`);
    await s?.close();
  });

  it('switches the level and shows the legend classes of the active indicator', async () => {
    const { page } = s;
    await idleAfter(page, () => page.getByRole('radio', { name: LEVEL_LABEL }).check());
    // choose an indicator (sidebar section "Indikator")
    const select = page.getByTestId('indicator-select');
    await expect.poll(() => select.count(), { timeout: 30_000 }).toBe(1);
    await select.selectOption(INDICATOR);
    // the legend lists the classes (as text) of the choropleth
    const legendClasses = page.locator('[data-testid="legend"] tr.legend-class');
    await expect.poll(() => legendClasses.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('legend').textContent()).toContain('Kita-Plätze je 100 Kinder unter 6');
    // the engine output arrives (histogram drawn)
    await expect
      .poll(() => page.locator('[data-testid="histogram"] rect.histogram-bin').count(), { timeout: 60_000 })
      .toBeGreaterThan(3);
    await waitForMapIdle(page);
    axe.main = await runAxe(page);
    expect(serious(axe.main)).toEqual([]);
    await page.getByTestId('legend').scrollIntoViewIfNeeded();
    await shot(page, 'main');
  });

  it('clicking an area on the map opens its profile with its schools', async () => {
    const { page } = s;
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map not visible');
    const pt = await page.evaluate(
      ([lv, id]) => window.__bildungsraumViews?.areaClickPoint(lv as 'pgr', id) ?? null,
      [LEVEL, areaId],
    );
    expect(pt).not.toBeNull();
    const [x, y] = pt as [number, number];
    const selectionBefore = await selectionShare(page);
    await page.mouse.click(box.x + x, box.y + y);
    const profile = page.getByTestId('area-profile');
    await expect.poll(() => profile.count()).toBe(1);
    expect(await page.getByTestId('profile-name').textContent()).toBe(name);
    const list = page.getByTestId('profile-list-school');
    await expect.poll(() => list.locator('button', { hasText: school.name }).count()).toBe(1);
    // compared with Bezirk and Berlin, de-DE numbers
    const pop = page.locator('[data-testid="profile-compare"] tr[data-indicator="pop_total"] td');
    await expect.poll(() => pop.count()).toBe(3);
    expect(await pop.first().textContent()).toMatch(/^\d{1,3}(\.\d{3})+$/);
    // the map outlines the selected area (black line on a white halo, map/layers/selection.ts)
    await waitForMapIdle(page);
    areaSelectionShare = await selectionShare(page);
    expect(selectionBefore).toBeLessThan(0.0005);
    expect(areaSelectionShare).toBeGreaterThan(0.003);
    axe.profile = await runAxe(page, '[data-testid="area-profile"]');
    expect(serious(axe.profile)).toEqual([]);
    await shot(page, 'profile');
  });

  it('choosing the school in the table opens its card with its Planungsraum', async () => {
    const { page } = s;
    await page.getByTestId('table-search').fill(school.name);
    const row = page.locator(`tr.it-row[data-id="${school.bsn}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await row.click();
    const card = page.getByTestId('institution-card');
    await expect.poll(() => card.count()).toBe(1);
    expect(await page.getByTestId('card-name').textContent()).toBe(school.name);
    expect(await page.getByTestId('card-plr').textContent()).toContain(`(${school.plr_id})`);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    // clear the map's hover highlight left from the area click (pointer leaves the map canvas)
    const mb = await page.getByTestId('map').boundingBox();
    if (mb) {
      await page.mouse.move(mb.x + mb.width / 2, mb.y + mb.height / 2);
      await page.mouse.move(mb.x + mb.width / 2, 5);
    }
    await waitForMapIdle(page);
    // the area's outline gives way to a ring around the school (a few hundred pixels)
    const ring = await selectionShare(page);
    expect(ring).toBeGreaterThan(0.0001);
    expect(ring).toBeLessThan(areaSelectionShare / 4);
    axe.card = await runAxe(page, '[data-testid="institution-card"]');
    expect(serious(axe.card)).toEqual([]);
    await shot(page, 'card');
    await page.getByTestId('table-search').fill('');
  });

  it('brushing the histogram shrinks the table and the map points', async () => {
    const { page } = s;
    await waitForMapIdle(page);
    shownBeforeBrush = await tableShown(page);
    pixelsBeforeBrush = shareOfColour(await mapScreenshot(page), SCHOOL_RGB, 8);
    const filteredBefore = await page.evaluate(
      () => window.__bildungsraumViews?.filteredCount('school') ?? -1,
    );
    expect(filteredBefore).toBe(shownBeforeBrush);

    // drag over the left third of the histogram
    const overlay = page.locator('[data-testid="histogram"] .histogram-brush rect.overlay');
    const ob = await overlay.boundingBox();
    if (!ob) throw new Error('histogram brush not visible');
    await overlay.scrollIntoViewIfNeeded();
    const ob2 = (await overlay.boundingBox()) ?? ob;
    await page.mouse.move(ob2.x + 2, ob2.y + ob2.height / 2);
    await page.mouse.down();
    await page.mouse.move(ob2.x + ob2.width / 3, ob2.y + ob2.height / 2, { steps: 8 });
    await page.mouse.up();

    await expect.poll(() => tableShown(page), { timeout: 30_000 }).toBeLessThan(shownBeforeBrush);
    const shown = await tableShown(page);
    expect(shown).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__bildungsraumViews?.filteredCount('school') ?? -1)).toBe(shown);
    await expect
      .poll(
        async () => {
          await waitForMapIdle(page);
          return shareOfColour(await mapScreenshot(page), SCHOOL_RGB, 8);
        },
        { timeout: 30_000 },
      )
      .toBeLessThan(pixelsBeforeBrush * 0.9);
  });

  it('the URL reproduces the view in a new page', async () => {
    const url = s.page.url();
    const shown = await tableShown(s.page);
    const page = await s.context.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      await waitForMapIdle(page);
      expect(await page.getByRole('radio', { name: LEVEL_LABEL }).isChecked()).toBe(true);
      await expect.poll(() => page.locator('.histogram-active').count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => tableShown(page), { timeout: 60_000 }).toBe(shown);
      // the selected school travels with the link
      await expect.poll(() => page.getByTestId('card-name').textContent()).toBe(school.name);
    } finally {
      await page.close();
    }
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });
});
