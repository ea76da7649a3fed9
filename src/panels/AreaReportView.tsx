/**
 * The printable area report of the selected area, shown in place of the app (portal into <body>; the app
 * stays mounted but hidden via `body.report-open`), so the browser's print dialog prints only the report.
 * Data: area geometry and names from the loaded areas, key indicators vs Bezirk and Berlin from the engine
 * results, the (filtered, visible) institutions in the area, sources from the manifest.
 */
import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { INSTITUTION_KINDS } from '../datasets/registry';
import type { LorLevel } from '../domain/lor';
import {
  areaLookup,
  areaOfPlr,
  indicatorsAt,
  institutionsInArea,
  levelLabel,
  manifestSources,
} from '../export/appTables';
import { reportIndicators } from '../export/fromIndicators';
import { institutionTable } from '../export/institutions';
import { selectColumns } from '../export/table';
import { exportMessages } from '../i18n/messages/export';
import { useMessages } from '../i18n/useMessages';
import { useDataStore } from '../state/dataStore';
import { useFilteredInstitutions } from '../state/filterStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useViewStore } from '../state/viewStore';
import { PrintReport } from './PrintReport';

/** Key indicators of the report, in this order (those computed at the area's level are shown). */
export const REPORT_INDICATORS: readonly string[] = [
  'pop_total',
  'pop_share_age_below_6',
  'pop_share_age_6_15',
  'pop_share_age_15_18',
  'pop_share_age_18_27',
  'schools_count',
  'pupils_2024_25',
  'pupils_per_teacher_2024_25',
  'kitas_count',
  'kita_places_per_100_u6',
  'youth_count',
  'youth_places_per_1000_6_27',
  'mss_status_share_low',
  'dist_primary_m',
  'dist_youth_m',
  'em_share',
];

const REPORT_COLUMNS = [
  'id',
  'name',
  'type',
  'operator',
  'address',
  'pupils_2024_25',
  'teachers_2024_25',
  'places',
];

export interface AreaReportViewProps {
  level: LorLevel;
  areaId: string;
  onClose: () => void;
}

export function AreaReportView({ level, areaId, onClose }: AreaReportViewProps) {
  const m = useMessages(exportMessages);
  const locale = useLocaleStore((s) => s.locale);
  const areas = useDataStore((s) => s.areas);
  const manifest = useDataStore((s) => s.manifest);
  const layers = useViewStore((s) => s.layers);
  const results = useIndicatorStore((s) => s.results);
  const mapIndicator = useIndicatorStore((s) => s.indicatorId);
  const backRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    document.body.classList.add('report-open');
    backRef.current?.focus();
    return () => document.body.classList.remove('report-open');
  }, []);

  const feature = areas[level]?.features.find((f) => f.properties.id === areaId);
  const title = m.reportTitle(feature?.properties.name ?? areaId);
  // the document title becomes the PDF title and the default file name of "save as PDF"
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
  const lookup = useMemo(() => areaLookup(areas), [areas]);

  const schools = useFilteredInstitutions('school');
  const youth = useFilteredInstitutions('youth');
  const kitas = useFilteredInstitutions('kita');
  const items = useMemo(() => {
    const byKind = { school: schools, youth, kita: kitas };
    return INSTITUTION_KINDS.filter((k) => layers[k]).flatMap((k) => institutionsInArea(byKind[k], areaId));
  }, [schools, youth, kitas, layers, areaId]);

  const table = useMemo(() => {
    const t = institutionTable(items, {
      locale,
      level,
      areaOf: (plr, l) => areaOfPlr(lookup, plr, l),
    });
    const keys = REPORT_COLUMNS.filter((k) => t.columns.some((c) => c.key === k));
    return selectColumns(t, keys);
  }, [items, locale, level, lookup]);

  const indicators = useMemo(() => {
    if (!results) return [];
    const available = new Set(indicatorsAt(results, level));
    const ids = [...REPORT_INDICATORS];
    if (mapIndicator && !ids.includes(mapIndicator)) ids.push(mapIndicator);
    return reportIndicators(
      results,
      level,
      areaId,
      ids.filter((id) => available.has(id) && results.values[id]?.bez !== undefined),
      locale,
    );
  }, [results, level, areaId, mapIndicator, locale]);

  const bezId = areaId.slice(0, 2);
  const bezirkName =
    (typeof feature?.properties.bez_name === 'string' ? feature.properties.bez_name : undefined) ??
    lookup.bez?.get(bezId)?.name;

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
  };

  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the report page (keyboard shortcut)
    <div className="area-report-view" data-testid="area-report" onKeyDown={onKeyDown}>
      <div className="area-report-toolbar no-print">
        <button type="button" ref={backRef} onClick={onClose} data-testid="report-close">
          {m.reportBack}
        </button>
      </div>
      {!results && <p className="area-report-loading">{m.reportLoading}</p>}
      <PrintReport
        areaId={areaId}
        areaName={feature?.properties.name ?? areaId}
        levelLabel={levelLabel(level, locale)}
        bezirkName={level === 'bez' ? undefined : bezirkName}
        date={new Date()}
        map={
          feature
            ? {
                kind: 'geometry',
                geometry: feature.geometry,
                points: items.map((i) => ({ lon: i.lon, lat: i.lat, label: i.name })),
              }
            : undefined
        }
        indicators={indicators}
        institutions={table}
        sources={manifestSources(manifest)}
        locale={locale}
        onPrint={() => window.print()}
      />
    </div>,
    document.body,
  );
}
