/**
 * Label collision for the area names: a greedy pass in screen space (Web Mercator, 512-px world at zoom 0,
 * as MapLibre and deck.gl use) — larger areas first; a label whose box overlaps an already placed one is
 * left out. Computed per zoom band on the main thread (a few hundred labels: well under a millisecond per
 * hundred), so no GPU collision pass is needed.
 */
import type { LabelPoint } from './layers/overlays';

const cache = new WeakMap<readonly LabelPoint[], Map<string, LabelPoint[]>>();

function project(lon: number, lat: number, scale: number): [number, number] {
  const x = ((lon + 180) / 360) * scale;
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  return [x, y];
}

/**
 * The labels that fit without overlapping at `zoom` for a font size in pixels (box: ~0.6 em per character
 * plus the outline and a small gap). Stable for the same inputs (cached per points array, zoom and size).
 */
export function declutterLabels(points: readonly LabelPoint[], zoom: number, size: number): LabelPoint[] {
  const key = `${zoom}|${size}`;
  let byKey = cache.get(points);
  const hit = byKey?.get(key);
  if (hit) return hit;
  const scale = 512 * 2 ** zoom;
  const order = points.map((_, i) => i).sort((a, b) => points[b].priority - points[a].priority || a - b);
  const boxes: number[] = []; // x0, y0, x1, y1 per placed label
  const keep = new Uint8Array(points.length);
  const pad = 4;
  for (const i of order) {
    const p = points[i];
    const [x, y] = project(p.position[0], p.position[1], scale);
    const hw = (p.name.length * size * 0.6) / 2 + pad;
    const hh = (size * 1.2) / 2 + pad / 2;
    const x0 = x - hw;
    const x1 = x + hw;
    const y0 = y - hh;
    const y1 = y + hh;
    let free = true;
    for (let k = 0; k < boxes.length; k += 4)
      if (x0 < boxes[k + 2] && x1 > boxes[k] && y0 < boxes[k + 3] && y1 > boxes[k + 1]) {
        free = false;
        break;
      }
    if (free) {
      boxes.push(x0, y0, x1, y1);
      keep[i] = 1;
    }
  }
  const out = points.filter((_, i) => keep[i] === 1);
  if (!byKey) {
    byKey = new Map();
    cache.set(points, byKey);
  }
  byKey.set(key, out);
  return out;
}
