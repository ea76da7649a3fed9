import { describe, expect, it } from 'vitest';
import { offlineStyle } from '../../../src/map/style';
import { originSource, runtimeCsp, STATIC_CSP, serializeCsp } from '../../../src/security/csp';

/** Parse a serialized policy back into directive → sources. */
function parse(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

describe('static policy (dist/index.html)', () => {
  const p = parse(serializeCsp(STATIC_CSP));
  it('allows scripts only from the app origin: no inline script, no eval', () => {
    expect(p.get('script-src')).toEqual(["'self'"]);
    expect(serializeCsp(STATIC_CSP)).not.toMatch(/unsafe-(inline|eval)|wasm-unsafe-eval|\*/);
  });
  it('locks plugins, <base>, form submission; workers from self and blob:', () => {
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(p.get('base-uri')).toEqual(["'none'"]);
    expect(p.get('form-action')).toEqual(["'none'"]);
    expect(p.get('worker-src')).toEqual(["'self'", 'blob:']);
  });
  it('does not set default-src/connect-src (those come from the startup policy)', () => {
    expect(p.has('default-src')).toBe(false);
    expect(p.has('connect-src')).toBe(false);
  });
});

describe('startup policy', () => {
  it('without a basemap: only the app origin (plus in-page data:/blob:)', () => {
    const policy = serializeCsp(runtimeCsp(null));
    const p = parse(policy);
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('connect-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(p.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(p.get('script-src')).toEqual(["'self'"]);
    expect(p.get('worker-src')).toEqual(["'self'", 'blob:']); // must repeat it: default-src would narrow it
    expect(policy).not.toMatch(/https?:|\*|unsafe-/);
  });

  it('with a basemap: its origin in img-src and connect-src only', () => {
    const p = parse(serializeCsp(runtimeCsp('https://tiles.example.org')));
    expect(p.get('img-src')).toContain('https://tiles.example.org');
    expect(p.get('connect-src')).toContain('https://tiles.example.org');
    for (const [k, v] of p) {
      if (k !== 'img-src' && k !== 'connect-src') expect(v).not.toContain('https://tiles.example.org');
    }
  });

  it.each([
    'http://tiles.example.org',
    'https://tiles.example.org/path',
    "https://a.example; script-src 'unsafe-inline'",
    'https://a.example *',
    'https://user@a.example',
    '*',
    'blob:',
    '',
  ])('never widens on a bad origin: %j', (bad) => {
    expect(originSource(bad)).toBeNull();
    expect(serializeCsp(runtimeCsp(bad))).toBe(serializeCsp(runtimeCsp(null)));
  });
});

describe('map style with an optional basemap', () => {
  it('has no source by default (offline)', () => {
    const s = offlineStyle();
    expect(s.sources).toEqual({});
    expect(s.layers.map((l) => l.id)).toEqual(['background']);
  });
  it('adds a raster source above the background, with escaped attribution', () => {
    const s = offlineStyle({ tiles: 'https://t.example.org/{z}/{x}/{y}.png', attribution: '<b>x</b>' });
    expect(s.layers.map((l) => l.id)).toEqual(['background', 'basemap']);
    expect(s.sources.basemap).toMatchObject({
      type: 'raster',
      tiles: ['https://t.example.org/{z}/{x}/{y}.png'],
      attribution: '&lt;b&gt;x&lt;/b&gt;',
    });
  });
});
