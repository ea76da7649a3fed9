import { describe, expect, it } from 'vitest';
import { prepareEngine } from '../../../src/indicators/compute';

// Mini Berlin: Bezirk 01 with PLR 01100101, 01100102; Bezirk 02 with 02100101.
const PLR = ['01100101', '01100102', '02100101'];
const schools = [
  {
    plr_id: '01100101',
    bsn: '01G01',
    schultyp: 'Grundschule',
    traeger: 'öffentlich',
    pupils_2023_24: '100',
    teachers_2023_24: '10',
    pupils_2024_25: '110',
    teachers_2024_25: '10',
  },
  {
    plr_id: '01100102',
    bsn: '01G02',
    schultyp: 'Grundschule',
    traeger: 'privat',
    pupils_2023_24: '300',
    teachers_2023_24: '15',
    pupils_2024_25: '300',
    teachers_2024_25: '20',
  },
  {
    plr_id: '01100102',
    bsn: '01Y01',
    schultyp: 'Gymnasium',
    traeger: 'öffentlich',
    pupils_2023_24: '',
    teachers_2023_24: '',
    pupils_2024_25: '500',
    teachers_2024_25: '',
  },
  {
    plr_id: '02100101',
    bsn: '02G01',
    schultyp: 'Grundschule',
    traeger: 'öffentlich',
    pupils_2023_24: '50',
    teachers_2023_24: '5',
    pupils_2024_25: '60',
    teachers_2024_25: '5',
  },
  {
    plr_id: '',
    bsn: '09X99',
    schultyp: 'Grundschule',
    traeger: 'öffentlich',
    pupils_2023_24: '1',
    teachers_2023_24: '1',
    pupils_2024_25: '1',
    teachers_2024_25: '1',
  },
];
const kitas = [
  { plr_id: '01100101', places: '50' },
  { plr_id: '02100101', places: '10' },
];
const youth = [{ plr_id: '01100102', places: '30' }];
const population = [
  {
    plr_id: '01100101',
    total: '1000',
    age_below_6: '100',
    age_6_15: '100',
    age_15_18: '50',
    age_18_27: '150',
  },
  {
    plr_id: '01100102',
    total: '3000',
    age_below_6: '200',
    age_6_15: '300',
    age_15_18: '100',
    age_18_27: '200',
  },
  { plr_id: '02100101', total: '500', age_below_6: '2', age_6_15: '40', age_15_18: '10', age_18_27: '50' },
  { plr_id: '99999999', total: '7' },
];
const mss = [
  { plr_id: '01100101', ew: '1000', si_n: '1', di_n: '3', valid: '1' },
  { plr_id: '01100102', ew: '3000', si_n: '4', di_n: '5', valid: '1' },
  { plr_id: '02100101', ew: '500', si_n: '-9999', di_n: '-9999', valid: '0' },
];

