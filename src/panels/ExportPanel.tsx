/**
 * Sidebar section "Export und Berichte": opens the export dialog with exactly what the app shows
 * (filtered institutions of the visible kinds, areas of the current level with the engine's indicators),
 * saves the map as PNG (with legend, title, scale bar, sources and date) and opens the printable area report
 * of the selected area. All tables are built by the pure src/export/appTables.ts.
 */
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
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
import { useMessages } from '../i18n/useMessages';
import { choroplethFor } from '../map/choropleth';
import { INSTITUTION_COLORS } from '../map/colors';
import { getMapHandle, snapshotMap } from '../map/mapHandle';
import { rgbToHex } from '../map/palettes';
import { SCHULART_GROUPS, TRAEGER_COLORS } from '../map/pointStyle';
import { useDataStore } from '../state/dataStore';
import { getFilteredInstitutions, useFilterStore } from '../state/filterStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useMapStore } from '../state/mapStore';
import { useSelectionStore } from '../state/selectionStore';
import { useViewStore } from '../state/viewStore';
import { AreaReportView } from './AreaReportView';
import { downloadBytes, ExportDialog, type ExportDialogProps, mapPngBytes } from './ExportDialog';
import { SidebarSection } from './Sidebar';
import './ExportPanel.css';

/** Resolves once the areas of a level are loaded (or failed). */
async function areasLoaded(level: LorLevel): Promise<void> {
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
async function indicatorsSettled(timeoutMs = 60_000): Promise<void> {
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
  const data = await mapPngBytes(snapshotMap(handle), spec);
  const name = `bildungsraum-karte-${level}.png`;
  downloadBytes({ name, mime: 'image/png', data });
  return name;
}

export function ExportPanel() {
  const m = useMessages(exportMessages);
  const locale = useLocaleStore((s) => s.locale);
  const selected = useSelectionStore((s) => s.selected);
  const manifestReady = useDataStore((s) => s.status === 'ready');
  const indicatorStatus = useIndicatorStore((s) => s.status);
  const [dialog, setDialog] = useState<Omit<ExportDialogProps, 'onClose'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [report, setReport] = useState<{ level: LorLevel; id: string } | null>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const reportRef = useRef<HTMLButtonElement>(null);
  const area = selected?.kind === 'area' ? selected : null;
  const areaName = useDataStore((s) =>
    area
      ? s.areas[area.level]?.features.find((f) => f.properties.id === area.id)?.properties.name
      : undefined,
  );

  async function openExport() {
    setBusy(true);
    setStatus(m.exportLoading);
    try {
      const { level } = useViewStore.getState();
      // names of the Planungsräume (and the current level) for the joined institution columns
      await Promise.all([areasLoaded(level), areasLoaded('plr'), indicatorsSettled()]);
      setDialog(buildExportProps(locale));
      setStatus('');
    } catch (e) {
      setStatus(m.failed((e as Error).message));
    } finally {
      setBusy(false);
    }
  }

  async function onPng() {
    setBusy(true);
    try {
      setStatus(m.pngDone(await exportMapPng(locale)));
    } catch (e) {
      setStatus(m.pngFailed((e as Error).message));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SidebarSection id="export" title={m.sectionTitle} defaultOpen={true}>
      <div className="export-panel" data-testid="export-panel" data-indicator-status={indicatorStatus}>
        <button
          ref={openRef}
          type="button"
          onClick={openExport}
          disabled={busy || !manifestReady}
          data-testid="export-open"
          aria-haspopup="dialog"
        >
          {m.openExport}
        </button>
        <button type="button" onClick={onPng} disabled={busy} data-testid="export-png">
          {m.exportPng}
        </button>
        <button
          ref={reportRef}
          type="button"
          onClick={() => area && setReport({ level: area.level, id: area.id })}
          disabled={!area}
          aria-describedby="export-report-hint"
          data-testid="report-open"
        >
          {m.openReport}
        </button>
        <p id="export-report-hint" className="export-hint">
          {area ? m.reportFor(areaName ?? area.id) : m.reportNeedsArea}
        </p>
        <p role="status" aria-live="polite" className="export-status" data-testid="export-panel-status">
          {status}
        </p>
      </div>
      {dialog &&
        createPortal(
          <div className="export-backdrop">
            <ExportDialog
              {...dialog}
              onClose={() => {
                setDialog(null);
                openRef.current?.focus();
              }}
            />
          </div>,
          document.body,
        )}
      {report && (
        <AreaReportView
          level={report.level}
          areaId={report.id}
          onClose={() => {
            setReport(null);
            // the button is visible again once the app is shown
            setTimeout(() => reportRef.current?.focus(), 0);
          }}
        />
      )}
    </SidebarSection>
  );
}
