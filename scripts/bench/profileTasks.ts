/**
 * What the long main-thread tasks of a CDP CPU profile (Profiler.start / Profiler.stop) consist of.
 * The profile has no task boundaries, so a "busy span" is a run of samples that are not `(idle)`
 * (gaps of idle samples shorter than `gapMs` are bridged). For the longest spans: the functions with
 * the most self time and the most inclusive time. Readable names need an unminified build
 * (`npx vite build --minify false --outDir /tmp/x`).
 */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** "function file:line" of a profile node. */
export function key(x: ProfileNode): string {
  return `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.split('/').pop()}:${x.callFrame.lineNumber + 1}`;
}

/** Nodes by id and each node's parent, for walking a sample's stack. */
export function stackIndex(p: CpuProfile): { byId: Map<number, ProfileNode>; parent: Map<number, number> } {
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  return { byId: new Map(p.nodes.map((x) => [x.id, x])), parent };
}

/** Add `ms` to every function on the stack of sample node `id` (each function once per stack). */
export function addInclusive(
  incl: Map<string, number>,
  index: ReturnType<typeof stackIndex>,
  id: number | undefined,
  ms: number,
): void {
  const seen = new Set<string>();
  while (id !== undefined) {
    const node = index.byId.get(id);
    if (!node) break;
    const k = key(node);
    if (!seen.has(k)) {
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + ms);
    }
    id = index.parent.get(id);
  }
}

/** Busy spans (ms from the profile start) with their sample index range. */
function spans(p: CpuProfile, gapMs: number): { start: number; end: number; from: number; to: number }[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  const out: { start: number; end: number; from: number; to: number }[] = [];
  let t = 0;
  let cur: { start: number; end: number; from: number; to: number } | null = null;
  for (let i = 0; i < samples.length; i++) {
    t += (deltas[i] ?? 0) / 1000;
    const idle = byId.get(samples[i])?.callFrame.functionName === '(idle)';
    if (idle) {
      if (cur && t - cur.end > gapMs) {
        out.push(cur);
        cur = null;
      }
      continue;
    }
    if (!cur) cur = { start: t, end: t, from: i, to: i };
    cur.end = t;
    cur.to = i;
  }
  if (cur) out.push(cur);
  return out;
}

function tops(p: CpuProfile, from: number, to: number, n: number): { self: string[]; incl: string[] } {
  const index = stackIndex(p);
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (let i = from; i <= to; i++) {
    // the delta of sample i+1 is the time spent in sample i
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const first = index.byId.get(samples[i]);
    if (!first) continue;
    const k0 = key(first);
    self.set(k0, (self.get(k0) ?? 0) + ms);
    addInclusive(incl, index, samples[i], ms);
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !/^\((root|idle)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`);
  return { self: fmt(self), incl: fmt(incl) };
}

/** Text report of the `count` longest busy spans of a profile. */
export function longSpanReport(p: CpuProfile, count = 3, n = 15, gapMs = 2): string[] {
  const all = spans(p, gapMs).sort((a, b) => b.end - b.start - (a.end - a.start));
  const lines: string[] = [];
  for (const s of all.slice(0, count)) {
    const { self, incl } = tops(p, s.from, s.to, n);
    lines.push(
      `profile busy span at ${s.start.toFixed(0)} ms (profile time) lasting ${(s.end - s.start).toFixed(0)} ms`,
    );
    lines.push('  self time:', ...self.map((l) => `  ${l}`));
    lines.push('  inclusive time:', ...incl.map((l) => `  ${l}`));
  }
  return lines;
}
