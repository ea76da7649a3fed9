/**
 * Main-thread side of the import worker: one worker per import, terminated when done or cancelled
 * (cancel stops parsing immediately, even in the middle of a chunk). When the user is about to import
 * (prepareImportWorker), the next import's worker is made ahead.
 */
import type { ImportJoin, ImportPayload } from '../io/payload';
import type { ImportPhase } from '../io/types';
import { recordTiming } from '../state/perf';
import {
  type ImportWorkerJoin,
  type ImportWorkerRequest,
  type ImportWorkerResponse,
  SPLIT_MIN_CORES,
} from './importProtocol';

export interface ImportJob {
  promise: Promise<ImportPayload>;
  cancel(): void;
}

/** Called once the join of point data to the Planungsräume is done (after `promise` resolved). */
export type JoinCallback = (join: ImportJoin | null, error?: string) => void;

export class ImportCancelledError extends Error {
  constructor() {
    super('Import abgebrochen');
    this.name = 'ImportCancelledError';
  }
}

export type WorkerFactory = () => Worker;

let factory: WorkerFactory = () =>
  new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' });

/** The next import's worker, made ahead by prepareImportWorker. */
let spare: Worker | null = null;

/** Replace the worker factory (tests); a worker made ahead by the old one is dropped. */
export function setImportWorkerFactory(f: WorkerFactory): void {
  factory = f;
  spare?.terminate();
  spare = null;
}

/**
 * Make the next import's worker now, for when a user shows that an import comes (points at or focuses
 * the import area, drags a file over the page): the worker's module (the whole import pipeline) is
 * fetched, compiled and run before the file is chosen, not in the seconds after, when the worker, the
 * page and (without a GPU) the renderer already share the cores. Does nothing when one is ready; the
 * worker is kept until an import takes it.
 */
export function prepareImportWorker(): void {
  if (spare) return;
  try {
    spare = factory();
  } catch {
    // no workers here (e.g. a test environment): the import makes its own and reports the failure
    spare = null;
  }
}

/** After the result is shown (JOIN_DELAY_MS after the next two frames), start the worker's join. */
const JOIN_DELAY_MS = 100;
function askForJoin(worker: Worker): void {
  const msg: ImportWorkerJoin = { join: true };
  const later = () => setTimeout(() => worker.postMessage(msg), JOIN_DELAY_MS);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => requestAnimationFrame(later));
  else later();
}

export function startImport(
  req: ImportWorkerRequest,
  onProgress: (fraction: number, phase: ImportPhase) => void,
  onJoin?: JoinCallback,
): ImportJob {
  const worker = spare ?? factory();
  spare = null;
  let settle: { reject: (e: Error) => void } | null = null;
  const promise = new Promise<ImportPayload>((resolve, reject) => {
    settle = { reject };
    const features: ImportPayload['features']['features'] = [];
    const keyed: NonNullable<ImportPayload['keyed']>['rows'] = [];
    worker.onmessage = (ev: MessageEvent<ImportWorkerResponse>) => {
      const m = ev.data;
      if (m.type === 'progress') onProgress(m.fraction, m.phase);
      else if (m.type === 'part') {
        if (m.features) for (const f of m.features) features.push(f);
        if (m.keyed) for (const r of m.keyed) keyed.push(r);
      } else if (m.type === 'joined' || m.type === 'join-failed') {
        worker.terminate();
        if (m.type === 'joined') onJoin?.(m.join);
        else onJoin?.(null, m.message);
      } else {
        // the worker stays alive for the join of point data (it holds the full table, the main thread does not)
        if (m.type !== 'done' || !m.joinPending) worker.terminate();
        if (m.type === 'done') {
          recordTiming('import.readMs', m.timing.readMs);
          recordTiming('import.workerMs', m.timing.importMs);
          recordTiming('import.payloadMs', m.timing.payloadMs);
          for (const [step, ms] of m.timing.steps ?? []) recordTiming(`import.step.${step}`, ms);
          const tail = m.timing.tail;
          if (tail) {
            for (const [k, v] of Object.entries(tail)) recordTiming(`import.tail.${k}`, v);
          }
          const p = m.payload;
          p.features = { type: 'FeatureCollection', features };
          if (p.keyed) p.keyed = { ...p.keyed, rows: keyed };
          resolve(p);
          if (m.joinPending) askForJoin(worker);
        } else reject(new Error(m.message));
      }
    };
    worker.onerror = (ev) => {
      worker.terminate();
      reject(new Error(`Import-Worker abgestürzt: ${ev.message || 'unbekannter Fehler'}`));
    };
    const cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
    worker.postMessage({ ...req, secondScanner: req.secondScanner ?? cores >= SPLIT_MIN_CORES });
  });
  return {
    promise,
    cancel() {
      worker.terminate();
      (settle as { reject: (e: Error) => void } | null)?.reject(new ImportCancelledError());
    },
  };
}
