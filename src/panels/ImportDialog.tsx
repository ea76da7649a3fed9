import { type DragEvent, type FormEvent, lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { importMessages } from '../i18n/messages/import';
import { useMessages } from '../i18n/useMessages';
import { useImportStore } from '../state/importStore';
import { ImportedDatasets } from './ImportedDatasets';
import { PartLoading } from './PartLoading';
import { SidebarSection } from './Sidebar';
import './import.css';

/** Drop zone, file picker, URL field, progress bar with cancel, and the error of the last attempt. */
export function ImportDialog() {
  const m = useMessages(importMessages);
  const importFile = useImportStore((s) => s.importFile);
  const importUrl = useImportStore((s) => s.importUrl);
  const progress = useImportStore((s) => s.progress);
  const cancel = useImportStore((s) => s.cancel);
  const error = useImportStore((s) => s.error);
  const clearError = useImportStore((s) => s.clearError);
  const prepare = useImportStore((s) => s.prepare);
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const uid = useId();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void importFile(f);
  };
  const onUrl = (e: FormEvent) => {
    e.preventDefault();
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      setUrlError(m.urlInvalid);
      return;
    }
    setUrlError(null);
    void importUrl(url.trim());
  };
  // An import is coming (pointer or focus in the import area, a file dragged over the page): its worker
  // starts and the mapping and report parts load now, not while the file is being read. (Listeners, not
  // React handlers: they only look ahead and give the area no interaction of its own.)
  const areaRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const area = areaRef.current;
    const getReady = () => {
      prepare();
      void loadMapping();
      void loadReport();
    };
    const onDragEnter = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) getReady();
    };
    window.addEventListener('dragenter', onDragEnter);
    area?.addEventListener('pointerenter', getReady);
    area?.addEventListener('focusin', getReady);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      area?.removeEventListener('pointerenter', getReady);
      area?.removeEventListener('focusin', getReady);
    };
  }, [prepare]);
  const phaseLabel = progress ? (m[`phase_${progress.phase}` as keyof typeof m] as string) : '';

  return (
    <div className="import-dialog" data-testid="import-dialog" ref={areaRef}>
      <p className="muted">{m.intro}</p>
      <section
        className={`import-drop${dragging ? ' import-drop--active' : ''}`}
        aria-label={m.dropZone}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-drop"
      >
        <span>{m.dropZone}</span> <span className="muted">{m.orPick}</span>{' '}
        <button type="button" onClick={() => inputRef.current?.click()} disabled={!!progress}>
          {m.pickFile}
        </button>
        <input
          ref={inputRef}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={m.fileInputLabel}
          accept=".csv,.tsv,.tab,.txt,.xlsx,.geojson,.json,text/csv,application/geo+json"
          data-testid="import-file"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) void importFile(f);
            e.currentTarget.value = '';
          }}
        />
      </section>
      <form className="import-url" onSubmit={onUrl}>
        <label htmlFor={`${uid}-url`}>{m.urlLabel}</label>
        <div className="import-url-row">
          <input
            id={`${uid}-url`}
            type="url"
            value={url}
            placeholder={m.urlPlaceholder}
            onChange={(e) => setUrl(e.target.value)}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? `${uid}-urlerr` : undefined}
          />
          <button type="submit" disabled={!!progress}>
            {m.urlButton}
          </button>
        </div>
        {urlError && (
          <p id={`${uid}-urlerr`} className="import-error-text">
            {urlError}
          </p>
        )}
      </form>
      {progress && (
        <div className="import-progress" data-testid="import-progress">
          <label htmlFor={`${uid}-prog`}>
            {m.progressLabel(progress.fileName)} – {phaseLabel}
          </label>
          <div className="import-progress-row">
            <progress id={`${uid}-prog`} max={1} value={progress.fraction} />
            <button type="button" onClick={cancel} data-testid="import-cancel">
              {m.cancel}
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="import-error" role="alert" data-testid="import-error">
          <strong>{m.errorTitle}:</strong> {error}{' '}
          <button type="button" onClick={clearError}>
            {m.dismiss}
          </button>
        </div>
      )}
    </div>
  );
}

// Mapping and report (with proj4 for the CRS choice) are loaded on the first import result, not at start.
// Both chunks start loading when an import starts (the worker is busy parsing then): when the result
// arrives, fetching and compiling them is not added to the main-thread work of showing it.
const loadMapping = () => import('./ColumnMapping');
const loadReport = () => import('./ImportReport');
const ColumnMapping = lazy(() => loadMapping().then((x) => ({ default: x.ColumnMapping })));
const ImportReport = lazy(() => loadReport().then((x) => ({ default: x.ImportReport })));

/** The whole import section of the sidebar: dialog, imported datasets, mapping and report. */
export function ImportPanel() {
  const m = useMessages(importMessages);
  const hasReport = useImportStore((s) => s.lastReportId !== null);
  const importing = useImportStore((s) => s.progress !== null);
  useEffect(() => {
    if (importing) {
      void loadMapping();
      void loadReport();
    }
  }, [importing]);
  return (
    <SidebarSection id="import" title={m.section} defaultOpen>
      <ImportDialog />
      <ImportedDatasets />
      {hasReport && (
        <Suspense fallback={<PartLoading testId="import-report-loading" />}>
          <ColumnMapping />
          <ImportReport />
        </Suspense>
      )}
    </SidebarSection>
  );
}
