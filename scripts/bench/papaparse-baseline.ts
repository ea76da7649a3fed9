/**
 * Baseline for the CSV import benchmark (scripts/bench/import.ts): plain papaparse on the same generated
 * 1M-row WGS84 CSV, without the app's pipeline (no detection, validation, reprojection, locating).
 *
 *   npx tsx scripts/bench/papaparse-baseline.ts [--rows 1000000] [--node | --browser]
 *
 * 1. Node: bytes → TextDecoder → Papa.parse(header, dynamicTyping false) → MB/s.
 * 2. Headless Chromium, on the MAIN THREAD of a blank page (papaparse/papaparse.min.js injected): the same
 *    decode + parse; the whole parse is one task, so it blocks the page for its full duration — reported as
 *    the longest main-thread task (PerformanceObserver 'longtask').
 * Prints human lines and machine-readable FIGURE lines (collected by scripts/bench/all.ts).
 */
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/harness';

const args = process.argv.slice(2);
const ROWS = Number(args[args.indexOf('--rows') + 1]) || 1_000_000;
const NODE_ONLY = args.includes('--node');
const BROWSER_ONLY = args.includes('--browser');
const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The same rows as makeWgs84Csv in scripts/bench/import.ts (id,name,kategorie,wert,lat,lon), as one string.
 * Kept as a function without closures so that it can also run inside the page (page.evaluate).
 */
function makeWgs84CsvText(rows: number): string {
  const cats = ['Grundschule', 'Gymnasium', 'ISS', 'Förderschule'];
  const parts: string[] = ['id,name,kategorie,wert,lat,lon\n'];
  for (let i = 0; i < rows; i += 10_000) {
    let s = '';
    for (let k = i; k < Math.min(rows, i + 10_000); k++) {
      const lat = 52.34 + ((k * 7919) % 33000) / 100000;
      const lon = 13.1 + ((k * 104729) % 65000) / 100000;
      s += `${k},Einrichtung ${k % 5000},${cats[k % 4]},${((k * 37) % 100000) / 100},${lat.toFixed(6)},${lon.toFixed(6)}\n`;
    }
    parts.push(s);
  }
  return parts.join('');
}

const fmt = (n: number, d = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function nodeRun(): number {
  const bytes = new TextEncoder().encode(makeWgs84CsvText(ROWS));
  // warm-up on a slice (JIT)
  Papa.parse(new TextDecoder().decode(bytes.subarray(0, 200_000)), { header: true, dynamicTyping: false });
  const t0 = performance.now();
  const r = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  const ms = performance.now() - t0;
  const mb = bytes.length / 1e6;
  console.log(
    `node   plain papaparse: ${fmt(mb / (ms / 1000))} MB/s (${fmt(mb)} MB, ${r.data.length.toLocaleString('en-US')} rows in ${fmt(ms / 1000, 2)} s)`,
  );
  console.log(
    `FIGURE import.papaparse_node_MBps ${fmt(mb / (ms / 1000))} MB/s (plain Papa.parse, header, no typing; ${fmt(mb)} MB, ${r.data.length} rows)`,
  );
  return mb / (ms / 1000);
}

async function browserRun(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __tasks: number[] };
      w.__tasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto('about:blank');
    await page.addScriptTag({ path: resolve(ROOT, 'node_modules/papaparse/papaparse.min.js') });
    // generate the bytes in the page (no 40 MB transfer), outside the measured task
    await page.evaluate(
      ({ src, rows }) => {
        const make = new Function(`return (${src})`)() as (n: number) => string;
        (window as unknown as { __bytes: Uint8Array }).__bytes = new TextEncoder().encode(make(rows));
      },
      { src: makeWgs84CsvText.toString(), rows: ROWS },
    );
    await page.waitForTimeout(300);
    const res = await page.evaluate(async () => {
      const w = window as unknown as {
        __bytes: Uint8Array;
        __tasks: number[];
        Papa: typeof import('papaparse');
      };
      w.__tasks.length = 0;
      // run as a task of the page's event loop (a timer), as an app's handler would
      const { ms, r } = await new Promise<{ ms: number; r: { data: unknown[] } }>((ok) =>
        setTimeout(() => {
          const t0 = performance.now();
          const r = w.Papa.parse<Record<string, string>>(new TextDecoder().decode(w.__bytes), {
            header: true,
            skipEmptyLines: true,
            dynamicTyping: false,
          });
          ok({ ms: performance.now() - t0, r });
        }, 0),
      );
      await new Promise((ok) => setTimeout(ok, 200)); // let the longtask entry arrive
      return { ms, rows: r.data.length, bytes: w.__bytes.length, longest: Math.max(0, ...w.__tasks) };
    });
    const mb = res.bytes / 1e6;
    console.log(
      `chrome plain papaparse on the main thread: ${fmt(mb / (res.ms / 1000))} MB/s (${fmt(mb)} MB, ${res.rows.toLocaleString('en-US')} rows in ${fmt(res.ms / 1000, 2)} s); longest main-thread task ${fmt(res.longest, 0)} ms`,
    );
    console.log(
      `FIGURE import.papaparse_main_thread_MBps ${fmt(mb / (res.ms / 1000))} MB/s (headless Chromium, plain Papa.parse on the main thread; ${fmt(mb)} MB, ${res.rows} rows; longest main-thread task ${fmt(res.longest, 0)} ms)`,
    );
  } finally {
    await browser.close();
  }
}

if (!BROWSER_ONLY) nodeRun();
if (!NODE_ONLY) await browserRun();
