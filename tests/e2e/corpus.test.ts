/**
 * Robustness corpus (tests/fixtures/corpus) through the browser import dialog of the built app (`dist/`):
 * one browser, one page; every file is picked with the file input, in turn. Per file (time-boxed): the
 * import report for that file appears with rows read = rows used + rows listed and the expected numbers,
 * or, for a refused file, a visible alert with the expected message; the page never goes blank (the header
 * stays), and no uncaught page error occurs. Usable imports are removed again to keep the page light.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, type CorpusExpectation, loadExpectations } from '../fixtures/corpus/expectations';
import { writeRuntimeCorpus } from '../fixtures/corpus/runtime';
import { type AppSession, DIST_DIR, openApp, waitForMapIdle } from './harness';

/** Per file: from picking it to its report (or error) on screen. A hang guard on a shared 2-core machine. */
const TIME_BOX_MS = 60_000;

const runtime = writeRuntimeCorpus();
const all: { e: CorpusExpectation; path: string }[] = [
  ...loadExpectations().map((e) => ({ e, path: join(CORPUS_DIR, e.file) })),
  ...runtime.entries.map((e) => ({ e, path: join(runtime.dir, e.file) })),
];

let s: AppSession;
const timings: [string, number][] = [];
const removals: number[] = [];

beforeAll(async () => {
  // serve a private copy of dist/: other work may rebuild dist/ meanwhile (its hashed worker chunks vanish)
  const root = mkdtempSync(join(tmpdir(), 'br-corpus-dist-'));
  cpSync(DIST_DIR, root, { recursive: true });
  s = await openApp({ root });
  await s.page.goto(s.server.url, { waitUntil: 'load' });
  // start timing files only once the app has finished starting (data loaded, map drawn)
  await waitForMapIdle(s.page, { timeout: 150_000 });
  await s.page.locator('[data-testid="import-file"]').waitFor({ state: 'attached', timeout: 90_000 });
});

afterAll(async () => {
  const total = timings.reduce((a, [, ms]) => a + ms, 0);
  const slowest = [...timings].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(
    `browser corpus: ${timings.length} files, ${(total / 1000).toFixed(1)} s from picking to report; slowest ${slowest
      .map(([f, ms]) => `${f} ${ms.toFixed(0)} ms`)
      .join(', ')}; ${removals.length} removals ${(removals.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s`,
  );
  await s?.close();
});

interface Outcome {
  /** Text of the import dialog's error (the worker gave up), or null. */
  dialogError: string | null;
  /** The report for this file (null while it is not shown). */
  report: {
    read: string;
    used: string;
    listed: string;
    fatal: string | null;
    fatalRole: string | null;
  } | null;
  headerVisible: boolean;
  datasets: number;
}

/**
 * One round trip: what the page shows for `file` right now (null until its report or an error is there).
 * Runs in the page: no helper functions inside (the test transform would wrap named ones).
 */
function snapshot(file: string): Outcome | null {
  const err = document.querySelector('[data-testid="import-error"]');
  const rep = [...document.querySelectorAll('[data-testid="import-report"]')].find(
    (r) => r.querySelector('h3')?.textContent === `Importbericht: ${file}`,
  );
  if (!err && !rep) return null;
  const header = document.querySelector('header.app-header') as HTMLElement | null;
  const fatal = rep?.querySelector('[data-testid="import-fatal"]') ?? null;
  return {
    dialogError: err?.textContent ?? null,
    report: rep
      ? {
          read: rep.querySelector('[data-testid="rows-read"]')?.textContent ?? '',
          used: rep.querySelector('[data-testid="rows-used"]')?.textContent ?? '',
          listed: rep.querySelector('[data-testid="rows-listed"]')?.textContent ?? '',
          fatal: fatal?.textContent ?? null,
          fatalRole: fatal?.getAttribute('role') ?? null,
        }
      : null,
    headerVisible: !!header && header.offsetHeight > 0 && header.offsetWidth > 0,
    datasets: document.querySelectorAll('[data-testid="imported-datasets"] li').length,
  };
}

const count = (t: string) => Number(t.replace(/\./g, ''));

describe('robustness corpus: browser import', () => {
  it.each(all.map(({ e, path }) => [e.file, e, path] as const))('%s', async (file, e, path) => {
    const { page } = s;
    const errorsBefore = s.consoleErrors.length;
    const t0 = performance.now();
    await page.locator('[data-testid="import-file"]').setInputFiles(path, { timeout: TIME_BOX_MS });
    const handle = await page.waitForFunction(snapshot, file, { timeout: TIME_BOX_MS, polling: 100 });
    const o = (await handle.jsonValue()) as Outcome;
    timings.push([file, performance.now() - t0]);

    // the page is alive: header still shown, nothing thrown
    expect(o.headerVisible, `${file}: header gone`).toBe(true);
    expect(s.consoleErrors.slice(errorsBefore), `${file}: page errors`).toEqual([]);
    if (o.dialogError !== null) {
      // the worker gave up on the file: acceptable only for a refused file, and the message must say why
      expect(e.outcome, `${file}: import failed in the browser: ${o.dialogError}`).toBe('refused');
      expect(o.dialogError.length).toBeGreaterThan(20);
      await page.locator('[data-testid="import-error"]').getByRole('button').click();
      return;
    }
    const r = o.report as NonNullable<Outcome['report']>;
    const [read, used, listed] = [count(r.read), count(r.used), count(r.listed)];
    expect(read, `${file}: rows read = used + listed`).toBe(used + listed);
    if (e.outcome === 'refused') {
      expect(r.fatalRole).toBe('alert');
      expect(r.fatal).toContain(e.message as string);
      expect(read).toBe(0);
    } else {
      expect(r.fatal, `${file}: unexpected refusal`).toBeNull();
      expect({ read, used, listed }).toEqual({ read: e.rowsRead, used: e.rowsUsed, listed: e.rowsListed });
    }
    // usable imports join the dataset list: remove them again
    if (used > 0) {
      expect(o.datasets).toBe(1);
      const t1 = performance.now();
      await page
        .locator('[data-testid="imported-datasets"] li')
        .first()
        .getByRole('button', { name: /entfernen$/ })
        // a DOM click: Playwright's actionability wait (stable across animation frames) costs seconds per
        // click while the map redraws in software rendering
        .dispatchEvent('click');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="imported-datasets"] li').length === 0,
        undefined,
        { timeout: TIME_BOX_MS, polling: 100 },
      );
      removals.push(performance.now() - t1);
    } else expect(o.datasets).toBe(0);
  });

  it('no uncaught errors over the whole run', () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
