// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scatter, type ScatterPoint } from '../../../src/charts/Scatter';
import { cleanup, render } from './render';

const points: ScatterPoint[] = [
  { id: '01B01', x: 1, y: 2, label: 'Schule A' },
  { id: '01B02', x: 3, y: 5, label: 'Schule B', selected: true },
  { id: '01B03', x: 2, y: 3, label: 'Schule C' },
  { id: '01B04', x: null, y: 3, label: 'Schule D' },
  { id: '01B05', x: 4, y: Number.NaN, label: 'Schule E' },
];

afterEach(cleanup);

const key = (el: Element, k: string) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });

describe('Scatter', () => {
  it('plots complete points only and says how many are missing', () => {
    const { container } = render(
      <Scatter points={points} xLabel="Schüler je Lehrkraft" yLabel="Anteil Kinder" onSelect={() => {}} />,
    );
    expect(container.querySelectorAll('circle.scatter-point')).toHaveLength(3);
    const caption = container.querySelector('figcaption')!.textContent!;
    expect(caption).toContain('3 Punkte');
    expect(caption).toContain('2 ohne vollständige Werte');
    expect(caption).toMatch(/r = 0,\d\d/);
  });

  it('highlights the selected point (drawn last, larger, aria-selected)', () => {
    const { container } = render(<Scatter points={points} xLabel="x" yLabel="y" onSelect={() => {}} />);
    const circles = [...container.querySelectorAll('circle.scatter-point')];
    const last = circles[circles.length - 1];
    expect(last.getAttribute('data-id')).toBe('01B02');
    expect(last.getAttribute('aria-selected')).toBe('true');
    expect(Number(last.getAttribute('r'))).toBeGreaterThan(Number(circles[0].getAttribute('r')));
    expect(last.getAttribute('aria-label')).toBe('Schule B: x 3; y 5');
  });

  it('has one tab stop (the selected point) and arrow keys move focus in x order; Enter selects', () => {
    const onSelect = vi.fn();
    const { container } = render(<Scatter points={points} xLabel="x" yLabel="y" onSelect={onSelect} />);
    const byId = (id: string) => container.querySelector(`circle[data-id="${id}"]`) as SVGCircleElement;
    const tabbable = [...container.querySelectorAll('circle[tabindex="0"]')];
    expect(tabbable).toHaveLength(1);
    expect(tabbable[0].getAttribute('data-id')).toBe('01B02');
    // x order: A(1) C(2) B(3); from B, ArrowLeft → C
    key(byId('01B02'), 'ArrowLeft');
    expect(byId('01B03').getAttribute('tabindex')).toBe('0');
    expect(byId('01B02').getAttribute('tabindex')).toBe('-1');
    key(byId('01B03'), 'Home');
    expect(byId('01B01').getAttribute('tabindex')).toBe('0');
    key(byId('01B01'), 'Enter');
    expect(onSelect).toHaveBeenLastCalledWith('01B01');
    key(byId('01B01'), 'End');
    key(byId('01B02'), ' ');
    expect(onSelect).toHaveBeenLastCalledWith('01B02');
  });

  it('click selects', () => {
    const onSelect = vi.fn();
    const { container } = render(<Scatter points={points} xLabel="x" yLabel="y" onSelect={onSelect} />);
    act(() => {
      container
        .querySelector('circle[data-id="01B03"]')!
        .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(onSelect).toHaveBeenCalledWith('01B03');
  });

  it('copes with no points and a single point', () => {
    const { container } = render(<Scatter points={[]} xLabel="x" yLabel="y" onSelect={() => {}} />);
    expect(container.querySelectorAll('circle')).toHaveLength(0);
    expect(container.textContent).toContain('r = –');
    const one = render(
      <Scatter points={[{ id: 'a', x: 5, y: 5, label: 'A' }]} xLabel="x" yLabel="y" onSelect={() => {}} />,
    );
    expect(one.container.querySelectorAll('circle')).toHaveLength(1);
  });
});
