import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { LOR_LEVELS, type LorLevel, lorChain, repairLorId } from '../../src/domain/lor';
import type { JoinReport } from '../../src/domain/types';
import { PipelineError } from './errors';
import { areaGeometry, areaM2, toWgs84For } from './geom';
import { type CsvTable, keysOf, pickFields, type RawFeature, resolveFields } from './read';
import {
  type AreaProps,
  buildTopology,
  geometriesOf,
  mergeFull,
  mergeToObject,
  simplifyTopology,
  webTopology,
} from './topo';

export type AreaFeatureOut = Feature<Polygon | MultiPolygon, AreaProps>;

export interface LevelOutput {
  full: AreaFeatureOut[];
  web: Topology;
}

export interface LorResult {
  levels: Record<LorLevel, LevelOutput>;
  /** bez id → name, etc. */
  names: Record<LorLevel, Map<string, string>>;
  report: JoinReport[];
}

const PLR_ALIASES = {
  plr_id: ['PLR_ID', 'plr_id', 'plrid', 'schluessel'],
  plr_name: ['PLR_NAME', 'plr_name', 'plrname'],
  bzr_id: ['BZR_ID', 'bzr_id'],
  bzr_name: ['BZR_NAME', 'bzr_name'],
  pgr_id: ['PGR_ID', 'pgr_id'],
  pgr_name: ['PGR_NAME', 'pgr_name'],
  bez_id: ['BEZ_ID', 'bez_id', 'BEZ'],
  bez_name: ['BEZ_NAME', 'bez_name', 'bezname'],
  area: ['FLAECHE_M2', 'flaeche_m2', 'flaeche'],
} as const;
type PlrField = keyof typeof PLR_ALIASES;

const HIER_ALIASES = {
  bez_id: ['BEZ_ID'],
  bez_name: ['BEZ', 'BEZ_NAME'],
  pgr_id: ['PGR_ID'],
  pgr_name: ['PGR', 'PGR_NAME'],
  bzr_id: ['BZR_ID'],
  bzr_name: ['BZR', 'BZR_NAME'],
  plr_id: ['PLR_ID'],
  plr_name: ['PLR', 'PLR_NAME'],
} as const;
type HierField = keyof typeof HIER_ALIASES;

const BEZIRKE_ALIASES = {
  id: ['id', 'BEZ_ID', 'bez_id', 'bez', 'gem', 'sch', 'schluessel', 'bezirksnummer'],
  name: ['name', 'BEZ_NAME', 'bez_name', 'bezname', 'namgem', 'bezeich', 'bezirksname', 'bezirk', 'nam'],
} as const;

function lorId(level: LorLevel, raw: string, file: string, where: { row?: number; column: string }): string {
  const r = repairLorId(level, raw);
  if (!r)
    throw new PipelineError(
      file,
      `"${raw}" is not a ${level.toUpperCase()} ID (${level === 'plr' ? 8 : level === 'bzr' ? 6 : level === 'pgr' ? 4 : 2} digits)`,
      where,
    );
  return r.id;
}

export const normName = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2010-\u2015-]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

export interface LorInput {
  plr: { file: string; features: RawFeature[]; crsName: string | null };
  hierarchy: CsvTable;
  bezirke: { file: string; features: RawFeature[] };
  /** Expected count per level (LOR_EXPECTED_COUNT), or null to skip (unit fixtures). */
  expected: Record<LorLevel, number> | null;
}

