/**
 * End-to-end test of the import through the built app (`dist/`, run `vite build` first):
 * a Windows-1252 semicolon CSV with decimal commas and EPSG:25833 coordinates is picked with the file
 * input; the report and preview must show correct umlauts, counts and WGS84 positions. Also: rename,
 * hide, remove, a bad file (HTML error page), and cancelling a large import.
 */
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACES } from '../unit/fixtures/import/places';
import { type AppSession, mapScreenshot, openApp, shareOfColour, waitForMapIdle } from './harness';

const FIX = join(import.meta.dirname, '..', 'unit', 'fixtures', 'import');
let s: AppSession;

beforeAll(async () => {
  s = await openApp();
  await s.page.goto(s.server.url, { waitUntil: 'load' });
  await s.page.locator('[data-testid="import-file"]').waitFor({ state: 'attached', timeout: 60_000 });
});

afterAll(async () => {
  await s?.close();
});

describe('import in the app', () => {
  it('Windows-1252 ; CSV with decimal commas and EPSG:25833: umlauts and positions', async () => {
    const { page } = s;
    // generous timeout: the app may still be starting (map, data worker) on a loaded machine
    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles(join(FIX, 'schulen_win1252_25833.csv'), { timeout: 90_000 });
    const report = page.locator('[data-testid="import-report"]');
    await report.getByText('schulen_win1252_25833.csv').first().waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-testid="rows-read"]').textContent()).toBe('4');
    expect(await report.locator('[data-testid="rows-used"]').textContent()).toBe('4');
    expect(await report.locator('[data-testid="rows-listed"]').textContent()).toBe('0');
    expect(await report.locator('[data-testid="encoding"]').textContent()).toBe('windows-1252');
    expect(await report.locator('[data-testid="crs"]').textContent()).toContain('EPSG:25833');

    await report.getByText('Vorschau der ersten Zeilen').click();
    const preview = report.locator('[data-testid="import-preview"]');
    // the table is rendered when the <details> reports its toggle (an event that comes after the click)
    await preview.waitFor({ timeout: 10_000 });
    const header = await preview.locator('thead th').allTextContents();
    expect(header).toContain('Schüler');
    const lonIdx = header.indexOf('lon (WGS84)');
    const latIdx = header.indexOf('lat (WGS84)');
    const nameIdx = header.indexOf('Schulname');
    const rows = preview.locator('tbody tr');
    expect(await rows.count()).toBe(PLACES.length);
    for (let i = 0; i < PLACES.length; i++) {
      const cells = await rows.nth(i).locator('th, td').allTextContents();
      expect(cells[nameIdx]).toBe(PLACES[i].name);
      expect(Math.abs(Number(cells[lonIdx]) - PLACES[i].lon)).toBeLessThan(1e-5);
      expect(Math.abs(Number(cells[latIdx]) - PLACES[i].lat)).toBeLessThan(1e-5);
    }
    expect(await preview.textContent()).toContain('Größe ß ä ö ü Ä Ö Ü');
    expect(await preview.textContent()).toContain('1234.5'); // 1.234,5 read as a number

    // the dataset is listed next to the defaults and can be renamed, hidden and removed
    const list = page.locator('[data-testid="imported-datasets"] li');
    await expect.poll(() => list.count()).toBe(1);
    const box = list.first().locator('input[type="checkbox"]');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    expect(await box.isChecked()).toBe(false);
    await list.first().getByRole('button', { name: 'Umbenennen' }).click();
    await list.first().getByRole('textbox').fill('Meine Schulen');
    await list.first().getByRole('button', { name: 'Speichern' }).click();
    expect(await list.first().textContent()).toContain('Meine Schulen');
    await list.first().getByRole('button', { name: 'Meine Schulen entfernen' }).click();
    await expect.poll(() => list.count()).toBe(0);
  });

  it('pointing at the import area starts the next import worker, and the import uses it', async () => {
    const { page } = s;
    const started: string[] = [];
    const onWorker = (w: { url(): string }) => {
      if (/import\.worker/.test(w.url())) started.push(w.url());
    };
    page.on('worker', onWorker);
    try {
      await page.getByTestId('import-drop').hover();
      await expect.poll(() => started.length, { timeout: 20_000 }).toBe(1);
      // the mapping and report parts load with it (not while the file is read)
      await page.setInputFiles('[data-testid="import-file"]', join(FIX, 'schulen_win1252_25833.csv'));
      const report = page.locator('[data-testid="import-report"]');
      await expect.poll(() => report.locator('[data-testid="rows-used"]').textContent()).toBe('4');
      await page.waitForTimeout(500);
      expect(started).toHaveLength(1); // no second worker for this import
      await page
        .locator('[data-testid="imported-datasets"] li')
        .first()
        .getByRole('button', { name: /entfernen$/ })
        .click();
    } finally {
      page.off('worker', onWorker);
    }
  });

  it('an imported point file is drawn on the map (its colour appears; hiding it removes it)', async () => {
    const { page } = s;
    await waitForMapIdle(page);
    const colour = [204, 121, 167] as const; // importedLayerColor(0) in src/map/layers/importedLayer.ts
    const share = async () => shareOfColour(await mapScreenshot(page), colour, 40);
    const before = await share();
    await page.locator('[data-testid="import-file"]').setInputFiles(join(FIX, 'schulen_win1252_25833.csv'));
    const list = page.locator('[data-testid="imported-datasets"] li');
    await expect.poll(() => list.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(share, { timeout: 30_000 }).toBeGreaterThan(before);
    await list.first().locator('input[type="checkbox"]').uncheck();
    await expect.poll(share, { timeout: 30_000 }).toBeLessThanOrEqual(before);
    await list
      .first()
      .getByRole('button', { name: /entfernen/ })
      .click();
    await expect.poll(() => list.count()).toBe(0);
  });

  it('the mapping dialog shows the detected types and roles; a changed type and coordinate system are read again', async () => {
    const { page } = s;
    await page.locator('[data-testid="import-file"]').setInputFiles(join(FIX, 'schulen_win1252_25833.csv'));
    const report = page.locator('[data-testid="import-report"]');
    await expect.poll(() => report.locator('[data-testid="rows-used"]').textContent()).toBe('4');
    await page.getByTestId('column-mapping').getByText('Spalten zuordnen').click();
    const typeOf = (c: string) => page.getByLabel(`Typ der Spalte ${c}`, { exact: true });
    const roleOf = (c: string) => page.getByLabel(`Rolle der Spalte ${c}`, { exact: true });
    await typeOf('Schüler').waitFor({ timeout: 10_000 });
    // detected: decimal commas with thousands dots, Rechtswert/Hochwert as x/y, the name column
    expect(await typeOf('Schüler').inputValue()).toBe('decimal');
    expect(await roleOf('Rechtswert').inputValue()).toBe('x');
    expect(await roleOf('Hochwert').inputValue()).toBe('y');
    expect(await roleOf('Schulname').inputValue()).toBe('name');
    expect(await report.getByTestId('crs').textContent()).toContain('EPSG:25833');

    // the user reads Schüler as text and says the coordinates are Soldner (EPSG:3068)
    await typeOf('Schüler').selectOption('text');
    await page.getByLabel('Koordinatensystem').selectOption('EPSG:3068');
    await page.getByRole('button', { name: 'Übernehmen und neu einlesen' }).click();
    await expect
      .poll(() => report.getByTestId('crs').textContent(), { timeout: 30_000 })
      .toContain('EPSG:3068');
    expect(await report.locator('[data-testid="rows-read"]').textContent()).toBe('4');
    // Soldner values of this size lie far outside Berlin: every row is kept and flagged, none dropped
    expect(await report.locator('[data-testid="rows-used"]').textContent()).toBe('4');
    expect(await report.getByTestId('import-issues').textContent()).toMatch(/außerhalb/);
    await report.getByText('Vorschau der ersten Zeilen').click();
    const preview = report.locator('[data-testid="import-preview"]');
    await preview.waitFor({ timeout: 10_000 });
    expect(await preview.textContent()).toContain('1.234,5'); // text now: the value as written
    expect(await preview.textContent()).not.toContain('1234.5');

    const list = page.locator('[data-testid="imported-datasets"] li');
    await expect.poll(() => list.count()).toBe(1); // read again in place, not added a second time
    await list
      .first()
      .getByRole('button', { name: /entfernen/ })
      .click();
    await expect.poll(() => list.count()).toBe(0);
  });

  it('an HTML error page saved as .csv gives a clear message, no crash', async () => {
    const { page } = s;
    await page.locator('[data-testid="import-file"]').setInputFiles(join(FIX, 'error_page.csv'));
    const fatal = page.locator('[data-testid="import-fatal"]');
    await fatal.waitFor({ timeout: 30_000 });
    expect(await fatal.textContent()).toContain('HTML-Seite');
    expect(await page.locator('[data-testid="imported-datasets"] li').count()).toBe(0);
  });

  it.each([
    ['empty.csv', 'leer'],
    ['header_only.csv', 'nur eine Kopfzeile'],
    ['binary.csv', 'Binärdaten'],
    ['not_geojson.json', 'kein GeoJSON'],
  ])('bad input %s: clear message in the report', async (file, text) => {
    const { page } = s;
    await page.locator('[data-testid="import-file"]').setInputFiles(join(FIX, file));
    const report = page.locator('[data-testid="import-report"]');
    await report.getByText(file).first().waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-testid="import-fatal"]').textContent()).toContain(text);
  });

  it('a 300 MB file is refused with a clear message before it is read', async () => {
    const { page } = s;
    const file = join(mkdtempSync(join(tmpdir(), 'br-e2e-')), 'riesig.csv');
    writeFileSync(file, '');
    truncateSync(file, 300 * 1024 * 1024); // sparse: no disk space used
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    const err = page.locator('[data-testid="import-error"]');
    await err.waitFor({ timeout: 30_000 });
    expect(await err.textContent()).toContain('300 MB');
    await err.getByRole('button').click();
  });

  it('a large import shows progress and can be cancelled', async () => {
    const { page } = s;
    const lines = ['id;name;wert;lat;lon'];
    for (let i = 0; i < 400_000; i++)
      lines.push(`${i};Ort ${i};${i},5;52,${500000 + (i % 9999)};13,${400000 + (i % 7777)}`);
    const file = join(mkdtempSync(join(tmpdir(), 'br-e2e-')), 'gross.csv');
    writeFileSync(file, lines.join('\n'));
    // the worker reads 400k rows in about a second: a Playwright click (actionability checks over several
    // round trips) can come after the import has finished on a busy machine, so the page clicks "cancel"
    // itself as soon as the progress bar has moved
    await page.evaluate(() => {
      const w = window as unknown as { __cancelledAt?: number };
      const obs = new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="import-progress"] progress');
        const cancel = document.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]');
        if (!bar || !cancel || !(bar.value > 0)) return;
        obs.disconnect();
        w.__cancelledAt = bar.value;
        cancel.click();
      });
      obs.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    await page.waitForFunction(
      () => (window as unknown as { __cancelledAt?: number }).__cancelledAt,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const at = await page.evaluate(
      () => (window as unknown as { __cancelledAt?: number }).__cancelledAt ?? 0,
    );
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(1);
    await page.locator('[data-testid="import-progress"]').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('[data-testid="imported-datasets"] li').count()).toBe(0);
    expect(s.consoleErrors).toEqual([]);
  });

  it('a large file is read by two workers (4+ cores): rows of its second part are listed right, a quote there is parsed', async () => {
    const { page } = s;
    const dir = mkdtempSync(join(tmpdir(), 'br-e2e-'));
    // 400,000 rows, 18 MB: the import worker reads the first part, a second worker reads and scans the rest
    const write = (name: string, edit: (i: number, line: string) => string) => {
      const lines = ['id;name;wert;lat;lon'];
      for (let i = 0; i < 400_000; i++)
        lines.push(edit(i, `${i};Ort ${i};${i},5;52,${500000 + (i % 9999)};13,${400000 + (i % 7777)}`));
      const file = join(dir, name);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    };
    const report = page.locator('[data-testid="import-report"]');
    const text = (id: string) => report.locator(`[data-testid="${id}"]`).textContent();
    // the second worker is used on machines with 4 cores or more (SPLIT_MIN_CORES; this one may have 2)
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'hardwareConcurrency', { value: 4, configurable: true });
      delete window.__bildungsraum?.timings['import.tail.scanMs'];
    });
    // a row without latitude near the end: listed with its file row and column
    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles(write('zwei-teile.csv', (i, l) => (i === 390_000 ? '390000;Ort X;1,5;;13,4' : l)));
    await report.getByText('zwei-teile.csv').first().waitFor({ timeout: 60_000 });
    expect(await text('rows-read')).toBe('400.000');
    expect(await text('rows-listed')).toBe('1');
    const issue = report.locator('[data-testid="import-issues"] tbody tr').first();
    expect(await issue.locator('td').allTextContents()).toEqual([
      'nicht verwendet',
      '390002',
      'lat',
      '',
      'Koordinate fehlt',
    ]);
    // the second worker scanned the second part (its times came back with the result)
    const scanMs = await page.evaluate(() => window.__bildungsraum?.timings['import.tail.scanMs']);
    expect(scanMs).toBeGreaterThanOrEqual(0);
    // a quoted field (with the delimiter inside) only in the second part: the file is read again with
    // the quoting parser, so the row keeps its five fields and nothing is listed
    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles(
        write('zitat-hinten.csv', (i, l) =>
          i === 380_000 ? '380000;"Ort; mit Semikolon";1,5;52,5;13,4' : l,
        ),
      );
    await report.getByText('zitat-hinten.csv').first().waitFor({ timeout: 60_000 });
    expect(await text('rows-read')).toBe('400.000');
    expect(await text('rows-used')).toBe('400.000');
    expect(await text('rows-listed')).toBe('0');
    expect(s.consoleErrors).toEqual([]);
    // the machine's own core count again (the prototype's getter)
    await page.evaluate(() => Reflect.deleteProperty(navigator, 'hardwareConcurrency'));
  });

  it('the URL field loads a file from the local server; a 404 gives a clear message', async () => {
    const { page } = s;
    const url = page.getByLabel('Oder von einer Adresse (URL) laden');
    await url.fill(`${s.server.url}data/institutions/kitas.csv`);
    await page.getByRole('button', { name: 'Laden', exact: true }).click();
    const report = page.locator('[data-testid="import-report"]');
    await report.getByText('kitas.csv').first().waitFor({ timeout: 60_000 });
    const used = Number(
      ((await report.locator('[data-testid="rows-used"]').textContent()) ?? '').replace(/\./g, ''),
    );
    expect(used).toBeGreaterThan(1000);
    expect(await report.locator('[data-testid="crs"]').textContent()).toContain('EPSG:4326');
    await url.fill(`${s.server.url}data/gibt-es-nicht.csv`);
    await page.getByRole('button', { name: 'Laden', exact: true }).click();
    const err = page.locator('[data-testid="import-error"]');
    await err.waitFor({ timeout: 30_000 });
    expect(await err.textContent()).toContain('HTTP 404');
  });

  it('fixture sanity: the CSV really is Windows-1252', () => {
    const bytes = readFileSync(join(FIX, 'schulen_win1252_25833.csv'));
    expect(bytes.includes(0xfc)).toBe(true); // ü in Windows-1252
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });
});
