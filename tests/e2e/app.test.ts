/**
 * End-to-end test of the app shell against the built app (`dist/`, run `vite build` first):
 * map drawn (pixels), layer toggles, hover tooltip, level switch, Datenquellen panel, language switch,
 * no console errors, no request to any host other than the local server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/domain/types';
import { AREA_FILL, AREA_LINE, blendOverBackground, INSTITUTION_COLORS } from '../../src/map/colors';
import {
  type AppSession,
  DIST_DIR,
  gotoApp,
  mapScreenshot,
  openApp,
  type RgbImage,
  readProbe,
  runAxe,
  shareOfColour,
  waitForMapIdle,
} from './harness';

/** Text content of a locator ('' when none). */
const text = async (l: Locator) => (await l.textContent()) ?? '';

const rgb = (c: readonly number[]) => [c[0], c[1], c[2]] as [number, number, number];

/** Pixel position (in the image) of the first pixel of exactly this colour near the centre, or null. */
function findPixel(
  img: RgbImage,
  colour: [number, number, number],
  tolerance = 2,
  /** With `clear` > 0, every pixel within `clear` pixels (a square) has the colour too: nothing else is near. */
  clear = 0,
): { x: number; y: number } | null {
  const cx = img.width / 2;
  const cy = img.height / 2;
  const is = (x: number, y: number) => {
    const o = (y * img.width + x) * 4;
    return (
      Math.abs(img.data[o] - colour[0]) <= tolerance &&
      Math.abs(img.data[o + 1] - colour[1]) <= tolerance &&
      Math.abs(img.data[o + 2] - colour[2]) <= tolerance
    );
  };
  const around = (x: number, y: number) => {
    if (x < clear || y < clear || x + clear >= img.width || y + clear >= img.height) return false;
    for (let v = y - clear; v <= y + clear; v++)
      for (let u = x - clear; u <= x + clear; u++) if (!is(u, v)) return false;
    return true;
  };
  let best: { x: number; y: number; d: number } | null = null;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (is(x, y) && (clear === 0 || around(x, y))) {
        const d = (x - cx) ** 2 + (y - cy) ** 2;
        if (!best || d < best.d) best = { x, y, d };
      }
    }
  }
  return best && { x: best.x, y: best.y };
}

/** Share of pixels that differ (by more than 12 in a channel) between two screenshots, outside a box (CSS px). */
function changedShare(
  a: RgbImage,
  b: RgbImage,
  skip?: { x: number; y: number; w: number; h: number },
): number {
  let n = 0;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      if (skip && x >= skip.x && x < skip.x + skip.w && y >= skip.y && y < skip.y + skip.h) continue;
      const o = (y * a.width + x) * 4;
      if ([0, 1, 2].some((c) => Math.abs(a.data[o + c] - b.data[o + c]) > 12)) n++;
    }
  return n / (a.width * a.height);
}

async function toggleAndWait(s: AppSession, testId: string) {
  const before = (await readProbe(s.page))?.idleCount ?? 0;
  await s.page.getByTestId(testId).click();
  await waitForMapIdle(s.page, { afterCount: before });
}

