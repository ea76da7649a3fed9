/**
 * Shared harness of the end-to-end tests (and scripts/bench/startup.ts):
 * a tiny static server for `dist/` on 127.0.0.1 (random port), headless Debian Chromium via
 * playwright-core, a record of every request (non-local hosts are blocked and reported), console
 * errors and page errors, and helpers that wait for the app's map to be idle.
 *
 * Foreign hosts: every request to a host other than the local server is aborted and recorded in
 * `foreignRequests`, and so is every URL the page's Content-Security-Policy blocked (a CSP-blocked
 * request never reaches the network). `close()` throws when there were any (or any other CSP violation),
 * so every e2e file that uses the harness fails on them even if it never looks at the lists itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const DIST_DIR = resolve(import.meta.dirname, '../../dist');

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pbf': 'application/x-protobuf',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticServer {
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serve a folder (default `dist/`) on 127.0.0.1 at a random free port. */
export async function startStaticServer(root: string = DIST_DIR): Promise<StaticServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html fehlt – erst "npx vite build" ausführen`);
  }
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
        return;
      }
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface AppSession {
  server: StaticServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request URL the page, its workers and the browser context made. */
  requests: string[];
  /** Requests to any host other than the local server (blocked), incl. URLs blocked by the page's CSP. */
  foreignRequests: string[];
  /** Content-Security-Policy violations reported in the page (`directive blocked-url`). */
  cspViolations: string[];
  /** console.error messages, uncaught page errors and CSP violations. */
  consoleErrors: string[];
  /** Close browser and server; throws on any foreign request or CSP violation (unless opened with allowForeign). */
  close(): Promise<void>;
}

export function isLocalUrl(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Start server and browser, open a page with request/console recording. Does not navigate. */
export async function openApp(
  opts: {
    viewport?: { width: number; height: number };
    root?: string;
    /**
     * Origins a test serves itself with `page.route` (e.g. a fake basemap host): not counted as foreign.
     * The harness still aborts them unless the test's page route answers first.
     */
    allowOrigins?: string[];
    /** Do not throw from close() on foreign requests / CSP violations (the test checks them itself). */
    allowForeign?: boolean;
  } = {},
): Promise<AppSession> {
  // BILDUNGSRAUM_DIST: another build (e.g. while dist/ is being rebuilt), for every test file alike
  const server = await startStaticServer(opts.root ?? process.env.BILDUNGSRAUM_DIST);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: 'de-DE',
  });
  const requests: string[] = [];
  const foreignRequests: string[] = [];
  const cspViolations: string[] = [];
  const consoleErrors: string[] = [];
  const allowed = new Set(opts.allowOrigins ?? []);
  const isForeign = (url: string) => {
    if (isLocalUrl(url, server.origin)) return false;
    try {
      return !allowed.has(new URL(url).origin);
    } catch {
      return true;
    }
  };
  context.on('request', (r) => {
    requests.push(r.url());
    if (isForeign(r.url())) foreignRequests.push(r.url());
  });
  // CSP violations (a blocked request never shows up as a request): reported from the page
  await context.exposeBinding('__bildungsraumCspViolation', (_src, v: { directive: string; url: string }) => {
    cspViolations.push(`${v.directive} ${v.url}`);
    consoleErrors.push(`CSP violation: ${v.directive} ${v.url}`);
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(v.url) ? v.url : null;
    if (url && isForeign(url)) foreignRequests.push(url);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __bildungsraumCspViolation?: (v: object) => void })
        .__bildungsraumCspViolation;
      report?.({ directive: e.effectiveDirective, url: e.blockedURI });
    });
  });
  await context.route(
    (url) => !isLocalUrl(url.href, server.origin),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('worker', (w) => {
    w.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`worker console.error: ${msg.text()}`);
    });
  });
  return {
    server,
    browser,
    context,
    page,
    requests,
    foreignRequests,
    cspViolations,
    consoleErrors,
    close: async () => {
      await browser.close();
      await server.close();
      if (!opts.allowForeign && foreignRequests.length > 0)
        throw new Error(`requests to foreign hosts (blocked): ${[...new Set(foreignRequests)].join(', ')}`);
      if (!opts.allowForeign && cspViolations.length > 0)
        throw new Error(`Content-Security-Policy violations: ${[...new Set(cspViolations)].join(', ')}`);
    },
  };
}

export interface AppProbeSnapshot {
  mapIdle: boolean;
  idleCount: number;
  timings: Record<string, number>;
}

export async function readProbe(page: Page): Promise<AppProbeSnapshot | null> {
  return page.evaluate(() => {
    const p = (window as unknown as { __bildungsraum?: AppProbeSnapshot }).__bildungsraum;
    return p ? { mapIdle: p.mapIdle, idleCount: p.idleCount, timings: { ...p.timings } } : null;
  });
}

/**
 * Wait until the app reports the map idle with its data layers drawn
 * (`window.__bildungsraum.mapIdle`, and optionally more idle events than `afterCount`).
 */
export async function waitForMapIdle(page: Page, opts: { timeout?: number; afterCount?: number } = {}) {
  const after = opts.afterCount ?? 0;
  await page.waitForFunction(
    (n) => {
      const p = (window as unknown as { __bildungsraum?: { mapIdle: boolean; idleCount: number } })
        .__bildungsraum;
      return !!p && p.mapIdle && p.idleCount > n;
    },
    after,
    { timeout: opts.timeout ?? 120_000, polling: 50 },
  );
  const probe = await readProbe(page);
  if (!probe) throw new Error('window.__bildungsraum missing');
  return probe;
}

/**
 * Record main-thread long tasks (PerformanceObserver "longtask", ≥ 50 ms) from the next navigation on, in
 * `window.__longtaskLog`; read them with `longTasksSince`.
 */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longtaskLog: { start: number; duration: number }[] };
    w.__longtaskLog = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longtaskLog.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Durations (ms, rounded) of the long tasks that started at or after `t0` (page clock); see recordLongTasks. */
export async function longTasksSince(page: Page, t0: number): Promise<number[]> {
  return page.evaluate(
    (t) =>
      ((window as unknown as { __longtaskLog?: { start: number; duration: number }[] }).__longtaskLog ?? [])
        .filter((e) => e.start >= t)
        .map((e) => Math.round(e.duration)),
    t0,
  );
}

/** Navigate to the served app and wait for the map. Returns navigation → map-idle in ms. */
export async function gotoApp(
  s: AppSession,
  path = '',
): Promise<{ mapIdleMs: number; timings: Record<string, number> }> {
  await s.page.goto(s.server.url + path, { waitUntil: 'load' });
  const probe = await waitForMapIdle(s.page);
  return { mapIdleMs: probe.timings.mapIdle, timings: probe.timings };
}

// ---------- pixels ----------

export interface RgbImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

/** Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium screenshots are). */
export function decodePng(buf: Buffer): RgbImage {
  const sig = '89504e470d0a1a0a';
  if (buf.subarray(0, 8).toString('hex') !== sig) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${body[12]})`);
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0;
      const b = prev[x];
      const c = x >= bpp ? prev[x - bpp] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * bpp];
      out[o + 1] = cur[x * bpp + 1];
      out[o + 2] = cur[x * bpp + 2];
      out[o + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}

