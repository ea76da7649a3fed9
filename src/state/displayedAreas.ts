/**
 * The area layer the map shows — the LOR level of viewStore, or the layer that replaces it (mapStore
 * `special`: the Einschulbereiche or an imported polygon layer) — as one selector, so that every view drawing
 * or listing area values (map, area table, indicator panel, charts) agrees on the areas and on the level key
 * that `choroplethFor` reads the engine output with (LOR levels: `results.values`; 'esb': `results.esb`).
 *
 *   const shown = useDisplayedAreas(lorLevel, special);  // { kind, level, areas, lorLevel, importName }
 *   choroplethFor({ areas: shown.areas, level: shown.level, results, indicatorId, classification, locale });
 */
import type { Areas } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import { useDataStore } from './dataStore';
import { importedAreas } from './importedAreas';
import { type ImportedDataset, useImportStore } from './importStore';
import { type SpecialAreaLayer, useMapStore } from './mapStore';

export interface DisplayedAreas {
  /** Which kind of layer: a LOR level, the Einschulbereiche or an imported polygon layer. */
  kind: 'lor' | 'esb' | 'import';
  /** Level key of the choropleth and the range filters: the LOR level, 'esb' or `import:<dataset id>`. */
  level: string;
  /** The layer's features (undefined while loading, or when the imported dataset is gone / has no polygons). */
  areas: Areas | undefined;
  /** The LOR level of viewStore (kept while another layer replaces it). */
  lorLevel: LorLevel;
  /** Name of the imported dataset (kind 'import'; the dataset id when it is gone). */
  importName?: string;
}

export interface DisplayedAreasInput {
  lorLevel: LorLevel;
  special: SpecialAreaLayer | null;
  lorAreas: Areas | undefined;
  esbAreas: Areas | undefined;
  datasets: readonly ImportedDataset[];
}

/** Pure: the shown layer from the store values. */
export function displayedAreasOf({
  lorLevel,
  special,
  lorAreas,
  esbAreas,
  datasets,
}: DisplayedAreasInput): DisplayedAreas {
  if (special === 'esb') return { kind: 'esb', level: 'esb', areas: esbAreas, lorLevel };
  if (special?.startsWith('import:')) {
    const d = datasets.find((x) => `import:${x.id}` === special);
    return {
      kind: 'import',
      level: special,
      areas: d ? (importedAreas(d) ?? undefined) : undefined,
      lorLevel,
      importName: d ? d.name : special.slice('import:'.length),
    };
  }
  return { kind: 'lor', level: lorLevel, areas: lorAreas, lorLevel };
}

/**
 * React hook: the shown layer for the given LOR level and special layer (pass the store values, or their
 * deferred copies in panels that follow a switch in a background render).
 */
export function useDisplayedAreas(lorLevel: LorLevel, special: SpecialAreaLayer | null): DisplayedAreas {
  const lorAreas = useDataStore((s) => s.areas[lorLevel]);
  const esbAreas = useMapStore((s) => s.overlayAreas.esb);
  const datasets = useImportStore((s) => s.datasets);
  return displayedAreasOf({ lorLevel, special, lorAreas, esbAreas, datasets });
}
