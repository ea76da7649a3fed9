import { describe, expect, it } from 'vitest';
import {
  ESB_INDICATORS,
  ESB_POPULATION,
  getIndicator,
  INDICATOR_BY_ID,
  INDICATORS,
} from '../../../src/indicators/catalogue';

const BASE =
  /^(count:(schools|youth|kitas|housing)(:[a-z_]+=.+)?|sum:(schools|youth|kitas|housing):[a-z0-9_]+|pair(num|den|count):schools:[a-z0-9_]+\/[a-z0-9_]+|pop:[a-z0-9_]+|area:(m2|em_m2|es_m2|eg_m2)|popdist:(youth|primary))$/;

describe('indicator catalogue', () => {
  it('declares every indicator exactly once', () => {
    const ids = INDICATORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(INDICATOR_BY_ID.size).toBe(ids.length);
    expect(INDICATORS).toContain(ESB_POPULATION);
    expect(getIndicator('kita_places_per_100_u6').scale).toBe(100);
    expect(() => getIndicator('nope')).toThrow();
  });
  it('gives every indicator labels, unit, sources, polarity, format and a method in both languages', () => {
    for (const d of [...INDICATORS, ESB_POPULATION]) {
      expect(d.label.de && d.label.en, d.id).toBeTruthy();
      expect(d.unit.de && d.unit.en, d.id).toBeTruthy();
      expect(d.method.de.length > 20 && d.method.en.length > 20, d.id).toBe(true);
      expect(d.sources.length, d.id).toBeGreaterThan(0);
      expect(['higherIsBetter', 'higherIsWorse', 'neutral']).toContain(d.polarity);
      expect(Number.isInteger(d.format.decimals)).toBe(true);
    }
  });
  it('uses only known base quantities and consistent kinds', () => {
    for (const d of INDICATORS) {
      if (d.esb) continue;
      if (d.kind === 'count' || d.kind === 'sum') expect(d.numerator, d.id).toMatch(BASE);
      if (d.kind === 'ratio') {
        expect(d.numerator, d.id).toMatch(BASE);
        expect(d.denominator, d.id).toMatch(BASE);
      }
      if (d.suppressBy) expect(d.suppressBy, d.id).toMatch(BASE);
      if (d.kind === 'change') {
        expect(INDICATOR_BY_ID.has(d.change?.from ?? ''), d.id).toBe(true);
        expect(INDICATOR_BY_ID.has(d.change?.to ?? ''), d.id).toBe(true);
      }
      if (d.kind === 'category' || d.kind === 'distributionShare') expect(d.category, d.id).toBeDefined();
    }
  });
  it('keeps Einschulbereich indicators off the LOR levels and names their source', () => {
    expect(ESB_INDICATORS.length).toBeGreaterThanOrEqual(3);
    for (const d of ESB_INDICATORS) {
      expect(d.levels, d.id).toEqual([]);
      expect(d.esb, d.id).toBeDefined();
      if (d.esb && 'estimate' in d.esb) expect(d.method.de, d.id).toMatch(/Flächenanteil/);
    }
    for (const d of INDICATORS) if (!d.esb) expect(d.levels.length, d.id).toBeGreaterThan(0);
  });
  it('covers the required indicator set', () => {
    for (const id of [
      'schools_count',
      'youth_count',
      'kitas_count',
      'pupils_2023_24',
      'pupils_2024_25',
      'pupils_change',
      'teachers_2023_24',
      'teachers_2024_25',
      'pupils_per_teacher_2023_24',
      'pupils_per_teacher_2024_25',
      'pupils_per_teacher_change',
      'kita_places_per_100_u6',
      'youth_places_per_1000_6_27',
      'pop_age_below_6',
      'mss_status',
      'mss_dynamics',
      'mss_status_share_4',
      'dist_youth_m',
      'dist_primary_m',
      'eg_share',
      'housing_sites_count',
    ])
      expect(INDICATOR_BY_ID.has(id), id).toBe(true);
  });
});
