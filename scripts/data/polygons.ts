import type { LorLevel } from '../../src/domain/lor';
import { repairLorId } from '../../src/domain/lor';
import { PipelineError } from './errors';
import { areaGeometry, areaM2, toWgs84For } from './geom';
import type { AreaFeatureOut, LevelOutput } from './lor';
import { keysOf, pickFields, type RawFeature, resolveFields } from './read';
import { type AreaProps, buildTopology, geometriesOf, simplifyTopology, webTopology } from './topo';

interface Input {
  file: string;
  features: RawFeature[];
  crsName: string | null;
}

function finish(name: string, full: AreaFeatureOut[]): LevelOutput {
  full.sort((a, b) => String(a.properties.id).localeCompare(String(b.properties.id)));
  const web = simplifyTopology(buildTopology(name, full));
  const geoms = geometriesOf(web, name);
  return {
    full,
    web: webTopology(
      web,
      geoms.map((g, i) => ({
        geometry: g,
        properties: full[i].properties,
        id: String(full[i].properties.id),
      })),
    ),
  };
}

function unique(ids: Set<string>, id: string, file: string, index: number) {
  if (ids.has(id)) throw new PipelineError(file, `duplicate id ${id} (feature ${index + 1})`);
  ids.add(id);
}

const ESB_ALIASES = {
  esb: ['esb', 'ESB', 'esb_nr'],
  bez: ['bez', 'BEZ', 'bez_id'],
  bezname: ['bezname', 'bez_name', 'bezirk'],
} as const;

/** Einschulbereiche: id = esb (4 digits, Bezirk prefix), name "Einschulbereich 0101 (Mitte)". */
export function buildEsb(input: Input, bezNames: Map<string, string>): LevelOutput {
  const { file } = input;
  const reproject = toWgs84For(input.crsName, file);
  const map = resolveFields(keysOf(input.features.map((f) => f.properties)), ESB_ALIASES, ['esb'], file);
  const ids = new Set<string>();
  const full = input.features.map((f): AreaFeatureOut => {
    const v = pickFields(f.properties, map, ['esb', 'bez', 'bezname']);
    const r = repairLorId('pgr' as LorLevel, v.esb);
    if (!r)
      throw new PipelineError(
        file,
        `feature ${f.index + 1}: esb "${v.esb}" is not a 4-digit Einschulbereich code`,
        { column: map.esb },
      );
    const id = r.id;
    unique(ids, id, file, f.index);
    const bezId = id.slice(0, 2);
    if (v.bez && repairLorId('bez', v.bez)?.id !== bezId) {
      throw new PipelineError(
        file,
        `feature ${f.index + 1}: esb ${id} does not start with its Bezirk ${v.bez}`,
        { column: map.bez },
      );
    }
    const bezName = bezNames.get(bezId);
    if (!bezName)
      throw new PipelineError(file, `feature ${f.index + 1}: esb ${id} has unknown Bezirk ${bezId}`);
    const geometry = areaGeometry(f, file, id, reproject);
    const props: AreaProps = {
      id,
      name: `Einschulbereich ${id} (${bezName})`,
      bez_id: bezId,
      bez_name: bezName,
      area_m2: areaM2(geometry),
    };
    return { type: 'Feature', properties: props, geometry };
  });
  return finish('esb', full);
}

const EG_ALIASES = {
  schluessel: ['schluessel', 'SCHLUESSEL'],
  gebietsname: ['gebietsname', 'GEBIETSNAME', 'name'],
  bezirk: ['bezirk', 'BEZIRK'],
  in_kraft: ['f_in_kraft', 'F_IN_KRAFT'],
} as const;

/** Erhaltungsgebiete (EM/ES): id = schluessel (e.g. EM0105), name = gebietsname. */
export function buildErhaltungsgebiete(
  input: Input,
  prefix: 'EM' | 'ES',
  bezNames: Map<string, string>,
): LevelOutput {
  const { file } = input;
  const reproject = toWgs84For(input.crsName, file);
  const map = resolveFields(
    keysOf(input.features.map((f) => f.properties)),
    EG_ALIASES,
    ['schluessel', 'gebietsname'],
    file,
  );
  const re = new RegExp(`^${prefix}\\d{4}$`);
  const ids = new Set<string>();
  const full = input.features.map((f): AreaFeatureOut => {
    const v = pickFields(f.properties, map, ['schluessel', 'gebietsname', 'bezirk', 'in_kraft']);
    const id = v.schluessel.toUpperCase();
    if (!re.test(id)) {
      throw new PipelineError(
        file,
        `feature ${f.index + 1}: schluessel "${v.schluessel}" does not look like ${prefix}0000`,
        { column: map.schluessel },
      );
    }
    unique(ids, id, file, f.index);
    if (!v.gebietsname)
      throw new PipelineError(file, `feature ${f.index + 1} (${id}): empty gebietsname`, {
        column: map.gebietsname,
      });
    const bezId = id.slice(2, 4);
    const geometry = areaGeometry(f, file, id, reproject);
    const props: AreaProps = {
      id,
      name: v.gebietsname,
      bez_id: bezId,
      bez_name: bezNames.get(bezId) ?? v.bezirk,
      in_kraft: v.in_kraft,
      area_m2: areaM2(geometry),
    };
    return { type: 'Feature', properties: props, geometry };
  });
  return finish(prefix.toLowerCase(), full);
}
