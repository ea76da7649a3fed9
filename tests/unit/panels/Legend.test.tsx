// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../../src/indicators/classify';
import { buildLegendModel } from '../../../src/map/legendModel';
import { paletteFor } from '../../../src/map/palettes';
import { Legend } from '../../../src/panels/Legend';
import { cleanup, render } from '../charts/render';

afterEach(cleanup);

describe('Legend', () => {
  it('is a table with text ranges and counts, swatches hidden from assistive tech', () => {
    const r = classify([1, 2, 3, 4, 5, 6, null], {
      method: 'equal',
      classes: 3,
      suppressed: [false, false, false, false, false, true, false],
    });
    const model = buildLegendModel(r, paletteFor({ classes: r.classes, polarity: 'higherIsWorse' }));
    const { container } = render(<Legend model={model} title="Kinderarmut" unit="%" notes={['Hinweis']} />);
    expect(container.querySelector('h3')!.textContent).toBe('Kinderarmut (%)');
    const rows = [...container.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(5);
    expect(rows.map((tr) => tr.querySelector('th')!.textContent)).toEqual([
      '1 – 2,3',
      '2,3 – 3,7',
      '3,7 – 5',
      'keine Daten',
      'unterdrückt (Datenschutz)',
    ]);
    expect(rows.map((tr) => tr.querySelectorAll('td')[1].textContent)).toEqual(['2', '1', '2', '1', '1']);
    for (const s of container.querySelectorAll('.legend-swatch'))
      expect(s.getAttribute('aria-hidden')).toBe('true');
    expect(container.querySelector('caption')!.textContent).toContain('Gleiche Intervalle');
    expect(container.querySelector('.legend-notes')!.textContent).toBe('Hinweis');
  });
});
