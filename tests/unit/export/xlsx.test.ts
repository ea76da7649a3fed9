import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile, { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { applySuppression } from '../../../src/export/suppression';
import { cellValue } from '../../../src/export/table';
import { safeSheetName, toXlsx } from '../../../src/export/xlsx';
import { areas, INJECTION_NAMES, institutions } from '../fixtures/export/tables';

describe('XLSX export', async () => {
  const inst = applySuppression(institutions).table;
  const area = applySuppression(areas).table;
  const bytes = await toXlsx([inst, area], { noteLines: ['Hinweise', '', 'Quelle: Testdaten'] });
  const buffer = Buffer.from(bytes);

  it('is a zip (xlsx) with one sheet per table plus the note sheet', async () => {
    expect(bytes[0]).toBe(0x50); // 'PK'
    expect(bytes[1]).toBe(0x4b);
    const sheets = await readXlsxFile(buffer);
    expect(sheets.map((s) => s.sheet)).toEqual(['Einrichtungen', 'Planungsräume', 'Hinweise']);
  });

  it('reads back the same rows and values as the view; IDs are strings with leading zeros', async () => {
    const rows = await readSheet(buffer, { trim: false });
    expect(rows[0]).toEqual(inst.columns.map((c) => c.label));
    const expected = inst.rows.map((r) => inst.columns.map((c) => cellValue(c, r[c.key])));
    expect(rows.slice(1)).toEqual(expected);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(ids).toContain('00012345');
    for (const id of ids) expect(typeof id).toBe('string');
    const plr = rows.slice(1).map((r) => r[3]);
    expect(plr).toContain('01100101');
  });

  it('writes injection strings as inert string cells (no formulas anywhere)', async () => {
    const rows = await readSheet(buffer, { trim: false });
    const names = rows.slice(1).map((r) => r[1]);
    for (const bad of INJECTION_NAMES) expect(names).toContain(bad);
    for (const n of names) expect(typeof n).toBe('string');
    const files = unzipSync(bytes);
    for (const [path, content] of Object.entries(files)) {
      if (!path.startsWith('xl/worksheets/sheet')) continue;
      const xml = strFromU8(content);
      expect(xml).not.toMatch(/<f[\s>]/); // no formula element
    }
    // every ID/text cell of the data sheet is a shared-string cell
    const sheet1 = strFromU8(files['xl/worksheets/sheet1.xml']);
    const colA = [...sheet1.matchAll(/<c r="A\d+"([^>]*)>/g)].map((m) => m[1]);
    expect(colA.length).toBe(inst.rows.length + 1);
    for (const attrs of colA) expect(attrs).toContain('t="s"');
  });

  it('keeps negative numbers and decimals as numbers, suppressed cells empty', async () => {
    const rows = await readSheet(buffer, 2);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get('01100101')).toEqual([
      '01100101',
      'Stülerstraße',
      '01',
      'Mitte',
      3456,
      298,
      2,
      8.6,
      -0.46,
    ]);
    expect(byId.get('01100102')?.[5]).toBeNull();
    expect(byId.get('01100102')?.[7]).toBeNull();
  });

  it('makes valid unique sheet names', () => {
    const taken = new Set<string>();
    expect(safeSheetName('a/b:c', taken)).toBe('a b c');
    expect(safeSheetName('A B C', taken)).toBe('A B C 2');
    expect(safeSheetName('x'.repeat(40), taken)).toHaveLength(31);
  });
});
