import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../../scripts/data/errors';
import {
  decodeText,
  parseCsv,
  parseDecimalCell,
  parseGeoJson,
  parseIntCell,
  resolveFields,
} from '../../../scripts/data/read';

describe('parseCsv', () => {
  it('reads semicolon CSV with CRLF, trailing ";" and a BOM, keeping IDs as text', () => {
    const t = parseCsv(
      '\uFEFFSchuljahr;BSN;Schüler (m/w/d);\r\n2024/25;01B01;0012;\r\n\r\n2024/25;02K03;;\r\n',
      'x.csv',
    );
    expect(t.headers).toEqual(['Schuljahr', 'BSN', 'Schüler (m/w/d)']);
    expect(t.rows).toEqual([
      { row: 2, values: { Schuljahr: '2024/25', BSN: '01B01', 'Schüler (m/w/d)': '0012' } },
      { row: 4, values: { Schuljahr: '2024/25', BSN: '02K03', 'Schüler (m/w/d)': '' } },
    ]);
  });

  it('reads comma CSV with quoted IDs', () => {
    const t = parseCsv('PLR_ID,NAME\n"01100101","A, B"\n', 'y.csv');
    expect(t.rows[0].values).toEqual({ PLR_ID: '01100101', NAME: 'A, B' });
  });

  it('rejects an HTML error page', () => {
    expect(() => parseCsv('<!DOCTYPE html><html><body>Wartung</body></html>', 'z.csv')).toThrow(
      /z\.csv: expected CSV but found HTML/,
    );
  });

  it('rejects rows with more cells than the header, naming the row', () => {
    expect(() => parseCsv('a,b\n1,2\n1,2,3\n', 'w.csv')).toThrow(
      'w.csv (row 3): row has 3 cells but the header has 2',
    );
  });
});

describe('resolveFields', () => {
  const aliases = { bsn: ['bsn'], name: ['name', 'schulname'], plz: ['plz'] } as const;
  it('matches aliases case-insensitively (GDI WFS names)', () => {
    expect(resolveFields(['BSN', 'SCHULNAME', 'plz'], aliases, ['bsn', 'name'], 'gdi.json')).toEqual({
      bsn: 'BSN',
      name: 'SCHULNAME',
      plz: 'plz',
    });
  });
  it('fails naming the file and the missing field', () => {
    expect(() => resolveFields(['bsn', 'plz'], aliases, ['bsn', 'name'], 'schulen.json')).toThrow(
      /schulen\.json: required field\(s\) missing: name \(accepted: name \| schulname\)/,
    );
  });
});

describe('number cells', () => {
  it('parses integers and decimals with "." and keeps empty as null', () => {
    expect(parseIntCell('1603', 'f', 2, 'c')).toBe(1603);
    expect(parseIntCell('', 'f', 2, 'c')).toBeNull();
    expect(parseDecimalCell('-0.38963', 'f', 2, 'c')).toBeCloseTo(-0.38963);
  });
  it('rejects German-formatted or text numbers with file, row and column', () => {
    expect(() => parseIntCell('1.603,5', 'stats.csv', 7, 'Schüler (m/w/d)')).toThrow(
      'stats.csv (row 7, column "Schüler (m/w/d)"): "1.603,5" is not an integer',
    );
    expect(() => parseDecimalCell('4,2', 'mss.csv', 3, 'S1')).toThrow(PipelineError);
  });
});

describe('parseGeoJson', () => {
  it('rejects XML (WFS exception report) with a clear message', () => {
    expect(() => parseGeoJson('<?xml version="1.0"?><ows:ExceptionReport/>', 'kita.json')).toThrow(
      /kita\.json: expected GeoJSON but found HTML\/XML/,
    );
  });
  it('rejects JSON that is not a FeatureCollection', () => {
    expect(() => parseGeoJson('{"type":"Feature"}', 'a.json')).toThrow(
      'a.json: not a GeoJSON FeatureCollection',
    );
  });
  it('rejects a WFS page that holds fewer features than matched (server paging limit)', () => {
    expect(() =>
      parseGeoJson(
        '{"type":"FeatureCollection","numberMatched":2880,"numberReturned":1000,"features":[]}',
        'kita.json',
      ),
    ).toThrow('kita.json: the server returned only 0 of 2880 features (paging limit)');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 and falls back to Windows-1252 for older exports', () => {
    expect(decodeText(Buffer.from('Schüler;Lehrkräfte', 'utf8'))).toEqual({
      text: 'Schüler;Lehrkräfte',
      encoding: 'utf-8',
    });
    expect(decodeText(Buffer.from([0x53, 0x63, 0x68, 0xfc, 0x6c, 0x65, 0x72]))).toEqual({
      text: 'Schüler',
      encoding: 'windows-1252',
    });
  });
});
