/**
 * Security of the built app (`dist/`, run `vite build` first), issue #7:
 *  - data are rendered only as text: schools named `<img src=x onerror=alert(1)>` and
 *    `"><script>alert(2)</script>` (served instead of the real names through a route) show literally in
 *    the map tooltip, the table, the institution card, the area profile and the CSV export; no dialog
 *    opens, no `img[src="x"]` and no injected script exists in the DOM;
 *  - the Content-Security-Policy (static meta + startup meta) is in force: a fetch to another host is
 *    blocked (securitypolicyviolation); with an online basemap configured in the settings panel, exactly
 *    that host is allowed (tiles are drawn; a third host stays blocked) and its attribution is text;
 *  - no request to a foreign host other than the deliberate ones (harness: close() fails otherwise).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import Papa from 'papaparse';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeCsp, STATIC_CSP, serializeCsp } from '../../src/security/csp';
import {
  type AppSession,
  DIST_DIR,
  gotoApp,
  mapScreenshot,
  openApp,
  runAxe,
  shareOfColour,
  waitForMapIdle,
} from './harness';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '"><script>alert(2)</script>';
const TILE_ORIGIN = 'https://tiles.example.test';
const TILE_RGB: [number, number, number] = [200, 40, 190];

type Row = Record<string, string>;

/** The built app; BILDUNGSRAUM_DIST serves a copy (e.g. while dist/ is being rebuilt). */
const ROOT = process.env.BILDUNGSRAUM_DIST ?? DIST_DIR;

/** A solid-colour 256×256 RGB PNG (the fake basemap tile). */
function solidPng(rgb: [number, number, number], size = 256): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const tb = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(tb));
    return Buffer.concat([len, tb, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const line = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => line));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Distance in metres (equirectangular, fine at city scale). */
function metres(a: Row, b: Row): number {
  const k = Math.PI / 180;
  const x = (Number(b.lon) - Number(a.lon)) * k * Math.cos(Number(a.lat) * k);
  const y = (Number(b.lat) - Number(a.lat)) * k;
  return Math.hypot(x, y) * 6_371_000;
}

const csvRows = (file: string): Row[] =>
  Papa.parse<Row>(readFileSync(join(ROOT, 'data', 'institutions', file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  }).data;

let s: AppSession;
const dialogs: string[] = [];
let target: Row; // the school renamed to IMG (alone on the map within 150 m)
let second: Row; // the school renamed to SCRIPT

beforeAll(async () => {
  const schools = csvRows('schools.csv');
  const youth = csvRows('youth.csv');
  const located = schools.filter((r) => Number.isFinite(Number(r.lon)) && r.lon !== '' && r.plr_id !== '');
  const others = [...located, ...youth.filter((r) => r.lon !== '')];
  const lonely = located.filter((r) => others.every((o) => o === r || metres(r, o) > 150));
  expect(lonely.length).toBeGreaterThan(2);
  target = lonely[Math.floor(lonely.length / 2)];
  second = lonely.find((r) => r.plr_id === target.plr_id && r !== target) ?? lonely[0];
  const modified = schools.map((r) =>
    r === target ? { ...r, name: IMG } : r === second ? { ...r, name: SCRIPT } : r,
  );
  const csv = Papa.unparse(modified, { columns: Object.keys(schools[0]), newline: '\n' });

  // deliberate foreign requests happen below; the last test checks the list exactly
  s = await openApp({ allowOrigins: [TILE_ORIGIN], allowForeign: true, root: ROOT });
  s.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // the data worker fetches the CSV too: route on the context (workers included)
  await s.context.route(
    (u) => u.pathname.endsWith('/data/institutions/schools.csv'),
    (route) => route.fulfill({ status: 200, contentType: 'text/csv; charset=utf-8', body: csv }),
  );
  const tile = solidPng(TILE_RGB);
  await s.context.route(
    (u) => u.origin === TILE_ORIGIN,
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'image/png',
        headers: { 'access-control-allow-origin': '*' }, // MapLibre fetches tiles with CORS
        body: tile,
      }),
  );
  await gotoApp(s);
});

afterAll(async () => {
  await s?.close();
});

async function noInjection() {
  expect(dialogs).toEqual([]);
  expect(await s.page.locator('img[src="x"]').count()).toBe(0);
  const scripts = await s.page.evaluate(() =>
    [...document.scripts].filter((x) => !x.src || x.textContent?.includes('alert')).map((x) => x.outerHTML),
  );
  expect(scripts).toEqual([]);
}

