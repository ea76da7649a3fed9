import { describe, expect, it } from 'vitest';
import { decodeText, sniffBytes } from '../../../src/io/encoding';

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('decodeText', () => {
  it('UTF-8 with BOM: BOM removed and reported', () => {
    const d = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Straße;Köln')]));
    expect(d).toEqual({ text: 'Straße;Köln', encoding: 'utf-8', bom: true });
  });
  it('UTF-8 without BOM', () => {
    expect(decodeText(new TextEncoder().encode('Müller'))).toEqual({
      text: 'Müller',
      encoding: 'utf-8',
      bom: false,
    });
  });
  it('Windows-1252 / ISO-8859-1 umlauts come out right', () => {
    const d = decodeText(latin1('Grüße aus Köpenick; Weißensee ÄÖÜ'));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe('Grüße aus Köpenick; Weißensee ÄÖÜ');
  });
  it('Windows-1252 specials (euro sign 0x80, en dash 0x96)', () => {
    expect(decodeText(new Uint8Array([0x80, 0x20, 0x96])).text).toBe('€ –');
  });
  it('UTF-16 LE and BE with BOM', () => {
    const le = new Uint8Array(Buffer.from('\uFEFFa;ä\n', 'utf16le'));
    expect(decodeText(le)).toEqual({ text: 'a;ä\n', encoding: 'utf-16le', bom: true });
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1];
      be[i + 1] = le[i];
    }
    expect(decodeText(be)).toEqual({ text: 'a;ä\n', encoding: 'utf-16be', bom: true });
  });
  it('UTF-16 LE without BOM is recognised by its NUL pattern', () => {
    const le = new Uint8Array(Buffer.from('name;wert\nMüller;1\n', 'utf16le'));
    expect(decodeText(le)).toMatchObject({ text: 'name;wert\nMüller;1\n', encoding: 'utf-16le' });
  });
});

describe('sniffBytes', () => {
  it('classifies empty, zip (xlsx), binary and text', () => {
    expect(sniffBytes(new Uint8Array())).toBe('empty');
    expect(sniffBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toBe('zip');
    expect(sniffBytes(new Uint8Array([1, 2, 0, 200, 3]))).toBe('binary');
    expect(sniffBytes(new TextEncoder().encode('a,b\r\n1,2'))).toBe('text');
    expect(sniffBytes(new Uint8Array(Buffer.from('\uFEFFa,b', 'utf16le')))).toBe('text');
  });
});
