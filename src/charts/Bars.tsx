import { scaleLinear } from 'd3';
import { useId } from 'react';
import { formatNumber } from '../i18n/format';
import { viewsMessages } from '../i18n/messages/views';
import { useMessages } from '../i18n/useMessages';
import { useLocaleStore } from '../state/localeStore';

export interface BarItem {
  key: string;
  label: string;
  value: number | null | undefined;
  colour?: string;
  /** Emphasise (e.g. the age group the active indicator is about). */
  highlight?: boolean;
}

export interface BarsProps {
  items: readonly BarItem[];
  title: string;
  /** Format a value for the text next to the bar (default de-DE integer/1 decimal). */
  format?: (v: number) => string;
  /** Scale maximum (e.g. to compare several areas on one scale); default the largest value. */
  max?: number;
}

const FILL = '#4a6fa5';
const HIGHLIGHT = '#08306b';

/**
 * Simple horizontal bars (age groups, distributions). Every bar has its label and value as text;
 * the bar itself is decoration for sighted users.
 */
export function Bars({ items, title, format, max }: BarsProps) {
  const m = useMessages(viewsMessages);
  const locale = useLocaleStore((s) => s.locale);
  const headingId = useId();
  const fmt = format ?? ((v: number) => formatNumber(v, { decimals: 1, locale }));
  const largest = Math.max(
    0,
    ...items.map((i) => (typeof i.value === 'number' && Number.isFinite(i.value) ? i.value : 0)),
  );
  const scale = scaleLinear()
    .domain([0, max !== undefined && max > 0 ? max : largest || 1])
    .range([0, 100])
    .clamp(true);

  return (
    <figure className="chart bars" aria-labelledby={headingId} style={{ margin: 0 }}>
      <figcaption id={headingId} className="bars-title">
        {title}
      </figcaption>
      {items.length === 0 ? (
        <p className="bars-empty">{m.barsEmpty}</p>
      ) : (
        <ul className="bars-list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => {
            const ok = typeof item.value === 'number' && Number.isFinite(item.value);
            const v = ok ? (item.value as number) : 0;
            return (
              <li
                key={item.key}
                className={item.highlight ? 'bars-item highlight' : 'bars-item'}
                style={{
                  display: 'grid',
                  gridTemplateColumns: '8em 1fr 5em',
                  alignItems: 'center',
                  gap: '0.5em',
                }}
              >
                <span className="bars-label">{item.label}</span>
                <span
                  aria-hidden="true"
                  className="bars-track"
                  style={{ background: '#eeeeee', height: '0.9em' }}
                >
                  <span
                    className="bars-bar"
                    data-width={scale(Math.max(0, v)).toFixed(1)}
                    style={{
                      display: 'block',
                      height: '100%',
                      width: `${scale(Math.max(0, v))}%`,
                      background: item.colour ?? (item.highlight ? HIGHLIGHT : FILL),
                    }}
                  />
                </span>
                <span className="bars-value" style={{ textAlign: 'right' }}>
                  {ok ? fmt(v) : '–'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}
