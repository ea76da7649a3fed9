/**
 * Hidden layers of every kind the data layers are drawn with (area fill, area outlines, institution points,
 * area labels), each with one tiny feature, from the map's start on: their shader programs are linked and the
 * labels' font atlas is made while the data is still loading, and the data layers find them ready.
 *
 * Why: a browser that draws WebGL in software has no parallel shader compilation (no
 * KHR_parallel_shader_compile with SwiftShader), so luma.gl reads each new program's link status at once
 * and the main thread waits for the GPU process to compile it: 60–180 ms per program (start-up traces on the
 * 2-core test machine). Made with the data, these waits fell into the first frames after the legend had
 * appeared, where a level switch right away met them (a 130–180 ms task). Programs are shared by shader
 * source, so the data layers of the same kind reuse them.
 */
import type { Layer } from '@deck.gl/core';
import { attachAreaMesh, attachOutlineMesh, buildAreaMesh, buildOutlineMesh } from '../../datasets/areaMesh';
import type { Areas, InstitutionSet } from '../../datasets/types';
import { createAreaLayers } from './areaLayer';
import { institutionLayerProps } from './institutionLayer';
import { labelLayer } from './overlays';
import { PointSpriteLayer } from './pointSpriteLayer';

export const WARM_UP_PREFIX = 'warm-up-';

let tiny: { areas: Areas; points: InstitutionSet } | null = null;

/** One small triangle in Berlin (with its worker-style mesh and outline) and one point. */
function tinyData(): { areas: Areas; points: InstitutionSet } {
  if (tiny) return tiny;
  const areas: Areas = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'warm-up', name: 'A' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [13.4, 52.5],
              [13.401, 52.5],
              [13.4, 52.501],
              [13.4, 52.5],
            ],
          ],
        },
      },
    ],
  };
  const mesh = buildAreaMesh(areas);
  attachAreaMesh(areas, mesh);
  attachOutlineMesh(mesh, buildOutlineMesh(mesh));
  const points: InstitutionSet = {
    kind: 'school',
    file: '',
    rowsRead: 1,
    positions: Float64Array.of(13.4, 52.5),
    items: [
      {
        kind: 'school',
        id: 'warm-up',
        name: '',
        type: '',
        operator: '',
        bezirk: '',
        address: '',
        lon: 13.4,
        lat: 52.5,
        plrId: null,
        fields: {},
      },
    ],
  };
  tiny = { areas, points };
  return tiny;
}

/** The warm-up layers (all hidden, stable data: deck.gl makes them once and then leaves them alone). */
export function shaderWarmUpLayers(): Layer[] {
  const { areas, points } = tinyData();
  return [
    // fill and outlines as a level is drawn with a choropleth (accessor colours) …
    ...createAreaLayers(
      { level: 'warm-up', visible: false, id: `${WARM_UP_PREFIX}areas`, colors: null, styleKey: '' },
      areas,
    ),
    new PointSpriteLayer<unknown>({
      ...institutionLayerProps('school', { visible: false, styleKey: '' }, points),
      id: `${WARM_UP_PREFIX}points`,
    }),
    labelLayer(
      areas,
      false,
      11,
      [{ id: '', name: 'A', position: [13.4, 52.5], priority: 0 }],
      `${WARM_UP_PREFIX}labels`,
    ),
  ];
}
