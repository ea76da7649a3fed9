/**
 * Round-trip details found with the export: trailing line breaks, the CSV formula-injection guard,
 * untrimmed XLSX text and RFC 7946 ring orientation.
 */

import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { removeFormulaGuard } from '../../../src/io/csv';
import { importBytes } from '../../../src/io/importFile';
import { col, importString } from './helpers';

describe('trailing line break', () => {
  for (const [label, nl] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])
    for (const quoted of [false, true])
      it(`${label}${quoted ? ', quoted' : ''}: no "leere Zeilen" warning`, async () => {
        const name = quoted ? '"Schule A"' : 'Schule A';
        const r = await importString(`name;lat;lon${nl}${name};52,5;13,4${nl}B;52,51;13,41${nl}`);
        expect(r.report.rowsRead).toBe(2);
        expect(r.source.emptyLines).toBe(0);
        expect(r.report.issues.map((i) => i.code)).not.toContain('empty-lines');
      });

  it('a real empty line is still counted', async () => {
    const r = await importString('name;lat;lon\nA;52,5;13,4\n\nB;52,51;13,41\n');
    expect(r.source.emptyLines).toBe(1);
    expect(r.report.issues.map((i) => i.code)).toContain('empty-lines');
  });
});

describe('CSV formula-injection guard', () => {
  it('removes exactly one apostrophe before = + - @ TAB CR, nothing else', () => {
    expect(removeFormulaGuard("'=SUMME(A1)")).toBe('=SUMME(A1)');
    expect(removeFormulaGuard("'+49 30 123")).toBe('+49 30 123');
    expect(removeFormulaGuard("'-5")).toBe('-5');
    expect(removeFormulaGuard("'@home")).toBe('@home');
    expect(removeFormulaGuard("'\tTab")).toBe('\tTab');
    expect(removeFormulaGuard("'\rCR")).toBe('\rCR');
    expect(removeFormulaGuard("''=schon mit Apostroph")).toBe("'=schon mit Apostroph");
    expect(removeFormulaGuard("'s Gravenhage")).toBe("'s Gravenhage");
    expect(removeFormulaGuard("'")).toBe("'");
    expect(removeFormulaGuard('=A1')).toBe('=A1');
  });

  for (const quoted of [true, false])
    it(`import undoes the guard (${quoted ? 'quoted cells / papaparse' : 'unquoted / fast path'})`, async () => {
      const q = (s: string) => (quoted ? `"${s.replace(/"/g, '""')}"` : s);
      const text = `${q("'=Name")};lat;lon\n${q("'=HYPERLINK(x)")};52,5;13,4\n${q("''-minus")};52,5;13,4\n${q("'s Hof")};52,5;13,4\n`;
      const r = await importString(text);
      expect(r.columns[0].header).toBe('=Name');
      expect(col(r, '=Name')).toEqual(['=HYPERLINK(x)', "'-minus", "'s Hof"]);
      const w = r.report.issues.find((i) => i.code === 'formula-guard-removed');
      expect(w?.value).toBe('3');
    });
});

describe('XLSX text', () => {
  it('is not trimmed', async () => {
    const blob = await writeXlsxFile([
      {
        sheet: 'Daten',
        data: [
          [{ value: 'name' }, { value: 'lat' }, { value: 'lon' }],
          [{ value: '\tmit Tab' }, { value: 52.5 }, { value: 13.4 }],
          [{ value: '  Leerzeichen  ' }, { value: 52.51 }, { value: 13.41 }],
        ],
      },
    ]).toBlob();
    const r = await importBytes(new Uint8Array(await blob.arrayBuffer()), { fileName: 't.xlsx' });
    expect(r.report.rowsUsed).toBe(2);
    expect(col(r, 'name')).toEqual(['\tmit Tab', '  Leerzeichen  ']);
  });
});

describe('GeoJSON ring orientation (RFC 7946: exterior counter-clockwise, holes clockwise)', () => {
  const ccw = [
    [13.4, 52.5],
    [13.41, 52.5],
    [13.41, 52.51],
    [13.4, 52.51],
    [13.4, 52.5],
  ];
  const cwHole = [
    [13.402, 52.502],
    [13.402, 52.508],
    [13.408, 52.508],
    [13.408, 52.502],
    [13.402, 52.502],
  ];
  const file = (rings: number[][][]) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Polygon', coordinates: rings } },
      ],
    });
  const ringOf = (r: Awaited<ReturnType<typeof importString>>, k: number) =>
    ((r.geometries ?? [])[0] as { coordinates: number[][][] }).coordinates[k];

  it('keeps a correct CCW exterior with a CW hole, without a warning', async () => {
    const r = await importString(file([ccw, cwHole]), 'ok.geojson');
    expect(r.report.issues.map((i) => i.code)).not.toContain('ring-rewound');
    expect(ringOf(r, 0)).toEqual(ccw);
    expect(ringOf(r, 1)).toEqual(cwHole);
  });

  it('rewinds a CW exterior and a CCW hole', async () => {
    const r = await importString(file([ccw.slice().reverse(), cwHole.slice().reverse()]), 'cw.geojson');
    const w = r.report.issues.find((i) => i.code === 'ring-rewound');
    expect(w?.value).toBe('2');
    expect(ringOf(r, 0)).toEqual(ccw);
    expect(ringOf(r, 1)).toEqual(cwHole);
  });
});
