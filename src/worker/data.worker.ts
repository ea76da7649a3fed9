/// <reference lib="webworker" />
/**
 * Data worker: fetches and parses the runtime data files off the main thread.
 * Typed API exposed with comlink; see dataClient.ts for the main-thread side.
 */
import { pointOnFeature } from '@turf/turf';
import * as Comlink from 'comlink';
import type { Feature, Geometry } from 'geojson';
import Papa from 'papaparse';
import {
  buildAreaMesh,
  buildOutlineMesh,
  meshTransferables,
  outlineTransferables,
  packAreaGeometry,
} from '../datasets/areaMesh';
import { coarseAreas } from '../datasets/coarseOutline';
import { computeFillOffsets } from '../datasets/fillOffsets';
import { checkManifest, parseInstitutionsCsv, topoToAreas } from '../datasets/parse';
import type { Areas } from '../datasets/types';
import type { InstitutionFilters } from '../domain/filters';
import type { InstitutionKind, Manifest } from '../domain/types';
import { createEngineHost } from './engineHost';

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

/**
 * A label position inside every area (`label_lon` / `label_lat`, Turf pointOnFeature), computed here so that
 * the map's label layer does not run it on the main thread on the first switch to a level.
 */
function addLabelPoints(areas: Areas): void {
  for (const f of areas.features) {
    try {
      const [lon, lat] = pointOnFeature(f as Feature<Geometry>).geometry.coordinates;
      f.properties.label_lon = lon;
      f.properties.label_lat = lat;
    } catch {
      // degenerate geometry: the label layer falls back to its own computation
    }
  }
}

const engineHost = createEngineHost();

const api = {
  async loadManifest(url: string, file: string): Promise<Manifest> {
    return checkManifest(file, await fetchJson(url, file));
  },
  /**
   * Areas as GeoJSON plus their triangulated polygons (`mesh`, attached to the areas by dataClient) and their
   * outlines as triangles (`outline` and, for low zoom, `coarseOutline`, attached to the mesh). Geometries
   * the mesh holds are left out of the message (`geometryKinds`): dataClient rebuilds them from the mesh when
   * first read, so that the main thread does not deserialise tens of thousands of coordinate arrays.
   */
  async loadAreas(url: string, file: string) {
    const topo = await fetchJson(url, file);
    const parsed = topoToAreas(file, topo);
    addLabelPoints(parsed.value);
    const mesh = buildAreaMesh(parsed.value);
    // the outlines as triangles (map/layers/areaOutlineLayer), made here instead of on the main thread, and
    // a coarser copy for low zoom (simplified on the topology)
    const outline = buildOutlineMesh(mesh);
    const coarseOutline = buildOutlineMesh(
      buildAreaMesh(coarseAreas(topo, parsed.value), { triangulate: false }),
    );
    // the fill's float32 offsets (map/layers/areaLayer.ts), made here too
    const fillOffsets = computeFillOffsets(mesh.positions);
    const { areas, geometryKinds } = packAreaGeometry(parsed.value, mesh);
    return Comlink.transfer(
      { ...parsed, value: areas, mesh, outline, coarseOutline, geometryKinds, fillOffsets },
      [
        ...meshTransferables(mesh),
        ...outlineTransferables(outline),
        ...outlineTransferables(coarseOutline),
        geometryKinds.buffer,
        ...(fillOffsets ? [fillOffsets.offsets.buffer] : []),
      ],
    );
  },
  async loadInstitutions(kind: InstitutionKind, url: string, file: string) {
    const text = await (await fetchOk(url, file)).text();
    const parsed = parseInstitutionsCsv(kind, file, text);
    return Comlink.transfer(parsed, [parsed.value.positions.buffer]);
  },
  /** Rows of a runtime CSV (text cells, header row), e.g. institutions/housing.csv. */
  async loadRows(url: string, file: string): Promise<Record<string, string>[]> {
    const text = await (await fetchOk(url, file)).text();
    return Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
      dynamicTyping: false,
    }).data;
  },
  /** Load the engine inputs (relative to `dataBase`, an absolute URL ending in '/') and prepare the engine. */
  prepareEngine(dataBase: string) {
    return engineHost.prepare(dataBase);
  },
  /** All indicators on every level for the given filters (ranges are not applied here). */
  computeIndicators(filters: InstitutionFilters | null) {
    return engineHost.compute(filters);
  },
  /** Per-institution membership in the Erhaltungsgebiete (aligned with loadInstitutions items). */
  overlayMembership(kind: InstitutionKind) {
    return engineHost.overlayMembership(kind);
  },
  /** Per-institution Einschulbereich (index into `ids`, -1 = none), aligned with loadInstitutions items. */
  esbMembership(kind: InstitutionKind) {
    return engineHost.esbMembership(kind);
  },
};

export type DataWorkerApi = typeof api;

Comlink.expose(api);