describe('data are shown as text, never as HTML', () => {
  it('table rows show the literal names', async () => {
    const { page } = s;
    await page.getByTestId('table-kind').selectOption('school');
    for (const [row, name] of [
      [target, IMG],
      [second, SCRIPT],
    ] as const) {
      await page.getByTestId('table-search').fill(row.bsn);
      const cell = page.locator(`tr[data-id="${row.bsn}"] .it-name`);
      await expect.poll(() => cell.textContent(), { timeout: 30_000 }).toBe(name);
    }
    await noInjection();
  });

  it('the institution card and the map tooltip show the literal name', async () => {
    const { page } = s;
    await page.getByTestId('table-search').fill(target.bsn);
    // keyboard selection (Enter on the focused row): no waiting for the virtualised row to be "stable"
    const row = page.locator(`tr[data-id="${target.bsn}"]`);
    await row.focus();
    await row.press('Enter');
    await expect.poll(() => page.getByTestId('card-name').textContent()).toBe(IMG);
    // the map flies to the school: it sits in the centre of the map once the camera is idle
    await page.waitForTimeout(900);
    await waitForMapIdle(page);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    const tip = page.getByTestId('tooltip');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await expect
      .poll(
        async () => {
          await page.mouse.move(cx + 1, cy + 1);
          await page.mouse.move(cx, cy);
          return (await tip.count()) === 1 ? await tip.locator('.map-tooltip-name').textContent() : null;
        },
        { timeout: 15_000 },
      )
      .toBe(IMG);
    await page.mouse.move(box.x + 2, box.y + box.height - 2);
    await noInjection();
  });

  it('the area profile lists the literal names', async () => {
    const { page } = s;
    await page.getByTestId('card-plr').click();
    const list = page.getByTestId('profile-list-school');
    await expect.poll(() => list.locator(`button[data-id="${target.bsn}"]`).textContent()).toBe(IMG);
    if (second.plr_id === target.plr_id)
      expect(await list.locator(`button[data-id="${second.bsn}"]`).textContent()).toBe(SCRIPT);
    await noInjection();
  });

  it('the CSV export holds the literal names', async () => {
    const { page } = s;
    await page.getByTestId('export-open').click();
    const dialog = page.locator('[role="dialog"].export-dialog');
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.getByLabel(/^CSV$/).check();
    await dialog.getByLabel(/^Standard:/).check();
    const [dl]: [Download, unknown] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      dialog.locator('[data-testid="export-download"]').click(),
    ]);
    const text = readFileSync(await dl.path(), 'utf8');
    const rows = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true }).data;
    const header = rows[0];
    const idCol = 0;
    const nameCol = header.findIndex((h) => /^name$/i.test(h));
    expect(nameCol, header.join(',')).toBeGreaterThan(0);
    const byId = new Map(rows.slice(1).map((r) => [r[idCol], r[nameCol]]));
    expect(byId.get(target.bsn)).toBe(IMG);
    expect(byId.get(second.bsn)).toBe(SCRIPT);
    await dialog.locator('.export-dialog-close').click();
    await dialog.waitFor({ state: 'detached' });
    await noInjection();
  });
});

