/**
 * The indicator engine inside the data worker: loads the default data once (institutions, population, MSS,
 * Planungsraum statics), prepares the engine and re-computes on filter changes. Pure of the DOM (fetch only).
 *
 * Main-thread side: src/state/engineSync.ts (through the data worker's comlink API).
 */
import Papa from 'papaparse';
import { parseInstitutionsCsv } from '../datasets/parse';
import type { Institution } from '../datasets/types';
import { type InstitutionFilters, type ItemAreas, institutionMask } from '../domain/filters';
import type { AreaFeature, InstitutionKind } from '../domain/types';
import {
  type Engine,
  type EngineInput,
  type EngineItem,
  type EngineKind,
  type IndicatorResults,
  prepareEngine,
  type TableRow,
} from '../indicators/compute';
import { areaFullPath, areaTopoPath, institutionPath, TABLE_PATHS } from '../io/berlin/contract';
import { buildAreaIndex } from '../spatial/areaIndex';
import { staticsForEngine } from '../spatial/plrStatics';

export const ENGINE_FILES = {
  schools: institutionPath('schools'),
  youth: institutionPath('youth'),
  kitas: institutionPath('kitas'),
  housing: institutionPath('housing'),
  population: TABLE_PATHS.population,
  mss: TABLE_PATHS.mss2021,
  statics: TABLE_PATHS.plrStatics,
  esbPopulation: TABLE_PATHS.esbPopulation,
  esbFull: areaFullPath('esb'),
  plrTopo: areaTopoPath('plr'),
  em: areaFullPath('em'),
  es: areaFullPath('es'),
} as const;

const KIND_OF: Record<InstitutionKind, EngineKind> = { school: 'schools', youth: 'youth', kita: 'kitas' };

export interface EnginePrepared {
  ms: number;
  /** Files that could not be loaded (indicators depending on them are `unavailable`). */
  missing: string[];
  issues: number;
}

export interface EngineComputed {
  results: IndicatorResults;
  ms: number;
}

