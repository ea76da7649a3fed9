import { describe, expect, it } from 'vitest';
import { applySuppression, isSmallCount, withSuppressedFlags } from '../../../src/export/suppression';
import { isSuppressed } from '../../../src/export/table';
import { areas, institutions } from '../fixtures/export/tables';

describe('small-number suppression', () => {
  it('suppresses counts 1 and 2 (threshold 3), shows 0 and 3', () => {
    expect([0, 1, 2, 3, 2.5, -1, null, '2', 0.5].map((v) => isSmallCount(v))).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(isSmallCount(0, { threshold: 3, suppressZero: true })).toBe(true);
    expect(isSmallCount(4, { threshold: 5 })).toBe(true);
  });

  it('suppresses small counts and the ratios derived from them', () => {
    const { table, report } = applySuppression(institutions);
    const byId = new Map(table.rows.map((r) => [r.id, r]));
    const kita = byId.get('01K02')!; // pupils 2, teachers 1
    expect(kita.pupils).toEqual({ suppressed: true, reason: 'small-count' });
    expect(kita.teachers).toEqual({ suppressed: true, reason: 'small-count' });
    expect(kita.pupils_per_teacher).toEqual({ suppressed: true, reason: 'derived' });
    expect(kita.name).toBe(institutions.rows[1].name);
    const gym = byId.get('03G04')!; // teachers 2 → ratio suppressed, pupils shown
    expect(gym.pupils).toBe(845);
    expect(isSuppressed(gym.teachers)).toBe(true);
    expect(isSuppressed(gym.pupils_per_teacher)).toBe(true);
    const zero = byId.get('02P03')!; // pupils 0 is shown
    expect(zero.pupils).toBe(0);
    expect(zero.pupils_per_teacher).toBe(0);
    expect(byId.get('06S07')!.pupils).toBe(3);
    // negative changes are not counts: untouched
    expect(byId.get('01B01')!.pupils_change).toBe(-12);
    expect(report.cellsByColumn).toEqual({ pupils: 1, teachers: 2, pupils_per_teacher: 2 });
    expect(report.total).toBe(5);
    // the input is not mutated
    expect(institutions.rows[1].pupils).toBe(2);
  });

  it('suppresses a ratio even when its operand column is not exported', () => {
    const onlyShare = { ...areas, columns: areas.columns.filter((c) => c.key === 'share_6_15') };
    const { table } = applySuppression(onlyShare);
    expect(table.rows.map((r) => isSuppressed(r.share_6_15))).toEqual([false, true, false, false]);
  });

  it('is idempotent', () => {
    const once = applySuppression(institutions).table;
    const twice = applySuppression(once);
    expect(twice.table.rows).toEqual(once.rows);
    expect(twice.report.total).toBe(5);
  });
});

describe('suppression flags from the indicator engine', () => {
  it('marks flagged cells and suppresses values derived from them', () => {
    const flagged = withSuppressedFlags(areas, 'population', Uint8Array.of(0, 0, 0, 1)); // engine flags
    const { table } = applySuppression(flagged);
    expect(isSuppressed(table.rows[3].population)).toBe(true);
    expect(table.rows[3].share_6_15).toEqual({ suppressed: true, reason: 'derived' });
    expect(table.rows[0].population).toBe(3456);
    expect(() => withSuppressedFlags(areas, 'population', [true])).toThrow(/1 suppression flags for 4 rows/);
  });
});
