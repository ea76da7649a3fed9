import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { formatInteger } from '../i18n/format';
import { importMessages } from '../i18n/messages/import';
import { useMessages } from '../i18n/useMessages';
import { CRS_LABEL } from '../io/crs';
import { type ImportedDataset, useImportStore } from '../state/importStore';
import { useLocaleStore } from '../state/localeStore';

const ISSUES_SHOWN = 300;

function useReportDataset(): ImportedDataset | null {
  const id = useImportStore((s) => s.lastReportId);
  const datasets = useImportStore((s) => s.datasets);
  const last = useImportStore((s) => s.lastResult);
  if (!id) return null;
  return datasets.find((d) => d.id === id) ?? (last?.id === id ? last : null);
}

/** Import report: counts, detected format, location, every row not used, warnings, CSV download, preview. */
export function ImportReport() {
  const m = useMessages(importMessages);
  const locale = useLocaleStore((s) => s.locale);
  // rendered in a background (interruptible) pass: a big report never blocks the main thread in one task
  const d = useDeferredValue(useReportDataset(), null);
  const reimport = useImportStore((s) => s.reimport);
  const join = useImportStore((s) => (d ? s.joins[d.id] : undefined));
  const [previewOpen, setPreviewOpen] = useState(false);
  // the CSV (every row not used: can be large) becomes a Blob only when the link is used, not on render
  const csvUrl = useRef<{ csv: string; url: string } | null>(null);
  useEffect(
    () => () => {
      if (csvUrl.current) URL.revokeObjectURL(csvUrl.current.url);
    },
    [],
  );
  const downloadCsv = () => {
    if (!d) return;
    if (csvUrl.current?.csv !== d.reportCsv) {
      if (csvUrl.current) URL.revokeObjectURL(csvUrl.current.url);
      const blob = new Blob([`\uFEFF${d.reportCsv}`], { type: 'text/csv;charset=utf-8' });
      csvUrl.current = { csv: d.reportCsv, url: URL.createObjectURL(blob) };
    }
    const a = document.createElement('a');
    a.href = csvUrl.current.url;
    a.download = `${d.source.fileName.replace(/\.[^.]+$/, '')}_importbericht.csv`;
    a.click();
  };
  if (!d) return null;
  const r = d.report;
  const s = d.source;
  const fmt = (n: number) => formatInteger(n, locale);
  return (
    <section className="import-report" data-testid="import-report" aria-labelledby={`${d.id}-rep`}>
      <h3 id={`${d.id}-rep`}>{m.reportTitle(s.fileName)}</h3>
      {r.fatal && (
        <p className="import-error" role="alert" data-testid="import-fatal">
          <strong>{m.fatal}:</strong> {r.fatal.message}
        </p>
      )}
      <dl className="import-summary">
        <dt>{m.rowsRead}</dt>
        <dd data-testid="rows-read">{fmt(r.rowsRead)}</dd>
        <dt>{m.rowsUsed}</dt>
        <dd data-testid="rows-used">{fmt(r.rowsUsed)}</dd>
        <dt>{m.rowsListed}</dt>
        <dd data-testid="rows-listed">{fmt(r.rowsListed)}</dd>
        <dt>{m.format}</dt>
        <dd>{s.format.toUpperCase()}</dd>
        {s.encoding !== 'binary' && (
          <>
            <dt>{m.encoding}</dt>
            <dd data-testid="encoding">
              {s.encoding}
              {s.bom ? ' (BOM)' : ''}
            </dd>
          </>
        )}
        {s.delimiter && (
          <>
            <dt>{m.delimiter}</dt>
            <dd>{m.delimiterName(s.delimiter)}</dd>
          </>
        )}
        {s.decimal && (
          <>
            <dt>{m.decimal}</dt>
            <dd>{m.decimalName(s.decimal)}</dd>
          </>
        )}
        {s.sheet && (
          <>
            <dt>{m.sheet}</dt>
            <dd>
              {s.sheet}
              {s.sheets && s.sheets.length > 1 && (
                <select
                  aria-label={m.sheetChoose}
                  value={s.sheet}
                  onChange={(e) => void reimport(d.id, { sheet: e.target.value })}
                >
                  {s.sheets.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              )}
            </dd>
          </>
        )}
        {d.location.crs && (
          <>
            <dt>{m.crs}</dt>
            <dd data-testid="crs">
              {d.location.crs} – {CRS_LABEL[d.location.crs]}
            </dd>
          </>
        )}
        <dt>{m.location}</dt>
        <dd data-testid="location">{d.location.description}</dd>
      </dl>
      {!d.positions && d.featuresTotal > d.features.features.length && (
        <p className="muted">{m.featuresTruncated(fmt(d.features.features.length), fmt(d.featuresTotal))}</p>
      )}
      {join && (
        <p data-testid="import-join">
          {m.joinSummary(
            fmt(join.points),
            fmt(join.counts.reduce((a, c) => a + (c > 0 ? 1 : 0), 0)),
            fmt(join.plrIds.length),
            fmt(join.outside),
          )}
        </p>
      )}
      <p>
        <button type="button" className="link-button" onClick={downloadCsv} data-testid="report-csv">
          {m.downloadCsv}
        </button>
      </p>
      {r.issues.length === 0 ? (
        <>
          <h4>{m.issuesTitle}</h4>
          <p className="muted">{m.noIssues}</p>
        </>
      ) : (
        // long lists start collapsed: a closed <details> costs no layout work
        <details className="import-table-wrap" open={r.issues.length <= 20}>
          <summary>
            {m.issuesTitle} ({fmt(d.issuesTotal)})
          </summary>
          <table className="import-table" data-testid="import-issues">
            <caption className="visually-hidden">{m.issuesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colSeverity}</th>
                <th scope="col">{m.colRow}</th>
                <th scope="col">{m.colColumn}</th>
                <th scope="col">{m.colValue}</th>
                <th scope="col">{m.colReason}</th>
              </tr>
            </thead>
            <tbody>
              {r.issues.slice(0, ISSUES_SHOWN).map((is, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: issues are a static list
                <tr key={i} className={`issue-${is.severity}`}>
                  <td>{is.severity === 'error' ? m.severity_error : m.severity_warning}</td>
                  <td>{is.row ?? '–'}</td>
                  <td>{is.column ?? '–'}</td>
                  <td>{is.value ?? ''}</td>
                  <td>{is.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.issuesTotal > Math.min(ISSUES_SHOWN, r.issues.length) && (
            <p className="muted">
              {m.moreIssues(fmt(Math.min(ISSUES_SHOWN, r.issues.length)), fmt(d.issuesTotal))}
            </p>
          )}
        </details>
      )}
      {d.preview.rows.length > 0 && (
        <details className="import-table-wrap" onToggle={(e) => setPreviewOpen(e.currentTarget.open)}>
          <summary>{m.previewTitle}</summary>
          {previewOpen && (
            <div>
              <table className="import-table" data-testid="import-preview">
                <caption className="visually-hidden">{m.previewCaption(fmt(d.preview.rows.length))}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.previewRow}</th>
                    {d.preview.header.map((h) => (
                      <th scope="col" key={h}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.preview.rows.map((row, i) => (
                    <tr key={d.preview.rowNumbers[i]}>
                      <th scope="row">{d.preview.rowNumbers[i]}</th>
                      {row.map((v, j) => (
                        <td key={d.preview.header[j]}>{v}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </details>
      )}
    </section>
  );
}
