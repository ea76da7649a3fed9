import type { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import type { Areas, InstitutionSet } from '../../../src/datasets/types';
import { buildLayers, type LayerInputs } from '../../../src/map/layers/index';
import {
  ringsOf,
  SELECTION_COLORS,
  SELECTION_IDS,
  selectionLayers,
  selectionShape,
} from '../../../src/map/layers/selection';
import { DEFAULT_LAYERS } from '../../../src/state/viewStore';
import { square, squareWithHole } from '../fixtures/areaLayers';

const bzr: Areas = {
  type: 'FeatureCollection',
  features: [
    squareWithHole(),
    {
      type: 'Feature',
      properties: { id: '02', name: 'Zwei Teile' },
      geometry: { type: 'MultiPolygon', coordinates: [[square(13.2, 52, 0.05)], [square(13.3, 52, 0.02)]] },
    },
  ],
};
const esb: Areas = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: '0101', name: 'ESB 1' },
      geometry: { type: 'Polygon', coordinates: [square(13.5, 52.5, 0.01)] },
    },
  ],
};
const item = (id: string, lon: number, lat: number) => ({
  kind: 'school' as const,
  id,
  name: id,
  type: 'Grundschule',
  operator: '',
  bezirk: '',
  address: '',
  lon,
  lat,
  plrId: null,
  fields: {},
});
const schools: InstitutionSet = {
  kind: 'school',
  file: 'schools.csv',
  rowsRead: 2,
  positions: new Float64Array([13.4, 52.5, Number.NaN, Number.NaN]),
  items: [item('01G01', 13.4, 52.5), item('01G02', Number.NaN, Number.NaN)],
};

describe('selection shape', () => {
  it('takes the rings of polygons and multipolygons, none of points', () => {
    expect(ringsOf(bzr.features[0].geometry)).toHaveLength(2); // outer ring and hole
    expect(ringsOf(bzr.features[1].geometry)).toHaveLength(2); // two parts
    expect(ringsOf({ type: 'Point', coordinates: [13, 52] })).toEqual([]);
    expect(ringsOf(null)).toEqual([]);
  });

  it('finds the selected area of its level, an Einschulbereich, or an institution with a position', () => {
    const a = selectionShape({ kind: 'area', level: 'bzr', id: '02' }, null, { bzr }, {});
    expect(a).toEqual({
      kind: 'area',
      key: 'bzr:02',
      rings: [square(13.2, 52, 0.05), square(13.3, 52, 0.02)],
    });
    const e = selectionShape(null, '0101', { bzr, esb }, {});
    expect(e?.kind === 'area' && e.rings).toEqual([square(13.5, 52.5, 0.01)]);
    const p = selectionShape(
      { kind: 'institution', institutionKind: 'school', id: '01G01' },
      null,
      {},
      { school: schools },
    );
    expect(p).toEqual({ kind: 'point', key: 'school:01G01', position: [13.4, 52.5] });
  });

  it('is null when nothing is selected, the item is not loaded or has no location', () => {
    expect(selectionShape(null, null, { bzr }, { school: schools })).toBeNull();
    expect(selectionShape({ kind: 'area', level: 'bzr', id: '99' }, null, { bzr }, {})).toBeNull();
    expect(selectionShape({ kind: 'area', level: 'plr', id: '01' }, null, { bzr }, {})).toBeNull();
    expect(selectionShape(null, '0101', { bzr }, {})).toBeNull();
    const noPos = { kind: 'institution', institutionKind: 'school', id: '01G02' } as const;
    expect(selectionShape(noPos, null, {}, { school: schools })).toBeNull();
    expect(selectionShape(noPos, null, {}, {})).toBeNull();
  });
});

describe('selection layers', () => {
  it('are hidden with a placeholder while nothing is selected', () => {
    const [area, point] = selectionLayers(null);
    expect([area.id, point.id]).toEqual([SELECTION_IDS.area, SELECTION_IDS.point]);
    expect(area.props.visible).toBe(false);
    expect(point.props.visible).toBe(false);
    expect((area.props.data as unknown[]).length).toBe(1);
  });

  it("draw the area's rings as a white halo under a black line, and a ring around an institution", () => {
    const shape = selectionShape({ kind: 'area', level: 'bzr', id: '01' }, null, { bzr }, {});
    const [area, point] = selectionLayers(shape) as [PathLayer, ScatterplotLayer];
    expect(area.props.visible).toBe(true);
    expect(point.props.visible).toBe(false);
    const rows = area.props.data as { path: unknown; halo: boolean }[];
    // every ring twice: all halos first, then the lines above them
    expect(rows.map((r) => r.halo)).toEqual([true, true, false, false]);
    expect(rows[2].path).toEqual(square(13, 52, 0.1));
    const color = area.props.getColor as (d: unknown) => unknown;
    const width = area.props.getWidth as (d: unknown) => number;
    expect(color(rows[0])).toEqual(SELECTION_COLORS.halo);
    expect(color(rows[2])).toEqual(SELECTION_COLORS.line);
    expect(width(rows[0])).toBeGreaterThan(width(rows[2]));

    const p = selectionShape(
      { kind: 'institution', institutionKind: 'school', id: '01G01' },
      null,
      {},
      { school: schools },
    );
    const [a2, pt] = selectionLayers(p) as [PathLayer, ScatterplotLayer];
    expect(a2.props.visible).toBe(false);
    expect(pt.props.visible).toBe(true);
    expect((pt.props.data as { position: number[] }[]).map((r) => r.position)).toEqual([
      [13.4, 52.5],
      [13.4, 52.5],
    ]);
    expect(pt.props.filled).toBe(false);
  });

  it('keep their data while the selection is the same (deck.gl uploads it once)', () => {
    const shape = selectionShape({ kind: 'area', level: 'bzr', id: '02' }, null, { bzr }, {});
    expect(selectionLayers(shape)[0].props.data).toBe(selectionLayers(shape)[0].props.data);
    expect(selectionLayers(null)[1].props.data).toBe(selectionLayers(null)[1].props.data);
  });

  it('are on the map above the areas and points once warmed up or when something is selected', () => {
    const base: LayerInputs = {
      level: 'bzr',
      layers: DEFAULT_LAYERS,
      areas: bzr,
      institutions: { school: schools },
    };
    const ids = (i: LayerInputs) => buildLayers(i).map((l) => l.id);
    expect(ids(base)).not.toContain(SELECTION_IDS.area);
    expect(ids({ ...base, warmUpShaders: true })).toContain(SELECTION_IDS.point);
    const shape = selectionShape({ kind: 'area', level: 'bzr', id: '01' }, null, { bzr }, {});
    const withSel = ids({ ...base, selection: shape });
    expect(withSel.indexOf(SELECTION_IDS.area)).toBeGreaterThan(
      withSel.findIndex((id) => id.startsWith('areas')),
    );
    expect(withSel.indexOf(SELECTION_IDS.point)).toBeGreaterThan(
      withSel.findIndex((id) => id.includes('school')),
    );
  });
});
