/**
 * Main-thread task lengths from a Chrome trace (playwright `browser.startTracing` / `stopTracing`), used by
 * the map e2e test and scripts/bench/switch.ts. Besides the wall-clock duration of each top-level task it
 * gives its thread CPU time, which — unlike the "longtask" observer — is not inflated when other processes
 * compete for the CPU (shared CI machines).
 */
import type { Browser, Page } from 'playwright-core';

/** One event of a Chrome trace (the fields the benches and tests read). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { type?: string; functionName?: string; url?: string } };
}

/** Complete events ('X') on the renderer main thread of a trace. */
export function mainThreadEvents(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): TraceEvent[] {
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
}

/** A top-level task event (the run of one task on a thread). */
export const isTask = (e: TraceEvent): boolean =>
  e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';

export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** Longest top-level task (wall and thread CPU time, ms) on the renderer main thread of a trace. */
export function longestTraceTask(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): {
  wall: number;
  cpu: number;
} {
  let wall = 0;
  let cpu = 0;
  for (const e of mainThreadEvents(trace)) {
    if (!isTask(e)) continue;
    wall = Math.max(wall, (e.dur ?? 0) / 1000);
    cpu = Math.max(cpu, (e.tdur ?? 0) / 1000);
  }
  return { wall, cpu };
}

/** Run `act` while tracing the page; returns the longest main-thread task of that span. */
export async function traceLongestTask(
  browser: Browser,
  page: Page,
  act: () => Promise<void>,
): Promise<{ wall: number; cpu: number }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await act();
  const buf = await browser.stopTracing();
  return longestTraceTask(JSON.parse(buf.toString('utf8')));
}

/**
 * What the longest main-thread task of a trace consists of: its direct child events (name, wall and CPU ms,
 * with the script URL or callback kind when the trace names one), longest CPU first. For benches.
 */
export function longestTaskBreakdown(
  trace: { traceEvents?: TraceEvent[] } | TraceEvent[],
  n = 8,
): { wall: number; cpu: number; parts: string[] } {
  const onMain = mainThreadEvents(trace);
  let task: TraceEvent | undefined;
  for (const e of onMain) if (isTask(e) && (!task || (e.tdur ?? 0) > (task.tdur ?? 0))) task = e;
  if (!task) return { wall: 0, cpu: 0, parts: [] };
  const t0 = task.ts ?? 0;
  const t1 = t0 + (task.dur ?? 0);
  const inside = onMain.filter(
    (e) => e !== task && !isTask(e) && (e.ts ?? 0) >= t0 && (e.ts ?? 0) + (e.dur ?? 0) <= t1,
  );
  // direct children: not contained in another event of the task
  const direct = inside.filter(
    (e) =>
      !inside.some(
        (o) =>
          o !== e &&
          (o.ts ?? 0) <= (e.ts ?? 0) &&
          (o.ts ?? 0) + (o.dur ?? 0) >= (e.ts ?? 0) + (e.dur ?? 0) &&
          (o.dur ?? 0) > (e.dur ?? 0),
      ),
  );
  const label = (e: TraceEvent) => {
    const d = e.args?.data;
    const what = d?.type ?? d?.functionName ?? (d?.url ? d.url.split('/').pop() : '');
    return `${e.name}${what ? ` (${what})` : ''}`;
  };
  const parts = direct
    .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
    .slice(0, n)
    .map(
      (e) =>
        `${((e.dur ?? 0) / 1000).toFixed(1)} ms wall, ${((e.tdur ?? 0) / 1000).toFixed(1)} ms CPU  ${label(e)}`,
    );
  return { wall: (task.dur ?? 0) / 1000, cpu: (task.tdur ?? 0) / 1000, parts };
}
