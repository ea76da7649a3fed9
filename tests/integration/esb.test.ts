/**
 * Einschulbereich population (tables/esb_population.csv, written by `npm run data` from ../shared into
 * public/data): the estimates by area share add up to Berlin's total, within the part of the Planungsräume
 * that no Einschulbereich covers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ESB_POPULATION_COLUMNS, TABLE_PATHS } from '../../src/io/berlin/contract';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const DATA = join(REPO, 'public', 'data');
const ESB = join(DATA, TABLE_PATHS.esbPopulation);

const csv = (path: string) =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  });

describe.skipIf(!existsSync(ESB))('tables/esb_population.csv (pipeline output)', () => {
  const esb = existsSync(ESB) ? csv(ESB) : null;
  const pop = existsSync(ESB) ? csv(join(DATA, TABLE_PATHS.population)) : null;

  it('has the contract columns and one row per Einschulbereich', () => {
    expect(esb?.meta.fields).toEqual([...ESB_POPULATION_COLUMNS]);
    const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
    expect(esb?.data).toHaveLength(manifest.counts.esb);
    const d = manifest.datasets.find((x: { id: string }) => x.id === 'esb_population');
    expect(d.method).toMatch(/Flächenanteil/);
    for (const r of esb?.data ?? []) {
      expect(r.esb_id).toMatch(/^\d{4}$/);
      expect(Number(r.covered_share)).toBeGreaterThanOrEqual(0);
      expect(Number(r.covered_share)).toBeLessThanOrEqual(1);
    }
  });

  it('adds up to the Berlin total within the uncovered share', () => {
    const sum = (rows: Record<string, string>[], c: string) => rows.reduce((s, r) => s + Number(r[c]), 0);
    const rows = esb?.data ?? [];
    const berlin = sum(pop?.data ?? [], 'total');
    const estimated = sum(rows, 'total');
    // uncovered part of the ESB area, weighted by their estimates: residents that may be missing
    const area = sum(rows, 'area_m2');
    const uncovered = rows.reduce((s, r) => s + Number(r.area_m2) * (1 - Number(r.covered_share)), 0) / area;
    console.log(
      `[esb] Σ estimates ${estimated.toFixed(0)} vs Berlin ${berlin} (${(((estimated - berlin) / berlin) * 100).toFixed(3)} %), uncovered ESB area ${(uncovered * 100).toFixed(3)} %`,
    );
    expect(berlin).toBeGreaterThan(3_000_000);
    expect(Math.abs(estimated - berlin) / berlin).toBeLessThanOrEqual(Math.max(uncovered, 0.001) + 0.001);
    // primary-school age band adds up the same way
    const kids = sum(pop?.data ?? [], 'age_6_15');
    expect(Math.abs(sum(rows, 'age_6_15') - kids) / kids).toBeLessThan(0.005);
    // every ESB gets residents from at least one Planungsraum
    expect(rows.filter((r) => Number(r.plr_count) < 1 && Number(r.total) > 100)).toEqual([]);
  });
});
