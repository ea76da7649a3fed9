/**
 * Export dialog: table, format (CSV / XLSX / GeoJSON / ZIP), CSV profile, column picker, download.
 * Written against props (the tables exactly as filters and selection show them); the lead wires it to the
 * stores. All file building is in the pure `src/export/run.ts` (can move into the worker unchanged, except
 * that the `geometry` callbacks must then be resolved there).
 * Also exports `downloadBytes` and `mapPngBytes` (map PNG); `CopyLinkButton` lives in ./CopyLink (loaded with the
 * app, while this dialog is loaded on demand) and is re-exported here.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CsvProfileId } from '../export/csv';
import { drawMapImage, type MapImageSpec, mapImageLayout } from '../export/mapImage';
import type { NoteSource } from '../export/note';
import type { ExportFile, ExportFormat, ExportSource } from '../export/run';
import type { SuppressionRule } from '../export/suppression';
import { formatInteger } from '../i18n/format';
import { exportMessages } from '../i18n/messages/export';
import { useMessages } from '../i18n/useMessages';
import { useLocaleStore } from '../state/localeStore';
import { CopyLinkButton } from './CopyLink';
import './ExportDialog.css';

export { CopyLinkButton, copyText } from './CopyLink';

/** Save bytes as a file: Blob + object URL + a temporary <a download>. */
export function downloadBytes(file: Pick<ExportFile, 'name' | 'mime' | 'data'>): void {
  const blob = new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // revoke after the browser has started the download
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * PNG of the map with title, legend, scale bar, attribution and date (layout: src/export/mapImage.ts).
 * `mapCanvas` must still hold the frame: call this inside `map.once('render', …)` after `map.triggerRepaint()`,
 * or create the map with `preserveDrawingBuffer: true`.
 */
export async function mapPngBytes(mapCanvas: HTMLCanvasElement, spec: MapImageSpec): Promise<Uint8Array> {
  const { width, height } = mapImageLayout(mapCanvas.width, mapCanvas.height, spec);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('PNG export: no 2D canvas context');
  drawMapImage(ctx, mapCanvas, mapCanvas.width, mapCanvas.height, spec);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('PNG export: the browser could not encode the image');
  return new Uint8Array(await blob.arrayBuffer());
}

export interface ExportDialogProps {
  /** Tables as filters and selection show them (e.g. institutions, areas at the current level). */
  tables: ExportSource[];
  filters: { label: string; value: string }[];
  sources: NoteSource[];
  /** File name stem, e.g. 'bildungsraum-bezirksregionen'. */
  baseName: string;
  /** Shareable link (default: the current URL). */
  shareUrl?: string;
  suppression?: SuppressionRule;
  onClose?: () => void;
  /** Injected for tests. */
  now?: () => Date;
  download?: (file: ExportFile) => void;
}

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'geojson', 'zip'];

