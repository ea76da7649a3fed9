/**
 * The first level switch right after start-up, as tests/e2e/map.test.ts makes it: open the app, switch to the
 * Planungsräume as soon as the legend shows (before the map is idle, often before its first data frame), and
 * list the main-thread tasks ≥ 50 ms (PerformanceObserver "longtask", wall time) from the switch until the map
 * is idle again. Several builds are run alternately (fresh browser each time), for an A/B comparison on a
 * machine whose speed drifts.
 *
 *   npx vite build && npx tsx scripts/bench/earlySwitch.ts dist                 # RUNS=8
 *   RUNS=8 npx tsx scripts/bench/earlySwitch.ts /tmp/before dist                 # two builds, alternating
 */
import { longTasksSince, openApp, readProbe, recordLongTasks, waitForMapIdle } from '../../tests/e2e/harness';

const dists = process.argv.slice(2).length ? process.argv.slice(2) : ['dist'];
const RUNS = Number(process.env.RUNS ?? 8);
const out = new Map<string, number[][]>(dists.map((d) => [d, []]));

for (let run = 0; run < RUNS; run++) {
  for (const d of dists) {
    const s = await openApp({ root: d });
    try {
      await recordLongTasks(s.page);
      await s.page.goto(s.server.url, { waitUntil: 'load' });
      const { page } = s;
      await page
        .locator('[data-testid="legend"]')
        .filter({ hasText: /Schüler:innen je Lehrkraft/ })
        .waitFor({ timeout: 120_000 });
      const t0 = await page.evaluate(() => performance.now());
      const before = (await readProbe(page))?.idleCount ?? 0;
      await page.locator('input[name="lor-level"][value="plr"]').check();
      await waitForMapIdle(page, { afterCount: before });
      await page.waitForTimeout(300);
      out.get(d)?.push(await longTasksSince(page, t0));
    } finally {
      await s.close();
    }
  }
}
for (const [d, runs] of out) {
  const hit = runs.filter((r) => r.length > 0).length;
  console.log(
    `${d}: first switch right after the legend, long tasks per run (ms) ${runs.map((r) => `[${r.join(', ')}]`).join(' ')}; ` +
      `${hit} of ${runs.length} runs with a task ≥ 50 ms, longest ${Math.max(0, ...runs.flat())} ms`,
  );
}
