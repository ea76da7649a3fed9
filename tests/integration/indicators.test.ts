/**
 * The indicator engine on the runtime data written by `npm run data` (public/data; the PLR ids from the
 * reference geometry in data/reference). Skipped when absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { prepareEngine } from '../../src/indicators/compute';

const DATA = resolve(__dirname, '../../public/data');
const PLR = resolve(__dirname, '../../data/reference/plr.geojson');
const have =
  existsSync(PLR) &&
  ['institutions/schools.csv', 'tables/population.csv', 'tables/mss2021.csv'].every((f) =>
    existsSync(`${DATA}/${f}`),
  );
const csv = (f: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(`${DATA}/${f}`, 'utf8'), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  }).data;

describe.skipIf(!have)('indicator engine on public/data', () => {
  const plr = have ? (JSON.parse(readFileSync(PLR, 'utf8')) as FeatureCollection) : null;
  const ids = plr ? plr.features.map((f) => String(f.properties?.id)) : [];
  const inst = (f: string) =>
    existsSync(`${DATA}/institutions/${f}`) ? csv(`institutions/${f}`) : undefined;
  const engine = have
    ? prepareEngine({
        plrIds: ids,
        institutions: {
          schools: inst('schools.csv'),
          youth: inst('youth.csv'),
          kitas: inst('kitas.csv'),
          housing: inst('housing.csv'),
        },
        population: csv('tables/population.csv'),
        mss: csv('tables/mss2021.csv'),
      })
    : null;
  const r = engine?.compute();

  it('places every institution row in a Planungsraum', () => {
    expect(ids).toHaveLength(542);
    expect(engine?.issues).toEqual([]);
    expect(r?.values.schools_count.berlin[0]).toBe(902);
    if (r?.values.kitas_count) expect(r.values.kitas_count.berlin[0]).toBe(2880);
    if (r?.values.youth_count) expect(r.values.youth_count.berlin[0]).toBe(407);
  });
  it('keeps the roll-up consistent: Bezirk sums add up to Berlin, ratios come from sums', () => {
    const v = r!.values;
    const sum = (a: Float64Array): number => a.reduce((s, x) => s + (Number.isNaN(x) ? 0 : x), 0);
    for (const id of ['schools_count', 'pupils_2024_25', 'pop_total', 'pop_age_below_6'])
      expect(sum(v[id].bez), id).toBeCloseTo(v[id].berlin[0], 6);
    const ppt = v.pupils_per_teacher_2024_25.berlin[0];
    expect(ppt).toBeGreaterThan(5);
    expect(ppt).toBeLessThan(30);
    expect(v.pop_total.berlin[0]).toBeGreaterThan(3_500_000);
    // distribution of residents over the four MSS status classes sums to 1 on every Bezirk
    const d = r!.distributions.mss_status!;
    for (let k = 0; k < 12; k++) {
      const s = [0, 1, 2, 3].reduce((acc, c) => acc + d.shares.bez[k * 4 + c], 0);
      expect(s).toBeCloseTo(1, 9);
    }
  });
});