/** Share of pixels within `tolerance` (per channel) of a colour. */
export function shareOfColour(img: RgbImage, rgb: readonly [number, number, number], tolerance = 6): number {
  let n = 0;
  const total = img.width * img.height;
  for (let i = 0; i < total; i++) {
    const o = i * 4;
    if (
      Math.abs(img.data[o] - rgb[0]) <= tolerance &&
      Math.abs(img.data[o + 1] - rgb[1]) <= tolerance &&
      Math.abs(img.data[o + 2] - rgb[2]) <= tolerance
    )
      n++;
  }
  return total === 0 ? 0 : n / total;
}

/** Screenshot of the map element, decoded. */
export async function mapScreenshot(
  page: Page,
  selector = '[data-testid="map"]',
  path?: string,
): Promise<RgbImage> {
  // A clipped page screenshot: no waiting for element "stability" (the map never moves here).
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  const buf = await page.screenshot({ path, clip: box, animations: 'allow', caret: 'initial' });
  return decodePng(buf);
}

// ---------- accessibility ----------

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Run axe-core (injected from node_modules, no network) against the page for WCAG 2.1 A/AA rules. */
export async function runAxe(page: Page, context: string = 'body'): Promise<AxeViolation[]> {
  const axePath = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
  // evaluated, not an inline <script>: the app's Content-Security-Policy forbids inline scripts
  await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async (ctx) => {
    interface AxeResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const axe = (window as unknown as { axe: { run: (c: string, o: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(ctx, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  }, context);
}
