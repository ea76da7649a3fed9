/// <reference lib="webworker" />
/**
 * Import worker: reads the file (or fetches the URL), runs the import pipeline and posts progress per
 * chunk and a compact payload (typed arrays transferred). Cancel = the client terminates the worker.
 */

import { topoToAreas } from '../datasets/parse';
import type { AreaFeature } from '../domain/types';
import type { CrsId } from '../io/crs';
import type { ImportHooks } from '../io/importFile';
import { importBytes, tooLargeMessage } from '../io/importFile';
import { buildPayload, type ImportJoin } from '../io/payload';
import { type ColumnOverride, type ImportPhase, MAX_IMPORT_BYTES } from '../io/types';
import { buildLorJoiner } from '../spatial/pointJoin';
import {
  type ImportWorkerJoin,
  type ImportWorkerRequest,
  type ImportWorkerResponse,
  PART_SIZE,
} from './importProtocol';
import { readSplit, type SplitRead } from './tailScanner';

declare const self: DedicatedWorkerGlobalScope;

/** Least time between two progress messages (ms). */
const PROGRESS_MS = 250;

function post(msg: ImportWorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

interface Input {
  bytes: Uint8Array;
  name: string;
  /** A large file read in two workers (see tailScanner.ts). */
  split?: SplitRead;
}

async function readInput(req: ImportWorkerRequest): Promise<Input | string> {
  if (req.file) {
    if (req.file.size > MAX_IMPORT_BYTES) return tooLargeMessage(req.name, req.file.size, MAX_IMPORT_BYTES);
    const split = req.secondScanner ? await readSplit(req.file) : null;
    if (split) return { bytes: split.bytes, name: req.name, split };
    return { bytes: new Uint8Array(await req.file.arrayBuffer()), name: req.name };
  }
  if (!req.url) return 'Keine Datei und keine URL angegeben.';
  let res: Response;
  try {
    res = await fetch(req.url);
  } catch (e) {
    return `${req.url} konnte nicht geladen werden (Netzwerkfehler oder der Server erlaubt keinen Abruf aus dem Browser/CORS): ${(e as Error).message}`;
  }
  if (!res.ok) return `${req.url} konnte nicht geladen werden: HTTP ${res.status} ${res.statusText}`.trim();
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len > MAX_IMPORT_BYTES) return tooLargeMessage(req.name, len, MAX_IMPORT_BYTES);
  const buf = new Uint8Array(await res.arrayBuffer());
  return { bytes: buf, name: req.name };
}

/** Used points per Planungsraum: PLR by geometry (grid index of src/spatial), points compacted first. */
async function joinToPlr(
  url: string,
  lon: Float64Array,
  lat: Float64Array,
  used: Uint8Array,
): Promise<ImportJoin> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const areas = topoToAreas(url, await res.json()).value;
  if (areas.features.length === 0) throw new Error(`${url}: keine Planungsräume`);
  const t0 = performance.now();
  const joiner = buildLorJoiner(areas.features as unknown as AreaFeature[]);
  let n = 0;
  for (let i = 0; i < used.length; i++) if (used[i] && !Number.isNaN(lon[i])) n++;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0, k = 0; i < used.length; i++)
    if (used[i] && !Number.isNaN(lon[i])) {
      xs[k] = lon[i];
      ys[k++] = lat[i];
    }
  const plr = joiner.locatePlr(xs, ys);
  const plrIds = joiner.levelIds.plr.slice();
  const counts = new Int32Array(plrIds.length);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const k = plr[i];
    if (k < 0) outside++;
    else counts[k]++;
  }
  return { plrIds, counts, outside, points: n, ms: performance.now() - t0 };
}

/** Resolves when the main thread asks for the join (ImportWorkerJoin). */
let joinAsked: () => void = () => {};
const joinStart = new Promise<void>((resolve) => {
  joinAsked = resolve;
});

self.onmessage = async (ev: MessageEvent<ImportWorkerRequest | ImportWorkerJoin>) => {
  if ('join' in ev.data) {
    joinAsked();
    return;
  }
  const req = ev.data;
  // a large file: a second worker reads its second part meanwhile and scans it once the plan is known
  let scanner: SplitRead | undefined;
  try {
    post({ type: 'progress', fraction: 0, phase: 'decode' });
    const t0 = performance.now();
    const input = await readInput(req);
    const t1 = performance.now();
    if (typeof input === 'string') {
      post({ type: 'error', message: input });
      return;
    }
    scanner = input.split;
    const hooks: ImportHooks = scanner?.hooks ?? {};
    const steps: [string, number][] = [];
    let lastPost = 0;
    let lastPhase: ImportPhase | null = null;
    const result = await importBytes(
      input.bytes,
      {
        fileName: input.name,
        sheet: req.sheet,
        overrides: req.overrides as Record<string, ColumnOverride> | undefined,
        crs: req.crs as CrsId | undefined,
        mark: (step) => steps.push([step, Math.round(performance.now() - t1)]),
        onProgress: (fraction: number, phase: ImportPhase) => {
          // at most ~4 progress messages per second, and one per phase: each wakes the main thread and
          // repaints the page (with a software-rendered map that repaint costs more CPU than the message)
          const now = performance.now();
          if (phase !== lastPhase || now - lastPost >= PROGRESS_MS) {
            lastPhase = phase;
            lastPost = now;
            post({ type: 'progress', fraction, phase });
          }
        },
      },
      hooks,
    );
    const t2 = performance.now();
    scanner?.close();
    const payload = buildPayload(result);
    const timing = {
      readMs: t1 - t0,
      importMs: t2 - t1,
      payloadMs: performance.now() - t2,
      tail: scanner?.times ?? undefined,
      steps,
    };
    // send object-per-row data in slices: each message is deserialised in its own short main-thread task
    const feats = payload.features.features;
    for (let i = 0; i < feats.length; i += PART_SIZE)
      post({ type: 'part', features: feats.slice(i, i + PART_SIZE) });
    payload.features = { type: 'FeatureCollection', features: [] };
    if (payload.keyed) {
      const rows = payload.keyed.rows;
      for (let i = 0; i < rows.length; i += PART_SIZE)
        post({ type: 'part', keyed: rows.slice(i, i + PART_SIZE) });
      payload.keyed = { ...payload.keyed, rows: [] };
    }
    const transfer: Transferable[] = payload.positions ? [payload.positions.buffer] : [];
    const joinPending = !!(req.plrTopoUrl && result.lon && result.lat && payload.positions?.length);
    post({ type: 'done', payload, joinPending, timing }, transfer);
    if (joinPending && req.plrTopoUrl && result.lon && result.lat) {
      await joinStart;
      try {
        post({ type: 'joined', join: await joinToPlr(req.plrTopoUrl, result.lon, result.lat, result.used) });
      } catch (e) {
        post({ type: 'join-failed', message: (e as Error).message });
      }
    }
  } catch (e) {
    post({ type: 'error', message: `Import fehlgeschlagen: ${(e as Error).message}` });
  } finally {
    scanner?.close();
  }
};