export function ExportDialog(props: ExportDialogProps) {
  const m = useMessages(exportMessages);
  const locale = useLocaleStore((s) => s.locale);
  const uid = useId();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [profile, setProfile] = useState<CsvProfileId>('excel-de');
  const [tableIndex, setTableIndex] = useState(0);
  const [picked, setPicked] = useState<string[][]>(() =>
    props.tables.map((t) => t.columns ?? t.table.columns.map((c) => c.key)),
  );
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [note, setNote] = useState<ExportFile | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const download = props.download ?? downloadBytes;

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);

  const hasGeometry = props.tables.some((t) => t.geometry);
  const chosen = format === 'csv' ? [tableIndex] : props.tables.map((_, i) => i);
  const usable = chosen.filter((i) => format !== 'geojson' || props.tables[i].geometry);
  const missingColumns = usable.some((i) => picked[i].length === 0);

  const toggle = (ti: number, key: string, on: boolean) => {
    setPicked((prev) =>
      prev.map((keys, i) => {
        if (i !== ti) return keys;
        const set = new Set(on ? [...keys, key] : keys.filter((k) => k !== key));
        return props.tables[ti].table.columns.map((c) => c.key).filter((k) => set.has(k));
      }),
    );
  };

  async function onDownload() {
    setBusy(true);
    setMessage(m.preparing);
    setNote(null);
    try {
      // the writers (XLSX, ZIP, CSV) are loaded on the first download, not with the app
      const { runExport } = await import('../export/run');
      const result = await runExport({
        format,
        profile,
        tables: usable.map((i) => ({ ...props.tables[i], columns: picked[i] })),
        // a CSV holds one table: name it after the table when there is a choice
        baseName:
          format === 'csv' && props.tables.length > 1
            ? `${props.baseName}-${props.tables[tableIndex].table.name}`
            : props.baseName,
        exportedAt: props.now?.() ?? new Date(),
        filters: props.filters,
        sources: props.sources,
        appUrl: props.shareUrl ?? (typeof window !== 'undefined' ? window.location.href : undefined),
        suppression: props.suppression,
      });
      download(result.file);
      if (format === 'csv' || format === 'geojson') setNote(result.note);
      setMessage(m.done(result.file.name));
    } catch (e) {
      setMessage(m.failed((e as Error).message));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      className="export-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${uid}-title`}
      ref={dialogRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onClose?.();
      }}
    >
      <div className="export-dialog-head">
        <h2 id={`${uid}-title`}>{m.dialogTitle}</h2>
        {props.onClose && (
          <button type="button" className="export-dialog-close" onClick={props.onClose} aria-label={m.close}>
            ×
          </button>
        )}
      </div>

      <fieldset>
        <legend>{m.formatLegend}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="export-option">
            <input
              type="radio"
              name={`${uid}-format`}
              value={f}
              checked={format === f}
              disabled={f === 'geojson' && !hasGeometry}
              onChange={() => setFormat(f)}
            />
            {m[`format_${f}`]}
          </label>
        ))}
      </fieldset>

      {(format === 'csv' || format === 'zip') && (
        <fieldset>
          <legend>{m.profileLegend}</legend>
          {(['excel-de', 'standard'] as const).map((p) => (
            <label key={p} className="export-option">
              <input
                type="radio"
                name={`${uid}-profile`}
                value={p}
                checked={profile === p}
                onChange={() => setProfile(p)}
              />
              {p === 'excel-de' ? m.profile_excelDe : m.profile_standard}
            </label>
          ))}
          <p className="export-hint">{m.idHint}</p>
        </fieldset>
      )}

      {format === 'csv' && props.tables.length > 1 && (
        <fieldset>
          <legend>{m.tableLegend}</legend>
          {props.tables.map((t, i) => (
            <label key={t.table.name} className="export-option">
              <input
                type="radio"
                name={`${uid}-table`}
                value={t.table.name}
                checked={tableIndex === i}
                onChange={() => setTableIndex(i)}
              />
              {t.table.title}
            </label>
          ))}
        </fieldset>
      )}

      {usable.map((ti) => {
        const t = props.tables[ti].table;
        return (
          <fieldset key={t.name} className="export-columns" data-table={t.name}>
            <legend>
              {m.columnsLegend}: {t.title}
            </legend>
            <p className="export-hint">
              {m.rowsInfo(formatInteger(t.rows.length, locale), formatInteger(picked[ti].length, locale))}
            </p>
            <div className="export-columns-actions">
              <button
                type="button"
                onClick={() =>
                  setPicked((p) => p.map((k, i) => (i === ti ? t.columns.map((c) => c.key) : k)))
                }
              >
                {m.selectAll}
              </button>
              <button type="button" onClick={() => setPicked((p) => p.map((k, i) => (i === ti ? [] : k)))}>
                {m.selectNone}
              </button>
            </div>
            <ul className="export-columns-list">
              {t.columns.map((c) => (
                <li key={c.key}>
                  <label>
                    <input
                      type="checkbox"
                      checked={picked[ti].includes(c.key)}
                      onChange={(e) => toggle(ti, c.key, e.currentTarget.checked)}
                    />
                    {c.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
      {format === 'geojson' && usable.length === 0 && <p className="export-hint">{m.noGeometry}</p>}

      <div className="export-actions">
        <button
          type="button"
          className="export-download"
          disabled={busy || missingColumns || usable.length === 0}
          onClick={onDownload}
          data-testid="export-download"
        >
          {m.download}
        </button>
        {note && (
          <button type="button" onClick={() => download(note)} data-testid="export-note">
            {note.name}
          </button>
        )}
        <CopyLinkButton url={props.shareUrl} />
      </div>
      <p role="status" aria-live="polite" className="export-status">
        {missingColumns ? m.noColumns : message}
      </p>
    </div>
  );
}
