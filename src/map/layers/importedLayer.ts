/**
 * Imported datasets on the map: point data (coordinate columns) as GL points (PointSpriteLayer) over the binary
 * `positions` (all points, no object per point), everything else with geometries (GeoJSON/WKT points,
 * lines, polygons as outlines) as a GeoJsonLayer over the capped `features`. Data objects are cached
 * per dataset so that deck.gl sees stable references and does not rebuild attributes on re-render.
 *
 * Main thread budget (issue #3: no task > 50 ms while a 1M-row file is imported): the positions
 * (8 MB for 1M points) are copied to the GPU in slices, one slice per task, into a GPU buffer the layer
 * owns (the points appear once all are copied); many points are drawn as small dots without outline
 * (pointStyleFor); and a hidden one-point layer with the id the next point
 * dataset's layer will get makes deck.gl/luma.gl set up model and render pipeline beforehand, so that
 * shader linking, program introspection and model creation are not part of the frame that shows the result.
 * The map adds that warm-up layer in idle time (after start-up, and again a while after each import), not
 * when an import starts: adding a layer costs a deck.gl frame (layer update, model set-up, redraw of all
 * layers, MapLibre repaint; ~20 ms CPU with SwiftShader) and during an import that frame competes with the
 * import worker for the CPU (it became the import's longest main-thread task). Only when an import starts
 * before that idle time does it come with the import (see MapView).
 */
import { CompositeLayer, type Layer, type UpdateParameters } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { ImportedDataset } from '../../state/importStore';
import { PointSpriteLayer } from './pointSpriteLayer';

export const IMPORTED_LAYER_PREFIX = 'imported-';
/**
 * Id of the k-th point layer (k = position among the point datasets). Not the dataset id: the hidden
 * warm-up layer (idle time, or a running import) takes the id the next dataset will get, so that the result reuses its
 * deck.gl model (no shader/model set-up in the frame that shows the result).
 */
export function importedPointsLayerId(k: number): string {
  return `${IMPORTED_LAYER_PREFIX}points-${k}`;
}

/** Points copied to the GPU per task (512 KB of float32 lon/lat). */
export const UPLOAD_SLICE = 65_536;

/**
 * Dot radius (px) and outline by the number of points: with many points, dots of 3 px with an outline
 * merge into one blob (small dots keep dense and sparse parts apart); they also cost a quarter of the
 * pixels to draw (on a software renderer, by the CPU).
 */
export function pointStyleFor(n: number): { radius: number; stroked: boolean } {
  if (n > 200_000) return { radius: 1.5, stroked: false };
  if (n > 20_000) return { radius: 2, stroked: false };
  return { radius: 3, stroked: true };
}

/** Colours for imported layers (colour-blind safe, distinct from the institution colours), by order. */
const PALETTE: [number, number, number][] = [
  [204, 121, 167],
  [0, 114, 178],
  [213, 94, 0],
  [86, 180, 233],
  [117, 112, 179],
  [102, 102, 102],
];

/** The GPU buffer type of deck.gl's device (luma.gl), without a direct dependency on luma.gl. */
type GpuBuffer = ReturnType<Layer['context']['device']['createBuffer']>;
/** luma.gl Buffer usage flags: VERTEX | COPY_DST. */
const VERTEX_BUFFER_USAGE = 0x0020 | 0x0008;

export interface ImportedPointsProps {
  /** Interleaved lon/lat (WGS84) as float32, see ImportPayload.positions. */
  positions: Float32Array;
  color: [number, number, number];
}

interface PointsState {
  buffer: GpuBuffer | null;
  /** Points copied to `buffer` so far (drawn). */
  uploaded: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Data object for the point layer (new when `uploaded` grows). */
  data: {
    length: number;
    attributes: { getPosition: { buffer: GpuBuffer; size: 2; type: 'float32' } };
  } | null;
  [key: string]: unknown;
}

/** All points of a dataset from a GPU buffer filled in slices (see module comment). */
export class ImportedPointsLayer extends CompositeLayer<ImportedPointsProps> {
  static override layerName = 'ImportedPointsLayer';
  declare state: PointsState;

  override initializeState(): void {
    this.setState({ buffer: null, uploaded: 0, timer: null, data: null });
  }

