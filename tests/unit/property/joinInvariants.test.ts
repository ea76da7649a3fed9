/**
 * Property tests (fast-check) for the point → LOR join on a small hand-made partition: a 4 × 3 grid of
 * quadrilaterals with jittered (shared) inner vertices, one of them with a hole that is its own PLR
 * ("island"). Random points — also exactly on vertices and edges — are joined with the indexed join
 * (src/spatial/areaIndex + pointJoin) and checked against @turf/turf booleanPointInPolygon and the plain
 * Flatbush reference index:
 * - away from borders the indexed join finds exactly the area turf finds (or none);
 * - every point lies in at most one area of the partition (turf), and the join returns at most that one;
 * - on borders the fast index and the reference agree (same documented border rule);
 * - the higher levels (BZR, PGR, BEZ) are prefixes of the PLR ID.
 */
import { booleanPointInPolygon, point } from '@turf/turf';
import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { LOR_ID_LENGTH, LOR_LEVELS } from '../../../src/domain/lor';
import type { AreaFeature } from '../../../src/domain/types';
import { buildAreaIndex, buildFlatbushAreaIndex } from '../../../src/spatial/areaIndex';
import { buildLorJoiner } from '../../../src/spatial/pointJoin';

const NX = 4;
const NY = 3;
const X0 = 13.3;
const Y0 = 52.45;
const D = 0.02;

/** Grid vertex (i, j); inner vertices are moved by a fixed pseudo-random offset (edges become slanted). */
function vertex(i: number, j: number): Position {
  const inner = i > 0 && i < NX && j > 0 && j < NY;
  const jx = inner ? (((i * 7 + j * 13) % 5) - 2) * 0.002 : 0;
  const jy = inner ? (((i * 11 + j * 3) % 5) - 2) * 0.002 : 0;
  return [X0 + i * D + jx, Y0 + j * D + jy];
}

/** PLR ID of cell (i, j): Bezirk by column pair, nested Prognoseraum / Bezirksregion, 2-digit PLR. */
function cellId(i: number, j: number): string {
  const bez = i < 2 ? '01' : '02';
  const pgr = `${bez}${j === 0 ? '10' : '20'}`;
  const bzr = `${pgr}0${(i % 2) + 1}`;
  return `${bzr}${String(10 + j * NX + i).padStart(2, '0')}`;
}

const HOLE_CELL = { i: 1, j: 1 };
function holeRing(): Position[] {
  const [cx, cy] = [X0 + 1.5 * D, Y0 + 1.5 * D];
  const h = D * 0.2;
  // clockwise (a hole)
  return [
    [cx - h, cy - h],
    [cx - h, cy + h],
    [cx + h, cy + h],
    [cx + h, cy - h],
    [cx - h, cy - h],
  ];
}

const features: AreaFeature[] = [];
for (let j = 0; j < NY; j++)
  for (let i = 0; i < NX; i++) {
    const outer = [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1), vertex(i, j)];
    const rings = i === HOLE_CELL.i && j === HOLE_CELL.j ? [outer, holeRing()] : [outer];
    features.push({
      type: 'Feature',
      properties: { PLR_ID: cellId(i, j) },
      geometry: { type: 'Polygon', coordinates: rings },
    });
  }
// the island filling the hole: its own PLR in the same Bezirksregion
features.push({
  type: 'Feature',
  properties: { PLR_ID: `${cellId(HOLE_CELL.i, HOLE_CELL.j).slice(0, 6)}99` },
  geometry: { type: 'Polygon', coordinates: [[...holeRing()].reverse()] },
});

const joiner = buildLorJoiner(features);
const fast = buildAreaIndex(features);
const reference = buildFlatbushAreaIndex(features);

const edges: [Position, Position][] = features.flatMap((f) =>
  (f.geometry as Polygon).coordinates.flatMap((ring) =>
    ring.slice(1).map((p, k) => [ring[k], p] as [Position, Position]),
  ),
);
const vertices: Position[] = edges.map(([a]) => a);

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}
const nearBorder = (p: Position) => edges.some(([a, b]) => distanceToSegment(p, a, b) < 1e-9);
/** The point lies within 1e-9° of one of the area's edges. */
const touches = (f: AreaFeature, p: Position) =>
  (f.geometry as Polygon).coordinates.some((ring) =>
    ring.slice(1).some((b, k) => distanceToSegment(p, ring[k], b) < 1e-9),
  );

const MARGIN = 0.01;
const coord = (lo: number, hi: number) =>
  fc.integer({ min: 0, max: 1_000_000 }).map((k) => lo + ((hi - lo) * k) / 1e6);
/** Points anywhere around the grid, on a vertex, or on an edge. */
const pointArb: fc.Arbitrary<Position> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(coord(X0 - MARGIN, X0 + NX * D + MARGIN), coord(Y0 - MARGIN, Y0 + NY * D + MARGIN)),
  },
  { weight: 1, arbitrary: fc.constantFrom(...vertices) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...edges), fc.integer({ min: 0, max: 1000 }))
      .map(
        ([[a, b], k]) => [a[0] + ((b[0] - a[0]) * k) / 1000, a[1] + ((b[1] - a[1]) * k) / 1000] as Position,
      ),
  },
);
const pointsArb = fc.array(pointArb, { minLength: 1, maxLength: 200 });

describe('point → LOR join invariants (property)', () => {
  it('the fixture is a valid nested hierarchy', () => {
    expect(new Set(joiner.plrIds).size).toBe(features.length);
    for (const id of joiner.plrIds) expect(id).toMatch(/^\d{8}$/);
  });

  it('agrees with turf booleanPointInPolygon away from borders; at most one area per point', () => {
    fc.assert(
      fc.property(pointsArb, (pts) => {
        const lons = pts.map((p) => p[0]);
        const lats = pts.map((p) => p[1]);
        const got = fast.locateMany(lons, lats);
        pts.forEach((p, i) => {
          const containing = features.flatMap((f, k) =>
            booleanPointInPolygon(point(p), f as AreaFeature<Record<string, unknown>>, {
              ignoreBoundary: true,
            })
              ? [k]
              : [],
          );
          expect(containing.length, `point ${p} inside ${containing.length} areas`).toBeLessThanOrEqual(1);
          if (nearBorder(p)) {
            // on (or within 1e-9° of) a border: one of the touching areas, or none on the outer edge
            if (got[i] >= 0) {
              const f = features[got[i]] as AreaFeature<Record<string, unknown>>;
              expect(booleanPointInPolygon(point(p), f) || touches(f, p), `point ${p}`).toBe(true);
            }
          } else expect(got[i], `point ${p}`).toBe(containing[0] ?? -1);
        });
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('the grid index and the Flatbush reference agree everywhere, borders included', () => {
    fc.assert(
      fc.property(pointsArb, (pts) => {
        for (const p of pts) expect(fast.locate(p[0], p[1]), `point ${p}`).toBe(reference.locate(p[0], p[1]));
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('derived levels are prefixes of the PLR ID', () => {
    fc.assert(
      fc.property(pointsArb, (pts) => {
        const lons = pts.map((p) => p[0]);
        const lats = pts.map((p) => p[1]);
        const a = joiner.assign(lons, lats);
        pts.forEach((_, i) => {
          const plr = a.plr[i];
          if (plr < 0) {
            for (const level of LOR_LEVELS) expect(a[level][i]).toBe(-1);
            return;
          }
          const plrId = joiner.levelIds.plr[plr];
          for (const level of LOR_LEVELS)
            expect(joiner.levelIds[level][a[level][i]]).toBe(plrId.slice(0, LOR_ID_LENGTH[level]));
        });
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});
