/**
 * Helpers for deck.gl layers drawn without instancing (pointSpriteLayer.ts, areaOutlineLayer.ts): the
 * attributes a layer declares per instance are read per vertex, one vertex per data row, and the model
 * draws them in one non-instanced call.
 */
import type { Layer } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';

/** Make every attribute the layer has declared so far a per-vertex attribute (call after its initializeState). */
export function attributesPerVertex(layer: Layer): void {
  const attributes = layer.getAttributeManager()?.getAttributes() ?? {};
  for (const a of Object.values(attributes)) (a.settings as { stepMode?: string }).stepMode = 'vertex';
}

/** The layer's model as one non-instanced draw of its data rows as vertices. */
export function perVertexModel(
  layer: Layer,
  shaders: ReturnType<Layer['getShaders']>,
  topology: 'point-list' | 'triangle-list',
): Model {
  return new Model(layer.context.device, {
    ...shaders,
    id: layer.props.id,
    bufferLayout: layer.getAttributeManager()?.getBufferLayouts({ isInstanced: false }) ?? [],
    topology,
    isInstanced: false,
    vertexCount: 0,
  });
}

/** Before drawing: as many vertices as the layer has data rows. False when there is no model yet. */
export function setVertexCount(layer: Layer, model: Model | undefined): model is Model {
  model?.setVertexCount(layer.getNumInstances());
  return model !== undefined;
}
