/**
 * Where the main thread spends the cold start: a CPU profile (CDP Profiler, 0.5 ms sampling) of the page from
 * navigation to "map idle", summarised as self time and inclusive time per function (top 30 / 45).
 * Function names in the minified bundle are short, but deck.gl/luma.gl/MapLibre method names survive.
 *
 *   npx vite build && npx tsx scripts/bench/startup-profile.ts
 */
import { gotoApp, openApp } from '../../tests/e2e/harness';

const s = await openApp();
const cdp = await s.page.context().newCDPSession(s.page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
await cdp.send('Profiler.start');
const r = await gotoApp(s);
const { profile } = (await cdp.send('Profiler.stop')) as {
  profile: {
    nodes: {
      id: number;
      callFrame: { functionName: string; url: string; lineNumber: number };
      children?: number[];
    }[];
    samples: number[];
    timeDeltas: number[];
  };
};
console.log('mapIdle', r.mapIdleMs);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byKey = new Map<string, number>();
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  byKey.set(k, (byKey.get(k) ?? 0) + t);
}
console.log(
  [...byKey]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, v]) => `${(v / 1000).toFixed(0)} ms ${k}`)
    .join('\n'),
);
// inclusive by top-level-ish frames: walk up from each sample, count each distinct key once
const incl = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const seen = new Set<string>();
  let cur: number | undefined = id;
  while (cur !== undefined) {
    const n = nodeById.get(cur);
    if (!n) break;
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    if (!seen.has(k)) {
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
    cur = parent.get(cur);
  }
});
console.log('--- inclusive');
console.log(
  [...incl]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 45)
    .map(([k, v]) => `${(v / 1000).toFixed(0)} ms ${k}`)
    .join('\n'),
);
await s.close();
