import { describe, expect, it } from 'vitest';
import { isSoftwareRendererName, rendererName } from '../../../src/map/renderer';

describe('software renderer detection', () => {
  it('recognises the software rasterisers browsers fall back to', () => {
    for (const name of [
      // Chromium without a usable GPU (headless, virtual desktops)
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      // Mesa on Linux without a GPU driver
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'softpipe',
      // Windows without a display driver (e.g. some virtual machines)
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ])
      expect(isSoftwareRendererName(name), name).toBe(true);
  });

  it('takes GPUs, virtual-desktop GPUs and unknown names for hardware', () => {
    for (const name of [
      'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'ANGLE (NVIDIA, NVIDIA GRID T4-2Q Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'AMD Radeon Pro 5500M OpenGL Engine',
      'Apple M2',
      'Mali-G78',
      'WebKit WebGL',
      '',
    ])
      expect(isSoftwareRendererName(name), name).toBe(false);
  });

  it('reads the unmasked renderer name when the browser offers it, else RENDERER', () => {
    const RENDERER = 0x1f01;
    const UNMASKED = 0x9246;
    const fake = (withInfo: boolean) =>
      ({
        RENDERER,
        getExtension: (n: string) =>
          withInfo && n === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: UNMASKED } : null,
        getParameter: (p: number) =>
          p === UNMASKED ? 'Google SwiftShader' : p === RENDERER ? 'WebKit WebGL' : null,
      }) as unknown as WebGL2RenderingContext;
    expect(rendererName(fake(true))).toBe('Google SwiftShader');
    expect(rendererName(fake(false))).toBe('WebKit WebGL');
  });
});
