/**
 * Main-thread side of the data worker. One worker per page, created lazily.
 * Replace with `setDataClient` in tests or to run without a worker.
 */
import * as Comlink from 'comlink';
import {
  type AreaMesh,
  attachAreaMesh,
  attachOutlineMesh,
  type OutlineMesh,
  restoreAreaGeometry,
} from '../datasets/areaMesh';
import { attachFillOffsets, type FillOffsets } from '../datasets/fillOffsets';
import type { Parsed } from '../datasets/parse';
import type { Areas, InstitutionSet } from '../datasets/types';
import type { InstitutionFilters, ItemAreas } from '../domain/filters';
import type { InstitutionKind, Manifest } from '../domain/types';
import type { DataWorkerApi } from './data.worker';
import type { EngineComputed, EnginePrepared } from './engineHost';

export interface DataClient {
  loadManifest(url: string, file: string): Promise<Manifest>;
  loadAreas(url: string, file: string): Promise<Parsed<Areas>>;
  loadInstitutions(kind: InstitutionKind, url: string, file: string): Promise<Parsed<InstitutionSet>>;
  loadRows?(url: string, file: string): Promise<Record<string, string>[]>;
  /** Indicator engine (optional so that test doubles need not implement it). */
  prepareEngine?(dataBase: string): Promise<EnginePrepared>;
  computeIndicators?(filters: InstitutionFilters | null): Promise<EngineComputed>;
  overlayMembership?(kind: InstitutionKind): Promise<Partial<Record<'em' | 'es', Uint8Array>>>;
  /** The Einschulbereich of every item of a kind (null: Einschulbereiche not loaded). */
  esbMembership?(kind: InstitutionKind): Promise<ItemAreas | null>;
}

let client: DataClient | null = null;

export function getDataClient(): DataClient {
  if (!client) {
    const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'data' });
    client = withAreaMeshes(Comlink.wrap<DataWorkerApi>(worker) as unknown as DataClient);
  }
  return client;
}

/**
 * The worker sends areas with their triangulated polygons (`mesh`), their outlines (`outline`) and without the geometries the mesh
 * holds (`geometryKinds`); give those back as lazy properties (restoreAreaGeometry), keep the mesh beside
 * the areas (attachAreaMesh, read by the map's area layer), the outlines beside the mesh (attachOutlineMesh)
 * and hand out the plain parse result.
 */
export function withAreaMeshes(remote: DataClient): DataClient {
  const loadAreas: DataClient['loadAreas'] = async (url, file) => {
    const { mesh, outline, coarseOutline, geometryKinds, fillOffsets, ...parsed } = (await remote.loadAreas(
      url,
      file,
    )) as Parsed<Areas> & {
      mesh?: AreaMesh;
      outline?: OutlineMesh;
      coarseOutline?: OutlineMesh;
      geometryKinds?: Uint8Array;
      fillOffsets?: FillOffsets | null;
    };
    if (mesh) {
      if (geometryKinds) restoreAreaGeometry(parsed.value, mesh, geometryKinds);
      attachAreaMesh(parsed.value, mesh);
      if (fillOffsets !== undefined) attachFillOffsets(mesh, fillOffsets);
      if (outline) attachOutlineMesh(mesh, outline, coarseOutline);
    }
    return parsed;
  };
  return new Proxy(remote, {
    get: (target, prop, receiver) => (prop === 'loadAreas' ? loadAreas : Reflect.get(target, prop, receiver)),
  });
}

export function setDataClient(c: DataClient | null): void {
  client = c;
}
