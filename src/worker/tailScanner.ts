/**
 * The import worker's side of the second scanner (scan.worker.ts): started when a large file is chosen,
 * so that it reads the file's second half while the import worker reads the whole file; asked for the
 * tail once the column plan is known (ImportOptions.tail).
 */
import { TAIL_MIN_BYTES, type TailJob, type TailTable } from '../io/csv';
import type { ScanWorkerRequest, ScanWorkerResponse } from './scanProtocol';

export interface TailScanner {
  tail: (job: TailJob) => Promise<TailTable> | null;
  /** Times (ms), once the tail is back: the other worker's scan, its wait for its read of the file, and the wait of the import worker from asking for the tail until it arrived. */
  times: { scanMs: number; readWaitMs: number; roundTripMs: number } | null;
  close(): void;
}

/** A second scanner for `file`, or null when the file is too small to gain from one (or no Worker exists). */
export function startTailScanner(file: Blob | undefined): TailScanner | null {
  if (!file || file.size < 2 * TAIL_MIN_BYTES || typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module', name: 'scan' });
  } catch {
    return null;
  }
  // the split lies at 45 % of what is left once the first chunk (1 MB) is read: after 40 % of the file
  const from = Math.floor(file.size * 0.4);
  const send = (m: ScanWorkerRequest) => worker.postMessage(m);
  send({ type: 'read', file, from });
  const scanner: TailScanner = {
    times: null,
    tail(job) {
      if (job.at < from) return null;
      const asked = performance.now();
      return new Promise<TailTable>((resolve, reject) => {
        worker.onmessage = (ev: MessageEvent<ScanWorkerResponse>) => {
          const m = ev.data;
          if (m.type === 'done') {
            scanner.times = {
              scanMs: m.ms,
              readWaitMs: m.readWaitMs,
              roundTripMs: performance.now() - asked,
            };
            resolve(m.table);
          } else reject(new Error(m.message));
        };
        worker.onerror = (ev) => reject(new Error(ev.message || 'scan worker failed'));
        send({ type: 'scan', job });
      });
    },
    close() {
      worker.terminate();
    },
  };
  return scanner;
}
