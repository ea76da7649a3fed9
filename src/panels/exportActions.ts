/**
 * What the export section does on click — snapshot of the view for the export dialog, map PNG — split from
 * ExportPanel.tsx so that it (with src/export/*) is loaded on the first click, not with the app.
 */
import { INSTITUTION_KINDS } from '../datasets/registry';
import type { Institution } from '../datasets/types';
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
import { type MapImageLegendEntry, type MapImageSpec, metersPerPixel } from '../export/mapImage';
import type { ExportSource } from '../export/run';
import type { Locale } from '../i18n/catalog';
import { pick } from '../i18n/catalog';
import { formatDate } from '../i18n/format';
import { exportMessages } from '../i18n/messages/export';
import { choroplethFor } from '../map/choropleth';
import { INSTITUTION_COLORS } from '../map/colors';
import { getMapHandle, snapshotMap } from '../map/mapHandle';
import { rgbToHex } from '../map/palettes';
import { SCHULART_GROUPS, TRAEGER_COLORS } from '../map/pointStyle';
import { useDataStore } from '../state/dataStore';
import { getFilteredInstitutions, useFilterStore } from '../state/filterStore';
import { useIndicatorStore } from '../state/indicatorStore';
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

/** What the dialog gets: a snapshot of the view at the moment "Exportieren" is clicked. */
export function buildExportProps(locale: Locale): Omit<ExportDialogProps, 'onClose'> {
  const data = useDataStore.getState();
  const { level } = useViewStore.getState();
  const ind = useIndicatorStore.getState();
  const filters = useFilterStore.getState();
  const results = ind.results;
  const kinds = visibleKinds();
  const lookup = areaLookup(data.areas);
  const items: Institution[] = kinds.flatMap((k) => getFilteredInstitutions(k));
  const tables: ExportSource[] = [];
  if (kinds.length > 0) {
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
  const areas = data.areas[level];
  if (areas) tables.push(areaSource({ areas, level, locale, results }));
  return {
    tables,
    filters: describeFilters({
      locale,
      level,
      kinds,
      indicatorId: ind.indicatorId,
      filters,
      bezirkName: (id) => bezirkNameOf(lookup, id),
    }),
    sources: manifestSources(data.manifest),
    baseName: `bildungsraum-${level}`,
  };
}

/** The map as PNG: snapshot of MapLibre + deck.gl, legend, title, scale bar, attribution and date. */
export async function exportMapPng(locale: Locale): Promise<string> {
  const m = pick(exportMessages, locale);
  const handle = getMapHandle();
  if (!handle) throw new Error(m.pngNoMap);
  const { level, layers } = useViewStore.getState();
  const ind = useIndicatorStore.getState();
  const legend: MapImageLegendEntry[] = [];
  let legendTitle: string | undefined;
  let title = m.pngTitle;
  if (layers.areas) {
    // the same (cached) classification, palette and legend as the map
    const ch = choroplethFor({
      areas: useDataStore.getState().areas[level],
      level,
      results: ind.results,
      indicatorId: ind.indicatorId,
      classification: ind.classification,
      locale,
    });
    if (ch.status === 'ok' && ch.def && ch.legend) {
      title = `${ch.def.label[locale]} (${levelLabel(level, locale)})`;
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
    subtitle: `${levelLabel(level, locale)} · ${filterLines.join(' · ')}`.slice(0, 160),
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
  const name = `bildungsraum-karte-${level}.png`;
  downloadBytes({ name, mime: 'image/png', data });
  return name;
}
