import { type CSSProperties, useId } from 'react';
import { formatInteger } from '../i18n/format';
import { viewsMessages } from '../i18n/messages/views';
import { useMessages } from '../i18n/useMessages';
import type { LegendModel } from '../map/legendModel';
import { swatchBackground } from '../map/palettes';
import { useLocaleStore } from '../state/localeStore';

export interface LegendProps {
  model: LegendModel;
  /** Indicator name. */
  title: string;
  /** Unit shown after the title, e.g. "%" or "Kinder je Platz". */
  unit?: string;
  /** Optional notes (e.g. classification notes) shown under the table. */
  notes?: readonly string[];
  /** Heading level of the title, to fit the page outline. Default 3. */
  headingLevel?: 2 | 3 | 4;
}

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** Map legend: a real table (class range as text + count), the swatch is decoration only. */
export function Legend({ model, title, unit, notes, headingLevel = 3 }: LegendProps) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const m = useMessages(viewsMessages);
  const locale = useLocaleStore((s) => s.locale);
  const headingId = useId();
  return (
    <section className="legend" aria-labelledby={headingId}>
      <Heading id={headingId} className="legend-title">
        {title}
        {unit ? <span className="legend-unit"> ({unit})</span> : null}
      </Heading>
      <p className="legend-method">{model.methodLabel}</p>
      <table className="legend-table">
        <caption style={visuallyHidden}>{model.summary}</caption>
        <thead style={visuallyHidden}>
          <tr>
            <th scope="col">{m.legendColour}</th>
            <th scope="col">{m.legendClass}</th>
            <th scope="col">{m.legendCount}</th>
          </tr>
        </thead>
        <tbody>
          {model.entries.map((e) => (
            <tr key={e.key} className={`legend-entry legend-${e.kind}`} data-class={e.classIndex}>
              <td>
                <span
                  aria-hidden="true"
                  className="legend-swatch"
                  style={{
                    display: 'inline-block',
                    width: '1.25em',
                    height: '1em',
                    verticalAlign: 'middle',
                    border: '1px solid #595959',
                    background: swatchBackground(e.hex, e.pattern),
                  }}
                />
              </td>
              <th scope="row" style={{ fontWeight: 'normal', textAlign: 'left' }}>
                {e.label}
                {e.detail ? <span className="legend-detail"> ({e.detail})</span> : null}
              </th>
              <td style={{ textAlign: 'right' }}>{formatInteger(e.count, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notes && notes.length > 0 ? (
        <ul className="legend-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
