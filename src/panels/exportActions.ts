/**
 * What the export section does on click — snapshot of the view for the export dialog, map PNG — split from
 * ExportPanel.tsx so that it (with src/export/*) is loaded on the first click, not with the app.
 * Both export the area layer the map shows (`displayedAreasOf`): the LOR level, or the Einschulbereiche /
 * an imported polygon layer that replaces it — title, legend, file names and the areas table follow it.
 */
import type { Geometry } from 'geojson';
import { INSTITUTION_KINDS } from '../datasets/registry';
import type { Areas, Institution } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import type { InstitutionKind } from '../domain/types';
import {
  areaLookup,
  areaSource,
  bezirkNameOf,
  describeFilters,
  institutionSource,
  levelLabel,
  manifestSources,
} from '../export/appTables';
import { indicatorColumn } from '../export/fromIndicators';
import { type MapImageLegendEntry, type MapImageSpec, metersPerPixel } from '../export/mapImage';
import type { ExportSource } from '../export/run';
import type { CellValue, ExportColumn, ExportRow } from '../export/table';
import type { Locale } from '../i18n/catalog';
import { pick } from '../i18n/catalog';
import { formatDate } from '../i18n/format';
import { exportMessages } from '../i18n/messages/export';
import { mapMessages } from '../i18n/messages/map';
import { INDICATOR_BY_ID, type IndicatorDef } from '../indicators/catalogue';
import { choroplethFor } from '../map/choropleth';
import { INSTITUTION_COLORS } from '../map/colors';
import { getMapHandle, snapshotMap } from '../map/mapHandle';
import { rgbToHex } from '../map/palettes';
import { SCHULART_GROUPS, TRAEGER_COLORS } from '../map/pointStyle';
import { useDataStore } from '../state/dataStore';
import { type DisplayedAreas, displayedAreasOf } from '../state/displayedAreas';
import { getFilteredInstitutions, useFilterStore } from '../state/filterStore';
import { useImportStore } from '../state/importStore';
import { type ComputeResult, useIndicatorStore } from '../state/indicatorStore';
import { useMapStore } from '../state/mapStore';
import { useViewStore } from '../state/viewStore';
import type { ExportDialogProps } from './ExportDialog';

/** Resolves once the areas of a level are loaded (or failed). */
export async function areasLoaded(level: LorLevel): Promise<void> {
  await useDataStore.getState().ensureAreas(level);
  const done = () => {
    const st = useDataStore.getState().areaStatus[level];
    return st === 'ready' || st === 'error';
  };
  if (done()) return;
  await new Promise<void>((resolve) => {
    const unsub = useDataStore.subscribe(() => {
      if (done()) {
        unsub();
        resolve();
      }
    });
  });
}

/** Resolves when the engine is not computing (so areas and institutions reflect the same filters). */
export async function indicatorsSettled(timeoutMs = 60_000): Promise<void> {
  const done = () => useIndicatorStore.getState().status !== 'computing';
  if (done()) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      unsub();
      resolve();
    }, timeoutMs);
    const unsub = useIndicatorStore.subscribe(() => {
      if (done()) {
        clearTimeout(timer);
        unsub();
        resolve();
      }
    });
  });
}

export function visibleKinds(): InstitutionKind[] {
  const layers = useViewStore.getState().layers;
  return INSTITUTION_KINDS.filter((k) => layers[k]);
}

/** The area layer the map shows, from the stores (LOR level, Einschulbereiche or an imported layer). */
export function shownLayer(): DisplayedAreas {
  const { level } = useViewStore.getState();
  const map = useMapStore.getState();
  return displayedAreasOf({
    lorLevel: level,
    special: map.special,
    lorAreas: useDataStore.getState().areas[level],
    esbAreas: map.overlayAreas.esb,
    datasets: useImportStore.getState().datasets,
  });
}

/** Name of one area of the shown layer in the export language ('Planungsraum', 'Einschulbereich', 'Import: …'). */
export function layerLabel(shown: DisplayedAreas, locale: Locale): string {
  const mm = pick(mapMessages, locale);
  if (shown.kind === 'esb') return mm.levelOne_esb;
  if (shown.kind === 'import') return mm.importedLayer(shown.importName ?? '');
  return levelLabel(shown.lorLevel, locale);
}

/** File-name key of the shown layer: the LOR level, 'esb' or the imported dataset's id (file-safe). */
function layerFileKey(shown: DisplayedAreas): string {
  if (shown.kind !== 'import') return shown.level;
  return shown.level.slice('import:'.length).replace(/[^A-Za-z0-9_-]+/g, '-') || 'import';
}

