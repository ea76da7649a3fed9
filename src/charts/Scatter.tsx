import { extent, scaleLinear } from 'd3';
import { type KeyboardEvent, memo, useMemo, useRef, useState } from 'react';
import { sampleCorrelation } from 'simple-statistics';
import { formatNumber } from '../i18n/format';
import { viewsMessages } from '../i18n/messages/views';
import { useMessages } from '../i18n/useMessages';
import { useLocaleStore } from '../state/localeStore';

export interface ScatterPoint {
  id: string;
  x: number | null | undefined;
  y: number | null | undefined;
  label: string;
  selected?: boolean;
  /** Optional fill colour (e.g. by institution kind). */
  colour?: string;
}

export interface ScatterProps {
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  onSelect: (id: string) => void;
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 40, left: 48 };
const FILL = '#0072b2';
const SELECTED = '#d55e00';

interface Plotted {
  id: string;
  x: number;
  y: number;
  label: string;
  selected: boolean;
  colour?: string;
}

/**
 * Scatter plot (e.g. an institution indicator against an indicator of the institution's area).
 * Keyboard: the points form a listbox with one tab stop; arrow keys move, Enter/Space selects.
 * Memoised: with stable props (points, callbacks) it does not re-render its hundreds of points when the
 * parent does (e.g. on a level switch).
 */
export const Scatter = memo(function Scatter({
  points,
  xLabel,
  yLabel,
  onSelect,
  formatX,
  formatY,
  width = 320,
  height = 240,
}: ScatterProps) {
  const m = useMessages(viewsMessages);
  const locale = useLocaleStore((s) => s.locale);
  const fx = formatX ?? ((v: number) => formatNumber(v, { decimals: 2, locale }));
  const fy = formatY ?? ((v: number) => formatNumber(v, { decimals: 2, locale }));
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);

  const { plotted, missing, x, y, r } = useMemo(() => {
    const plotted: Plotted[] = [];
    for (const p of points) {
      if (
        typeof p.x === 'number' &&
        Number.isFinite(p.x) &&
        typeof p.y === 'number' &&
        Number.isFinite(p.y)
      ) {
        plotted.push({ id: p.id, x: p.x, y: p.y, label: p.label, selected: !!p.selected, colour: p.colour });
      }
    }
    // keyboard order: left to right, then bottom to top
    plotted.sort((a, b) => a.x - b.x || a.y - b.y);
    const pad = (e: [number, number] | [undefined, undefined]): [number, number] => {
      if (e[0] === undefined || e[1] === undefined) return [0, 1];
      return e[0] === e[1] ? [e[0] - 1, e[1] + 1] : [e[0], e[1]];
    };
    const x = scaleLinear()
      .domain(pad(extent(plotted, (p) => p.x)))
      .nice()
      .range([0, innerW]);
    const y = scaleLinear()
      .domain(pad(extent(plotted, (p) => p.y)))
      .nice()
      .range([innerH, 0]);
    let r: number | null = null;
    if (plotted.length >= 3) {
      const c = sampleCorrelation(
        plotted.map((p) => p.x),
        plotted.map((p) => p.y),
      );
      r = Number.isFinite(c) ? c : null;
    }
    return { plotted, missing: points.length - plotted.length, x, y, r };
  }, [points, innerW, innerH]);

  // roving tab stop: the last focused point, else the selected one, else the first
  const [focusId, setFocusId] = useState<string | null>(null);
  const refs = useRef<(SVGCircleElement | null)[]>([]);
  let active = focusId === null ? -1 : plotted.findIndex((p) => p.id === focusId);
  if (active < 0)
    active = Math.max(
      0,
      plotted.findIndex((p) => p.selected),
    );

  const moveTo = (i: number) => {
    const j = Math.max(0, Math.min(plotted.length - 1, i));
    setFocusId(plotted[j]?.id ?? null);
    refs.current[j]?.focus();
  };
  const onKey = (e: KeyboardEvent<SVGCircleElement>, i: number) => {
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        moveTo(i + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        moveTo(i - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(plotted.length - 1);
        break;
      case 'Enter':
      case ' ':
        onSelect(plotted[i].id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const summary = m.scatterSummary(
    xLabel,
    yLabel,
    plotted.length,
    r === null ? '–' : formatNumber(r, { decimals: 2, locale }),
  );
  // selected points are drawn last so they stay on top
  const order = plotted
    .map((_, i) => i)
    .sort((a, b) => Number(plotted[a].selected) - Number(plotted[b].selected));

  return (
    <figure className="chart scatter" style={{ margin: 0 }}>
      <figcaption className="scatter-summary">
        {summary}
        {missing > 0 ? <span className="scatter-missing"> ({m.scatterMissing(missing)})</span> : null}
      </figcaption>
      <svg width={width} height={height} className="scatter-svg">
        <title>{m.scatter}</title>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: axis groups are not focusable; the listbox carries the data */}
          <g className="axis axis-x" transform={`translate(0,${innerH})`} aria-hidden="true">
            <line x1={0} x2={innerW} stroke="#595959" />
            {x.ticks(4).map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y2={4} stroke="#595959" />
                <text y={16} textAnchor="middle" fontSize={10} fill="#333333">
                  {fx(t)}
                </text>
              </g>
            ))}
            <text x={innerW / 2} y={34} textAnchor="middle" fontSize={11} fill="#1a1a1a">
              {xLabel}
            </text>
          </g>
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: axis groups are not focusable */}
          <g className="axis axis-y" aria-hidden="true">
            <line y1={0} y2={innerH} stroke="#595959" />
            {y.ticks(4).map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x2={-4} stroke="#595959" />
                <text x={-6} dy="0.32em" textAnchor="end" fontSize={10} fill="#333333">
                  {fy(t)}
                </text>
              </g>
            ))}
            <text
              transform={`translate(${-MARGIN.left + 12},${innerH / 2}) rotate(-90)`}
              textAnchor="middle"
              fontSize={11}
              fill="#1a1a1a"
            >
              {yLabel}
            </text>
          </g>
          <g
            role="listbox"
            aria-label={`${m.scatterPoints}: ${yLabel} / ${xLabel}`}
            className="scatter-points"
          >
            {order.map((i) => {
              const p = plotted[i];
              return (
                <circle
                  key={p.id}
                  ref={(el) => {
                    refs.current[i] = el;
                  }}
                  role="option"
                  aria-selected={p.selected}
                  aria-label={m.scatterPoint(p.label, `${xLabel} ${fx(p.x)}`, `${yLabel} ${fy(p.y)}`)}
                  tabIndex={i === active ? 0 : -1}
                  data-id={p.id}
                  className={p.selected ? 'scatter-point selected' : 'scatter-point'}
                  cx={x(p.x)}
                  cy={y(p.y)}
                  r={p.selected ? 6 : 3.5}
                  fill={p.selected ? SELECTED : (p.colour ?? FILL)}
                  fillOpacity={p.selected ? 1 : 0.7}
                  stroke={p.selected ? '#000000' : '#ffffff'}
                  strokeWidth={p.selected ? 2 : 0.5}
                  onClick={() => {
                    setFocusId(p.id);
                    onSelect(p.id);
                  }}
                  onKeyDown={(e) => onKey(e, i)}
                  onFocus={() => setFocusId(p.id)}
                >
                  <title>{p.label}</title>
                </circle>
              );
            })}
          </g>
        </g>
      </svg>
    </figure>
  );
});
