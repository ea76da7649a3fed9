/**
 * Printable area report ("Gebietsbericht", in the spirit of Berlin's Bezirksregionenprofile):
 * title, map excerpt, key indicators of the area against its Bezirk and Berlin, the institutions table and
 * the sources. Rendered as its own page (e.g. a `#report=<areaId>` route or a new window) and printed with the
 * browser's print dialog, which makes the PDF. Written against props so it can be wired to the stores later.
 * The map excerpt is either an image (e.g. the map canvas as PNG) or drawn here as SVG from the area geometry.
 */
import { geoIdentity, geoPath } from 'd3';
import type { Feature, Position } from 'geojson';
import type { AreaGeometry } from '../domain/types';
import type { ReportIndicator } from '../export/fromIndicators';
import type { NoteSource } from '../export/note';
import { applySuppression, DEFAULT_SUPPRESSION, type SuppressionRule } from '../export/suppression';
import { decimalsOf, type ExportTable, isNumericColumn, isSuppressed } from '../export/table';
import { type Locale, pick } from '../i18n/catalog';
import { formatDate, formatNumber } from '../i18n/format';
import { exportMessages } from '../i18n/messages/export';
import { useLocaleStore } from '../state/localeStore';
import './PrintReport.css';

export type { ReportIndicator };

export interface ReportPoint {
  lon: number;
  lat: number;
  label?: string;
}

export type ReportMap =
  | { kind: 'geometry'; geometry: AreaGeometry; points?: ReportPoint[] }
  | { kind: 'image'; src: string; alt: string };

export interface PrintReportProps {
  areaId: string;
  areaName: string;
  /** e.g. 'Bezirksregion' */
  levelLabel: string;
  bezirkName?: string;
  date: Date;
  map?: ReportMap;
  indicators: ReportIndicator[];
  /** Institutions in the area (raw values; the small-number rule is applied here). */
  institutions: ExportTable;
  sources: NoteSource[];
  suppression?: SuppressionRule;
  locale?: Locale;
  /** Shows a print button (hidden when printing). */
  onPrint?: () => void;
}

const MAP_W = 640;
const MAP_H = 360;

