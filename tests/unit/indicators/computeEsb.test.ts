import { describe, expect, it } from 'vitest';
import type { Areas } from '../../../src/datasets/types';
import { NO_DATA } from '../../../src/indicators/classify';
import { prepareEngine } from '../../../src/indicators/compute';
import { choroplethFor } from '../../../src/map/choropleth';

// Mini Berlin: two PLR; three Einschulbereiche; four schools (three located in an ESB, one in none)
const PLR = ['01100101', '01100102'];
const schools = [
  { plr_id: '01100101', bsn: '01G01', schultyp: 'Grundschule', traeger: 'öffentlich' },
  { plr_id: '01100101', bsn: '01G02', schultyp: 'Grundschule', traeger: 'privat' },
  { plr_id: '01100102', bsn: '01Y01', schultyp: 'Gymnasium', traeger: 'öffentlich' },
  { plr_id: '01100102', bsn: '01G03', schultyp: 'Grundschule', traeger: 'öffentlich' },
];
const estimates = [
  {
    esb_id: '0101',
    name: 'ESB 0101',
    bez_id: '01',
    covered_share: '1.0000',
    plr_count: '2',
    total: '1200.5',
    age_6_15: '100.2',
  },
  {
    esb_id: '0102',
    name: 'ESB 0102',
    bez_id: '01',
    covered_share: '0.5000',
    plr_count: '1',
    total: '300',
    age_6_15: '',
  },
  {
    esb_id: '9999',
    name: 'unknown',
    bez_id: '99',
    covered_share: '1',
    plr_count: '1',
    total: '5',
    age_6_15: '1',
  },
];
const ESB_IDS = ['0101', '0102', '0103'];

const engine = (withJoin = true) =>
  prepareEngine({
    plrIds: PLR,
    institutions: { schools },
    esb: {
      ids: ESB_IDS,
      estimates,
      ...(withJoin ? { schoolEsb: Int32Array.from([0, 0, 0, -1]) } : {}),
    },
  });

describe('engine: Einschulbereich indicators', () => {
  it('reads the estimates by ESB id (unknown ids ignored, empty cells NaN)', () => {
    const r = engine().compute();
    expect(r.esb?.ids).toEqual(ESB_IDS);
    expect([...(r.esb?.values.esb_pop_estimate ?? [])]).toEqual([1200.5, 300, Number.NaN]);
    expect([...(r.esb?.values.esb_pop_6_15 ?? [])]).toEqual([100.2, Number.NaN, Number.NaN]);
    expect(r.esb?.columns.covered_share[1]).toBe(0.5);
    expect(r.unavailable).not.toContain('esb_pop_estimate');
    // ESB indicators do not appear on the LOR levels
    expect(r.values.esb_pop_estimate).toBeUndefined();
  });

  it('counts primary schools per ESB through the point join, with filters', () => {
    const e = engine();
    expect([...(e.compute().esb?.values.esb_primary_schools ?? [])]).toEqual([2, 0, 0]);
    const mask = Uint8Array.from([1, 0, 1, 1]);
    expect([...(e.compute({ masks: { schools: mask } }).esb?.values.esb_primary_schools ?? [])]).toEqual([
      1, 0, 0,
    ]);
    const cat = e.compute({ categories: { schools: { traeger: ['privat'] } } });
    expect([...(cat.esb?.values.esb_primary_schools ?? [])]).toEqual([1, 0, 0]);
  });

  it('marks ESB indicators unavailable without their inputs', () => {
    expect(engine(false).compute().unavailable).toContain('esb_primary_schools');
    const r = prepareEngine({ plrIds: PLR }).compute();
    expect(r.esb).toBeUndefined();
    expect(r.unavailable).toEqual(expect.arrayContaining(['esb_pop_estimate', 'esb_primary_schools']));
  });

  it('colours the ESB layer and only the ESB layer', () => {
    const results = engine().compute();
    const areas = {
      type: 'FeatureCollection',
      features: ['0103', '0101', '0102'].map((id) => ({
        type: 'Feature',
        properties: { id, name: id },
        geometry: { type: 'Polygon', coordinates: [] },
      })),
    } as unknown as Areas;
    const base = {
      areas,
      results,
      indicatorId: 'esb_pop_estimate',
      classification: { method: 'quantile' as const, classes: 2 },
      locale: 'de' as const,
    };
    const c = choroplethFor({ ...base, level: 'esb' });
    expect(c.status).toBe('ok');
    expect([...c.values]).toEqual([Number.NaN, 1200.5, 300]);
    expect(c.classOf[0]).toBe(NO_DATA);
    expect(c.legend?.entries.some((x) => x.kind === 'class')).toBe(true);
    expect(choroplethFor({ ...base, level: 'plr' }).status).toBe('notOnLevel');
    expect(choroplethFor({ ...base, level: 'esb', indicatorId: 'schools_count' }).status).toBe('notOnLevel');
  });
});
