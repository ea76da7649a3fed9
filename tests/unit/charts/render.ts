import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: (() => void)[] = [];

/** Unmount everything rendered so far (call in afterEach). */
export function cleanup(): void {
  while (mounted.length) mounted.pop()?.();
}

/** Render a component into a fresh container (happy-dom), return helpers. */
export function render(el: ReactElement): {
  container: HTMLElement;
  root: Root;
  rerender: (el: ReactElement) => void;
  unmount: () => void;
} {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(el));
  const unmount = () => {
    act(() => root.unmount());
    container.remove();
  };
  mounted.push(unmount);
  return {
    container,
    root,
    rerender: (next) => act(() => root.render(next)),
    unmount,
  };
}

/** Set an input's value the way React notices (native setter + input event). */
export function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
