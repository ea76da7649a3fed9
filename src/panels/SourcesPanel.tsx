import type { DatasetMeta, JoinReport } from '../domain/types';
import { formatDate, formatInteger } from '../i18n/format';
import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';
import { useDataStore } from '../state/dataStore';
import { useLocaleStore } from '../state/localeStore';
import { SidebarSection } from './Sidebar';

const MAX_REPORT_ITEMS = 20;

function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function DatasetEntry({ d }: { d: DatasetMeta }) {
  const m = useMessages(appMessages);
  const locale = useLocaleStore((s) => s.locale);
  const sizes: string[] = [];
  if (d.rows !== undefined) sizes.push(m.rows(formatInteger(d.rows, locale)));
  if (d.features !== undefined) sizes.push(m.features(formatInteger(d.features, locale)));
  return (
    <li className="source" data-dataset={d.id}>
      <h3 className="source-title">{d.title}</h3>
      <dl className="source-meta">
        <dt>{m.publisher}</dt>
        <dd>{d.publisher}</dd>
        <dt>{m.license}</dt>
        <dd>
          {d.license}
          {d.licenseNote && <span className="source-note"> – {d.licenseNote}</span>}
        </dd>
        <dt>{m.vintage}</dt>
        <dd>{d.vintage}</dd>
        {sizes.length > 0 && (
          <>
            <dt>{m.size}</dt>
            <dd>{sizes.join(', ')}</dd>
          </>
        )}
        {d.sourceUrl && (
          <>
            <dt>{m.source}</dt>
            <dd className="source-url">
              {isHttpUrl(d.sourceUrl) ? (
                <a href={d.sourceUrl} target="_blank" rel="noopener noreferrer">
                  {d.sourceUrl}
                </a>
              ) : (
                d.sourceUrl
              )}
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

function JoinReportList({ report }: { report: JoinReport[] }) {
  const m = useMessages(appMessages);
  const locale = useLocaleStore((s) => s.locale);
  const withFindings = report.filter((r) => r.count > 0);
  if (withFindings.length === 0) return <p className="muted">{m.joinReportEmpty}</p>;
  return (
    <ul className="join-report">
      {withFindings.map((r) => (
        <li key={r.id}>
          <details>
            <summary>
              {r.title}: <strong>{formatInteger(r.count, locale)}</strong>
            </summary>
            <ul className="join-report-items">
              {r.items.slice(0, MAX_REPORT_ITEMS).map((it) => (
                <li key={it.key}>
                  <code>{it.key}</code>
                  {it.name && ` ${it.name}`}
                  {it.detail && <span className="muted"> – {it.detail}</span>}
                </li>
              ))}
              {r.items.length > MAX_REPORT_ITEMS && (
                <li className="muted">
                  {m.moreItems(formatInteger(r.items.length - MAX_REPORT_ITEMS, locale))}
                </li>
              )}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** "Datenquellen": every dataset of the manifest with publisher, license, vintage and source, plus the join report. */
export function SourcesPanel() {
  const m = useMessages(appMessages);
  const locale = useLocaleStore((s) => s.locale);
  const manifest = useDataStore((s) => s.manifest);
  const issues = useDataStore((s) => s.issues);
  const generated = manifest?.generatedAt ? new Date(manifest.generatedAt) : null;
  return (
    <SidebarSection id="sources" title={m.sectionSources} defaultOpen={false}>
      {!manifest ? (
        <p className="muted">{m.noManifest}</p>
      ) : (
        <>
          <p className="muted">{m.sourcesIntro}</p>
          {generated && !Number.isNaN(generated.getTime()) && (
            <p className="muted">{m.generatedAt(formatDate(generated, locale))}</p>
          )}
          <ul className="source-list" data-testid="sources-list">
            {manifest.datasets.map((d) => (
              <DatasetEntry key={d.id} d={d} />
            ))}
          </ul>
          <h3 className="source-subheading">{m.joinReport}</h3>
          <JoinReportList report={manifest.joinReport} />
          {issues.length > 0 && (
            <p className="muted">{m.issuesSummary(formatInteger(issues.length, locale))}</p>
          )}
        </>
      )}
    </SidebarSection>
  );
}