describe('indicator engine', () => {
  const engine = prepareEngine({
    plrIds: PLR,
    institutions: { schools, kitas, youth },
    population,
    mss,
    plrAreaM2: { '01100101': 100, '01100102': 300, '02100101': 100 },
    overlayM2: { eg: { '01100102': 150 } },
    distances: { youth: { '01100101': 400, '01100102': 0, '02100101': 2000 } },
  });
  const r = engine.compute();
  it('lists rows it could not place', () => {
    expect(engine.issues.map((i) => [i.file, i.row, i.value])).toEqual([
      ['institutions/schools.csv', 6, ''],
      ['tables/population.csv', 5, '99999999'],
    ]);
  });
  it('counts institutions per area and level', () => {
    expect(Array.from(r.values.schools_count.plr)).toEqual([1, 2, 1]);
    expect(Array.from(r.values.schools_count.bez)).toEqual([3, 1]);
    expect(r.values.schools_count.berlin[0]).toBe(4);
    expect(Array.from(r.values.schools_primary_count.bez)).toEqual([2, 1]);
  });
  it('pupils per teacher at Bezirk level is the ratio of sums over schools with both figures', () => {
    // 2024/25 Bezirk 01: (110 + 300) / (10 + 20); the Gymnasium has no teacher count and is left out
    expect(r.values.pupils_per_teacher_2024_25.bez[0]).toBeCloseTo(410 / 30, 12);
    expect(r.values.pupils_2024_25.bez[0]).toBe(910); // the sum itself keeps all known pupils
    expect(r.values.pupils_per_teacher_2023_24.berlin[0]).toBeCloseTo(450 / 30, 12);
    expect(r.values.pupils_per_teacher_change.bez[0]).toBeCloseTo(410 / 30 - 400 / 25, 12);
    expect(r.values.pupils_change.berlin[0]).toBe(970 - 450);
  });
  it('care ratios', () => {
    expect(r.values.kita_places_per_100_u6.bez[0]).toBeCloseTo((50 / 300) * 100, 12);
    expect(r.values.kita_places_per_100_u6.berlin[0]).toBeCloseTo((60 / 302) * 100, 12);
    expect(r.values.youth_places_per_1000_6_27.bez[0]).toBeCloseTo((30 / 900) * 1000, 12);
  });
  it('flags small numbers for suppression', () => {
    // children under 6 in 02100101 = 2 < 3
    expect(Array.from(r.suppressed.kita_places_per_100_u6.plr)).toEqual([0, 0, 1]);
    // 02100101 has one school with both figures → pupils per teacher suppressed there
    expect(Array.from(r.suppressed.pupils_per_teacher_2024_25.plr)).toEqual([1, 1, 1]);
    expect(Array.from(r.suppressed.pupils_per_teacher_2024_25.bez)).toEqual([1, 1]);
    expect(r.suppressed.pupils_per_teacher_2024_25.berlin[0]).toBe(0);
    const r1 = engine.compute({ threshold: 2 });
    expect(Array.from(r1.suppressed.pupils_per_teacher_2024_25.bez)).toEqual([0, 1]);
  });
  it('MSS: class on PLR, resident distribution above; unrated PLR excluded', () => {
    expect(Array.from(r.values.mss_status.plr)).toEqual([1, 4, Number.NaN]);
    expect(Number.isNaN(r.values.mss_status.bez[0])).toBe(true);
    expect(r.values.mss_status_share_4.bez[0]).toBeCloseTo(0.75, 12);
    expect(r.values.mss_status_share_low.berlin[0]).toBeCloseTo(0.75, 12);
    expect(Number.isNaN(r.values.mss_status_share_4.bez[1])).toBe(true);
    expect(Number.isNaN(r.values.mss_status_share_4.plr[0])).toBe(true); // declared only above PLR
    expect(r.distributions.mss_dynamics?.unclassified.berlin[0]).toBe(500);
  });
  it('area shares and population-weighted distances', () => {
    expect(r.values.eg_share.plr[1]).toBeCloseTo(0.5, 12);
    expect(r.values.eg_share.plr[0]).toBe(0);
    expect(r.values.eg_share.bez[0]).toBeCloseTo(150 / 400, 12);
    expect(r.values.dist_youth_m.bez[0]).toBeCloseTo((1000 * 400 + 3000 * 0) / 4000, 12);
    expect(r.values.em_share).toBeUndefined(); // layer not given
    expect(r.unavailable).toContain('em_share');
    expect(r.unavailable).not.toContain('eg_share');
  });
  it('re-aggregates with a filter mask', () => {
    const mask = engine.maskWhere('schools', 'traeger', (v) => v === 'öffentlich');
    const f = engine.compute({
      masks: { schools: mask },
      indicators: ['schools_count', 'pupils_per_teacher_change'],
    });
    expect(Object.keys(f.values).sort()).toEqual(['pupils_per_teacher_change', 'schools_count']);
    expect(Array.from(f.values.schools_count.bez)).toEqual([2, 1]);
    expect(f.values.pupils_per_teacher_change.bez[0]).toBeCloseTo(11 - 10, 12);
  });
  it('counts per category', () => {
    const c = engine.countsByCategory('schools', 'schultyp');
    expect([...c.keys()]).toEqual(['Grundschule', 'Gymnasium']);
    expect(c.get('Grundschule')?.berlin[0]).toBe(3);
  });
  it('accepts columnar input (typed arrays) for large point sets', () => {
    const e = prepareEngine({
      plrIds: PLR,
      institutions: {
        kitas: { plrIndex: Int32Array.of(0, 0, 2, -1), numeric: { places: Float64Array.of(1, 2, 3, 4) } },
      },
    });
    const x = e.compute({ indicators: ['kita_places', 'kitas_count'] });
    expect(Array.from(x.values.kita_places.bez)).toEqual([3, 3]);
    expect(x.values.kitas_count.berlin[0]).toBe(3);
  });
  it('categorical filters (cube fast path) give the same figures as the equivalent mask', () => {
    const cases: Record<string, readonly string[]>[] = [
      { traeger: ['öffentlich'] },
      { schultyp: ['Grundschule'], traeger: ['öffentlich', 'privat'] },
      { schultyp: ['Gymnasium'] },
      { schultyp: [] },
    ];
    for (const cats of cases) {
      const mask = Uint8Array.from(schools, (r) =>
        Object.entries(cats).every(([col, ok]) => ok.includes((r as Record<string, string>)[col])) ? 1 : 0,
      );
      const a = engine.compute({ categories: { schools: cats } });
      const b = engine.compute({ masks: { schools: mask } });
      for (const id of [
        'schools_count',
        'schools_primary_count',
        'pupils_2024_25',
        'pupils_per_teacher_2024_25',
      ])
        for (const level of ['plr', 'bez', 'berlin'] as const)
          expect(Array.from(a.values[id][level]), `${JSON.stringify(cats)} ${id} ${level}`).toEqual(
            Array.from(b.values[id][level]),
          );
      expect(Array.from(a.suppressed.pupils_per_teacher_2024_25.plr)).toEqual(
        Array.from(b.suppressed.pupils_per_teacher_2024_25.plr),
      );
    }
    // mask and categories together: both apply
    const onlyPublic = engine.maskWhere('schools', 'traeger', (v) => v === 'öffentlich');
    const both = engine.compute({
      masks: { schools: onlyPublic },
      categories: { schools: { schultyp: ['Grundschule'] } },
    });
    expect(both.values.schools_count.berlin[0]).toBe(2);
  });
});
