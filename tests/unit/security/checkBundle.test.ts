import { describe, expect, it } from 'vitest';
import { checkIndexHtml, scanSource } from '../../../scripts/check-bundle';

const rules = (src: string) => scanSource('assets/x-abcdefgh.js', src).map((f) => f.rule);

describe('bundle scan for dynamic code', () => {
  it('finds eval, indirect eval, Function constructor, string timers, wasm compilation', () => {
    expect(rules('a=1;eval("x")')).toEqual(['eval']);
    expect(rules('(0,eval)("this")')).toEqual(['indirect-eval']);
    expect(rules('globalThis.eval(code)')).toEqual(['member-eval']);
    expect(rules('var f=new Function("a","return a")')).toEqual(['new-Function', 'Function-call']);
    expect(rules('Function("return this")()')).toEqual(['Function-call']);
    expect(rules("setTimeout('go()',10)")).toEqual(['string-timer']);
    expect(rules('WebAssembly.instantiateStreaming(r)')).toEqual(['wasm-compile']);
  });

  it('does not flag look-alikes', () => {
    expect(rules('x.evaluate(1);o.eval(2);new Worker(u,{eval:!1});this._moveFunction(e)')).toEqual([]);
    expect(rules('isFunction(x);Function.prototype.call;typeof e=="function"')).toEqual([]);
    expect(rules('setTimeout(()=>go(),10)')).toEqual([]);
  });

  it('reports file and context', () => {
    const [f] = scanSource('assets/a-12345678.js', `${'x'.repeat(100)};eval(s);${'y'.repeat(100)}`);
    expect(f).toMatchObject({ file: 'assets/a-12345678.js', rule: 'eval', allowed: null });
    expect(f.context).toContain('eval(s)');
    expect(f.context.length).toBeLessThan(140);
  });
});

describe('index.html check', () => {
  const ok =
    '<head><meta charset="UTF-8" /><meta http-equiv="Content-Security-Policy" content="script-src \'self\'; object-src \'none\'" />' +
    '<script type="module" crossorigin src="./assets/index.js"></script></head>';
  it('accepts the built page', () => {
    expect(checkIndexHtml(ok)).toEqual([]);
  });
  it('rejects a missing policy, unsafe-*, inline scripts and handlers', () => {
    expect(checkIndexHtml('<head></head>')).toHaveLength(1);
    expect(checkIndexHtml(ok.replace("'self';", "'self' 'unsafe-inline';")).length).toBeGreaterThan(0);
    expect(checkIndexHtml(`${ok}<script>alert(1)</script>`)).toHaveLength(1);
    expect(checkIndexHtml(`${ok}<body onload="x()">`)).toHaveLength(1);
  });
});
