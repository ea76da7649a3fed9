/**
 * Unit tests for the fixes found with the robustness corpus (tests/fixtures/corpus): mostly-UTF-8 text with
 * stray Windows-1252 bytes, the extent guard of XLSX sheets, deep nesting, GeoJSON text sequences,
 * TopoJSON, empty GeometryCollections and unknown projections in GeoJSON.
 */
import { describe, expect, it } from 'vitest';
import { decodeText, sniffBytes } from '../../../src/io/encoding';
import { readGeoJson } from '../../../src/io/geojson';
import { importBytes } from '../../../src/io/importFile';
import { sheetExtent } from '../../../src/io/xlsx';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText: mostly UTF-8 with stray Windows-1252 bytes', () => {
  it('keeps the UTF-8 text and decodes only the stray byte as Windows-1252', () => {
    const d = decodeText(new Uint8Array([...utf8('Müller;Weißensee\nGr'), 0xf6, ...utf8('ße €\n'), 0x80]));
    expect(d).toEqual({
      text: 'Müller;Weißensee\nGröße €\n€',
      encoding: 'utf-8',
      bom: false,
      foreignBytes: 2,
    });
  });
  it('a Windows-1252 file stays Windows-1252 (no valid multi-byte UTF-8 in it)', () => {
    const d = decodeText(Uint8Array.from('Grüße aus Köpenick', (c) => c.charCodeAt(0)));
    expect(d).toEqual({ text: 'Grüße aus Köpenick', encoding: 'windows-1252', bom: false });
  });
  it('more invalid bytes than valid sequences: the whole file is Windows-1252', () => {
    const d = decodeText(new Uint8Array([...utf8('ü'), 0xe4, 0x20, 0xf6, 0x20, 0xfc]));
    expect(d.encoding).toBe('windows-1252');
  });
});

describe('sheetExtent', () => {
  it('finds the last row and column referenced by <row r> / <c r>', () => {
    const xml = utf8(
      '<sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row r="7"><c r="AB7" t="s"><v>1</v></c></row></sheetData>',
    );
    expect(sheetExtent(xml)).toEqual({ rows: 7, columns: 28 });
  });
  it('XFD1048576 is the last cell of a sheet', () => {
    expect(sheetExtent(utf8('<c r="XFD1048576" t="inlineStr">'))).toEqual({ rows: 1048576, columns: 16384 });
  });
  it('ignores other attributes', () => {
    expect(sheetExtent(utf8('<sheetView tabSelected="1"/><pane topLeftCell="B2"/><x r="abc"/>'))).toEqual({
      rows: 0,
      columns: 0,
    });
  });
});

describe('readGeoJson robustness', () => {
  const point = (x: number, y: number) =>
    JSON.stringify({
      type: 'Feature',
      properties: { a: 1 },
      geometry: { type: 'Point', coordinates: [x, y] },
    });
  it('one Feature per line (NDJSON / RFC 8142) is read as a collection, with a note', () => {
    for (const sep of ['\n', '\r\n', '\u001e']) {
      const g = readGeoJson(`${point(13.4, 52.5)}${sep}${point(13.41, 52.51)}${sep}`);
      if ('fatal' in g) throw new Error(g.fatal.message);
      expect(g.geometries).toHaveLength(2);
      expect(g.issues.map((i) => i.code)).toContain('geojson-sequence');
    }
  });
  it('an RFC 8142 sequence (RS before every feature) is text, not binary, and is read', async () => {
    const rs = String.fromCharCode(0x1e);
    const text = [point(13.4, 52.5), point(13.41, 52.51), point(13.42, 52.52)]
      .map((f) => `${rs}${f}\n`)
      .join('');
    expect(sniffBytes(utf8(text))).toBe('text');
    const r = await importBytes(utf8(text), { fileName: 'folge.geojsons' });
    expect(r.report).toMatchObject({ rowsRead: 3, rowsUsed: 3, rowsListed: 0 });
  });
  it('lines that are not all Features stay invalid JSON', () => {
    const g = readGeoJson(`${point(13.4, 52.5)}\n{"type":"Topology"}\n`);
    expect('fatal' in g && g.fatal.code).toBe('json-invalid');
  });
  it('TopoJSON is refused with a message that says so', () => {
    const g = readGeoJson('{"type":"Topology","objects":{},"arcs":[]}');
    expect('fatal' in g && g.fatal.message).toContain('TopoJSON');
  });
  it('deeply nested GeometryCollections and property values do not overflow the stack', () => {
    let gc = '{"type":"Point","coordinates":[13.4,52.5]}';
    for (let i = 0; i < 20_000; i++) gc = `{"type":"GeometryCollection","geometries":[${gc}]}`;
    const deepProp = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"p":${deepProp}},"geometry":${gc}}]}`;
    const g = readGeoJson(text);
    if ('fatal' in g) throw new Error(g.fatal.message);
    expect(g.geometries[0]).toBeNull();
    expect(g.issues[0]).toMatchObject({ index: 0, code: 'geometry-invalid', severity: 'error' });
    expect(g.issues[0].reason).toContain('zu tief verschachtelt');
    expect(g.columns[0][0]).toBe('[zu tief verschachtelt]');
  });
  it('an empty GeometryCollection is not a geometry', () => {
    const g = readGeoJson('{"type":"GeometryCollection","geometries":[]}');
    if ('fatal' in g) throw new Error(g.fatal.message);
    expect(g.issues.find((i) => i.index === 0)).toMatchObject({
      code: 'geometry-invalid',
      severity: 'error',
    });
  });
  it('metres in an unknown projection are listed per feature, not drawn as degrees', () => {
    const g = readGeoJson(
      `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:31468"}},"features":[${point(4590013.4, 5820052.5)}]}`,
    );
    if ('fatal' in g) throw new Error(g.fatal.message);
    expect(g.geometries[0]).toBeNull();
    expect(g.issues.map((i) => [i.code, i.severity])).toEqual(
      expect.arrayContaining([
        ['crs-unknown', 'warning'],
        ['crs-undetected', 'warning'],
        ['crs-unknown', 'error'],
      ]),
    );
  });
});

