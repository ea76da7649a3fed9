import { type ComponentType, createElement, lazy } from 'react';

/**
 * A code-split component (React.lazy) that can be preloaded: once its module has arrived it renders
 * synchronously, without suspending (no loading-state flash when it was prefetched on idle).
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { Component: ComponentType<P>; preload: () => Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    pending ??= load().then((c) => {
      loaded = c;
      return c;
    });
    return pending;
  };
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per part at module level (like React.lazy)
  function Component(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy as ComponentType<P>, props);
  }
  return { Component, preload };
}
