/**
 * Main-thread task lengths from a Chrome trace (playwright `browser.startTracing` / `stopTracing`), used by
 * the map e2e test and scripts/bench/switch.ts. Besides the wall-clock duration of each top-level task it
 * gives its thread CPU time, which — unlike the "longtask" observer — is not inflated when other processes
 * compete for the CPU (shared CI machines).
 */
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** Longest top-level task (wall and thread CPU time, ms) on the renderer main thread of a trace. */
export function longestTraceTask(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): {
  wall: number;
  cpu: number;
} {
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let wall = 0;
  let cpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')) continue;
    if (!mains.has(`${e.pid}:${e.tid}`)) continue;
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
