/**
 * Imported datasets on the map: point data (coordinate columns) as a ScatterplotLayer over the binary
 * `positions` (all points, no object per point), everything else with geometries (GeoJSON/WKT points,
 * lines, polygons as outlines) as a GeoJsonLayer over the capped `features`. Data objects are cached
 * per dataset so that deck.gl sees stable references and does not rebuild attributes on re-render.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { ImportedDataset } from '../../state/importStore';

export const IMPORTED_LAYER_PREFIX = 'imported-';

/** Colours for imported layers (colour-blind safe, distinct from the institution colours), by order. */
const PALETTE: [number, number, number][] = [
  [204, 121, 167],
  [0, 114, 178],
  [213, 94, 0],
  [86, 180, 233],
  [117, 112, 179],
  [102, 102, 102],
];

interface BinaryPoints {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 } };
}
const binaryCache = new WeakMap<Float32Array, BinaryPoints>();

/**
 * The worker sends Float32 positions (see ImportPayload.positions): with a Float64Array deck.gl would
 * split every position into high/low parts on the main thread. No copy, no conversion here.
 */
function binary(positions: Float32Array): BinaryPoints {
  let b = binaryCache.get(positions);
  if (!b) {
    b = { length: positions.length / 2, attributes: { getPosition: { value: positions, size: 2 } } };
    binaryCache.set(positions, b);
  }
  return b;
}

export function importedLayerColor(index: number): [number, number, number] {
  return PALETTE[index % PALETTE.length];
}

/** deck.gl layers of the imported datasets (bottom to top in list order); datasets without geometry are left out. */
export function importedLayers(datasets: readonly ImportedDataset[]): Layer[] {
  const out: Layer[] = [];
  datasets.forEach((d, i) => {
    const [r, g, b] = importedLayerColor(i);
    const id = `${IMPORTED_LAYER_PREFIX}${d.id}`;
    if (d.positions && d.positions.length > 0) {
      out.push(
        new ScatterplotLayer({
          id,
          data: binary(d.positions),
          visible: d.visible,
          radiusUnits: 'pixels',
          getRadius: 3,
          getFillColor: [r, g, b, 220],
          stroked: true,
          getLineColor: [255, 255, 255, 200],
          lineWidthUnits: 'pixels',
          getLineWidth: 0.5,
          pickable: false,
        }),
      );
    } else if (d.features.features.length > 0) {
      out.push(
        new GeoJsonLayer({
          id,
          data: d.features,
          visible: d.visible,
          // points filled, polygons as outlines only
          filled: true,
          getFillColor: (f: { geometry?: { type?: string } | null }) =>
            f.geometry?.type?.endsWith('Point') ? [r, g, b, 220] : [0, 0, 0, 0],
          stroked: true,
          getLineColor: [r, g, b, 230],
          lineWidthUnits: 'pixels',
          getLineWidth: 2,
          pointType: 'circle',
          getPointRadius: 3,
          pointRadiusUnits: 'pixels',
          pickable: false,
        }),
      );
    }
  });
  return out;
}