describe('Content-Security-Policy', () => {
  const metas = () =>
    s.page.evaluate(() =>
      [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map(
        (m) => m.getAttribute('content') ?? '',
      ),
    );

  /** fetch(url) from the page; resolves with the CSP violation it caused ('' when none). */
  const tryFetch = (url: string) =>
    s.page.evaluate(async (u) => {
      const violation = new Promise<string>((ok) => {
        const on = (e: SecurityPolicyViolationEvent) => {
          if (e.blockedURI.startsWith(u.slice(0, 20))) {
            document.removeEventListener('securitypolicyviolation', on);
            ok(`${e.effectiveDirective} ${e.blockedURI}`);
          }
        };
        document.addEventListener('securitypolicyviolation', on);
        setTimeout(() => ok(''), 3000);
      });
      let status = 0;
      try {
        status = (await fetch(u)).status;
      } catch {
        status = -1;
      }
      return { status, violation: await violation };
    }, url);

  it('both policies are in the page: static (index.html) and startup (no basemap)', async () => {
    expect((await metas()).sort()).toEqual([serializeCsp(STATIC_CSP), serializeCsp(runtimeCsp(null))].sort());
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${serializeCsp(STATIC_CSP)}"`,
    );
  });

  it('blocks a fetch to another host', async () => {
    const r = await tryFetch('http://example.invalid/');
    expect(r).toEqual({ status: -1, violation: 'connect-src http://example.invalid/' });
  });

  it('an inline script injected at runtime does not run', async () => {
    const ran = await s.page.evaluate(() => {
      const el = document.createElement('script');
      el.textContent = 'window.__inlineRan = true';
      document.body.append(el);
      el.remove();
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  it('an online basemap set in the settings allows exactly its host; its attribution is text', async () => {
    const { page } = s;
    await page.getByTestId('section-basemap').click();
    const status = page.getByTestId('basemap-status');
    expect(await status.textContent()).toMatch(/keine Online-Hintergrundkarte/);
    expect(await runAxe(page, '[data-section="basemap"]')).toEqual([]);
    await page.getByTestId('basemap-enable').check();
    // invalid template: a clear message, nothing stored
    await page.getByTestId('basemap-template').fill('http://tiles.example.test/{z}/{x}/{y}.png');
    await page.getByTestId('basemap-apply').click();
    expect(await page.getByTestId('basemap-error').textContent()).toMatch(/https/);
    await page.getByTestId('basemap-template').fill(`${TILE_ORIGIN}/{z}/{x}/{y}.png`);
    await page.getByTestId('basemap-attribution').fill(`<b>${IMG}</b> © Test`);
    await Promise.all([page.waitForEvent('load'), page.getByTestId('basemap-apply').click()]);
    await waitForMapIdle(page);

    expect((await metas()).sort()).toEqual(
      [serializeCsp(STATIC_CSP), serializeCsp(runtimeCsp(TILE_ORIGIN))].sort(),
    );
    expect(await page.getByTestId('basemap-status').textContent()).toContain('tiles.example.test');
    // tiles were requested from the host and drawn
    expect(s.requests.some((u) => u.startsWith(`${TILE_ORIGIN}/`))).toBe(true);
    // with the area layer off, the map shows the tiles (and points) only
    const areasBox = page.getByRole('checkbox', { name: 'LOR-Gebiete' });
    await areasBox.uncheck();
    await expect
      .poll(async () => shareOfColour(await mapScreenshot(page), TILE_RGB, 6), { timeout: 20_000 })
      .toBeGreaterThan(0.3);
    await areasBox.check();
    // the attribution is shown as text (MapLibre renders HTML: the app escapes it)
    const attrib = page.locator('.maplibregl-ctrl-attrib-inner');
    await expect.poll(() => attrib.textContent()).toContain(`<b>${IMG}</b> © Test`);
    expect(await page.locator('.maplibregl-ctrl-attrib-inner b').count()).toBe(0);
    await noInjection();
    // the basemap host is allowed, any other host still blocked
    expect((await tryFetch(`${TILE_ORIGIN}/0/0/0.png`)).violation).toBe('');
    expect((await tryFetch('https://other.example.test/x')).violation).toBe(
      'connect-src https://other.example.test/x',
    );
    // the setting is never part of the shared URL
    expect(page.url()).not.toContain('example.test');
  });

  it('switching the basemap off again removes the host from the policy', async () => {
    const { page } = s;
    await page.getByTestId('section-basemap').click();
    await page.getByTestId('basemap-enable').uncheck();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('basemap-apply').click()]);
    await waitForMapIdle(page);
    expect((await metas()).sort()).toEqual([serializeCsp(STATIC_CSP), serializeCsp(runtimeCsp(null))].sort());
  });

  it('made no other foreign request and no CSP violation or console error besides the deliberate ones', () => {
    expect([...new Set(s.foreignRequests)].sort()).toEqual([
      'http://example.invalid/',
      'https://other.example.test/x',
    ]);
    expect(s.cspViolations).toEqual([
      'connect-src http://example.invalid/',
      // once per policy: the static one and the startup one are both enforced
      'script-src-elem inline',
      'script-src-elem inline',
      'connect-src https://other.example.test/x',
    ]);
    const unexpected = s.consoleErrors.filter(
      (e) => !/example\.invalid|other\.example\.test|Content Security Policy|CSP violation/.test(e),
    );
    expect(unexpected).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
