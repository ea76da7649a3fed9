/**
 * The selection on the map: the selected area's boundary and a ring around the selected institution, drawn
 * above everything else, so that the area whose profile (or the institution whose card) the side panel shows
 * can be found on the map. Black on a white halo: readable on every class colour of the choropleth, on the
 * outlines and on the points (WCAG non-text contrast against both light and dark fills).
 *
 * The two layers exist from the map's start on (hidden, one placeholder each), so that their shaders are
 * linked with the warm-up layers' (warmUp.ts) before the data comes, not by the first click or in a frame
 * of the background preparation (where a level or indicator switch could meet the wait: 50–80 ms);
 * a selection then only changes their data.
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Geometry } from 'geojson';
import { findArea, findInstitution } from '../../datasets/lookup';
import type { Areas, InstitutionSet } from '../../datasets/types';
import type { InstitutionKind } from '../../domain/types';
import type { MapTarget } from '../../state/selectionStore';
import type { RGBA } from '../colors';

export const SELECTION_IDS = { area: 'selection-area', point: 'selection-point' } as const;

/** The line and its halo (exported for the browser test, which looks for the line's colour). */
export const SELECTION_COLORS = { line: [17, 17, 17, 255] as RGBA, halo: [255, 255, 255, 235] as RGBA };

/** Widths in pixels: the halo is drawn first, the line on top of it. */
const AREA_WIDTH = { halo: 6, line: 3 };
const POINT = { radius: 11, halo: 5, line: 2.5 };

type Position = [number, number];

/** What is selected, as geometry: the area's rings or the institution's position. */
export type SelectionShape =
  | { kind: 'area'; key: string; rings: Position[][] }
  | { kind: 'point'; key: string; position: Position };

/** The rings of a polygon or multipolygon (lon/lat); other geometry has none. */
export function ringsOf(g: Geometry | null | undefined): Position[][] {
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates as Position[][];
  if (g.type === 'MultiPolygon') return (g.coordinates as Position[][][]).flat();
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(ringsOf);
  return [];
}

/**
 * The shape of the selection: an area of a level (or an Einschulbereich, `esb`) by its id, or an institution
 * with a position. Null when nothing is selected or the selected item is not loaded (or has no location).
 */
export function selectionShape(
  selected: MapTarget | null,
  esb: string | null,
  areas: Partial<Record<string, Areas>>,
  institutions: Partial<Record<InstitutionKind, InstitutionSet>>,
): SelectionShape | null {
  if (esb) {
    const f = findArea(areas.esb, esb);
    const rings = ringsOf(f?.geometry);
    return rings.length ? { kind: 'area', key: `esb:${esb}`, rings } : null;
  }
  if (!selected) return null;
  if (selected.kind === 'area') {
    const f = findArea(areas[selected.level], selected.id);
    const rings = ringsOf(f?.geometry);
    return rings.length ? { kind: 'area', key: `${selected.level}:${selected.id}`, rings } : null;
  }
  const it = findInstitution(institutions[selected.institutionKind], selected.id);
  if (!it || !Number.isFinite(it.lon) || !Number.isFinite(it.lat)) return null;
  return { kind: 'point', key: `${selected.institutionKind}:${selected.id}`, position: [it.lon, it.lat] };
}

interface AreaRow {
  path: Position[];
  halo: boolean;
}
interface PointRow {
  position: Position;
  halo: boolean;
}

/** Data of the hidden layers before anything is selected: one row keeps their shaders made. */
const NO_AREA: AreaRow[] = [
  {
    path: [
      [13.4, 52.5],
      [13.41, 52.5],
    ],
    halo: false,
  },
];
const NO_POINT: PointRow[] = [{ position: [13.4, 52.5], halo: false }];

/** Rows of each shape, made once per selection (stable data: deck.gl uploads it once). */
const rowCache = new WeakMap<SelectionShape, AreaRow[] | PointRow[]>();

function rowsOf(shape: SelectionShape): AreaRow[] | PointRow[] {
  let rows = rowCache.get(shape);
  if (!rows) {
    rows =
      shape.kind === 'area'
        ? [true, false].flatMap((halo) => shape.rings.map((path) => ({ path, halo })))
        : [true, false].map((halo) => ({ position: shape.position, halo }));
    rowCache.set(shape, rows);
  }
  return rows;
}

/** The selection's two layers (area boundary, institution ring); only the one for the shape is visible. */
export function selectionLayers(shape: SelectionShape | null): Layer[] {
  const area = shape?.kind === 'area' ? (rowsOf(shape) as AreaRow[]) : NO_AREA;
  const point = shape?.kind === 'point' ? (rowsOf(shape) as PointRow[]) : NO_POINT;
  return [
    new PathLayer<AreaRow>({
      id: SELECTION_IDS.area,
      data: area,
      visible: shape?.kind === 'area',
      pickable: false,
      widthUnits: 'pixels',
      getPath: (d) => d.path,
      getWidth: (d) => (d.halo ? AREA_WIDTH.halo : AREA_WIDTH.line),
      getColor: (d) => (d.halo ? SELECTION_COLORS.halo : SELECTION_COLORS.line),
      jointRounded: true,
      capRounded: true,
    }),
    new ScatterplotLayer<PointRow>({
      id: SELECTION_IDS.point,
      data: point,
      visible: shape?.kind === 'point',
      pickable: false,
      radiusUnits: 'pixels',
      getPosition: (d) => d.position,
      getRadius: POINT.radius,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (d.halo ? POINT.halo : POINT.line),
      getLineColor: (d) => (d.halo ? SELECTION_COLORS.halo : SELECTION_COLORS.line),
    }),
  ];
}
