/** Messages between the main thread (importClient.ts) and import.worker.ts. */
import type { CrsId } from '../io/crs';
import type { ImportJoin, ImportPayload } from '../io/payload';
import type { ColumnOverride, ImportPhase } from '../io/types';

/** Objects per 'part' message. */
export const PART_SIZE = 500;

/**
 * Fewest logical cores for a second scanner of a large CSV (scan.worker.ts). With two, the two workers
 * share them with the page, the browser's file reading and the software renderer: a 1M-row file (60 MB)
 * went at a median 53 MB/s in one worker and 47 MB/s in two on the 2-core test machine
 * (scripts/bench/import.ts, 6 and 9 runs).
 */
export const SPLIT_MIN_CORES = 4;

export interface ImportWorkerRequest {
  name: string;
  file?: Blob;
  url?: string;
  sheet?: string | number;
  overrides?: Record<string, ColumnOverride>;
  crs?: CrsId;
  /**
   * Absolute URL of the Planungsräume TopoJSON: point data is then joined to the PLR after the import
   * (the worker posts 'done' first, then 'joined' or 'join-failed').
   */
  plrTopoUrl?: string;
  /** A large CSV may be read and scanned by a second worker (set by the client from the machine's cores). */
  secondScanner?: boolean;
}

/**
 * Start the join announced by `joinPending`: sent once the main thread has shown the result, so that the
 * join's CPU does not compete with the frames that draw it (two cores: the page, the worker, the renderer).
 */
export interface ImportWorkerJoin {
  join: true;
}

/**
 * The second scanner of a large CSV, in ms: its read of its part (with the check), its scan, how long the
 * scan request waited for that read, how long its answer waited for the import worker (busy with its own
 * part), and the whole round trip from asking for the tail to having it.
 */
export interface TailTimes {
  readMs: number;
  scanMs: number;
  readWaitMs: number;
  answerWaitMs: number;
  roundTripMs: number;
}

/** Time spent in the worker (ms): reading the file, the import pipeline, building the payload. */
export interface ImportTiming {
  readMs: number;
  importMs: number;
  payloadMs: number;
  /** The second scanner of a large CSV (see tailScanner.ts). */
  tail?: TailTimes;
  /** Time since the read of each step of the import (ImportOptions.mark), in order. */
  steps?: [string, number][];
}

export type ImportWorkerResponse =
  | { type: 'progress'; fraction: number; phase: ImportPhase }
  /** Features / keyed rows in slices, so that no single message blocks the main thread while it is deserialised. */
  | {
      type: 'part';
      features?: ImportPayload['features']['features'];
      keyed?: NonNullable<ImportPayload['keyed']>['rows'];
    }
  /**
   * `joinPending`: the worker joins the points to the Planungsräume once sent ImportWorkerJoin, then posts
   * 'joined' / 'join-failed' (it stays alive until then).
   */
  | { type: 'done'; payload: ImportPayload; joinPending?: boolean; timing: ImportTiming }
  | { type: 'joined'; join: ImportJoin }
  | { type: 'join-failed'; message: string }
  | { type: 'error'; message: string };
