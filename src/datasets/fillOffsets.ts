/**
 * Fill positions as float32 offsets in degrees from the centre of the areas' extent (deck.gl's
 * LNGLAT_OFFSETS). As absolute lon/lat the positions are 64-bit, and deck.gl splits every vertex into a
 * float32 high and low part on the main thread when a level is first shown (14 ms of a 36 ms task for the
 * Prognoseräume, CPU profile of a switch). deck.gl projects offsets with a scale that varies linearly with
 * latitude around the origin: within ±0.25° of latitude that is off by less than half a metre (0.15 m at
 * Berlin's edges, a fifth of a pixel at the map's largest zoom); larger areas (an imported file of all of
 * Brandenburg, say) keep absolute positions. Float32 keeps offsets of up to half a degree to millimetres.
 *
 * The data worker makes them with the mesh (`computeFillOffsets`) and dataClient attaches them
 * (`attachFillOffsets`): on the main thread they cost 30 ms for the Planungsräume, in the frame that first
 * shows the level (CPU profile of a level switch during start-up). Other meshes (imported files, tests) get
 * them when first asked for.
 */
import { ringsBBox } from '../spatial/areaIndex';
import type { AreaMesh } from './areaMesh';

export const FILL_OFFSET_MAX_DEG = { lon: 0.5, lat: 0.25 };

export interface FillOffsets {
  origin: [number, number, number];
  offsets: Float32Array;
}

/** Vertex positions [lon, lat, …] as offsets from their extent's centre, or null when the extent is too large. */
export function computeFillOffsets(p: Float64Array): FillOffsets | null {
  const [x0, y0, x1, y1] = ringsBBox([p]);
  if (!(p.length > 0 && x1 - x0 <= 2 * FILL_OFFSET_MAX_DEG.lon && y1 - y0 <= 2 * FILL_OFFSET_MAX_DEG.lat))
    return null;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const offsets = new Float32Array(p.length);
  for (let i = 0; i < p.length; i += 2) {
    offsets[i] = p[i] - cx;
    offsets[i + 1] = p[i + 1] - cy;
  }
  return { origin: [cx, cy, 0], offsets };
}

const offsetCache = new WeakMap<AreaMesh, FillOffsets | null>();

/** Keep offsets made elsewhere (the data worker) with their mesh; they must be `computeFillOffsets(mesh.positions)`. */
export function attachFillOffsets(mesh: AreaMesh, offsets: FillOffsets | null): void {
  if (offsets && offsets.offsets.length !== mesh.positions.length) return;
  offsetCache.set(mesh, offsets);
}

/** The mesh's vertices as offsets from its extent's centre, or null when it is too large (made once per mesh). */
export function fillOffsets(mesh: AreaMesh): FillOffsets | null {
  let out = offsetCache.get(mesh);
  if (out === undefined) {
    out = computeFillOffsets(mesh.positions);
    offsetCache.set(mesh, out);
  }
  return out;
}
