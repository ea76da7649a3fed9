// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Histogram } from '../../../src/charts/Histogram';
import { useLocaleStore } from '../../../src/state/localeStore';
import { cleanup, render, typeInto } from './render';

const values = [1, 2, 2, 3, 3, 3, 4, 4, 5, 10, null, Number.NaN];

afterEach(() => {
  cleanup();
  useLocaleStore.getState().setLocale('de');
});

describe('Histogram', () => {
  it('draws bins whose counts add up to the finite values, with a German summary', () => {
    const { container } = render(
      <Histogram values={values} label="Anteil Kinder" selected={null} onBrush={() => {}} />,
    );
    const bins = [...container.querySelectorAll('rect.histogram-bin')];
    expect(bins.length).toBeGreaterThan(3);
    expect(bins.reduce((s, b) => s + Number(b.getAttribute('data-count')), 0)).toBe(10);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(
      'Histogramm Anteil Kinder: 10 Werte von 1 bis 10, 2 ohne Wert',
    );
    // the d3 brush overlay was attached
    expect(container.querySelector('.histogram-brush rect.overlay')).not.toBeNull();
  });

  it('colours bins by class', () => {
    const { container } = render(
      <Histogram
        values={values}
        label="x"
        breaks={[3]}
        colours={['#aaaaaa', '#111111']}
        selected={null}
        onBrush={() => {}}
      />,
    );
    const fills = [...container.querySelectorAll('rect.histogram-bin')].map((b) => b.getAttribute('fill'));
    expect(fills[0]).toBe('#aaaaaa');
    expect(fills[fills.length - 1]).toBe('#111111');
  });

  it('keyboard inputs call onBrush with the range; reset clears it', () => {
    const onBrush = vi.fn();
    const { container } = render(<Histogram values={values} label="x" selected={null} onBrush={onBrush} />);
    const [min, max] = [...container.querySelectorAll('input')] as HTMLInputElement[];
    expect(container.querySelector(`label[for="${min.id}"]`)?.textContent).toBe('Von (Minimum)');
    expect(container.querySelector(`label[for="${max.id}"]`)?.textContent).toBe('Bis (Maximum)');
    typeInto(min, '2.5');
    typeInto(max, '4');
    const form = container.querySelector('form')!;
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onBrush).toHaveBeenLastCalledWith([2.5, 4]);

    // only a minimum: the maximum is the data maximum
    typeInto(max, '');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onBrush).toHaveBeenLastCalledWith([2.5, 10]);
  });

  it('rejects min > max with an alert and does not call onBrush', () => {
    const onBrush = vi.fn();
    const { container } = render(<Histogram values={values} label="x" selected={null} onBrush={onBrush} />);
    const [min, max] = [...container.querySelectorAll('input')] as HTMLInputElement[];
    typeInto(min, '8');
    typeInto(max, '2');
    act(() => {
      container
        .querySelector('form')!
        .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onBrush).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Minimum');
    expect(min.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the selected range: inputs filled, bins outside dimmed, reset button calls onBrush(null)', () => {
    const onBrush = vi.fn();
    const { container } = render(<Histogram values={values} label="x" selected={[2, 4]} onBrush={onBrush} />);
    const [min, max] = [...container.querySelectorAll('input')] as HTMLInputElement[];
    expect(min.value).toBe('2');
    expect(max.value).toBe('4');
    const opacities = [...container.querySelectorAll('rect.histogram-bin')].map((b) =>
      b.getAttribute('opacity'),
    );
    expect(opacities).toContain('0.3');
    expect(opacities).toContain('1');
    expect(container.textContent).toContain('Filter aktiv: 2 bis 4');
    const reset = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Filter aufheben')!;
    act(() => reset.click());
    expect(onBrush).toHaveBeenLastCalledWith(null);
  });

  it('handles no values and switches language', () => {
    act(() => useLocaleStore.getState().setLocale('en'));
    const { container } = render(
      <Histogram values={[null, null]} label="x" selected={null} onBrush={() => {}} />,
    );
    expect(container.querySelectorAll('rect.histogram-bin')).toHaveLength(0);
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toBe('Histogram x: no values');
    expect(container.textContent).toContain('Filter range');
  });
});