/** The Einschulbereich indicators the engine computed (in the order of `results.esb.values`). */
function esbIndicators(results: ComputeResult): IndicatorDef[] {
  const unavailable = new Set(results.unavailable);
  return Object.keys(results.esb?.values ?? {}).flatMap((id) => {
    const def = INDICATOR_BY_ID.get(id);
    return def?.esb !== undefined && !unavailable.has(id) ? [def] : [];
  });
}

export interface LayerAreaSourceInput {
  shown: DisplayedAreas;
  areas: Areas;
  locale: Locale;
  results?: ComputeResult | null;
}

/**
 * The areas table of a non-LOR layer (Einschulbereiche, imported polygons) + area geometry: id, name,
 * Bezirk (when the features carry it), area; on the Einschulbereiche one column per ESB indicator
 * (`results.esb`, as the map draws it; percent ×100). Imported layers have no indicator values.
 */
export function layerAreaSource({ shown, areas, locale, results }: LayerAreaSourceInput): ExportSource {
  const de = locale !== 'en';
  const label = layerLabel(shown, locale);
  // every feature is a row (an imported file may repeat an id), sorted by id
  const key = (f: Areas['features'][number]) => String(f.properties.id);
  const features = [...areas.features].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const byId = new Map(features.map((f) => [key(f), f]));
  const props = features.map((f) => f.properties);
  const columns: ExportColumn[] = [
    { key: 'id', label: shown.kind === 'esb' ? `${label}-ID` : de ? 'Gebiets-ID' : 'Area ID', type: 'id' },
    { key: 'name', label: 'Name', type: 'text' },
  ];
  if (props.some((p) => typeof p.bez_id === 'string')) {
    columns.push(
      { key: 'bez_id', label: `${levelLabel('bez', locale)}-ID`, type: 'id' },
      { key: 'bez_name', label: levelLabel('bez', locale), type: 'text' },
    );
  }
  const hasArea = props.some((p) => typeof p.area_m2 === 'number');
  if (hasArea) {
    columns.push({
      key: 'area_km2',
      label: de ? 'Fläche (km²)' : 'Area (km²)',
      type: 'decimal',
      decimals: 2,
      unit: 'km²',
    });
  }
  const esb = shown.kind === 'esb' && results?.esb ? results.esb : undefined;
  const defs = esb && results ? esbIndicators(results) : [];
  const index = new Map((esb?.ids ?? []).map((id, i) => [id, i]));
  for (const d of defs) columns.push(indicatorColumn(d, locale));
  const rows: ExportRow[] = props.map((p) => {
    const id = String(p.id);
    const row: ExportRow = { id, name: p.name };
    for (const k of ['bez_id', 'bez_name'] as const) {
      if (columns.some((c) => c.key === k)) row[k] = typeof p[k] === 'string' ? p[k] : null;
    }
    if (hasArea) row.area_km2 = typeof p.area_m2 === 'number' ? p.area_m2 / 1e6 : null;
    const i = index.get(id) ?? -1;
    for (const d of defs) {
      const v = i >= 0 ? esb?.values[d.id]?.[i] : undefined;
      const cell: CellValue = v === undefined || !Number.isFinite(v) ? null : d.format.percent ? v * 100 : v;
      row[d.id] = cell;
    }
    return row;
  });
  return {
    table: {
      name: `gebiete-${layerFileKey(shown)}`,
      title: de ? `Gebiete (${label})` : `Areas (${label})`,
      columns,
      rows,
    },
    // the row's own feature (rows keep their order); by id if a caller reordered them
    geometry: (row, i): Geometry | null => {
      const f = rows[i]?.id === row.id ? features[i] : byId.get(String(row.id));
      return (f?.geometry as Geometry | undefined) ?? null;
    },
  };
}

