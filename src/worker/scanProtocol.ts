/** Messages between import.worker.ts and scan.worker.ts (the second scanner of a large CSV). */
import type { TailJob, TailTable } from '../io/csv';
import type { ByteCheck } from '../io/encoding';

export type ScanWorkerRequest =
  /**
   * Read the file from byte `from` on (sent when the file is chosen, before the plan is known) and check
   * it from `rest` on (the import worker reads and checks the bytes before; `from` = `rest` − 1).
   */
  | { type: 'read'; file: Blob; from: number; rest: number }
  /** Scan file bytes [job.at, job.end) (offsets in the file). */
  | { type: 'scan'; job: TailJob }
  /** Send the bytes read (the file is to be read whole after all). */
  | { type: 'bytes' };

export type ScanWorkerResponse =
  /**
   * `ms`: the scan; `readWaitMs`: how long the scan request waited for this worker's read of the file.
   * `bytes`: the file from `from` on (transferred), `check`: of the file from its `from` on.
   */
  | {
      type: 'done';
      table: TailTable;
      ms: number;
      readWaitMs: number;
      /** The read of the part (with its check). */
      readMs: number;
      /** When this was sent (performance.timeOrigin + performance.now()). */
      sentAt: number;
      bytes: Uint8Array<ArrayBuffer>;
      from: number;
      check: ByteCheck | null;
    }
  | { type: 'bytes'; bytes: Uint8Array<ArrayBuffer>; from: number }
  | { type: 'error'; message: string };
