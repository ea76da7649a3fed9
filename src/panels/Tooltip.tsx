import type { CSSProperties } from 'react';
import { findArea, findInstitution } from '../datasets/lookup';
import { appMessages } from '../i18n/messages/app';
import { mapMessages } from '../i18n/messages/map';
import { useMessages } from '../i18n/useMessages';
import { choroplethFor, formatIndicatorValue } from '../map/choropleth';
import { useDataStore } from '../state/dataStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useMapStore } from '../state/mapStore';
import { type HoverInfo, useSelectionStore } from '../state/selectionStore';

const OFFSET = 12;
const MAX_W = 280;
const MAX_H = 110;

/** Place the tooltip below-right of the pointer, flipped left/up near the container's edges. */
export function tooltipPosition(h: HoverInfo): CSSProperties {
  const style: CSSProperties = {};
  if (h.width !== undefined && h.x + OFFSET + MAX_W > h.width) style.right = h.width - h.x + OFFSET;
  else style.left = h.x + OFFSET;
  if (h.height !== undefined && h.y + OFFSET + MAX_H > h.height) style.bottom = h.height - h.y + OFFSET;
  else style.top = h.y + OFFSET;
  return style;
}

/** Hover tooltip over the map: name and type of the area or institution under the pointer. */
export function Tooltip() {
  const m = useMessages(appMessages);
  const hover = useSelectionStore((s) => s.hover);
  const mm = useMessages(mapMessages);
  const locale = useLocaleStore((s) => s.locale);
  const lorAreas = useDataStore((s) =>
    hover?.target.kind === 'area' ? s.areas[hover.target.level] : undefined,
  );
  const esbAreas = useMapStore((s) => s.overlayAreas.esb);
  const isEsb = hover?.target.kind === 'area' && (hover.target.level as string) === 'esb';
  const areas = isEsb ? esbAreas : lorAreas;
  const results = useIndicatorStore((s) => s.results);
  const indicatorId = useIndicatorStore((s) => s.indicatorId);
  const classification = useIndicatorStore((s) => s.classification);
  const set = useDataStore((s) =>
    hover?.target.kind === 'institution' ? s.institutions[hover.target.institutionKind] : undefined,
  );
  if (!hover) return null;
  const t = hover.target;
  let name: string;
  let type: string;
  let detail: string | null = null;
  let value: string | null = null;
  if (t.kind === 'area') {
    const f = findArea(areas, t.id);
    if (!f) return null;
    name = f.properties.name;
    type = isEsb ? mm.levelOne_esb : m[`levelOne_${t.level}`];
    const parent =
      t.level !== 'bez' && typeof f.properties.bez_name === 'string' ? f.properties.bez_name : null;
    detail = parent ? `${parent} · ${m.tooltipId} ${t.id}` : `${m.tooltipId} ${t.id}`;
    const c = choroplethFor({ areas, level: t.level, results, indicatorId, classification, locale });
    const i = areas ? areas.features.findIndex((x) => x.properties.id === t.id) : -1;
    if (c.status === 'ok' && c.def && i >= 0) {
      const label = c.def.label[locale];
      const v = c.values[i];
      const text = c.suppressed[i]
        ? mm.tooltipSuppressed
        : Number.isFinite(v)
          ? formatIndicatorValue(c.def, v, locale)
          : mm.tooltipNoData;
      value = mm.tooltipValue(label, text);
    }
  } else {
    const it = findInstitution(set, t.id);
    if (!it) return null;
    name = it.name;
    type =
      it.type && it.type !== 'Kita'
        ? `${m[`kind_${t.institutionKind}`]} · ${it.type}`
        : m[`kind_${t.institutionKind}`];
    detail = it.address || null;
  }
  return (
    <div className="map-tooltip" role="tooltip" style={tooltipPosition(hover)} data-testid="tooltip">
      <div className="map-tooltip-name">{name}</div>
      <div className="map-tooltip-type">{type}</div>
      {value && (
        <div className="map-tooltip-value" data-testid="tooltip-value">
          {value}
        </div>
      )}
      {detail && <div className="map-tooltip-detail">{detail}</div>}
    </div>
  );
}
