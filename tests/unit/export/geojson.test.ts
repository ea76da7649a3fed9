import type { Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geoJsonText, ringArea2, roundGeometry, toGeoJson } from '../../../src/export/geojson';
import { applySuppression } from '../../../src/export/suppression';
import { cellValue } from '../../../src/export/table';
import {
  areaGeometries,
  areas,
  INJECTION_NAMES,
  institutionPoint,
  institutions,
} from '../fixtures/export/tables';

describe('GeoJSON export', () => {
  const inst = applySuppression(institutions).table;
  const area = applySuppression(areas).table;
  const fc = toGeoJson(
    [
      { table: area, geometry: (r) => areaGeometries[String(r.id)] ?? null },
      { table: inst, geometry: (r) => institutionPoint(r) },
    ],
    { meta: { exportedAt: '2026-11-27T12:00:00.000Z' } },
  );

  it('round-trips through JSON with the same rows and values as the view', () => {
    const back = JSON.parse(geoJsonText(fc));
    expect(back.type).toBe('FeatureCollection');
    expect(back.exportedAt).toBe('2026-11-27T12:00:00.000Z');
    expect(back.features).toHaveLength(area.rows.length + inst.rows.length);
    for (const [layer, table] of [
      ['gebiete', area],
      ['einrichtungen', inst],
    ] as const) {
      const feats = back.features.filter(
        (f: { properties: { layer: string } }) => f.properties.layer === layer,
      );
      const got = feats.map((f: { properties: Record<string, unknown> }) =>
        table.columns.map((c) => f.properties[c.key]),
      );
      expect(got).toEqual(table.rows.map((r) => table.columns.map((c) => cellValue(c, r[c.key]))));
    }
    const names = back.features.map((f: { properties: { name: string } }) => f.properties.name);
    for (const bad of INJECTION_NAMES) expect(names).toContain(bad); // JSON strings are inert: kept verbatim
  });

  it('keeps IDs as strings (feature id and properties), suppressed values null', () => {
    const f = fc.features.find((x) => x.id === '00012345');
    expect(f?.properties?.id).toBe('00012345');
    const plr = fc.features.find((x) => x.id === '01100102' && x.properties?.layer === 'gebiete');
    expect(plr?.properties?.age_6_15).toBeNull();
    expect(plr?.properties?.share_6_15).toBeNull();
    expect(plr?.properties?.population).toBe(120);
    for (const x of fc.features) expect(typeof x.id).toBe('string');
  });

  it('rounds coordinates to 6 decimals (WGS84) and lists column labels', () => {
    const poly = fc.features[0].geometry as Polygon;
    expect(poly.coordinates[0][0]).toEqual([13.374123, 52.508123]);
    expect(poly.coordinates[0][0]).toEqual(poly.coordinates[0].at(-1));
    const pt = fc.features.find((x) => x.id === '01B01')?.geometry as Point;
    expect(pt.coordinates).toEqual([13.375123, 52.510123]);
    expect(fc.columns.find((c) => c.key === 'share_6_15')).toMatchObject({
      label: 'Anteil 6–15 Jahre',
      unit: '%',
    });
  });

  it('drops duplicate positions created by rounding but keeps rings valid', () => {
    const g = roundGeometry(
      {
        type: 'Polygon',
        coordinates: [
          [
            [13.1, 52.1],
            [13.1000000001, 52.1],
            [13.2, 52.1],
            [13.2, 52.2],
            [13.1, 52.1],
          ],
        ],
      },
      6,
    ) as Polygon;
    expect(g.coordinates[0]).toEqual([
      [13.1, 52.1],
      [13.2, 52.1],
      [13.2, 52.2],
      [13.1, 52.1],
    ]);
  });

  it('rejects projected coordinates with a clear message', () => {
    expect(() =>
      toGeoJson([{ table: area, geometry: () => ({ type: 'Point', coordinates: [390000, 5820000] }) }]),
    ).toThrow(/gebiete row 1 \(id 01100101\).*outside WGS84/);
  });
});

describe('GeoJSON winding order (RFC 7946 right-hand rule)', () => {
  it('writes exterior rings counter-clockwise and holes clockwise', () => {
    const cw = [
      [13.1, 52.1],
      [13.1, 52.2],
      [13.2, 52.2],
      [13.2, 52.1],
      [13.1, 52.1],
    ];
    const hole = [
      [13.12, 52.12],
      [13.18, 52.12],
      [13.18, 52.18],
      [13.12, 52.18],
      [13.12, 52.12],
    ];
    const g = roundGeometry({ type: 'Polygon', coordinates: [cw, hole] }) as Polygon;
    expect(ringArea2(g.coordinates[0])).toBeGreaterThan(0);
    expect(ringArea2(g.coordinates[1])).toBeLessThan(0);
    expect(g.coordinates[0]).toEqual([...cw].reverse());
  });
});
