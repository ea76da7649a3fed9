// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { Bars } from '../../../src/charts/Bars';
import { cleanup, render } from './render';

afterEach(cleanup);

describe('Bars', () => {
  it('renders one bar per item with label and de-DE value as text', () => {
    const items = [
      { key: 'u6', label: 'unter 6', value: 1234.5 },
      { key: '6-15', label: '6 bis 15', value: 2469, highlight: true },
      { key: '15-18', label: '15 bis 18', value: null },
    ];
    const { container } = render(<Bars items={items} title="Altersgruppen" />);
    const lis = [...container.querySelectorAll('li')];
    expect(lis).toHaveLength(3);
    expect(lis.map((l) => l.querySelector('.bars-label')!.textContent)).toEqual([
      'unter 6',
      '6 bis 15',
      '15 bis 18',
    ]);
    expect(lis.map((l) => l.querySelector('.bars-value')!.textContent)).toEqual(['1.234,5', '2.469', '–']);
    const widths = lis.map((l) => Number(l.querySelector('.bars-bar')!.getAttribute('data-width')));
    expect(widths).toEqual([50, 100, 0]);
    expect(container.querySelector('figcaption')!.textContent).toBe('Altersgruppen');
    expect(lis[1].className).toContain('highlight');
  });

  it('uses a given maximum and clamps; empty list shows a message', () => {
    const { container } = render(
      <Bars items={[{ key: 'a', label: 'A', value: 30 }]} title="t" max={60} format={(v) => `${v} %`} />,
    );
    expect(container.querySelector('.bars-bar')!.getAttribute('data-width')).toBe('50.0');
    expect(container.querySelector('.bars-value')!.textContent).toBe('30 %');
    const empty = render(<Bars items={[]} title="t" />);
    expect(empty.container.textContent).toContain('Keine Werte');
  });
});
