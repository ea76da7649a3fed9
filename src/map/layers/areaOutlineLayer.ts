/**
 * Area outlines as plain triangles: deck.gl's LineLayer (its shaders, props and look: pixel widths,
 * antialiased edges), drawn without instancing from an OutlineMesh (datasets/areaMesh.ts), six vertices per
 * ring segment, one draw call per level.
 *
 * Why: the outlines of a GeoJsonLayer are a PathLayer, one instance per segment (48,600 for the
 * Planungsräume, 8,600 for the Bezirke). A GPU runs instances in parallel; Chromium's software renderer
 * SwiftShader (machines without a usable GPU, e.g. virtual desktops, and headless test browsers) sets up each
 * one as a draw of its own, about 35 µs each on the 2-core test machine: with points and fill, a frame of the
 * Planungsräume cost 1.2 s of CPU, a level switch 1.7 s (median), while the main thread waits for the CPU.
 * Drawn like this (and the points as GL points, pointSpriteLayer.ts) a frame costs 0.6 s and a switch 0.45 s;
 * with the coarse outlines below zoom 11 (datasets/coarseOutline.ts) 0.44 s and 0.35 s
 * (scripts/bench/renderCost.ts).
 *
 * Segments meet without a join (butt ends): at the 1–2 px of area outlines this shows as at most a pixel
 * at a sharp corner.
 */
import { LineLayer } from '@deck.gl/layers';
import type { Model } from '@luma.gl/engine';
import { attributesPerVertex, perVertexModel, setVertexCount } from './perVertex';

/** LineLayer over per-vertex data (see module comment); the data's `getCorner` gives each vertex's corner. */
export class AreaOutlineLayer<DataT = unknown> extends LineLayer<DataT> {
  static override layerName = 'AreaOutlineLayer';

  override initializeState(): void {
    super.initializeState();
    // LineLayer declares its attributes per instance; here every data row is a vertex
    attributesPerVertex(this);
    // the corner LineLayer's instanced model takes from its geometry: [end (0 | 1), side (-1 | 1)]
    this.getAttributeManager()?.add({ positions: { size: 2, accessor: 'getCorner', noAlloc: false } });
  }

  override draw(opts: Parameters<LineLayer['draw']>[0]): void {
    if (setVertexCount(this, this.state.model as Model | undefined)) super.draw(opts);
  }

  protected override _getModel(): Model {
    return perVertexModel(this, this.getShaders(), 'triangle-list');
  }
}
