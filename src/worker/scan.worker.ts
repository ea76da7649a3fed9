/// <reference lib="webworker" />
/**
 * Second scanner of a large CSV import: started by the import worker as soon as a file is chosen, it
 * reads the file's second part meanwhile (the import worker reads only the part before it) and checks
 * it for quotes and UTF-8 validity; once the import worker knows the column plan (from the first
 * chunk), it scans the records from the split on (src/io/csv.ts scanTail). Its table goes back with its
 * typed arrays and the bytes it read transferred (the import worker needs them for text values). Any
 * failure is reported: the import worker then reads and scans the tail itself, so the result never
 * depends on this worker.
 */
import { scanTail, type TailTable } from '../io/csv';
import { asciiCut, type ByteCheck, checkBytes } from '../io/encoding';
import type { ScanWorkerRequest, ScanWorkerResponse } from './scanProtocol';

declare const self: DedicatedWorkerGlobalScope;

let read: Promise<{ bytes: Uint8Array<ArrayBuffer>; check: ByteCheck | null; ms: number }> | null = null;
let from = 0;
/** The bytes went back to the import worker. */
let given = false;

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

async function readPart(file: Blob, rest: number) {
  const t0 = performance.now();
  const bytes = new Uint8Array(await file.slice(from).arrayBuffer());
  // checked while the import worker still works on the plan
  const cut = asciiCut(bytes, from, rest);
  const check = cut < 0 ? null : checkBytes(bytes, from, cut);
  return { bytes, check, ms: performance.now() - t0 };
}

self.onmessage = async (ev: MessageEvent<ScanWorkerRequest>) => {
  const m = ev.data;
  if (m.type === 'read') {
    from = m.from;
    read = readPart(m.file, m.rest);
    // a failed read is reported when the scan is asked for
    read.catch(() => {});
    return;
  }
  try {
    if (!read || given) throw new Error('no file');
    const w0 = performance.now();
    const { bytes, check, ms: readMs } = await read;
    const readWaitMs = performance.now() - w0;
    if (m.type === 'bytes') {
      given = true;
      post({ type: 'bytes', bytes, from }, [bytes.buffer]);
      return;
    }
    const { job } = m;
    if (job.at < from || job.end - from > bytes.length) throw new Error('tail outside the part read');
    const t0 = performance.now();
    const table = scanTail(bytes.subarray(job.at - from, job.end - from), job);
    given = true;
    const ms = performance.now() - t0;
    const sentAt = performance.timeOrigin + performance.now();
    post({ type: 'done', table, ms, readWaitMs, readMs, sentAt, bytes, from, check }, [
      ...buffers(table),
      bytes.buffer,
    ]);
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  }
};
