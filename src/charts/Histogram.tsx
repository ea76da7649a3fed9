import { bin, brushX, max as d3max, extent, scaleLinear, select } from 'd3';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../i18n/format';
import { viewsMessages } from '../i18n/messages/views';
import { useMessages } from '../i18n/useMessages';
import { classIndexOf } from '../indicators/classify';
import { useLocaleStore } from '../state/localeStore';

export type Range = [number, number];

export interface HistogramProps {
  values: readonly (number | null | undefined)[];
  /** Indicator name (used in the accessible summary). */
  label: string;
  /** Class thresholds (classify().breaks) to colour each bin by the class of its midpoint. */
  breaks?: readonly number[];
  /** One colour per class (palette hex). */
  colours?: readonly string[];
  /** Approximate number of bins (d3 nice thresholds). Default 20. */
  binCount?: number;
  /** The active range filter, or null. */
  selected: Range | null;
  /**
   * Called with the brushed / entered range, or null when the filter is cleared. Without it the histogram
   * only shows the distribution: no brush and no range inputs (for layers range filters do not apply to).
   */
  onBrush?: (range: Range | null) => void;
  format?: (v: number) => string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 8, right: 12, bottom: 28, left: 40 };
const DEFAULT_FILL = '#4a6fa5';

/** Shorten a brushed value for the number inputs (6 significant digits). */
function tidy(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * Histogram of the active indicator with a brush (mouse/touch) and two labelled number inputs
 * (keyboard) that set the same range filter; without `onBrush`, the distribution only.
 */
export function Histogram({
  values,
  label,
  breaks,
  colours,
  binCount = 20,
  selected,
  onBrush,
  format,
  width = 320,
  height = 140,
}: HistogramProps) {
  const m = useMessages(viewsMessages);
  const locale = useLocaleStore((s) => s.locale);
  const fmt = format ?? ((v: number) => formatNumber(v, { decimals: 2, locale }));
  const id = useId();
  const brushRef = useRef<SVGGElement>(null);
  const onBrushRef = useRef(onBrush);
  onBrushRef.current = onBrush;
  const brushable = onBrush !== undefined;

  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);

  const model = useMemo(() => {
    const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const missing = values.length - finite.length;
    const [lo, hi] = extent(finite);
    if (lo === undefined || hi === undefined) return { finite, missing, bins: [], x: null, y: null };
    const domain: Range = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
    const x = scaleLinear().domain(domain).range([0, innerW]);
    const bins = bin()
      .domain(domain)
      .thresholds(x.ticks(binCount))(finite)
      .filter((b) => b.x0 !== undefined && b.x1 !== undefined && b.x1 >= b.x0);
    const y = scaleLinear()
      .domain([0, d3max(bins, (b) => b.length) ?? 1])
      .nice()
      .range([innerH, 0]);
    return { finite, missing, bins, x, y };
  }, [values, binCount, innerW, innerH]);

  const { x, y, bins, finite, missing } = model;

  // d3-brush on the overlay group; user gestures (with a sourceEvent) report back.
  useEffect(() => {
    const g = brushRef.current;
    if (!g || !x || !brushable) return;
    const brush = brushX<unknown>()
      .extent([
        [0, 0],
        [innerW, innerH],
      ])
      .on('end', (event: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!event.sourceEvent) return; // programmatic move
        if (!event.selection) onBrushRef.current?.(null);
        else onBrushRef.current?.([x.invert(event.selection[0]), x.invert(event.selection[1])]);
      });
    const sel = select(g);
    sel.call(brush);
    if (selected) {
      const [d0, d1] = x.domain();
      const px0 = x(Math.max(d0, Math.min(d1, selected[0])));
      const px1 = x(Math.max(d0, Math.min(d1, selected[1])));
      if (px1 > px0) brush.move(sel, [px0, px1]);
    }
    return () => {
      brush.on('end', null);
      sel.on('.brush', null);
      sel.selectAll('*').remove();
    };
  }, [x, innerW, innerH, selected, brushable]);

  // keyboard alternative
  const [minText, setMinText] = useState(selected ? tidy(selected[0]) : '');
  const [maxText, setMaxText] = useState(selected ? tidy(selected[1]) : '');
  const [error, setError] = useState(false);
  useEffect(() => {
    setMinText(selected ? tidy(selected[0]) : '');
    setMaxText(selected ? tidy(selected[1]) : '');
    setError(false);
  }, [selected]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!onBrush) return;
    if (minText.trim() === '' && maxText.trim() === '') {
      setError(false);
      onBrush(null);
      return;
    }
    const [d0, d1] = x ? x.domain() : [Number.NaN, Number.NaN];
    // number inputs deliver a locale-independent decimal string ("12.5")
    const lo = minText.trim() === '' ? d0 : Number(minText);
    const hi = maxText.trim() === '' ? d1 : Number(maxText);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
      setError(true);
      return;
    }
    setError(false);
    onBrush([lo, hi]);
  };
  const clear = () => {
    setMinText('');
    setMaxText('');
    setError(false);
    onBrush?.(null);
  };

  const summary = x
    ? m.histogramSummary(label, finite.length, fmt(x.domain()[0]), fmt(x.domain()[1]), missing)
    : m.histogramEmpty(label);
  const inRange = (x0: number, x1: number) =>
    !brushable || !selected || (x1 >= selected[0] && x0 <= selected[1]);

  return (
    <figure className="chart histogram" style={{ margin: 0 }}>
      <svg width={width} height={height} role="img" aria-label={summary} className="histogram-svg">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {x && y
            ? bins.map((b) => {
                const x0 = b.x0 as number;
                const x1 = b.x1 as number;
                const c = breaks && colours ? classIndexOf((x0 + x1) / 2, breaks) : -1;
                const fill =
                  c >= 0 && colours
                    ? (colours[Math.min(c, colours.length - 1)] ?? DEFAULT_FILL)
                    : DEFAULT_FILL;
                return (
                  <rect
                    key={`${x0}-${x1}`}
                    className="histogram-bin"
                    data-count={b.length}
                    x={x(x0) + 0.5}
                    y={y(b.length)}
                    width={Math.max(0, x(x1) - x(x0) - 1)}
                    height={innerH - y(b.length)}
                    fill={fill}
                    stroke="#595959"
                    strokeWidth={0.5}
                    opacity={inRange(x0, x1) ? 1 : 0.3}
                  />
                );
              })
            : null}
          {x ? (
            <g className="axis axis-x" transform={`translate(0,${innerH})`}>
              <line x1={0} x2={innerW} stroke="#595959" />
              {x.ticks(4).map((t) => (
                <g key={t} transform={`translate(${x(t)},0)`}>
                  <line y2={4} stroke="#595959" />
                  <text y={16} textAnchor="middle" fontSize={10} fill="#333333">
                    {fmt(t)}
                  </text>
                </g>
              ))}
            </g>
          ) : null}
          {y ? (
            <g className="axis axis-y">
              <line y1={0} y2={innerH} stroke="#595959" />
              {y.ticks(3).map((t) => (
                <g key={t} transform={`translate(0,${y(t)})`}>
                  <line x2={-4} stroke="#595959" />
                  <text x={-6} dy="0.32em" textAnchor="end" fontSize={10} fill="#333333">
                    {formatNumber(t, { locale })}
                  </text>
                </g>
              ))}
            </g>
          ) : null}
          {brushable ? <g ref={brushRef} className="histogram-brush" /> : null}
        </g>
      </svg>
      {brushable ? (
        <form
          className="histogram-range"
          onSubmit={submit}
          aria-describedby={error ? `${id}-err` : undefined}
        >
          <label htmlFor={`${id}-min`}>{m.rangeMin}</label>{' '}
          <input
            id={`${id}-min`}
            type="number"
            step="any"
            inputMode="decimal"
            value={minText}
            onChange={(e) => setMinText(e.currentTarget.value)}
            aria-invalid={error || undefined}
            size={8}
          />{' '}
          <label htmlFor={`${id}-max`}>{m.rangeMax}</label>{' '}
          <input
            id={`${id}-max`}
            type="number"
            step="any"
            inputMode="decimal"
            value={maxText}
            onChange={(e) => setMaxText(e.currentTarget.value)}
            aria-invalid={error || undefined}
            size={8}
          />{' '}
          <button type="submit">{m.applyRange}</button>{' '}
          <button type="button" onClick={clear} disabled={!selected}>
            {m.clearRange}
          </button>
          {error ? (
            <p id={`${id}-err`} role="alert" className="error">
              {m.rangeInvalid}
            </p>
          ) : null}
          {selected ? (
            <p className="histogram-active" aria-live="polite">
              {m.rangeActive(fmt(selected[0]), fmt(selected[1]))}
            </p>
          ) : null}
        </form>
      ) : null}
    </figure>
  );
}
