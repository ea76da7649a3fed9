import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../../src/domain/types';
import { buildAreaIndex, buildFlatbushAreaIndex } from '../../../src/spatial/areaIndex';
import { multi, ring, seeded, square } from './helpers';

// A small partition-like layer: A has a hole, B is an island inside that hole, C is a MultiPolygon of two
// parts, D is an irregular (concave) polygon with a slanted edge shared with E.
const layer: AreaFeature[] = [
  square(0, 0, 4, 4, { id: 'A' }, [ring(1, 1, 3, 3, false)]),
  square(1.5, 1.5, 2.5, 2.5, { id: 'B' }),
  multi([[ring(4, 0, 6, 2)], [ring(4, 3, 6, 4)]], { id: 'C' }),
  {
    type: 'Feature',
    properties: { id: 'D' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [6, 0],
          [9, 0],
          [7.5, 2],
          [9, 4],
          [6, 4],
          [6, 0],
        ],
      ],
    },
  },
  {
    type: 'Feature',
    properties: { id: 'E' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [9, 0],
          [10, 0],
          [10, 4],
          [9, 4],
          [7.5, 2],
          [9, 0],
        ],
      ],
    },
  },
];

describe('buildAreaIndex (grid + band index)', () => {
  const idx = buildAreaIndex(layer);
  it('finds areas, holes, islands and MultiPolygon parts', () => {
    expect(idx.locate(0.5, 0.5)).toBe(0);
    expect(idx.locate(1.2, 1.2)).toBe(-1); // in A's hole, outside B
    expect(idx.locate(2, 2)).toBe(1); // island B
    expect(idx.locate(5, 1)).toBe(2);
    expect(idx.locate(5, 3.5)).toBe(2);
    expect(idx.locate(5, 2.5)).toBe(-1); // gap between C's parts
    expect(idx.locate(7, 2)).toBe(3);
    expect(idx.locate(8.5, 2)).toBe(4); // E's notch reaches into D's bounding box
    expect(idx.locate(11, 2)).toBe(-1);
    expect(idx.size).toBe(5);
  });
  it('returns -1 for non-finite input', () => {
    expect(idx.locate(Number.NaN, 1)).toBe(-1);
    expect(idx.locate(1, Number.POSITIVE_INFINITY)).toBe(-1);
  });
  it('border rule: east of a north–south border, north of an east–west border, one owner per vertex', () => {
    expect(idx.locate(4, 1)).toBe(2); // A|C border at x=4 → C (east)
    expect(idx.locate(6, 1)).toBe(3); // C|D border → D (east)
    expect(idx.locate(2, 1.5)).toBe(1); // B's south edge (B north of hole) → B
    expect(idx.locate(8.25, 1)).toBe(4); // on the slanted D|E edge → E (east)
    const quad = buildAreaIndex([
      square(0, 0, 1, 1, { id: 'SW' }),
      square(1, 0, 2, 1, { id: 'SE' }),
      square(0, 1, 1, 2, { id: 'NW' }),
      square(1, 1, 2, 2, { id: 'NE' }),
    ]);
    expect(quad.locate(1, 1)).toBe(3);
    expect(quad.locate(1, 0.5)).toBe(1);
    expect(quad.locate(0.5, 1)).toBe(2);
  });
  it('where areas overlap, the lowest feature index wins', () => {
    const o = buildAreaIndex([square(2, 2, 3, 3), square(0, 0, 10, 10), square(1, 1, 5, 5)]);
    expect(o.locate(2.5, 2.5)).toBe(0);
    expect(o.locate(4, 4)).toBe(1);
    expect(o.locate(9, 9)).toBe(1);
    const o2 = buildAreaIndex([square(0, 0, 10, 10), square(2, 2, 3, 3)]);
    expect(o2.locate(2.5, 2.5)).toBe(0);
  });
  it('agrees with the plain Flatbush + ray-cast reference on 20,000 random points, for several grid sizes', () => {
    const ref = buildFlatbushAreaIndex(layer);
    const rnd = seeded(7);
    const n = 20_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = -0.5 + rnd() * 11;
      ys[i] = -0.5 + rnd() * 5;
    }
    // include exact border and vertex points: the rule must be identical too
    xs.set([4, 6, 8.25, 7.5, 1, 3, 2, 9], 0);
    ys.set([1, 1, 1, 2, 1, 3, 1.5, 0], 0);
    const expected = ref.locateMany(xs, ys);
    for (const gridSize of [undefined, 1, 3, 17, 256]) {
      const got = buildAreaIndex(layer, { gridSize }).locateMany(xs, ys);
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
    const single = Int32Array.from(xs, (x, i) => idx.locate(x, ys[i]));
    expect(Array.from(single)).toEqual(Array.from(expected));
  });
  it('handles an empty layer and unclosed rings', () => {
    expect(buildAreaIndex([]).locate(0, 0)).toBe(-1);
    const open: AreaFeature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    };
    const i = buildAreaIndex([open]);
    expect(i.locate(0.5, 0.5)).toBe(0);
    expect(i.locate(0.5, 1.5)).toBe(-1);
    // an unclosed diamond (no horizontal edge): its implicit closing edge must be indexed too
    const diamond: AreaFeature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 0],
            [2, 1],
            [1, 2],
            [0, 1],
          ],
        ],
      },
    };
    for (const gridSize of [1, 8]) {
      const t = buildAreaIndex([diamond], { gridSize });
      expect(t.locate(1, 0.5)).toBe(0);
      expect(t.locate(0.2, 0.5)).toBe(-1);
    }
  });
});