/** Planar projection of a small area: lon scaled by cos(lat) — no spherical winding-order pitfalls. */
function MapExcerpt({
  geometry,
  points,
  label,
}: {
  geometry: AreaGeometry;
  points: ReportPoint[];
  label: string;
}) {
  const coords = geometry.type === 'Polygon' ? geometry.coordinates[0] : (geometry.coordinates[0]?.[0] ?? []);
  const lat0 = coords.length ? coords.reduce((s, p) => s + p[1], 0) / coords.length : 52.5;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const scale = (p: Position): Position => [p[0] * k, p[1]];
  const planar: AreaGeometry =
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(scale)) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((pl) => pl.map((r) => r.map(scale))) };
  const feature: Feature<AreaGeometry> = { type: 'Feature', geometry: planar, properties: {} };
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [12, 12],
        [MAP_W - 12, MAP_H - 12],
      ],
      feature,
    );
  const path = geoPath(projection);
  return (
    <svg
      className="report-map-svg"
      viewBox={`0 0 ${MAP_W} ${MAP_H}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
    >
      <path d={path(feature) ?? ''} className="report-map-area" />
      {points.map((p, i) => {
        const xy = projection(scale([p.lon, p.lat]) as [number, number]);
        if (!xy) return null;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <circle key={i} cx={xy[0]} cy={xy[1]} r={5} className="report-map-point">
            {p.label && <title>{p.label}</title>}
          </circle>
        );
      })}
    </svg>
  );
}

export function PrintReport(props: PrintReportProps) {
  const storeLocale = useLocaleStore((s) => s.locale);
  const locale = props.locale ?? storeLocale;
  const m = pick(exportMessages, locale);
  const rule = props.suppression ?? DEFAULT_SUPPRESSION;
  const { table } = applySuppression(props.institutions, rule);
  const fmt = (v: number | null, decimals = 0, unit?: string) =>
    v === null || !Number.isFinite(v)
      ? m.reportMissing
      : `${formatNumber(v, { decimals, minDecimals: decimals, locale })}${unit ? ` ${unit}` : ''}`;
  const anySuppressed =
    props.indicators.some((i) => i.areaSuppressed || i.bezirkSuppressed) ||
    table.rows.some((r) => table.columns.some((c) => isSuppressed(r[c.key])));
  const title = m.reportTitle(props.areaName);

  return (
    <article className="print-report" lang={locale} aria-labelledby="print-report-title">
      <header className="report-header">
        <h1 id="print-report-title">{title}</h1>
        <p className="report-meta">
          {props.levelLabel} {props.areaId}
          {props.bezirkName ? ` · ${m.reportBezirk} ${props.bezirkName}` : ''} · {m.reportDate}{' '}
          {formatDate(props.date, locale)}
        </p>
        {props.onPrint && (
          <button type="button" className="no-print report-print-button" onClick={props.onPrint}>
            {m.print}
          </button>
        )}
      </header>

      {props.map && (
        <section className="report-section report-map" aria-labelledby="report-map-h">
          <h2 id="report-map-h">{m.reportMap}</h2>
          {props.map.kind === 'image' ? (
            <img src={props.map.src} alt={props.map.alt} className="report-map-img" />
          ) : (
            <MapExcerpt geometry={props.map.geometry} points={props.map.points ?? []} label={title} />
          )}
        </section>
      )}

      <section className="report-section" aria-labelledby="report-ind-h">
        <h2 id="report-ind-h">{m.reportIndicators}</h2>
        <table className="report-table report-indicators">
          <thead>
            <tr>
              <th scope="col">{m.reportIndicator}</th>
              <th scope="col" className="num">
                {props.areaName}
              </th>
              <th scope="col" className="num">
                {props.bezirkName ? `${m.reportBezirk} ${props.bezirkName}` : m.reportBezirk}
              </th>
              <th scope="col" className="num">
                {m.reportBerlin}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.indicators.map((i) => {
              // short units (%, m) next to each value; long ones ("Plätze je 100 Kinder") once, in the label
              const short = i.unit && i.unit.length <= 3 ? i.unit : undefined;
              const label = i.unit && !short ? `${i.label} (${i.unit})` : i.label;
              return (
                <tr key={i.id}>
                  <th scope="row">{label}</th>
                  <td className="num">
                    {i.areaSuppressed ? m.reportSuppressed : fmt(i.area, i.decimals, short)}
                  </td>
                  <td className="num">
                    {i.bezirkSuppressed ? m.reportSuppressed : fmt(i.bezirk, i.decimals, short)}
                  </td>
                  <td className="num">{fmt(i.berlin, i.decimals, short)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="report-inst-h">
        <h2 id="report-inst-h">
          {m.reportInstitutions} ({formatNumber(table.rows.length, { locale })})
        </h2>
        {table.rows.length === 0 ? (
          <p>{m.reportNoInstitutions}</p>
        ) : (
          <table className="report-table report-institutions">
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col" className={isNumericColumn(c) ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, ri) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no guaranteed unique key
                <tr key={ri}>
                  {table.columns.map((c) => {
                    const v = r[c.key];
                    let text: string;
                    if (isSuppressed(v)) text = m.reportSuppressed;
                    else if (v === null || v === undefined || v === '') text = m.reportMissing;
                    else if (typeof v === 'number' && isNumericColumn(c)) text = fmt(v, decimalsOf(c));
                    else text = String(v);
                    return (
                      <td key={c.key} className={isNumericColumn(c) ? 'num' : undefined}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <footer className="report-section report-sources">
        <h2>{m.reportSources}</h2>
        <ul>
          {props.sources.map((s) => (
            <li key={`${s.title}|${s.vintage}`}>
              {m.noteSourceLine(s.title, s.publisher, s.license, s.vintage)}
              {s.sourceUrl ? ` – ${s.sourceUrl}` : ''}
            </li>
          ))}
        </ul>
        {anySuppressed && <p className="report-footnote">{m.reportSuppressedNote(String(rule.threshold))}</p>}
        <p className="report-footnote">{m.noteGenerated}</p>
      </footer>
    </article>
  );
}
