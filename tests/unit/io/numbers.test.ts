import { describe, expect, it } from 'vitest';
import { classifyNumber, detectNumberFormat, makeNumberParser, parseNumber } from '../../../src/io/numbers';

describe('makeNumberParser', () => {
  const de = makeNumberParser(',');
  const en = makeNumberParser('.');
  it('decimal comma with thousands points / spaces', () => {
    expect(de('1.234,5')).toBe(1234.5);
    expect(de('12,5')).toBe(12.5);
    expect(de('-0,25')).toBe(-0.25);
    expect(de('1.234.567')).toBe(1234567);
    expect(de('1 234,5')).toBe(1234.5);
    expect(de('1\u00a0234,5')).toBe(1234.5);
    expect(de(' 42 ')).toBe(42);
    expect(de('391440,03')).toBe(391440.03);
  });
  it('decimal point with thousands commas', () => {
    expect(en('1,234.5')).toBe(1234.5);
    expect(en('12,345,678')).toBe(12345678);
    expect(en('0.1')).toBe(0.1);
    expect(en('1.5e3')).toBe(1500);
    expect(en('-13.377700')).toBe(-13.3777);
  });
  it('results equal Number() of the canonical string (correct rounding)', () => {
    for (const s of ['0.3', '52.516300', '13.3777', '5820079.67', '0.000123', '123456789.123456']) {
      expect(en(s)).toBe(Number(s));
    }
    expect(de('5820079,67')).toBe(5820079.67);
  });
  it('rejects malformed grouping and junk', () => {
    for (const s of ['', ' ', '1.23.4', '1.2345', '12.34', 'abc', '1,2,3', '--1', '1e', '12a', ',']) {
      expect(de(s), s).toBeNaN();
    }
    for (const s of ['1,23', '1,2345.6', '12,34,567', '1.2.3', 'k.A.']) expect(en(s), s).toBeNaN();
  });
  it('long digit strings fall back to exact Number()', () => {
    expect(en('12345678901234567.5')).toBe(Number('12345678901234567.5'));
  });
  it('parseNumber convenience', () => {
    expect(parseNumber('1.234,5', ',')).toBe(1234.5);
  });
});

describe('detectNumberFormat', () => {
  it('classifies single values', () => {
    expect(classifyNumber('1.234')).toBe('ambPoint');
    expect(classifyNumber('1,234')).toBe('ambComma');
    expect(classifyNumber('1.234,5')).toBe('deGrouped');
    expect(classifyNumber('1,234.5')).toBe('enGrouped');
    expect(classifyNumber('12,5')).toBe('commaDec');
    expect(classifyNumber('x')).toBe('none');
  });
  it('column evidence wins over the file hint', () => {
    expect(detectNumberFormat(['1.234', '12,5'], '.')).toEqual({ decimal: ',', thousands: '.' });
    expect(detectNumberFormat(['1,234', '0.5'], ',')).toEqual({ decimal: '.', thousands: ',' });
  });
  it('ambiguous columns follow the hint', () => {
    expect(detectNumberFormat(['1.234', '2.500'], ',').decimal).toBe(',');
    expect(detectNumberFormat(['1.234', '2.500'], '.').decimal).toBe('.');
    expect(detectNumberFormat(['1', '2'], ',')).toEqual({ decimal: ',', thousands: '' });
  });
});
