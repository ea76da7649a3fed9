import { repairLorId } from '../../src/domain/lor';
import type { JoinReport } from '../../src/domain/types';
import { PipelineError } from './errors';
import type { OutRow } from './institutions';
import { type CsvTable, parseDecimalCell, parseIntCell, pickFields, resolveFields } from './read';

function plrIdOf(raw: string, t: CsvTable, row: number, column: string, known: Set<string>): string {
  const r = repairLorId('plr', raw);
  if (!r) throw new PipelineError(t.file, `"${raw}" is not a PLR ID (8 digits)`, { row, column });
  if (!known.has(r.id))
    throw new PipelineError(t.file, `PLR ${r.id} is not a LOR 2021 Planungsraum`, { row, column });
  return r.id;
}

function checkComplete(t: CsvTable, ids: Set<string>, known: Set<string>) {
  const missing = [...known].filter((id) => !ids.has(id));
  if (missing.length > 0) {
    throw new PipelineError(
      t.file,
      `${missing.length} Planungsräume have no row: ${missing.slice(0, 10).join(', ')}`,
    );
  }
}

const T1 = {
  id: ['id', 'PLR_ID', 'plr_id', 'RAUMID'],
  total: ['inhabitants'],
  migration_background: ['inhabitants_with_migration_background'],
  foreigners: ['inhabitants_foreigners'],
} as const;
const T2 = {
  id: ['id', 'PLR_ID', 'plr_id', 'RAUMID'],
  total: ['inhabitants'],
  age_below_6: ['inhabitants_age_below_6'],
  age_6_15: ['inhabitants_age_6_15'],
  age_15_18: ['inhabitants_age_15_18'],
  age_18_27: ['inhabitants_age_18_27'],
  age_27_45: ['inhabitants_age_27_45'],
  age_45_55: ['inhabitants_age_45_55'],
  age_55_65: ['inhabitants_age_55_65'],
  age_above_65: ['inhabitants_age_above_65'],
  female: ['inhabitants_female'],
  foreigners: ['inhabitants_foreigners'],
} as const;
const T3 = { id: ['id', 'PLR_ID', 'plr_id', 'RAUMID'], total: ['inhabitants'] } as const;

type Parsed = { row: number; id: string; v: Record<string, number | null> };

function readIntTable<K extends string>(
  t: CsvTable,
  aliases: Record<K | 'id', readonly string[]>,
  known: Set<string>,
): Map<string, Parsed> {
  const keys = Object.keys(aliases) as (K | 'id')[];
  const map = resolveFields(t.headers, aliases, keys, t.file);
  const out = new Map<string, Parsed>();
  for (const r of t.rows) {
    const raw = pickFields(r.values, map, keys);
    const id = plrIdOf(raw.id, t, r.row, map.id as string, known);
    if (out.has(id)) throw new PipelineError(t.file, `duplicate PLR ${id}`, { row: r.row, column: map.id });
    const v: Record<string, number | null> = {};
    for (const k of keys) {
      if (k === 'id') continue;
      const n = parseIntCell(raw[k], t.file, r.row, map[k] as string);
      if (n !== null && n < 0)
        throw new PipelineError(t.file, `negative count ${n}`, { row: r.row, column: map[k] });
      v[k] = n;
    }
    out.set(id, { row: r.row, id, v });
  }
  checkComplete(t, new Set(out.keys()), known);
  return out;
}

/** tables/population.csv from T1 (migration, foreigners), T2 (age, female); T3 cross-checks T1. */
export function buildPopulation(t1: CsvTable, t2: CsvTable, t3: CsvTable, known: Set<string>): OutRow[] {
  const a = readIntTable(t1, T1, known);
  const b = readIntTable(t2, T2, known);
  const c = readIntTable(t3, T3, known);
  const rows: OutRow[] = [];
  for (const id of [...known].sort()) {
    const r1 = a.get(id)!;
    const r2 = b.get(id)!;
    const r3 = c.get(id)!;
    if (r1.v.total !== r2.v.total) {
      throw new PipelineError(
        t2.file,
        `inhabitants ${r2.v.total} differ from ${t1.file} (${r1.v.total}) for PLR ${id}`,
        { row: r2.row },
      );
    }
    if (r3.v.total !== r1.v.migration_background) {
      throw new PipelineError(
        t3.file,
        `inhabitants with migration background ${r3.v.total} differ from ${t1.file} (${r1.v.migration_background}) for PLR ${id}`,
        { row: r3.row },
      );
    }
    const s = (n: number | null | undefined) => (n == null ? '' : String(n));
    rows.push({
      plr_id: id,
      total: s(r2.v.total),
      age_below_6: s(r2.v.age_below_6),
      age_6_15: s(r2.v.age_6_15),
      age_15_18: s(r2.v.age_15_18),
      age_18_27: s(r2.v.age_18_27),
      age_27_45: s(r2.v.age_27_45),
      age_45_55: s(r2.v.age_45_55),
      age_55_65: s(r2.v.age_55_65),
      age_above_65: s(r2.v.age_above_65),
      female: s(r2.v.female),
      foreigners: s(r1.v.foreigners),
      migration_background: s(r1.v.migration_background),
    });
  }
  return rows;
}