  override updateState({ props, oldProps }: UpdateParameters<this>): void {
    if (props.positions === oldProps.positions && this.state.buffer) return;
    this.release();
    const positions = props.positions;
    // 2 points of safety margin, as deck.gl allocates its own attribute buffers
    const buffer = this.context.device.createBuffer({
      byteLength: Math.max(positions.byteLength, 8) + 16,
      usage: VERTEX_BUFFER_USAGE,
    });
    this.setState({ buffer, uploaded: 0, timer: null, data: this.dataFor(buffer, 0) });
    const total = positions.length / 2;
    const step = () => {
      if (this.state.buffer !== buffer) return; // replaced or finalized
      const from = this.state.uploaded;
      const to = Math.min(total, from + UPLOAD_SLICE);
      buffer.write(positions.subarray(from * 2, to * 2), from * 8);
      const st = this.state;
      st.uploaded = to;
      // the points are drawn once all are on the GPU: a frame per slice (16 for 1M points) would each draw
      // all points so far, which a software renderer takes 0.1–0.3 s of both cores for, while the worker
      // joins the points and the main thread shows the result (setState asks for a frame, this does not)
      if (to < total) st.timer = setTimeout(step, 16);
      else this.setState({ timer: null, data: this.dataFor(buffer, to) });
    };
    // a small data set at once (the warm-up layer, small files); a large one from the next task on
    if (total <= UPLOAD_SLICE) step();
    else this.setState({ timer: setTimeout(step, 0) });
  }

  override finalizeState(): void {
    this.release();
  }

  /** Stops the upload and frees the GPU buffer (no setState: also called while being finalized). */
  private release(): void {
    const st = this.state;
    if (st.timer) clearTimeout(st.timer);
    st.buffer?.destroy();
    Object.assign(st, { buffer: null, uploaded: 0, timer: null, data: null });
  }

  private dataFor(buffer: GpuBuffer, length: number): NonNullable<PointsState['data']> {
    return { length, attributes: { getPosition: { buffer, size: 2, type: 'float32' } } };
  }

  override renderLayers(): Layer {
    const [r, g, b] = this.props.color;
    const { radius, stroked } = pointStyleFor(this.props.positions.length / 2);
    return new PointSpriteLayer(
      this.getSubLayerProps({
        id: 'points',
        data: this.state.data ?? { length: 0, attributes: {} },
        radiusUnits: 'pixels',
        getRadius: radius,
        getFillColor: [r, g, b, 220],
        stroked,
        getLineColor: [255, 255, 255, 200],
        lineWidthUnits: 'pixels',
        getLineWidth: 0.5,
        pickable: false,
      }),
    );
  }
}

const WARMUP_POSITIONS = new Float32Array([13.4, 52.5]);

export function importedLayerColor(index: number): [number, number, number] {
  return PALETTE[index % PALETTE.length];
}

/**
 * Number of point datasets = the position (see importedPointsLayerId) the hidden warm-up layer takes,
 * i.e. the layer the next imported point dataset will reuse.
 */
export function pointLayerCount(datasets: readonly ImportedDataset[]): number {
  let k = 0;
  // the same test as importedLayers below
  for (const d of datasets) if (d.positions && d.positions.length > 0) k++;
  return k;
}

/**
 * deck.gl layers of the imported datasets (bottom to top in list order); datasets without geometry are
 * left out. `warmUp`: adds the hidden warm-up layer for the next point dataset (see module comment).
 */
export function importedLayers(datasets: readonly ImportedDataset[], warmUp = false): Layer[] {
  const out: Layer[] = [];
  let k = 0;
  datasets.forEach((d, i) => {
    const [r, g, b] = importedLayerColor(i);
    const id = `${IMPORTED_LAYER_PREFIX}${d.id}`;
    if (d.positions && d.positions.length > 0) {
      out.push(
        new ImportedPointsLayer({
          id: importedPointsLayerId(k++),
          positions: d.positions,
          color: [r, g, b],
          visible: d.visible,
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
  if (warmUp)
    out.push(
      new ImportedPointsLayer({
        id: importedPointsLayerId(k),
        positions: WARMUP_POSITIONS,
        color: importedLayerColor(datasets.length),
        visible: false,
      }),
    );
  return out;
}
