import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/export/csv';
import { areaTableFromResults, indicatorColumn, reportIndicators } from '../../../src/export/fromIndicators';
import { applySuppression } from '../../../src/export/suppression';
import { isSuppressed } from '../../../src/export/table';
import { getIndicator } from '../../../src/indicators/catalogue';
import type { RollupLevel } from '../../../src/spatial/rollup';

// A made-up engine result: 3 PLR in 2 Bezirke (shape as engine.compute() returns it).
const levelIds = {
  plr: ['01100101', '01100102', '02200203'],
  bzr: ['011001', '022002'],
  pgr: ['0110', '0220'],
  bez: ['01', '02'],
  berlin: ['00'],
} as Record<RollupLevel, readonly string[]>;
const f = (...v: number[]) => Float64Array.from(v);
const u = (...v: number[]) => Uint8Array.from(v);
const results = {
  levelIds,
  values: {
    pop_age_6_15: {
      plr: f(298, 2, 1012),
      bzr: f(300, 1012),
      pgr: f(300, 1012),
      bez: f(300, 1012),
      berlin: f(1312),
    },
    pop_share_age_6_15: {
      plr: f(0.0862, 0.0167, Number.NaN),
      bzr: f(0.08, 0.099),
      pgr: f(0.08, 0.099),
      bez: f(0.08, 0.099),
      berlin: f(0.0912),
    },
  },
  suppressed: {
    pop_age_6_15: { plr: u(0, 1, 0), bzr: u(0, 0), pgr: u(0, 0), bez: u(0, 0), berlin: u(0) },
    pop_share_age_6_15: { plr: u(0, 1, 0), bzr: u(0, 0), pgr: u(0, 0), bez: u(0, 0), berlin: u(0) },
  },
} as const;

describe('export from indicator results', () => {
  it('builds indicator columns from the catalogue', () => {
    expect(indicatorColumn(getIndicator('pop_age_6_15'), 'de')).toMatchObject({
      type: 'integer',
      key: 'pop_age_6_15',
    });
    const share = indicatorColumn(getIndicator('pop_share_age_6_15'), 'en');
    expect(share).toMatchObject({ type: 'decimal', decimals: 1, unit: '%' });
    expect(share.label).toMatch(/\(%\)$/);
  });

  it('builds the areas table with the engine suppression flags and percent ×100', () => {
    const t = areaTableFromResults({
      results,
      level: 'plr',
      indicatorIds: ['pop_age_6_15', 'pop_share_age_6_15'],
      locale: 'de',
      areaIds: ['02200203', '01100102', '01100101'],
      areaColumns: [{ key: 'name', label: 'Name', type: 'text' }],
      areaAttributes: (id) => ({ name: `Gebiet ${id}` }),
    });
    expect(t.columns.map((c) => c.key)).toEqual(['id', 'name', 'pop_age_6_15', 'pop_share_age_6_15']);
    expect(t.rows[0]).toEqual({
      id: '02200203',
      name: 'Gebiet 02200203',
      pop_age_6_15: 1012,
      pop_share_age_6_15: null,
    });
    expect(isSuppressed(t.rows[1].pop_age_6_15)).toBe(true);
    expect(isSuppressed(t.rows[1].pop_share_age_6_15)).toBe(true);
    expect(t.rows[2].pop_share_age_6_15).toBeCloseTo(8.62, 10);
    const csv = toCsv(applySuppression(t).table, 'excel-de');
    expect(csv).toContain('01100101;Gebiet 01100101;298;8,6\r\n');
    expect(csv).toContain('01100102;Gebiet 01100102;;\r\n');
  });

  it('compares an area with its Bezirk and Berlin for the print report', () => {
    const rows = reportIndicators(results, 'plr', '01100102', ['pop_age_6_15', 'pop_share_age_6_15'], 'de');
    expect(rows[0]).toMatchObject({
      area: null,
      areaSuppressed: true,
      bezirk: 300,
      berlin: 1312,
      unit: undefined,
    });
    expect(rows[1]).toMatchObject({ areaSuppressed: true, unit: '%', decimals: 1 });
    expect(rows[1].bezirk).toBeCloseTo(8, 10);
    expect(rows[1].berlin).toBeCloseTo(9.12, 10);
  });
});
