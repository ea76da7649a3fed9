/**
 * What drawing the map costs the software renderer (prints figures; no assertions).
 *
 * Headless Chromium draws WebGL with SwiftShader: its worker threads (named `Thread<NN>` in the GPU
 * process) rasterise every frame on the CPU, on the same cores as the page's main thread. While they are
 * busy, every main-thread task takes longer in wall time than its own CPU time (issues #3 and #5 count wall
 * time). The browser's trace does not show these threads, so this script reads their CPU time from
 * /proc (Linux only) around:
 *   - map pans (arrow keys on the map) on each level, per deck.gl frame drawn;
 *   - level switches (the radio buttons), per switch, until the map is idle again;
 *   - start-up: from opening the app until the map's background preparation of the other levels is done
 *     (deck.gl frames drawn and the renderer's CPU; a frame drawn only because a hidden layer was made is
 *     CPU taken from a user's first switches).
 *
 *   npx vite build --outDir /tmp/x && npx tsx scripts/bench/renderCost.ts --dist /tmp/x
 *   LEVELS=bez,plr KITA=1 … (Kitas on: 2,880 more points)
 *
 * Figures of a build before and after a change come from two runs with `--dist` (one build each).
 */
import type { Page } from 'playwright-core';
import { type AppSession, gotoApp, openApp, readProbe, waitForMapIdle } from '../../tests/e2e/harness';
import { rendererCpuMs } from './rendererCpu';

const deckFrames = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __bildungsraum: { deckFrames: number } }).__bildungsraum.deckFrames,
  );

async function open(s: AppSession, query: string) {
  await gotoApp(s, query);
  await s.page
    .waitForFunction(() => window.__bildungsraum?.timings.backgroundPrefetchDone !== undefined, undefined, {
      timeout: 30_000,
      polling: 250,
    })
    .catch(() => console.log('(background prefetch not done after 30 s)'));
  if (process.env.KITA === '1') await s.page.getByTestId('layer-kita').check();
  await s.page.waitForTimeout(1500);
}

async function main() {
  const distArg = process.argv.indexOf('--dist');
  const root = distArg >= 0 ? process.argv[distArg + 1] : process.env.BILDUNGSRAUM_DIST;
  const levels = (process.env.LEVELS ?? 'bez,pgr,bzr,plr').split(',');
  const s = await openApp({ viewport: { width: 1400, height: 900 }, root });
  const { page } = s;
  try {
    for (let i = 0; i < Number(process.env.STARTUPS ?? 2); i++) {
      const c0 = rendererCpuMs();
      const t0 = Date.now();
      await gotoApp(s, `?level=${levels[0]}`);
      const f0 = await deckFrames(page);
      const cFirst = rendererCpuMs() - c0;
      await page.waitForFunction(
        () => window.__bildungsraum?.timings.backgroundPrefetchDone !== undefined,
        undefined,
        { timeout: 60_000, polling: 100 },
      );
      const cpu = rendererCpuMs() - c0;
      const frames = await deckFrames(page);
      console.log(
        `start-up on ${levels[0]}: first idle ${cFirst} ms renderer CPU (${f0} deck frames); until the background preparation is done (${Date.now() - t0} ms): ${frames} deck frames, ${cpu} ms renderer CPU`,
      );
    }
    for (const level of levels) {
      await open(s, `?level=${level}`);
      await page.locator('canvas').first().focus();
      const f0 = await deckFrames(page);
      const c0 = rendererCpuMs();
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
        await page.waitForTimeout(400);
      }
      const cpu = rendererCpuMs() - c0;
      const frames = (await deckFrames(page)) - f0;
      console.log(
        `pan on ${level}: ${frames} deck frames, software renderer ${cpu} ms CPU, ${(cpu / Math.max(1, frames)).toFixed(0)} ms per frame`,
      );
    }
    if (levels.length < 2) return;
    await open(s, `?level=${levels[0]}`);
    const perSwitch: number[] = [];
    for (const level of [...levels.slice(1), ...levels, levels[0]]) {
      const before = (await readProbe(page))?.idleCount ?? 0;
      const c0 = rendererCpuMs();
      const t0 = Date.now();
      await page.locator(`input[name="lor-level"][value="${level}"]`).check();
      await waitForMapIdle(page, { afterCount: before });
      const idleMs = Date.now() - t0;
      await page.waitForTimeout(300);
      const cpu = rendererCpuMs() - c0;
      perSwitch.push(cpu);
      console.log(`switch → ${level}: map idle after ${idleMs} ms, software renderer ${cpu} ms CPU`);
    }
    const sorted = [...perSwitch].sort((a, b) => a - b);
    console.log(
      `level switch, software renderer CPU: median ${sorted[Math.floor(sorted.length / 2)]} / max ${sorted[sorted.length - 1]} ms (n=${sorted.length})`,
    );
  } finally {
    await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