describe('app shell (built app, headless Chromium)', () => {
  let s: AppSession;
  let mapIdleMs = 0;
  const manifestPath = join(DIST_DIR, 'data', 'manifest.json');

  beforeAll(async () => {
    if (!existsSync(join(DIST_DIR, 'index.html')))
      throw new Error('dist/ fehlt: erst "npx vite build" ausführen');
    if (!existsSync(manifestPath))
      throw new Error('dist/data/manifest.json fehlt: erst "npm run data" ausführen');
    s = await openApp();
    const r = await gotoApp(s);
    mapIdleMs = r.mapIdleMs;
    console.log(`[startup] navigation → map idle: ${mapIdleMs} ms`, JSON.stringify(r.timings));
    // The shell checks below expect the neutral area fill: switch the choropleth off (map.test.ts covers it).
    const before = (await readProbe(s.page))?.idleCount ?? 0;
    await s.page.getByTestId('indicator-select').selectOption('');
    await waitForMapIdle(s.page, { afterCount: before });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens on Berlin with the areas drawn (pixel check)', async () => {
    expect(mapIdleMs).toBeGreaterThan(0);
    expect(await text(s.page.locator('h1'))).toContain('Bildungsraum');
    const img = await mapScreenshot(s.page);
    // Area fill over the background covers a good part of the map (Berlin fills the view).
    const areaShare = shareOfColour(img, blendOverBackground(AREA_FILL), 6);
    expect(areaShare).toBeGreaterThan(0.15);
    // Outlines (their own non-instanced layer, map/layers/areaOutlineLayer.ts) over the fill: about 0.5 % of
    // the pixels at the opening view (0.46 % measured; 0 without the outline layer)
    const outlineShare = shareOfColour(
      img,
      blendOverBackground(AREA_LINE, blendOverBackground(AREA_FILL)),
      10,
    );
    expect(outlineShare).toBeGreaterThan(0.002);
    // Schools and youth facilities are drawn by default, Kitas are not.
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.school), 4)).toBeGreaterThan(0.001);
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.youth), 4)).toBeGreaterThan(0.0005);
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.kita), 4)).toBeLessThan(0.0001);
  });

  it('shows a tooltip with name and type when hovering an area and a school', async () => {
    const box = await s.page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    const img = await mapScreenshot(s.page);
    const areaPx = findPixel(img, blendOverBackground(AREA_FILL), 3);
    expect(areaPx).not.toBeNull();
    if (!areaPx) return;
    await s.page.mouse.move(box.x + areaPx.x, box.y + areaPx.y);
    const tip = s.page.getByTestId('tooltip');
    await expect.poll(() => tip.count(), { timeout: 5000 }).toBe(1);
    const areaText = await text(tip);
    expect(areaText).toMatch(/Bezirksregion/);
    expect(areaText).toMatch(/Kennung \d{6}/);

    const schoolPx = findPixel(img, rgb(INSTITUTION_COLORS.school), 2);
    expect(schoolPx).not.toBeNull();
    if (!schoolPx) return;
    await s.page.mouse.move(box.x + schoolPx.x, box.y + schoolPx.y);
    await expect
      .poll(async () => (await tip.count()) === 1 && /Schule/.test(await text(tip)), {
        timeout: 5000,
      })
      .toBe(true);
    const name = await text(tip.locator('.map-tooltip-name'));
    expect(name.trim().length).toBeGreaterThan(2);
    await s.page.mouse.move(box.x + 2, box.y + box.height - 2);
  });

  it('takes the hover highlight away when the pointer leaves the map in one move', async () => {
    const { page } = s;
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    const tip = page.getByTestId('tooltip');
    await page.mouse.move(box.x + box.width / 2, 5); // header
    const base = await mapScreenshot(page);
    // inside an area, away from points and outlines (so that the area itself is what is hovered)
    const areaPx = findPixel(base, blendOverBackground(AREA_FILL), 3, 10);
    expect(areaPx).not.toBeNull();
    if (!areaPx) return;
    // hovered: the area is highlighted (pixels changed outside the tooltip)
    await page.mouse.move(box.x + areaPx.x, box.y + areaPx.y);
    await expect.poll(() => tip.count(), { timeout: 5000 }).toBe(1);
    const tb = await tip.boundingBox();
    const outsideTip = tb ? { x: tb.x - box.x, y: tb.y - box.y, w: tb.width, h: tb.height } : undefined;
    await expect
      .poll(async () => changedShare(base, await mapScreenshot(page), outsideTip), { timeout: 5000 })
      .toBeGreaterThan(0.005);
    // straight to the header (no move over the map's empty parts on the way): the map is as before
    await page.mouse.move(box.x + box.width / 2, 5);
    await expect.poll(() => tip.count(), { timeout: 5000 }).toBe(0);
    await expect
      .poll(async () => changedShare(base, await mapScreenshot(page)), { timeout: 5000 })
      .toBeLessThan(0.0002);
    // and the same area lights up again when it is hovered again
    await page.mouse.move(box.x + areaPx.x, box.y + areaPx.y);
    await expect
      .poll(async () => changedShare(base, await mapScreenshot(page), outsideTip), { timeout: 5000 })
      .toBeGreaterThan(0.005);
    await page.mouse.move(box.x + box.width / 2, 5);
  });

  it('toggles schools, youth facilities and Kitas from the layer panel', async () => {
    await toggleAndWait(s, 'layer-school');
    let img = await mapScreenshot(s.page);
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.school), 4)).toBeLessThan(0.0001);
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.youth), 4)).toBeGreaterThan(0.0005);

    await s.page.getByTestId('layer-youth').click();
    await toggleAndWait(s, 'layer-kita');
    img = await mapScreenshot(s.page);
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.youth), 4)).toBeLessThan(0.0001);
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.kita), 4)).toBeGreaterThan(0.001);
    // Areas stay drawn underneath.
    expect(shareOfColour(img, blendOverBackground(AREA_FILL), 6)).toBeGreaterThan(0.1);

    await s.page.getByTestId('layer-kita').click();
    await s.page.getByTestId('layer-school').click();
    await toggleAndWait(s, 'layer-youth');
    expect(await s.page.getByTestId('layer-kita').isChecked()).toBe(false);
    img = await mapScreenshot(s.page);
    expect(shareOfColour(img, rgb(INSTITUTION_COLORS.school), 4)).toBeGreaterThan(0.001);
  });

  it('switches the LOR level', async () => {
    const before = (await readProbe(s.page))?.idleCount ?? 0;
    await s.page.getByRole('radio', { name: 'Bezirke' }).check();
    await waitForMapIdle(s.page, { afterCount: before });
    await expect.poll(() => s.page.getByText('12 Gebiete').count()).toBe(1);
    const img = await mapScreenshot(s.page);
    expect(shareOfColour(img, blendOverBackground(AREA_FILL), 6)).toBeGreaterThan(0.15);
    const before2 = (await readProbe(s.page))?.idleCount ?? 0;
    await s.page.getByRole('radio', { name: 'Planungsräume' }).check();
    await waitForMapIdle(s.page, { afterCount: before2 });
    await expect.poll(() => s.page.getByText(/^542 Gebiete$/).count()).toBe(1);
  });

  it('lists every dataset with publisher, license and vintage under "Datenquellen"', async () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    expect(manifest.datasets.length).toBeGreaterThan(0);
    const toggle = s.page.getByTestId('section-sources');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const list = s.page.getByTestId('sources-list');
    const items = list.locator(':scope > li');
    expect(await items.count()).toBe(manifest.datasets.length);
    for (const d of manifest.datasets) {
      const entry = await text(list.locator(`li[data-dataset="${d.id}"]`));
      expect(entry).toContain(d.title);
      expect(entry).toContain(d.publisher);
      expect(entry).toContain(d.license);
      expect(entry).toContain(d.vintage);
    }
  });

  it('switches the interface language to English and back', async () => {
    await s.page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => text(s.page.getByTestId('section-sources'))).toContain('Data sources');
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await s.page.getByRole('button', { name: 'DE', exact: true }).click();
    await expect.poll(() => text(s.page.getByTestId('section-sources'))).toContain('Datenquellen');
  });

  it('has no WCAG 2.1 A/AA violations found by axe-core (sources panel open)', async () => {
    expect(await runAxe(s.page)).toEqual([]);
  });

  it('made no request to any other host and logged no console errors', () => {
    expect(s.requests.length).toBeGreaterThan(3);
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });
});
