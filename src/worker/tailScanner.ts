/**
 * The import worker's side of the second scanner (scan.worker.ts), for a large file: the other worker
 * reads the file from `rest` on (and checks it) while this one reads only the part before it plus a
 * margin in which the tail's first record starts; the other worker scans the tail once the column plan
 * is known and sends its table with its bytes. Each part of the file is read once, the two parts at the
 * same time in two threads, and neither is copied into one buffer (text values of the tail are read
 * from the tail's bytes, see ScannedText).
 */
import { TAIL_MIN_BYTES, type TailJob, tailStart } from '../io/csv';
import type { ImportHooks } from '../io/importFile';
import type { TailTimes } from './importProtocol';
import type { ScanWorkerRequest, ScanWorkerResponse } from './scanProtocol';

/** Bytes read past `rest` by the import worker: the record that starts the tail must begin in them. */
const HEAD_MARGIN = 1 << 20;

export interface SplitRead {
  /** The file's first part: bytes [0, rest + margin). */
  bytes: Uint8Array<ArrayBuffer>;
  hooks: ImportHooks;
  /** Times, once the tail is back. */
  times: TailTimes | null;
  close(): void;
}

/**
 * Start reading a large file in two workers, or null when the file is too small to gain from that (or
 * no Worker exists). Resolves once this worker's part is read. Only asked for on machines with enough
 * cores (ImportWorkerRequest.secondScanner).
 */
export async function readSplit(file: Blob): Promise<SplitRead | null> {
  if (file.size < 2 * TAIL_MIN_BYTES || typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module', name: 'scan' });
  } catch {
    return null;
  }
  const size = file.size;
  const rest = tailStart(size);
  const from = rest - 1;
  const send = (m: ScanWorkerRequest) => worker.postMessage(m);
  send({ type: 'read', file, from, rest });
  const bytes = new Uint8Array(await file.slice(0, Math.min(size, rest + HEAD_MARGIN)).arrayBuffer());
  /** One request at a time: the answer to the last message sent. */
  const ask = (m: ScanWorkerRequest) =>
    new Promise<ScanWorkerResponse>((resolve) => {
      worker.onmessage = (ev: MessageEvent<ScanWorkerResponse>) => resolve(ev.data);
      worker.onerror = (ev) => resolve({ type: 'error', message: ev.message || 'scan worker failed' });
      send(m);
    });
  let other: Promise<{ bytes: Uint8Array; from: number }> | null = null;
  const split: SplitRead = {
    bytes,
    times: null,
    close: () => worker.terminate(),
    hooks: {
      head: {
        size,
        rest,
        other() {
          // the other worker's bytes, or (when it has failed) read here
          other ??= ask({ type: 'bytes' }).then(async (m) =>
            m.type === 'bytes' ? m : { bytes: new Uint8Array(await file.slice(from).arrayBuffer()), from },
          );
          return other;
        },
      },
      tail(job: TailJob) {
        if (job.at < rest) return null;
        const asked = performance.now();
        return ask({ type: 'scan', job }).then((m) => {
          if (m.type !== 'done') throw new Error(m.type === 'error' ? m.message : 'unexpected answer');
          // its bytes from the tail's first byte on: the table's offsets count from there
          const table = { ...m.table, bytes: m.bytes.subarray(job.at - m.from) };
          other = Promise.resolve({ bytes: m.bytes, from: m.from });
          const now = performance.now();
          split.times = {
            readMs: m.readMs,
            scanMs: m.ms,
            readWaitMs: m.readWaitMs,
            answerWaitMs: performance.timeOrigin + now - m.sentAt,
            roundTripMs: now - asked,
          };
          return { table, check: m.check };
        });
      },
    },
  };
  return split;
}