/** What the dialog gets: a snapshot of the view at the moment "Exportieren" is clicked. */
export function buildExportProps(locale: Locale): Omit<ExportDialogProps, 'onClose'> {
  const data = useDataStore.getState();
  const { level } = useViewStore.getState();
  const shown = shownLayer();
  const ind = useIndicatorStore.getState();
  const filters = useFilterStore.getState();
  const results = ind.results;
  const kinds = visibleKinds();
  const lookup = areaLookup(data.areas);
  const items: Institution[] = kinds.flatMap((k) => getFilteredInstitutions(k));
  const tables: ExportSource[] = [];
  if (kinds.length > 0) {
    // institutions keep their joined LOR areas (and the LOR level's value of the map indicator, if any)
    tables.push(
      institutionSource({
        items,
        locale,
        level,
        areas: lookup,
        results,
        indicatorIds: ind.indicatorId ? [ind.indicatorId] : [],
      }),
    );
  }
  // the areas of the layer the map shows
  const areas = shown.areas;
  if (areas) {
    tables.push(
      shown.kind === 'lor'
        ? areaSource({ areas, level, locale, results })
        : layerAreaSource({ shown, areas, locale, results }),
    );
  }
  const levelLine = locale === 'en' ? 'Level' : 'Ebene';
  return {
    tables,
    filters: describeFilters({
      locale,
      level,
      kinds,
      indicatorId: ind.indicatorId,
      filters,
      bezirkName: (id) => bezirkNameOf(lookup, id),
    }).map((f) => (f.label === levelLine ? { ...f, value: layerLabel(shown, locale) } : f)),
    sources: manifestSources(data.manifest),
    baseName: `bildungsraum-${layerFileKey(shown)}`,
  };
}

/** The map as PNG: snapshot of MapLibre + deck.gl, legend, title, scale bar, attribution and date. */
export async function exportMapPng(locale: Locale): Promise<string> {
  const m = pick(exportMessages, locale);
  const handle = getMapHandle();
  if (!handle) throw new Error(m.pngNoMap);
  const { level, layers } = useViewStore.getState();
  const shown = shownLayer();
  const layerName = layerLabel(shown, locale);
  const ind = useIndicatorStore.getState();
  const legend: MapImageLegendEntry[] = [];
  let legendTitle: string | undefined;
  let title = m.pngTitle;
  if (layers.areas) {
    // the same (cached) classification, palette and legend as the map, on the layer the map shows
    const ch = choroplethFor({
      areas: shown.areas,
      level: shown.level,
      results: ind.results,
      indicatorId: ind.indicatorId,
      classification: ind.classification,
      locale,
    });
    if (ch.status === 'ok' && ch.def && ch.legend) {
      title = `${ch.def.label[locale]} (${layerName})`;
      legendTitle = ch.def.format.percent ? '%' : ch.def.unit[locale];
      legend.push(
        ...ch.legend.entries.map((e) => ({
          hex: e.hex,
          label: e.count ? `${e.label} (${e.count})` : e.label,
        })),
      );
    }
  }
  const kinds = visibleKinds();
  if (kinds.length > 0) {
    legendTitle ??= m.pngLegendInstitutions;
    const hex = ([r, g, b]: readonly number[]) => rgbToHex([r, g, b]);
    const by = useMapStore.getState().schoolColourBy;
    for (const k of kinds) {
      if (k === 'school' && by === 'schulart') {
        for (const g of SCHULART_GROUPS)
          legend.push({ hex: hex(g.color), label: `● ${m.kind_school}: ${g.key}` });
      } else if (k === 'school' && by === 'traeger') {
        for (const t of ['public', 'free'] as const)
          legend.push({ hex: hex(TRAEGER_COLORS[t]), label: `● ${m.kind_school}: ${m[`traeger_${t}`]}` });
      } else legend.push({ hex: hex(INSTITUTION_COLORS[k]), label: `● ${m[`kind_${k}`]}` });
    }
  }
  const manifest = useDataStore.getState().manifest;
  const publishers = [...new Set((manifest?.datasets ?? []).map((d) => `${d.publisher} (${d.license})`))];
  const filterLines = describeFilters({
    locale,
    level,
    kinds,
    indicatorId: null,
    filters: useFilterStore.getState(),
  })
    .filter((f) => f.label !== (locale === 'en' ? 'Level' : 'Ebene'))
    .map((f) => `${f.label}: ${f.value}`);
  const { map } = handle;
  const now = new Date();
  const spec: MapImageSpec = {
    title,
    subtitle: `${layerName} · ${filterLines.join(' · ')}`.slice(0, 160),
    legendTitle,
    legend,
    metersPerPixel: metersPerPixel(map.getCenter().lat, map.getZoom()),
    attribution: [
      m.pngAttributionGeo,
      ...(publishers.length ? [m.pngAttributionData(publishers.join('; '))] : []),
    ],
    dateLabel: m.pngDate(formatDate(now, locale)),
    locale,
    pixelRatio: map.getPixelRatio(),
    legendPlacement: 'auto',
  };
  const { downloadBytes, mapPngBytes } = await import('./ExportDialog');
  const data = await mapPngBytes(snapshotMap(handle), spec);
  const name = `bildungsraum-karte-${layerFileKey(shown)}.png`;
  downloadBytes({ name, mime: 'image/png', data });
  return name;
}
