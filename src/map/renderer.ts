/**
 * Which WebGL renderer draws the map, and what that means for drawing it.
 *
 * Many workplaces of Berlin's administration are virtual desktops or thin clients without a usable GPU;
 * there (and in headless test browsers) the browser draws WebGL in software (Chromium: SwiftShader;
 * Mesa: llvmpipe), on the same CPU cores as the page. Multisampling (WebGL's default antialias: true)
 * then makes every frame rasterise and resolve four samples per pixel on the CPU. The map's edges are
 * already smoothed by its own shaders (points, outlines), so without a GPU deck.gl's canvas is made
 * without multisampling (scripts/bench/renderCost.ts prints the renderer's CPU per frame).
 */

/** True for the renderer name of a software rasteriser. */
export function isSoftwareRendererName(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i.test(name);
}

/** The unmasked renderer name of a WebGL context ('' when the browser does not tell). */
export function rendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof name === 'string' ? name : '';
}

/**
 * True when the WebGL2 context of `canvas` (MapLibre's, created before) is drawn in software. Asks the
 * existing context (getContext returns it again), so no second context is made.
 */
export function drawsInSoftware(canvas: HTMLCanvasElement): boolean {
  const gl = canvas.getContext('webgl2');
  return gl ? isSoftwareRendererName(rendererName(gl)) : false;
}
