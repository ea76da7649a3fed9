// @vitest-environment happy-dom
import { act, Suspense } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyPart } from '../../../src/panels/lazyPart';
import { cleanup, render } from '../charts/render';

afterEach(cleanup);

function Hello({ who }: { who: string }) {
  return <p data-testid="hello">Hallo {who}</p>;
}

describe('lazyPart', () => {
  it('shows the fallback until the module arrives, then the component', async () => {
    let resolve: (c: typeof Hello) => void = () => {};
    let calls = 0;
    const { Component } = lazyPart(() => {
      calls++;
      return new Promise<typeof Hello>((ok) => {
        resolve = ok;
      });
    });
    const { container } = render(
      <Suspense fallback={<p data-testid="loading">Wird geladen …</p>}>
        <Component who="Welt" />
      </Suspense>,
    );
    expect(container.querySelector('[data-testid="loading"]')).not.toBeNull();
    await act(async () => resolve(Hello));
    expect(container.querySelector('[data-testid="hello"]')?.textContent).toBe('Hallo Welt');
    expect(calls).toBe(1);
  });

  it('renders a preloaded part at once, without the fallback, and loads the module only once', async () => {
    let calls = 0;
    const { Component, preload } = lazyPart(async () => {
      calls++;
      return Hello;
    });
    await preload();
    await preload();
    const { container } = render(
      <Suspense fallback={<p data-testid="loading">Wird geladen …</p>}>
        <Component who="Berlin" />
      </Suspense>,
    );
    expect(container.querySelector('[data-testid="loading"]')).toBeNull();
    expect(container.querySelector('[data-testid="hello"]')?.textContent).toBe('Hallo Berlin');
    expect(calls).toBe(1);
  });
});
