/**
 * Startup instrumentation, read by the e2e tests and scripts/bench/startup.ts:
 * `window.__bildungsraum = { mapIdle, timings }`. Timings are `performance.now()` values,
 * i.e. milliseconds since navigation start.
 */
export interface AppProbe {
  /** True once MapLibre is idle and deck.gl has drawn the current data layers. */
  mapIdle: boolean;
  /** Number of times the map reached idle with data drawn (grows after a level change). */
  idleCount: number;
  timings: Record<string, number>;
  /** deck.gl frames drawn so far (should stay still while the map is idle). */
  deckFrames: number;
  /** deck.gl frames skipped because only hidden layers changed (see map/redrawGate.ts). */
  deckFramesSkipped: number;
}

declare global {
  interface Window {
    __bildungsraum?: AppProbe;
  }
}

function probe(): AppProbe | null {
  if (typeof window === 'undefined') return null;
  if (!window.__bildungsraum)
    window.__bildungsraum = {
      mapIdle: false,
      idleCount: 0,
      timings: {},
      deckFrames: 0,
      deckFramesSkipped: 0,
    };
  return window.__bildungsraum;
}

/** Record a measured duration (ms), replacing an earlier value of the same name (benchmarks read it). */
export function recordTiming(name: string, ms: number): void {
  const p = probe();
  if (p) p.timings[name] = Math.round(ms);
}

/** Record the first time a milestone is reached. */
export function markTiming(name: string): void {
  const p = probe();
  if (p && p.timings[name] === undefined) p.timings[name] = Math.round(performance.now());
}

export function setMapIdle(idle: boolean): void {
  const p = probe();
  if (!p) return;
  if (idle && !p.mapIdle) {
    p.idleCount += 1;
    markTiming('mapIdle');
  }
  p.mapIdle = idle;
}

/** Count one deck.gl frame. */
export function countDeckFrame(): void {
  const p = probe();
  if (p) p.deckFrames += 1;
}

/** Count one deck.gl frame skipped (nothing visible changed). */
export function countSkippedDeckFrame(): void {
  const p = probe();
  if (p) p.deckFramesSkipped += 1;
}
