/** Messages between import.worker.ts and scan.worker.ts (the second scanner of a large CSV). */
import type { TailJob, TailTable } from '../io/csv';

export type ScanWorkerRequest =
  /** Read the file from byte `from` on (sent when the file is chosen, before the plan is known). */
  | { type: 'read'; file: Blob; from: number }
  /** Scan file bytes [job.at, job.end) (offsets in the file). */
  | { type: 'scan'; job: TailJob };

export type ScanWorkerResponse =
  /** `ms`: the scan; `readWaitMs`: how long the scan request waited for this worker's read of the file. */
  { type: 'done'; table: TailTable; ms: number; readWaitMs: number } | { type: 'error'; message: string };