async function text(base: string, file: string): Promise<string | null> {
  try {
    const res = await fetch(new URL(file, base).href);
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

const rows = (t: string): TableRow[] =>
  Papa.parse<TableRow>(t, { header: true, skipEmptyLines: true, dynamicTyping: false }).data;

function plrIdsFromTopo(t: string): string[] {
  const topo = JSON.parse(t) as {
    objects?: Record<string, { geometries?: { properties?: { id?: unknown } }[] }>;
  };
  const obj = topo.objects?.areas ?? Object.values(topo.objects ?? {})[0];
  return (obj?.geometries ?? []).map((g) => String(g.properties?.id ?? '')).filter((s) => s !== '');
}

/** The Einschulbereiche as the worker keeps them: ids and a point index over the full-resolution polygons. */
interface EsbLocator {
  ids: readonly string[];
  index: ReturnType<typeof buildAreaIndex>;
}

/**
 * Einschulbereich input of the engine: ids from full/esb.geojson, estimates from tables/esb_population.csv,
 * and every school located in an ESB (point-in-polygon on the full-resolution polygons). The point index is
 * kept (`locator`) to place the other institution kinds on demand (esbMembership).
 */
function esbInput(
  geojson: string | null,
  estimates: string | null,
  schools: readonly Institution[] | undefined,
): { input: EngineInput['esb']; locator: EsbLocator | null } {
  if (geojson === null) return { input: undefined, locator: null };
  let features: AreaFeature[];
  try {
    features = ((JSON.parse(geojson) as { features?: AreaFeature[] }).features ?? []).filter(
      (f) => f?.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'),
    );
  } catch {
    return { input: undefined, locator: null };
  }
  const ids = features.map((f) => String(f.properties?.id ?? ''));
  const locator: EsbLocator = { ids, index: buildAreaIndex(features) };
  const schoolEsb = schools ? locateAll(locator, schools) : undefined;
  return {
    input: {
      ids,
      ...(estimates !== null ? { estimates: rows(estimates) } : {}),
      ...(schoolEsb ? { schoolEsb } : {}),
    },
    locator,
  };
}

/** Per item: index of the Einschulbereich its location lies in, -1 = none or no coordinates. */
function locateAll(locator: EsbLocator, list: readonly Institution[]): Int32Array {
  return Int32Array.from(list, (it) =>
    Number.isFinite(it.lon) && Number.isFinite(it.lat) ? locator.index.locate(it.lon, it.lat) : -1,
  );
}

export function createEngineHost() {
  let engine: Engine | null = null;
  let base = '';
  const items: Partial<Record<InstitutionKind, Institution[]>> = {};
  const membership = new Map<InstitutionKind, Promise<Partial<Record<'em' | 'es', Uint8Array>>>>();
  let overlayIndex: Promise<Partial<Record<'em' | 'es', ReturnType<typeof buildAreaIndex>>>> | null = null;
  let esbLocator: EsbLocator | null = null;
  let schoolEsb: Int32Array | undefined;
  const esbMemberships = new Map<InstitutionKind, ItemAreas | null>();
  let prepared: Promise<EnginePrepared> | null = null;

  function prepare(dataBase: string): Promise<EnginePrepared> {
    prepared = prepareOnce(dataBase);
    return prepared;
  }

  async function prepareOnce(dataBase: string): Promise<EnginePrepared> {
    const t0 = performance.now();
    base = dataBase;
    const f = ENGINE_FILES;
    const [schools, youth, kitas, housing, pop, mss, statics, esbPop, esbFull] = await Promise.all(
      [
        f.schools,
        f.youth,
        f.kitas,
        f.housing,
        f.population,
        f.mss,
        f.statics,
        f.esbPopulation,
        f.esbFull,
      ].map((p) => text(base, p)),
    );
    const missing: string[] = [];
    const note = (file: string, v: string | null) => {
      if (v === null) missing.push(file);
      return v;
    };
    const inst = (kind: InstitutionKind, file: string, t: string | null) => {
      if (note(file, t) === null) return undefined;
      const list = parseInstitutionsCsv(kind, file, t as string).value.items;
      items[kind] = list;
      return list as unknown as EngineItem[];
    };
    const staticsRows = note(f.statics, statics) ? rows(statics as string) : null;
    let plrIds: string[];
    if (staticsRows) plrIds = staticsRows.map((r) => r.plr_id ?? '').filter((s) => s !== '');
    else {
      const topo = await text(base, f.plrTopo);
      if (topo === null) throw new Error(`${f.plrTopo}: konnte nicht geladen werden`);
      plrIds = plrIdsFromTopo(topo);
    }
    const schoolItems = inst('school', f.schools, schools);
    const esb = esbInput(note(f.esbFull, esbFull), note(f.esbPopulation, esbPop), items.school);
    esbLocator = esb.locator;
    schoolEsb = esb.input?.schoolEsb;
    esbMemberships.clear();
    engine = prepareEngine({
      plrIds,
      esb: esb.input,
      institutions: {
        schools: schoolItems,
        youth: inst('youth', f.youth, youth),
        kitas: inst('kita', f.kitas, kitas),
        housing: note(f.housing, housing) ? rows(housing as string) : undefined,
      },
      population: note(f.population, pop) ? rows(pop as string) : undefined,
      mss: note(f.mss, mss) ? rows(mss as string) : undefined,
      ...(staticsRows ? staticsForEngine(staticsRows) : {}),
      files: {
        schools: f.schools,
        youth: f.youth,
        kitas: f.kitas,
        housing: f.housing,
        population: f.population,
        mss: f.mss,
      },
    });
    return { ms: performance.now() - t0, missing, issues: engine.issues.length };
  }

  async function loadOverlayIndex() {
    if (!overlayIndex)
      overlayIndex = (async () => {
        const out: Partial<Record<'em' | 'es', ReturnType<typeof buildAreaIndex>>> = {};
        for (const layer of ['em', 'es'] as const) {
          const t = await text(base, ENGINE_FILES[layer]);
          if (t === null) continue;
          const fc = JSON.parse(t) as { features?: AreaFeature[] };
          out[layer] = buildAreaIndex(fc.features ?? []);
        }
        return out;
      })();
    return overlayIndex;
  }

  /** Per-item membership of a kind in the Erhaltungsgebiete (computed once per kind). */
  function overlayMembership(kind: InstitutionKind): Promise<Partial<Record<'em' | 'es', Uint8Array>>> {
    let p = membership.get(kind);
    if (!p) {
      p = (async () => {
        const idx = await loadOverlayIndex();
        const list = items[kind] ?? [];
        const out: Partial<Record<'em' | 'es', Uint8Array>> = {};
        for (const layer of ['em', 'es'] as const) {
          const ix = idx[layer];
          if (!ix) continue;
          const m = new Uint8Array(list.length);
          list.forEach((it, i) => {
            if (Number.isFinite(it.lon) && Number.isFinite(it.lat) && ix.locate(it.lon, it.lat) >= 0)
              m[i] = 1;
          });
          out[layer] = m;
        }
        return out;
      })();
      membership.set(kind, p);
    }
    return p;
  }

  /**
   * The Einschulbereich every item of a kind lies in (aligned with loadInstitutions items; index into `ids`,
   * -1 = none): the schools' join the engine already has, the other kinds located once on the same point
   * index. Null when the Einschulbereiche could not be loaded. Waits for the engine's preparation.
   */
  async function esbMembership(kind: InstitutionKind): Promise<ItemAreas | null> {
    if (prepared) await prepared.catch(() => undefined);
    const cached = esbMemberships.get(kind);
    if (cached !== undefined) return cached;
    const list = items[kind];
    let out: ItemAreas | null = null;
    if (esbLocator && list) {
      const index = kind === 'school' && schoolEsb ? schoolEsb : locateAll(esbLocator, list);
      out = { ids: esbLocator.ids, index };
    }
    esbMemberships.set(kind, out);
    return out;
  }

  async function compute(filters: InstitutionFilters | null): Promise<EngineComputed> {
    if (!engine) throw new Error('Indikator-Engine ist nicht vorbereitet');
    const t0 = performance.now();
    const masks: Partial<Record<EngineKind, Uint8Array | null>> = {};
    if (filters) {
      for (const kind of ['school', 'youth', 'kita'] as const) {
        const list = items[kind];
        if (!list) continue;
        const overlay = filters.overlay ? await overlayMembership(kind) : undefined;
        masks[KIND_OF[kind]] = institutionMask(list, filters, { overlay, skip: { ranges: true } });
      }
    }
    const results = engine.compute({ masks });
    return { results, ms: performance.now() - t0 };
  }

  return { prepare, compute, overlayMembership, esbMembership };
}
