/**
 * Sidebar section "Export und Berichte": opens the export dialog with exactly what the app shows
 * (filtered institutions of the visible kinds, areas of the current level with the engine's indicators),
 * saves the map as PNG (with legend, title, scale bar, sources and date) and opens the printable area report
 * of the selected area. All tables are built by the pure src/export/appTables.ts; what the buttons do is in
 * ./exportActions.ts, loaded on the first click (code splitting).
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { LorLevel } from '../domain/lor';
import { exportMessages } from '../i18n/messages/export';
import { useMessages } from '../i18n/useMessages';
import { useDataStore } from '../state/dataStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useSelectionStore } from '../state/selectionStore';
import { useViewStore } from '../state/viewStore';
import type { ExportDialogProps } from './ExportDialog';
import { PartLoading } from './PartLoading';
import { SidebarSection } from './Sidebar';
import './ExportPanel.css';

// The export dialog (and with it the file writers) and the printable area report are loaded when opened.
const ExportDialog = lazy(() => import('./ExportDialog').then((x) => ({ default: x.ExportDialog })));
// The printable area report (with its map drawing) is loaded when it is opened.
const AreaReportView = lazy(() => import('./AreaReportView').then((x) => ({ default: x.AreaReportView })));

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
      const { areasLoaded, buildExportProps, indicatorsSettled } = await import('./exportActions');
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
      const { exportMapPng } = await import('./exportActions');
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
            <Suspense fallback={<PartLoading testId="export-dialog-loading" />}>
              <ExportDialog
                {...dialog}
                onClose={() => {
                  setDialog(null);
                  openRef.current?.focus();
                }}
              />
            </Suspense>
          </div>,
          document.body,
        )}
      {report && (
        <Suspense fallback={<PartLoading testId="report-loading" />}>
          <AreaReportView
            level={report.level}
            areaId={report.id}
            onClose={() => {
              setReport(null);
              // the button is visible again once the app is shown
              setTimeout(() => reportRef.current?.focus(), 0);
            }}
          />
        </Suspense>
      )}
    </SidebarSection>
  );
}