export function buildLor(input: LorInput): LorResult {
  const { plr, hierarchy, bezirke } = input;
  const report: JoinReport[] = [];

  // --- hierarchy (names) ---
  const hmap = resolveFields(
    hierarchy.headers,
    HIER_ALIASES,
    Object.keys(HIER_ALIASES) as HierField[],
    hierarchy.file,
  );
  const hier = new Map<string, Record<HierField, string>>();
  const names: Record<LorLevel, Map<string, string>> = {
    bez: new Map(),
    pgr: new Map(),
    bzr: new Map(),
    plr: new Map(),
  };
  for (const r of hierarchy.rows) {
    const v = pickFields(r.values, hmap, Object.keys(HIER_ALIASES) as HierField[]);
    const rec = { ...v };
    for (const level of LOR_LEVELS) {
      const col = hmap[`${level}_id` as HierField] as string;
      rec[`${level}_id` as HierField] = lorId(level, v[`${level}_id` as HierField], hierarchy.file, {
        row: r.row,
        column: col,
      });
      const name = v[`${level}_name` as HierField];
      if (!name)
        throw new PipelineError(hierarchy.file, 'empty name', {
          row: r.row,
          column: hmap[`${level}_name` as HierField],
        });
    }
    const chain = lorChain(rec.plr_id);
    for (const level of LOR_LEVELS) {
      if (rec[`${level}_id` as HierField] !== chain[level]) {
        throw new PipelineError(
          hierarchy.file,
          `${level.toUpperCase()}_ID ${rec[`${level}_id` as HierField]} is not the prefix of PLR_ID ${rec.plr_id}`,
          { row: r.row },
        );
      }
      const id = chain[level];
      const name = rec[`${level}_name` as HierField];
      const prev = names[level].get(id);
      if (prev !== undefined && prev !== name) {
        throw new PipelineError(
          hierarchy.file,
          `${level.toUpperCase()} ${id} has two names: "${prev}" and "${name}"`,
          { row: r.row },
        );
      }
      names[level].set(id, name);
    }
    if (hier.has(rec.plr_id))
      throw new PipelineError(hierarchy.file, `duplicate PLR_ID ${rec.plr_id}`, { row: r.row });
    hier.set(rec.plr_id, rec);
  }

  // --- PLR geometry ---
  const reproject = toWgs84For(plr.crsName, plr.file);
  const pmap = resolveFields(
    keysOf(plr.features.map((f) => f.properties)),
    PLR_ALIASES,
    ['plr_id'],
    plr.file,
  );
  const plrFull: AreaFeatureOut[] = [];
  const nameMismatch: JoinReport['items'] = [];
  const seen = new Set<string>();
  for (const f of plr.features) {
    const v = pickFields(f.properties, pmap, Object.keys(PLR_ALIASES) as PlrField[]);
    const id = lorId('plr', v.plr_id, plr.file, {
      row: f.index + 1,
      column: `feature ${f.index + 1} ${pmap.plr_id}`,
    });
    if (seen.has(id)) throw new PipelineError(plr.file, `duplicate PLR_ID ${id} (feature ${f.index + 1})`);
    seen.add(id);
    const h = hier.get(id);
    if (!h)
      throw new PipelineError(plr.file, `PLR ${id} (feature ${f.index + 1}) is not in ${hierarchy.file}`);
    const chain = lorChain(id);
    for (const level of ['bez', 'pgr', 'bzr'] as const) {
      const raw = v[`${level}_id`];
      if (
        raw &&
        lorId(level, raw, plr.file, { column: `feature ${f.index + 1} ${pmap[`${level}_id`]}` }) !==
          chain[level]
      ) {
        throw new PipelineError(
          plr.file,
          `feature ${f.index + 1}: ${level.toUpperCase()} ID ${raw} does not match PLR ${id}`,
        );
      }
    }
    for (const level of LOR_LEVELS) {
      const own = v[`${level}_name` as PlrField];
      const official = names[level].get(chain[level]) ?? '';
      if (own && normName(own) !== normName(official)) {
        nameMismatch.push({ key: chain[level], name: official, detail: `${plr.file}: "${own}"` });
      }
    }
    const geometry = areaGeometry(f, plr.file, id, reproject);
    const areaRaw = v.area ? Number(v.area) : Number.NaN;
    const props: AreaProps = {
      id,
      name: h.plr_name,
      bez_id: chain.bez,
      bez_name: h.bez_name,
      pgr_id: chain.pgr,
      pgr_name: h.pgr_name,
      bzr_id: chain.bzr,
      bzr_name: h.bzr_name,
      area_m2: Number.isFinite(areaRaw) && areaRaw > 0 ? Math.round(areaRaw) : areaM2(geometry),
    };
    plrFull.push({ type: 'Feature', properties: props, geometry });
  }
  const missing = [...hier.keys()].filter((id) => !seen.has(id));
  if (missing.length > 0) {
    throw new PipelineError(
      plr.file,
      `${missing.length} PLR of ${hierarchy.file} have no geometry: ${missing.slice(0, 10).join(', ')}`,
    );
  }
  plrFull.sort((a, b) => String(a.properties.id).localeCompare(String(b.properties.id)));
  const mismatchItems = dedupe(nameMismatch);
  report.push({
    id: 'lor_name_mismatch',
    title: 'LOR names in the geometry file that differ from the official ID/name list (official name used)',
    count: mismatchItems.length,
    items: mismatchItems,
  });

  // --- counts ---
  if (input.expected) {
    for (const level of LOR_LEVELS) {
      const n = names[level].size;
      if (n !== input.expected[level]) {
        throw new PipelineError(
          hierarchy.file,
          `expected ${input.expected[level]} ${level.toUpperCase()} but found ${n}`,
        );
      }
    }
  }

  // --- one topology; coarser levels are unions of PLR so all levels nest exactly ---
  const topo = buildTopology('plr', plrFull);
  const web = simplifyTopology(topo);
  const plrGeoms = geometriesOf(topo, 'plr');
  const webPlrGeoms = geometriesOf(web, 'plr');
  const levels = {} as Record<LorLevel, LevelOutput>;
  levels.plr = {
    full: plrFull,
    web: webTopology(
      web,
      webPlrGeoms.map((g, i) => ({
        geometry: g,
        properties: plrFull[i].properties,
        id: String(plrFull[i].properties.id),
      })),
    ),
  };
  for (const level of ['bzr', 'pgr', 'bez'] as const) {
    const groups = new Map<string, number[]>();
    plrFull.forEach((f, i) => {
      const id = lorChain(String(f.properties.id))[level];
      const g = groups.get(id);
      if (g) g.push(i);
      else groups.set(id, [i]);
    });
    const ids = [...groups.keys()].sort();
    const full: AreaFeatureOut[] = [];
    const webGeoms: Parameters<typeof webTopology>[1] = [];
    for (const id of ids) {
      const idx = groups.get(id)!;
      const first = plrFull[idx[0]].properties;
      const props: AreaProps = { id, name: names[level].get(id) ?? '' };
      if (level !== 'bez') Object.assign(props, { bez_id: first.bez_id, bez_name: first.bez_name });
      if (level === 'bzr') Object.assign(props, { pgr_id: first.pgr_id, pgr_name: first.pgr_name });
      props.area_m2 = idx.reduce((s, i) => s + Number(plrFull[i].properties.area_m2), 0);
      full.push({
        type: 'Feature',
        properties: props,
        geometry: mergeFull(
          topo,
          idx.map((i) => plrGeoms[i]),
        ),
      });
      webGeoms.push({
        geometry: mergeToObject(
          web,
          idx.map((i) => webPlrGeoms[i]),
        ),
        properties: props,
        id,
      });
    }
    levels[level] = { full, web: webTopology(web, webGeoms) };
  }

  // --- cross-check Bezirk IDs/names against the ALKIS Bezirke (names only; geometry not used) ---
  const bmap = resolveFields(
    keysOf(bezirke.features.map((f) => f.properties)),
    BEZIRKE_ALIASES,
    ['name'],
    bezirke.file,
  );
  const alkis = new Map<string, string>();
  const bezIssues: JoinReport['items'] = [];
  const byName = new Map([...names.bez].map(([id, name]) => [normName(name), id]));
  for (const f of bezirke.features) {
    const v = pickFields(f.properties, bmap, ['id', 'name']);
    // Not every service has a 2-digit Bezirk number: fall back to matching the name.
    const id = repairLorId('bez', v.id)?.id ?? byName.get(normName(v.name));
    if (id === undefined)
      bezIssues.push({
        key: v.id || v.name,
        name: v.name,
        detail: `${bezirke.file}: no LOR Bezirk with this ID or name`,
      });
    else alkis.set(id, v.name);
  }
  for (const [id, name] of names.bez) {
    const other = alkis.get(id);
    if (other === undefined) bezIssues.push({ key: id, name, detail: `missing in ${bezirke.file}` });
    else if (normName(other) !== normName(name))
      bezIssues.push({ key: id, name, detail: `${bezirke.file}: "${other}"` });
  }
  report.push({
    id: 'bezirke_crosscheck',
    title: 'Bezirk IDs/names of the LOR that differ from the ALKIS Bezirke',
    count: bezIssues.length,
    items: bezIssues,
  });
  return { levels, names, report };
}

function dedupe(items: JoinReport['items']): JoinReport['items'] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = `${i.key}|${i.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