describe("Excel's sep= hint line", () => {
  it('names the delimiter, is not the header, and row numbers stay file rows', async () => {
    const { importBytes } = await import('../../../src/io/importFile');
    const text = 'sep=,\r\nname,wert\r\nA,"1,5"\r\nB,x,y\r\n';
    const r = await importBytes(new TextEncoder().encode(text), { fileName: 'hint.csv' });
    expect(r.source.delimiter).toBe(',');
    expect(r.columns.map((c) => c.name)).toEqual(['name', 'wert']);
    expect(r.report.rowsRead).toBe(2);
    expect(r.report.rowsUsed + r.report.rowsListed).toBe(2);
    const ragged = r.report.issues.find((i) => i.code === 'row-ragged');
    // "B,x,y" is line 4 of the file (sep= line, header, A, B)
    expect(ragged?.row).toBe(4);
    expect(r.report.issues.some((i) => i.code === 'excel-sep-hint' && i.row === 1)).toBe(true);
  });

  it('leaves a file without the hint alone', async () => {
    const { excelSepHint } = await import('../../../src/io/csv');
    expect(excelSepHint('name;sep=;\n')).toBeNull();
    expect(excelSepHint('sep=|\nname|x\n')).toEqual({ delimiter: '|', rest: 'name|x\n' });
  });
});

describe('title lines above the header', () => {
  it('skips up to 5 delimiter-free lines before the table, names them, keeps file row numbers', async () => {
    const { importBytes } = await import('../../../src/io/importFile');
    const text =
      'Einwohner je Planungsraum\nStand: 31.12.2024\n\nplr_id;einwohner\n01100101;1.234\n01100102;x;y\n';
    const r = await importBytes(new TextEncoder().encode(text), { fileName: 'titel.csv' });
    expect(r.columns.map((c) => c.name)).toEqual(['plr_id', 'einwohner']);
    expect(r.report.rowsRead).toBe(2);
    expect(r.report.issues.find((i) => i.code === 'title-lines')?.value).toContain('Stand: 31.12.2024');
    // "01100102;x;y" is line 6 of the file
    expect(r.report.issues.find((i) => i.code === 'row-ragged')?.row).toBe(6);
  });

  it('leaves ordinary tables, single-column files and quoted files alone', async () => {
    const { leadingTitleLines } = await import('../../../src/io/csv');
    expect(leadingTitleLines('a;b\n1;2\n3;4\n', ';')).toBeNull();
    expect(leadingTitleLines('plr_id\n01100101\n01100102\n', ';')).toBeNull();
    expect(leadingTitleLines('Titel\n"a";"b"\n1;2\n3;4\n', ';')).toBeNull();
    expect(leadingTitleLines('\n\na;b\n1;2\n3;4\n', ';')).toBeNull();
    expect(leadingTitleLines('T\na;b\n1;2\n3;4\n', ';')).toEqual({
      lines: 1,
      titles: ['T'],
      rest: 'a;b\n1;2\n3;4\n',
    });
  });
});
