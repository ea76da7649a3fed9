import { describe, expect, it } from 'vitest';
import { bsnKey, joinByKey, joinToAreas, joinToSchools, keyJoinReports } from '../../../src/spatial/keyJoin';

describe('key joins', () => {
  const plr = ['01100101', '01100102', '02100101'];
  it('joins a table to areas by ID and repairs a lost leading zero (reported)', () => {
    const r = joinToAreas(['1100101', '01100102', '99999999', 'abc'], plr, 'plr');
    expect(Array.from(r.rightOf)).toEqual([0, 1, -1, -1]);
    expect(r.repairedLeft).toEqual([{ index: 0, from: '1100101', to: '01100101' }]);
    expect(r.unmatchedLeft.map((u) => u.key)).toEqual(['99999999']);
    expect(r.invalidLeft.map((u) => u.raw)).toEqual(['abc']);
    expect(r.unmatchedRight.map((u) => u.key)).toEqual(['02100101']);
    expect(r.matched).toBe(2);
  });
  it('does not pad more than one lost zero for LOR IDs (that would be a different number)', () => {
    const r = joinToAreas(['100101'], ['00100101'], 'plr');
    expect(r.matched).toBe(0);
    expect(r.invalidLeft).toHaveLength(1);
  });
  it('joins by BSN with normalisation of case, whitespace and a lost leading zero', () => {
    expect(bsnKey('1B01')).toEqual({ key: '01B01', repaired: true });
    expect(bsnKey(' 01b01 ')).toEqual({ key: '01B01', repaired: false });
    expect(bsnKey('Schule')).toBeNull();
    const r = joinToSchools(['1B01', '02K03', '07Y99'], ['01B01', '02K03', '03G12']);
    expect(Array.from(r.rightOf)).toEqual([0, 1, -1]);
    expect(r.unmatchedLeft.map((u) => u.key)).toEqual(['07Y99']);
    expect(r.unmatchedRight.map((u) => u.key)).toEqual(['03G12']);
    expect(r.repairedLeft).toHaveLength(1);
  });
  it('reports duplicate keys on the right side and uses the first', () => {
    const r = joinByKey(['a'], ['a', 'b', 'a']);
    expect(r.rightOf[0]).toBe(0);
    expect(r.duplicateRight).toEqual([{ key: 'a', indices: [0, 2] }]);
    expect(r.unmatchedRight.map((u) => u.key)).toEqual(['b']);
  });
  it('turns results into join reports', () => {
    const r = joinToSchools(['1B01', '07Y99'], ['01B01', '03G12']);
    const reps = keyJoinReports(r, { id: 'stat', leftLabel: 'Schulstatistik', rightLabel: 'Schulliste' });
    const byId = Object.fromEntries(reps.map((x) => [x.id, x]));
    expect(byId['stat-unmatched-left'].count).toBe(1);
    expect(byId['stat-unmatched-right'].items[0].key).toBe('03G12');
    expect(byId['stat-repaired'].items[0].detail).toContain('1B01');
  });
});
