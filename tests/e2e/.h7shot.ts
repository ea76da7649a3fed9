import { gotoApp, openApp } from './harness';
const s = await openApp({ root: '/tmp/h7/dist', viewport: { width: 1400, height: 900 } });
try {
  const t = await gotoApp(s, process.argv[2] ?? '');
  console.log('idle', t.mapIdleMs);
  await s.page.waitForFunction(() => !!document.querySelector('[data-testid="legend"]'), null, { timeout: 30000 }).catch(() => console.log('no legend'));
  await s.page.waitForTimeout(1500);
  await s.page.screenshot({ path: '/tmp/h7/shot.png' });
  console.log('errors', s.consoleErrors);
  console.log('foreign', s.foreignRequests);
  console.log(await s.page.evaluate(() => (window as any).__bildungsraum?.timings));
} finally {
  await s.close();
}