const MSS_IDX = {
  id: ['PLR_ID'],
  ew: ['EW'],
  si_n: ['SI_N'],
  si_v: ['SI_V'],
  di_n: ['DI_N'],
  di_v: ['DI_V'],
  sdi: ['SDI'],
  sdi_n: ['SDI_N'],
  sdi_v: ['SDI_V'],
  kom: ['KOM'],
} as const;
const MSS_IND = {
  id: ['PLR_ID'],
  s1: ['S1'],
  s3: ['S3'],
  s4: ['S4'],
  d1: ['D1'],
  d3: ['D3'],
  d4: ['D4'],
  kom: ['KOM'],
} as const;

const NO_VALUE = '-9999';

/** tables/mss2021.csv: index + index indicators; invalid PLR (KOM ≠ gültig, -9999) kept with valid=0, values empty. */
export function buildMss(
  idx: CsvTable,
  ind: CsvTable,
  known: Set<string>,
): { rows: OutRow[]; report: JoinReport } {
  const mi = resolveFields(idx.headers, MSS_IDX, Object.keys(MSS_IDX) as (keyof typeof MSS_IDX)[], idx.file);
  const mj = resolveFields(ind.headers, MSS_IND, Object.keys(MSS_IND) as (keyof typeof MSS_IND)[], ind.file);
  const indicators = new Map<string, { row: number; v: Record<string, string> }>();
  for (const r of ind.rows) {
    const v = pickFields(r.values, mj, Object.keys(MSS_IND) as (keyof typeof MSS_IND)[]);
    const id = plrIdOf(v.id, ind, r.row, mj.id as string, known);
    if (indicators.has(id))
      throw new PipelineError(ind.file, `duplicate PLR ${id}`, { row: r.row, column: mj.id });
    indicators.set(id, { row: r.row, v });
  }
  checkComplete(ind, new Set(indicators.keys()), known);
  const rows = new Map<string, OutRow>();
  const invalid: JoinReport['items'] = [];
  for (const r of idx.rows) {
    const v = pickFields(r.values, mi, Object.keys(MSS_IDX) as (keyof typeof MSS_IDX)[]);
    const id = plrIdOf(v.id, idx, r.row, mi.id as string, known);
    if (rows.has(id)) throw new PipelineError(idx.file, `duplicate PLR ${id}`, { row: r.row, column: mi.id });
    const valid = /^gültig/i.test(v.kom) && v.si_n !== NO_VALUE;
    const ew = parseIntCell(v.ew, idx.file, r.row, mi.ew as string);
    const out: OutRow = { plr_id: id, ew: ew === null ? '' : String(ew) };
    const iv = indicators.get(id)!;
    if (valid) {
      for (const k of ['si_n', 'di_n', 'sdi_n'] as const) {
        const n = parseIntCell(v[k], idx.file, r.row, mi[k] as string);
        out[k] = n === null ? '' : String(n);
      }
      out.si_v = v.si_v;
      out.di_v = v.di_v;
      out.sdi = v.sdi;
      out.sdi_v = v.sdi_v;
    } else {
      for (const k of ['si_n', 'si_v', 'di_n', 'di_v', 'sdi', 'sdi_n', 'sdi_v']) out[k] = '';
      invalid.push({
        key: id,
        detail: `KOM "${v.kom}" – kept with valid=0, index and indicator values empty`,
      });
    }
    out.kom = v.kom;
    out.valid = valid ? '1' : '0';
    for (const k of ['s1', 's3', 's4', 'd1', 'd3', 'd4'] as const) {
      const raw = iv.v[k];
      if (!valid || raw === NO_VALUE) {
        out[k] = '';
        continue;
      }
      const n = parseDecimalCell(raw, ind.file, iv.row, mj[k] as string);
      out[k] = n === null ? '' : String(n);
    }
    rows.set(id, out);
  }
  checkComplete(idx, new Set(rows.keys()), known);
  return {
    rows: [...rows.keys()].sort().map((id) => rows.get(id)!),
    report: {
      id: 'mss_invalid',
      title: 'MSS 2021 Planungsräume without a valid index (kept, valid=0)',
      count: invalid.length,
      items: invalid,
    },
  };
}
