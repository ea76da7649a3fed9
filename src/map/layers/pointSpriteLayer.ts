/**
 * Circles drawn as one GL point each (a non-instanced draw), with the props, attributes, picking and look of
 * deck.gl's ScatterplotLayer (pixel radii, outline, antialiased edge).
 *
 * Why: ScatterplotLayer draws one instance per point. A GPU runs instances in parallel, but a software
 * renderer does not: Chromium's SwiftShader (the WebGL of machines without a usable GPU, e.g. virtual
 * desktops, and of headless test browsers) sets up every instance as a draw of its own, about 35 µs each on
 * the 2-core test machine: 2,880 Kitas cost about 100 ms of CPU per frame that way (by the same count, a
 * million imported points would cost half a minute), keeping both cores busy and stretching every
 * main-thread task meanwhile. As points, the same data is one draw of one vertex per point: the Kitas cost
 * about 20 ms per frame (scripts/bench/renderCost.ts with KITA=1 prints the figures).
 *
 * Differences to ScatterplotLayer: circles always face the screen (the map has no pitch), and a point whose
 * centre leaves the viewport is clipped whole (at most its radius, a few pixels, at the map's edge).
 * Radii are limited to half the renderer's largest point size (511 px in SwiftShader, 255 px and more on
 * GPUs), far above the few pixels used here.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Model } from '@luma.gl/engine';
import { attributesPerVertex, perVertexModel, setVertexCount } from './perVertex';

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME point-sprite-layer-vertex-shader
in vec3 instancePositions;
in vec3 instancePositions64Low;
in float instanceRadius;
in float instanceLineWidths;
in vec4 instanceFillColors;
in vec4 instanceLineColors;
#ifdef USE_ROW_INDEXES
in float rowIndexes;
#endif
in vec2 instancePixelOffset;
out vec4 vFillColor;
out vec4 vLineColor;
out float innerUnitRadius;
out float outerRadiusPixels;
out float edgePadding;
void main(void) {
  geometry.worldPosition = instancePositions;
  outerRadiusPixels = clamp(
    project_size_to_pixel(scatterplot.radiusScale * instanceRadius, scatterplot.radiusUnits),
    scatterplot.radiusMinPixels, scatterplot.radiusMaxPixels
  );
  float lineWidthPixels = clamp(
    project_size_to_pixel(scatterplot.lineWidthScale * instanceLineWidths, scatterplot.lineWidthUnits),
    scatterplot.lineWidthMinPixels, scatterplot.lineWidthMaxPixels
  );
  outerRadiusPixels += scatterplot.stroked * lineWidthPixels / 2.0;
  outerRadiusPixels = min(outerRadiusPixels, float(MAX_POINT_RADIUS) / project.devicePixelRatio);
  edgePadding = scatterplot.antialiasing ? (outerRadiusPixels + SMOOTH_EDGE_RADIUS) / outerRadiusPixels : 1.0;
#ifdef USE_ROW_INDEXES
  geometry.pickingColor = picking_getPickingColorFromIndex(rowIndexes);
#else
  // one vertex per point: the vertex is the object
  geometry.pickingColor = picking_getPickingColorFromIndex(float(gl_VertexID));
#endif
  innerUnitRadius = 1.0 - scatterplot.stroked * lineWidthPixels / outerRadiusPixels;
  gl_Position = project_position_to_clipspace(instancePositions, instancePositions64Low, vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  gl_Position.xy += project_pixel_size_to_clipspace(instancePixelOffset);
  // the point's square in device pixels: the circle, its outline and the antialiased edge
  gl_PointSize = 2.0 * outerRadiusPixels * edgePadding * project.devicePixelRatio;
  vFillColor = vec4(instanceFillColors.rgb, instanceFillColors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vFillColor, geometry);
  vLineColor = vec4(instanceLineColors.rgb, instanceLineColors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vLineColor, geometry);
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME point-sprite-layer-fragment-shader
precision highp float;
in vec4 vFillColor;
in vec4 vLineColor;
in float innerUnitRadius;
in float outerRadiusPixels;
in float edgePadding;
out vec4 fragColor;
void main(void) {
  vec2 unitPosition = (gl_PointCoord * 2.0 - 1.0) * edgePadding;
  geometry.uv = unitPosition;
  float distToCenter = length(unitPosition) * outerRadiusPixels;
  float inCircle = scatterplot.antialiasing ?
    smoothedge(distToCenter, outerRadiusPixels) :
    step(distToCenter, outerRadiusPixels);
  if (inCircle == 0.0) {
    discard;
  }
  if (scatterplot.stroked > 0.5) {
    float isLine = scatterplot.antialiasing ?
      smoothedge(innerUnitRadius * outerRadiusPixels, distToCenter) :
      step(innerUnitRadius * outerRadiusPixels, distToCenter);
    if (scatterplot.filled > 0.5) {
      fragColor = mix(vFillColor, vLineColor, isLine);
    } else {
      if (isLine == 0.0) {
        discard;
      }
      fragColor = vec4(vLineColor.rgb, vLineColor.a * isLine);
    }
  } else if (scatterplot.filled < 0.5) {
    discard;
  } else {
    fragColor = vFillColor;
  }
  fragColor.a *= inCircle;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

/** Half the largest GL point size of the layer's device, less the antialiased edge (device pixels). */
function maxPointRadius(layer: ScatterplotLayer): number {
  const gl = (layer.context.device as unknown as { gl?: WebGL2RenderingContext }).gl;
  const range = gl?.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array | null | undefined;
  return Math.max(1, Math.floor((range?.[1] ?? 64) / 2) - 1);
}

/** ScatterplotLayer drawn as GL points: one vertex per data row, one draw call (see module comment). */
export class PointSpriteLayer<DataT = unknown> extends ScatterplotLayer<DataT> {
  static override layerName = 'PointSpriteLayer';

  override getShaders() {
    const shaders = super.getShaders();
    return { ...shaders, vs, fs, defines: { ...shaders.defines, MAX_POINT_RADIUS: maxPointRadius(this) } };
  }

  override initializeState(): void {
    super.initializeState();
    // ScatterplotLayer declares its attributes per instance; here every data row is a vertex
    attributesPerVertex(this);
  }

  override draw(opts: Parameters<ScatterplotLayer['draw']>[0]): void {
    if (setVertexCount(this, this.state.model as Model | undefined)) super.draw(opts);
  }

  protected override _getModel(): Model {
    return perVertexModel(this, this.getShaders(), 'point-list');
  }
}
