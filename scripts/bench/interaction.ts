/**
 * Main-thread long tasks of the map's pointer interactions on the default data: clicking an area (selects it,
 * opens its profile, flies to it) and zooming in with the wheel past the outline zoom (COARSE_OUTLINE_MAX_ZOOM),
 * each after the start-up's background preparation is done. Prints, per run, every task ≥ 50 ms
 * (PerformanceObserver "longtask", wall time) from the action until the map is idle again (plus 1.5 s).
 *
 *   npx vite build && npx tsx scripts/bench/interaction.ts     # figures (RUNS=3 fresh pages)
 *   npx tsx scripts/bench/interaction.ts --dist /tmp/x          # another build (or BILDUNGSRAUM_DIST=/tmp/x)
 *
 * deck.gl picks synchronously (a pointer-down and every hover read back a pixel of a picking pass); with a
 * software renderer that read waits for the frames still being drawn: expect one task of that kind per action.
 */
import type { Page } from 'playwright-core';
import { gotoApp, longTasksSince, openApp, recordLongTasks, waitForMapIdle } from '../../tests/e2e/harness';

const args = process.argv.slice(2);
const DIST = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : process.env.BILDUNGSRAUM_DIST;
const RUNS = Number(process.env.RUNS ?? 3);

const now = (page: Page) => page.evaluate(() => performance.now());

async function settle(page: Page) {
  await page.waitForTimeout(1500);
  await waitForMapIdle(page);
}

const results: Record<'click' | 'zoom', number[][]> = { click: [], zoom: [] };
for (let run = 0; run < RUNS; run++) {
  const s = await openApp({ root: DIST, viewport: { width: 1400, height: 900 } });
  try {
    await recordLongTasks(s.page);
    const { page } = s;
    /** Open the app (start view) and wait until the background preparation after start-up is done. */
    const open = async () => {
      await gotoApp(s);
      await page.waitForFunction(
        () =>
          ((window as unknown as { __bildungsraum?: { timings: Record<string, number> } }).__bildungsraum
            ?.timings.backgroundPrefetchDone ?? 0) > 0,
        undefined,
        { timeout: 120_000 },
      );
      await page.waitForTimeout(1500);
    };
    await open();
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map not visible');
    const away = async () => {
      await page.mouse.move(box.x + box.width / 2, 5);
      await page.waitForTimeout(500);
    };

    // wheel zoom at the centre: from the start view (zoom ≈ 10) to ≈ 11.6
    let t0 = await now(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(150);
    }
    await settle(page);
    results.zoom.push(await longTasksSince(page, t0));
    await away();

    // back to Berlin (URL without a view), then click a Bezirk: selection, profile, fly-to (zoom ≤ 14)
    await open();
    const pt = await page.evaluate(() => window.__bildungsraumViews?.areaClickPoint('bez', '06') ?? null);
    if (!pt) throw new Error('no click point for Bezirk 06');
    t0 = await now(page);
    await page.mouse.click(box.x + pt[0], box.y + pt[1]);
    await page.getByTestId('area-profile').waitFor();
    await settle(page);
    results.click.push(await longTasksSince(page, t0));
  } finally {
    await s.close();
  }
}

for (const [name, runs] of Object.entries(results)) {
  const all = runs.flat();
  console.log(
    `${name}: long tasks per run (ms) ${runs.map((r) => `[${r.join(', ')}]`).join(' ')}; ` +
      `longest ${all.length ? Math.max(...all) : 0} ms, ${all.length} task(s) ≥ 50 ms in ${runs.length} runs`,
  );
}
