/**
 * A link with a level and no indicator opens with the level's default indicator (as the level switch picks
 * it), and a level switch makes one history entry (level and default indicator together), so that the back
 * button returns to the previous view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, gotoApp, openApp, readProbe, waitForMapIdle } from './harness';

describe('level in the URL', () => {
  let s: AppSession;

  beforeAll(async () => {
    s = await openApp({ viewport: { width: 1400, height: 900 }, root: process.env.BILDUNGSRAUM_DIST });
    await gotoApp(s, '?level=plr');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens ?level=plr with the Planungsraum default indicator and keeps the link short', async () => {
    const { page } = s;
    expect(await page.locator('input[name="lor-level"][value="plr"]').isChecked()).toBe(true);
    expect(await page.getByTestId('indicator-select').inputValue()).toBe('mss_status');
    const q = new URL(page.url()).searchParams;
    expect(q.get('level')).toBe('plr');
    expect(q.has('ind')).toBe(false);
  });

  it('switches level with one history entry and goes back to the previous view', async () => {
    const { page } = s;
    const before = (await readProbe(page))?.idleCount ?? 0;
    await page.locator('input[name="lor-level"][value="bez"]').check();
    await waitForMapIdle(page, { afterCount: before });
    await page.waitForFunction(() => new URLSearchParams(location.search).get('level') === 'bez');
    expect(new URL(page.url()).searchParams.has('ind')).toBe(false);
    expect(await page.getByTestId('indicator-select').inputValue()).toBe('pupils_per_teacher_2024_25');
    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('level') === 'plr');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="indicator-select"]') as HTMLSelectElement | null)?.value ===
        'mss_status',
    );
    expect(await page.locator('input[name="lor-level"][value="plr"]').isChecked()).toBe(true);
  });
});
