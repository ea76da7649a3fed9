/// <reference lib="webworker" />
/**
 * Second scanner of a large CSV import: started by the import worker as soon as a file is chosen, it
 * reads the second half of the file meanwhile and, once the import worker knows the column plan (from
 * the first chunk), scans the records from the split on (src/io/csv.ts scanTail). Its table goes back
 * with its typed arrays transferred. Any failure is reported: the import worker then scans the tail
 * itself, so the result never depends on this worker.
 */
import { scanTail, type TailTable } from '../io/csv';
import type { ScanWorkerRequest, ScanWorkerResponse } from './scanProtocol';

declare const self: DedicatedWorkerGlobalScope;

let read: Promise<ArrayBuffer> | null = null;
let from = 0;

function post(msg: ScanWorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

/** Buffers of a tail table, each once (views may share one). */
function buffers(t: TailTable): Transferable[] {
  const out = new Set<ArrayBufferLike>([t.rowNumbers.buffer, t.blanks.buffer, t.edge.buffer]);
  for (const a of t.numbers) if (a) out.add(a.buffer);
  for (const x of t.text) {
    const arrays = !x ? [] : 'codes' in x ? [x.codes, x.dictStarts, x.dictEnds] : [x.starts, x.ends];
    for (const a of arrays) out.add(a.buffer);
  }
  return [...out].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

self.onmessage = async (ev: MessageEvent<ScanWorkerRequest>) => {
  const m = ev.data;
  if (m.type === 'read') {
    from = m.from;
    read = m.file.slice(m.from).arrayBuffer();
    // a failed read is reported when the scan is asked for
    read.catch(() => {});
    return;
  }
  try {
    if (!read) throw new Error('no file');
    const w0 = performance.now();
    const buf = await read;
    const readWaitMs = performance.now() - w0;
    const { job } = m;
    if (job.at < from || job.end - from > buf.byteLength) throw new Error('tail outside the part read');
    const t0 = performance.now();
    const table = scanTail(new Uint8Array(buf, job.at - from, job.end - job.at), job);
    post({ type: 'done', table, ms: performance.now() - t0, readWaitMs }, buffers(table));
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  }
};
