// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClassificationControls } from '../../../src/panels/ClassificationControls';
import { cleanup, render, typeInto } from '../charts/render';

afterEach(cleanup);

const change = (el: HTMLSelectElement, value: string) =>
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });

describe('ClassificationControls', () => {
  it('labels every control and reports method and class count changes', () => {
    const onChange = vi.fn();
    const { container } = render(
      <ClassificationControls value={{ method: 'quantile', classes: 5 }} onChange={onChange} />,
    );
    const selects = [...container.querySelectorAll('select')];
    expect(selects).toHaveLength(2);
    for (const s of selects) expect(container.querySelector(`label[for="${s.id}"]`)).not.toBeNull();
    expect([...selects[1].querySelectorAll('option')].map((o) => o.value)).toEqual([
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    change(selects[1], '7');
    expect(onChange).toHaveBeenLastCalledWith({ method: 'quantile', classes: 7 });
    change(selects[0], 'stddev');
    expect(onChange).toHaveBeenLastCalledWith({ method: 'stddev', classes: 5, sdStep: 1 });
  });

  it('shows the SD step for stddev', () => {
    const onChange = vi.fn();
    const { container } = render(
      <ClassificationControls value={{ method: 'stddev', classes: 5, sdStep: 1 }} onChange={onChange} />,
    );
    const sd = container.querySelectorAll('select')[2];
    change(sd, '0.5');
    expect(onChange).toHaveBeenLastCalledWith({ method: 'stddev', classes: 5, sdStep: 0.5 });
  });

  it('switching to manual starts from the current breaks', () => {
    const onChange = vi.fn();
    const { container } = render(
      <ClassificationControls
        value={{ method: 'jenks', classes: 4 }}
        currentBreaks={[1.23456789, 5, 9]}
        onChange={onChange}
      />,
    );
    change(container.querySelector('select')!, 'manual');
    expect(onChange).toHaveBeenLastCalledWith({ method: 'manual', classes: 4, breaks: [1.23457, 5, 9] });
  });

  it('edits manual breaks: sorted on apply, invalid input rejected with an alert', () => {
    const onChange = vi.fn();
    const { container } = render(
      <ClassificationControls
        value={{ method: 'manual', classes: 3, breaks: [10, 20] }}
        onChange={onChange}
      />,
    );
    const inputs = () => [...container.querySelectorAll('input')] as HTMLInputElement[];
    expect(inputs().map((i) => i.value)).toEqual(['10', '20']);
    expect(container.querySelector(`label[for="${inputs()[0].id}"]`)!.textContent).toBe('Grenze 1');
    const add = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Grenze hinzufügen')!;
    act(() => add.click());
    typeInto(inputs()[2], '5.5');
    const form = container.querySelector('form')!;
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onChange).toHaveBeenLastCalledWith({ method: 'manual', classes: 4, breaks: [5.5, 10, 20] });
    typeInto(inputs()[2], '10');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
    const remove = container.querySelector('button[aria-label="Grenze 3 entfernen"]') as HTMLButtonElement;
    act(() => remove.click());
    expect(inputs()).toHaveLength(2);
  });
});
