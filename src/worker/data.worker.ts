/// <reference lib="webworker" />
/**
 * Data worker: fetches and parses the runtime data files off the main thread.
 * Typed API exposed with comlink; see dataClient.ts for the main-thread side.
 */
import * as Comlink from 'comlink';
import { checkManifest, parseInstitutionsCsv, topoToAreas } from '../datasets/parse';
import type { InstitutionKind, Manifest } from '../domain/types';

async function fetchOk(url: string, file: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`${file}: konnte nicht geladen werden (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!res.ok) throw new Error(`${file}: HTTP ${res.status} ${res.statusText}`.trim());
  return res;
}

async function fetchJson(url: string, file: string): Promise<unknown> {
  const res = await fetchOk(url, file);
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: kein gültiges JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

const api = {
  async loadManifest(url: string, file: string): Promise<Manifest> {
    return checkManifest(file, await fetchJson(url, file));
  },
  async loadAreas(url: string, file: string) {
    return topoToAreas(file, await fetchJson(url, file));
  },
  async loadInstitutions(kind: InstitutionKind, url: string, file: string) {
    const text = await (await fetchOk(url, file)).text();
    const parsed = parseInstitutionsCsv(kind, file, text);
    return Comlink.transfer(parsed, [parsed.value.positions.buffer]);
  },
};

export type DataWorkerApi = typeof api;

Comlink.expose(api);
