/**
 * Startup benchmark: headless Chromium (SwiftShader) time from navigation to "map idle"
 * (MapLibre idle and deck.gl has drawn the default data layers) against the built app.
 *
 *   npx vite build && npx tsx scripts/bench/startup.ts [runs=3]
 *
 * Prints one line per run with the app's milestones, then min / median / max.
 */
import { gotoApp, openApp } from '../../tests/e2e/harness';

const runs = Math.max(1, Number(process.argv[2] ?? 3) || 3);
const results: number[] = [];

for (let i = 0; i < runs; i++) {
  const s = await openApp();
  try {
    const { mapIdleMs, timings } = await gotoApp(s);
    results.push(mapIdleMs);
    const milestones = Object.entries(timings)
      .sort((a, b) => a[1] - b[1])
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(`run ${i + 1}: navigation → map idle ${mapIdleMs} ms  (${milestones})`);
    if (s.foreignRequests.length > 0)
      console.log(`  WARNING: non-local requests: ${s.foreignRequests.join(', ')}`);
    if (s.consoleErrors.length > 0) console.log(`  WARNING: console errors: ${s.consoleErrors.join(' | ')}`);
  } finally {
    await s.close();
  }
}

const sorted = [...results].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(
  `startup (navigation → map idle, headless Chromium/SwiftShader, ${runs} runs): ` +
    `min ${sorted[0]} ms, median ${median} ms, max ${sorted[sorted.length - 1]} ms`,
);
