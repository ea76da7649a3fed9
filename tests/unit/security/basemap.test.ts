import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeBasemap,
  BASEMAP_STORAGE_KEY,
  cleanAttribution,
  escapeHtml,
  parseStoredBasemap,
  readStoredBasemap,
  serializeBasemap,
  validateTileTemplate,
} from '../../../src/security/basemap';

describe('validateTileTemplate', () => {
  it('accepts an https raster template and returns its origin', () => {
    expect(validateTileTemplate(' https://tiles.example.org/osm/{z}/{x}/{y}.png ')).toEqual({
      ok: true,
      origin: 'https://tiles.example.org',
      template: 'https://tiles.example.org/osm/{z}/{x}/{y}.png',
    });
    expect(
      validateTileTemplate('https://Tiles.Example.org:8443/{z}/{y}/{x}@{ratio}x.png?key=a'),
    ).toMatchObject({
      ok: true,
      origin: 'https://tiles.example.org:8443',
    });
    // the default port is dropped from the origin (the CSP source matches it anyway)
    expect(validateTileTemplate('https://a.example:443/{z}/{x}/{y}')).toMatchObject({
      ok: true,
      origin: 'https://a.example',
    });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['http://tiles.example.org/{z}/{x}/{y}.png', 'notHttps'],
    ['ftp://tiles.example.org/{z}/{x}/{y}.png', 'notHttps'],
    ['javascript:alert(1)//{z}/{x}/{y}', 'invalid'],
    ['data:image/png;base64,{z}{x}{y}', 'invalid'],
    ['//tiles.example.org/{z}/{x}/{y}.png', 'invalid'],
    ['tiles.example.org/{z}/{x}/{y}.png', 'invalid'],
    ['https://tiles.example.org/{z}/{x}.png', 'missingPlaceholders'],
    ['https://tiles.example.org/tile.png', 'missingPlaceholders'],
    ['https://{s}.tile.example.org/{z}/{x}/{y}.png', 'unknownPlaceholder'],
    ['https://{z}.example.org/{z}/{x}/{y}.png', 'placeholderInHost'],
    ['https://user:pw@tiles.example.org/{z}/{x}/{y}.png', 'credentials'],
    ['https://tiles.example.org/{z}/{x}/{y}.png onerror=x', 'invalid'],
    ['https://tiles.example.org:99999/{z}/{x}/{y}.png', 'invalid'],
    [`https://tiles.example.org/${'a'.repeat(2100)}/{z}/{x}/{y}.png`, 'tooLong'],
  ])('rejects %j (%s)', (input, error) => {
    expect(validateTileTemplate(input)).toEqual({ ok: false, error });
  });

  it('never returns an origin that is not a plain https origin (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const r = validateTileTemplate(s);
        if (r.ok) {
          expect(r.origin).toMatch(/^https:\/\/[^\s;,'"/]+$/);
          expect(r.template).toContain('{z}');
        }
      }),
    );
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'] }), (u) => {
        const r = validateTileTemplate(`${u.replace(/[{}]/g, '')}/{z}/{x}/{y}.png`);
        if (r.ok) expect(r.origin).toBe(new URL(u).origin);
      }),
    );
  });
});

describe('stored setting', () => {
  const good = { enabled: true, template: 'https://t.example.org/{z}/{x}/{y}.png', attribution: '© Example' };

  it('round-trips through JSON', () => {
    expect(parseStoredBasemap(serializeBasemap(good))).toEqual(good);
  });

  it('is off by default and for anything malformed', () => {
    const off = { enabled: false, template: '', attribution: '' };
    expect(parseStoredBasemap(null)).toEqual(off);
    expect(parseStoredBasemap('')).toEqual(off);
    expect(parseStoredBasemap('{not json')).toEqual(off);
    expect(parseStoredBasemap('42')).toEqual(off);
    expect(parseStoredBasemap('null')).toEqual(off);
    expect(parseStoredBasemap(JSON.stringify({ enabled: 'yes', template: good.template }))).toMatchObject({
      enabled: false,
    });
  });

  it('keeps an invalid template but disables it', () => {
    const c = parseStoredBasemap(JSON.stringify({ ...good, template: 'http://t.example.org/{z}/{x}/{y}' }));
    expect(c.enabled).toBe(false);
    expect(activeBasemap(c)).toBeNull();
  });

  it('reads from storage without throwing', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readStoredBasemap(throwing).enabled).toBe(false);
    expect(readStoredBasemap(undefined).enabled).toBe(false);
    const store = { getItem: (k: string) => (k === BASEMAP_STORAGE_KEY ? serializeBasemap(good) : null) };
    expect(activeBasemap(readStoredBasemap(store))).toEqual({
      tiles: good.template,
      origin: 'https://t.example.org',
      attribution: '© Example',
    });
  });
});

describe('attribution text', () => {
  it('removes control characters and limits the length', () => {
    expect(cleanAttribution('  a\u0000b\nc\u007f ')).toBe('a b c');
    expect(cleanAttribution('x'.repeat(500)).length).toBe(300);
  });

  it('is escaped for MapLibre’s HTML attribution', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)"> & \'')).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;',
    );
  });
});
