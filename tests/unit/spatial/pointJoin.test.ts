import { describe, expect, it } from 'vitest';
import {
  buildLorJoiner,
  checkLorHierarchy,
  compareBezirk,
  joinPointsToLor,
} from '../../../src/spatial/pointJoin';
import { square } from './helpers';
import { MINI_BEZ, MINI_BZR, MINI_PGR, MINI_PLR } from './lorFixture';

describe('LOR point join', () => {
  const j = buildLorJoiner(MINI_PLR);
  it('assigns the PLR by geometry and derives BZR/PGR/BEZ from the ID prefix', () => {
    const r = joinPointsToLor(j, [
      { key: 'p1', lon: 0.5, lat: 0.5 },
      { key: 'p2', lon: 3.5, lat: 0.5 },
      { key: 'p3', lon: 2, lat: 0.5 }, // on the Bezirk border → east (02100101)
    ]);
    expect(r.assigned[0]).toEqual({ plr_id: '01100101', bzr_id: '011001', pgr_id: '0110', bez_id: '01' });
    expect(r.assigned[1]?.plr_id).toBe('02100102');
    expect(r.assigned[2]?.bez_id).toBe('02');
    expect(r.unassigned).toEqual([]);
  });
  it('lists points outside every area and points without coordinates instead of dropping them', () => {
    const r = joinPointsToLor(j, [
      { key: 'out', lon: 9, lat: 9 },
      { key: 'nocoord', lon: null, lat: null },
    ]);
    expect(r.assigned).toEqual([null, null]);
    expect(r.unassigned.map((u) => u.key)).toEqual(['out', 'nocoord']);
    expect(r.unassigned[1].detail).toMatch(/Koordinaten/);
  });
  it('assign() gives indices on all four levels', () => {
    const a = j.assign(Float64Array.of(0.5, 2.5, -1), Float64Array.of(0.5, 0.5, 0.5));
    expect(Array.from(a.plr)).toEqual([0, 2, -1]);
    expect(Array.from(a.bez)).toEqual([0, 1, -1]);
    expect(j.levelIds.bez).toEqual(['01', '02']);
    expect(j.levelIds.bzr[a.bzr[1]]).toBe('021001');
  });
  it('hierarchy check: agrees on consistent layers, reports a PLR whose prefix contradicts the geometry', () => {
    expect(checkLorHierarchy(MINI_PLR, { bzr: MINI_BZR, pgr: MINI_PGR, bez: MINI_BEZ }).count).toBe(0);
    // Bezirk layer where 01 wrongly extends over x 0…3
    const wrong = [square(0, 0, 3, 1, { id: '01' }), square(3, 0, 4, 1, { id: '02' })];
    const rep = checkLorHierarchy(MINI_PLR, { bez: wrong });
    expect(rep.count).toBe(1);
    expect(rep.items[0].key).toBe('02100101');
  });
  it('rejects PLR IDs that are not 8 digits', () => {
    expect(() => buildLorJoiner([square(0, 0, 1, 1, { id: '1100101' })])).toThrow(/8-digit/);
  });
  it('compareBezirk lists rows whose source Bezirk differs from the joined one', () => {
    const names = new Map([
      ['01', 'Mitte'],
      ['02', 'Friedrichshain-Kreuzberg'],
    ]);
    const rep = compareBezirk(
      [
        { key: 'a', bezirkField: 'Mitte', bezIdByJoin: '01' },
        { key: 'b', bezirkField: 'Friedrichshain - Kreuzberg', bezIdByJoin: '02' },
        { key: 'c', bezirkField: 'Mitte', bezIdByJoin: '02' },
        { key: 'd', bezirkField: 'Mitte', bezIdByJoin: null },
      ],
      names,
    );
    expect(rep.items.map((i) => i.key)).toEqual(['c']);
  });
});
