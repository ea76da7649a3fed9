import { describe, expect, it } from 'vitest';
import { checkBody } from '../../../scripts/data/download';
import { loadSources, REQUIRED_SOURCES, rebaseUrl } from '../../../scripts/data/sources';
import { SOURCES } from './helpers';

describe('rebaseUrl', () => {
  it('replaces scheme, host and port but keeps path and query', () => {
    expect(
      rebaseUrl(
        'https://gdi.berlin.de/services/wfs/kita?service=WFS&typeNames=kita:kita&outputFormat=application/json',
        'http://127.0.0.1:4567',
      ),
    ).toBe(
      'http://127.0.0.1:4567/services/wfs/kita?service=WFS&typeNames=kita:kita&outputFormat=application/json',
    );
    expect(rebaseUrl('https://x.de/a/b.csv', 'http://mirror.local/berlin/')).toBe(
      'http://mirror.local/berlin/a/b.csv',
    );
    expect(rebaseUrl('https://x.de/a.csv', undefined)).toBe('https://x.de/a.csv');
  });
});

describe('checkBody', () => {
  const buf = (s: string) => Buffer.from(s, 'utf8');
  it('accepts GeoJSON with a JSON content type and CSV with text/csv', () => {
    expect(() =>
      checkBody('kitas', 'geojson', 'application/json;charset=UTF-8', buf('{"type":"FeatureCollection"}')),
    ).not.toThrow();
    expect(() => checkBody('stats', 'csv', 'text/csv', buf('BSN;NAME\r\n'))).not.toThrow();
  });
  it('rejects an HTML page served with status 200', () => {
    expect(() =>
      checkBody(
        'kitas <u>',
        'geojson',
        'text/html; charset=utf-8',
        buf('<!DOCTYPE html><html><body><h1>Wartungsarbeiten</h1></body></html>'),
      ),
    ).toThrow(
      /kitas <u>: expected GeoJSON but the server sent an HTML page \(content-type text\/html; charset=utf-8\): "Wartungsarbeiten"/,
    );
  });
  it('rejects a WFS exception report', () => {
    expect(() =>
      checkBody(
        'esb',
        'geojson',
        'application/xml',
        buf(
          '<?xml version="1.0"?><ows:ExceptionReport><ows:ExceptionText>Unknown type</ows:ExceptionText></ows:ExceptionReport>',
        ),
      ),
    ).toThrow(/esb: expected GeoJSON but the server sent XML \(WFS exception\?\)/);
  });
  it('rejects a non-workbook body for xlsx sources', () => {
    expect(() => checkBody('lor', 'xlsx', 'text/plain', buf('not a zip'))).toThrow(
      /lor: expected an Excel workbook/,
    );
  });
});

describe('data/sources.json', () => {
  it('lists every required source with publisher, license, licenseNote, vintage and CRS', () => {
    const s = loadSources(SOURCES);
    for (const id of REQUIRED_SOURCES) {
      expect(s[id].url).toMatch(/^https:\/\//);
      expect(s[id].file).not.toMatch(/THIRDPARTY|FALLBACK|NO_GEOMETRY|matches/);
    }
    // WFS sources use the GeoJSON output in WGS84
    const wfs = REQUIRED_SOURCES.filter((id) => s[id].url.includes('gdi.berlin.de/services/wfs'));
    expect(wfs.length).toBeGreaterThanOrEqual(8);
    for (const id of wfs) expect(s[id].url).toContain('outputFormat=application/json&srsName=EPSG:4326');
  });
});
