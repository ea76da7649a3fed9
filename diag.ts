import { openApp, waitForMapIdle, readProbe } from './tests/e2e/harness';
import { longSpanReport } from './scripts/bench/profileTasks';
for (let run = 0; run < 8; run++) {
  const s = await openApp({ root: '/tmp/diagn' });
  try {
    await s.page.addInitScript(() => {
      const w = window as any;
      w.__lt = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__lt.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
    });
    await s.page.goto(s.server.url, { waitUntil: 'load' });
    const { page } = s;
    await page.locator('[data-testid="legend"]').filter({ hasText: /Schüler:innen je Lehrkraft/ }).waitFor({ timeout: 120000 });
    const t0 = await page.evaluate(() => performance.now());
    const before = (await readProbe(page))?.idleCount ?? 0;
    const timingsAtSwitch = (await readProbe(page))?.timings ?? {};
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
    await page.locator('input[name="lor-level"][value="plr"]').check();
    await waitForMapIdle(page, { afterCount: before });
    await page.waitForTimeout(300);
    const { profile } = await cdp.send('Profiler.stop');
    const t = { cpu: 0 };
    const lts = await page.evaluate((t) => (window as any).__lt.filter((e: any) => e.start >= t).map((e: any) => Math.round(e.duration)), t0);
    const rel = (k: string) => (timingsAtSwitch[k] === undefined ? '-' : Math.round(t0 - timingsAtSwitch[k]));
    if (lts.length) for (const l of longSpanReport(profile as any, 2, 25)) console.log(l);
    console.log(`run ${run}: long [${lts}] cpu ${Math.round(t.cpu)} | switch-after: indicatorsReady ${rel('indicatorsReady')} mapFirstIdle ${rel('mapFirstIdle')} mapIdle ${rel('mapIdle')} styled-plr ${rel('styled-plr')}`);
  } finally {
    await s.close();
  }
}
