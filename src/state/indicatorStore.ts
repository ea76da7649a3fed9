/**
 * Active indicator of the choropleth, its classification and the engine output for the current filters.
 *
 *   useIndicatorStore((s) => s.indicatorId)        // catalogue id, e.g. 'pupils_per_teacher_2024_25'
 *   useIndicatorStore((s) => s.results)            // ComputeResult for all levels (null until computed)
 *   useIndicatorStore.getState().setIndicator(id)
 *
 * `results` is written by src/state/engineSync.ts (the engine runs in the data worker); views only read it.
 */
import { create } from 'zustand';
import { INDICATOR_BY_ID } from '../indicators/catalogue';
import type { ClassifyMethod } from '../indicators/classify';
import type { IndicatorResults } from '../indicators/compute';

/** Engine output (alias of compute.ts `IndicatorResults`). */
export type ComputeResult = IndicatorResults;

export interface IndicatorClassification {
  method: ClassifyMethod;
  classes: number;
  breaks?: number[];
  sdStep?: 1 | 0.5;
}

export type ComputeStatus = 'idle' | 'computing' | 'ready' | 'error';

export interface IndicatorState {
  indicatorId: string | null;
  classification: IndicatorClassification;
  results: ComputeResult | null;
  status: ComputeStatus;
  error?: string;
  /** Milliseconds the last compute took in the worker (for the bench / e2e probe). */
  computeMs?: number;
  setIndicator: (id: string | null) => void;
  setClassification: (c: IndicatorClassification) => void;
  /** Written by the engine sync only. */
  setResults: (
    results: ComputeResult | null,
    status: ComputeStatus,
    error?: string,
    computeMs?: number,
  ) => void;
}

export const DEFAULT_INDICATOR = 'pupils_per_teacher_2024_25';

/**
 * Default indicator per area layer (others: DEFAULT_INDICATOR). On the Planungsräume pupils per teacher
 * exist only where schools are (mostly "no data"), so they open with the MSS status; the Einschulbereiche
 * with the estimated children of primary-school age. Used by the level switch (wiring.ts) and by links
 * without an indicator (urlSync.ts).
 */
export const LEVEL_DEFAULT_INDICATOR: Readonly<Record<string, string>> = {
  plr: 'mss_status',
  esb: 'esb_pop_6_15',
};

export function defaultIndicatorFor(level: string): string {
  return LEVEL_DEFAULT_INDICATOR[level] ?? DEFAULT_INDICATOR;
}

export const DEFAULT_CLASSIFICATION: IndicatorClassification = { method: 'quantile', classes: 5 };

export const useIndicatorStore = create<IndicatorState>((set) => ({
  indicatorId: INDICATOR_BY_ID.has(DEFAULT_INDICATOR) ? DEFAULT_INDICATOR : null,
  classification: { ...DEFAULT_CLASSIFICATION },
  results: null,
  status: 'idle',
  setIndicator: (id) => set({ indicatorId: id !== null && INDICATOR_BY_ID.has(id) ? id : null }),
  setClassification: (classification) => set({ classification }),
  setResults: (results, status, error, computeMs) => set({ results, status, error, computeMs }),
}));
