import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CSV_PROFILES,
  type CsvProfileId,
  formatCsvNumber,
  neutraliseFormula,
  restoreNeutralised,
  toCsv,
  toCsvBytes,
} from '../../../src/export/csv';
import { applySuppression } from '../../../src/export/suppression';
import { cellValue, type ExportTable, selectColumns } from '../../../src/export/table';
import { parseNumber } from '../../../src/io/numbers';
import { areas, INJECTION_NAMES, institutions } from '../fixtures/export/tables';

const PROFILES: CsvProfileId[] = ['excel-de', 'standard'];

/** Parse one of our CSVs with the documented dialect (IDs stay strings: no dynamic typing). */
function parseCsv(text: string, profile: CsvProfileId): string[][] {
  const p = CSV_PROFILES[profile];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const res = Papa.parse<string[]>(body, {
    delimiter: p.delimiter,
    newline: p.newline,
    dynamicTyping: false,
    skipEmptyLines: 'greedy',
  });
  expect(res.errors).toEqual([]);
  return res.data;
}

/** Numbers read back with the app's own locale-aware parser (src/io/numbers), in the profile's format. */
function readNumber(cell: string, profile: CsvProfileId): number {
  expect(cell).toMatch(/^-?\d+([.,]\d+)?$/); // no grouping, no exponent
  const v = parseNumber(cell, CSV_PROFILES[profile].decimalSeparator);
  if (Number.isNaN(v)) throw new Error(`not a ${profile} number: ${JSON.stringify(cell)}`);
  return v;
}

/** What the view shows for a table: typed, rounded, suppressed → null. */
function viewValues(table: ExportTable): (string | number | null)[][] {
  return table.rows.map((r) => table.columns.map((c) => cellValue(c, r[c.key])));
}

function readBack(text: string, table: ExportTable, profile: CsvProfileId) {
  const [header, ...rows] = parseCsv(text, profile);
  expect(header).toEqual(table.columns.map((c) => c.label));
  return rows.map((r) =>
    table.columns.map((c, i) => {
      const cell = r[i];
      if (cell === '') return null;
      if (c.type === 'integer' || c.type === 'decimal') return readNumber(cell, profile);
      return restoreNeutralised(cell);
    }),
  );
}

describe('CSV profiles', () => {
  it('excel-de: BOM, semicolon, decimal comma, CRLF', () => {
    const bytes = toCsvBytes(areas, 'excel-de');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFPlanungsraum-ID;Planungsraum;')).toBe(true);
    expect(text).toContain('01100101;Stülerstraße;01;Mitte;3456;298;2;8,6;-0,46\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('standard: no BOM, comma, decimal point, CRLF', () => {
    const bytes = toCsvBytes(areas, 'standard');
    expect(bytes[0]).toBe('P'.charCodeAt(0));
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('01100101,Stülerstraße,01,Mitte,3456,298,2,8.6,-0.46\r\n');
    expect(text).toContain('01100102,Großer Tiergarten,01,Mitte,120,2,1,1.7,1.00\r\n');
  });

  it('starts with the header row (no metadata lines) and uses readable labels', () => {
    for (const p of PROFILES) {
      const first = parseCsv(toCsv(institutions, p), p)[0];
      expect(first).toEqual(institutions.columns.map((c) => c.label));
    }
  });

  it('formats numbers per profile via Intl, without grouping, keeping the sign', () => {
    expect(formatCsvNumber(1234567.891, 2, CSV_PROFILES['excel-de'])).toBe('1234567,89');
    expect(formatCsvNumber(1234567.891, 2, CSV_PROFILES.standard)).toBe('1234567.89');
    expect(formatCsvNumber(-2.5, 1, CSV_PROFILES['excel-de'])).toBe('-2,5');
    expect(formatCsvNumber(-0.0001, 2, CSV_PROFILES.standard)).toBe('0.00');
    expect(formatCsvNumber(42, 0, CSV_PROFILES['excel-de'])).toBe('42');
  });

  it('keeps IDs as text with their leading zeros', () => {
    for (const p of PROFILES) {
      const rows = parseCsv(toCsv(institutions, p), p);
      expect(rows.map((r) => r[0])).toContain('00012345');
      expect(rows.map((r) => r[3])).toContain('01100101');
    }
  });

  it('honours the column picker (order and subset)', () => {
    const t = selectColumns(institutions, ['name', 'id', 'pupils']);
    const rows = parseCsv(toCsv(t, 'standard'), 'standard');
    expect(rows[0]).toEqual(['Name', 'Schulnummer / ID', 'Schüler*innen 2024/25']);
    expect(rows[1]).toEqual(['Grundschule am Schäfersee', '01B01', '412']);
    expect(() => selectColumns(institutions, ['nope'])).toThrow(/unknown column "nope"/);
  });
});

describe('CSV injection safety', () => {
  it('neutralises formula triggers in text, reversibly', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula("'=x")).toBe("''=x");
    expect(neutraliseFormula("O'Brien")).toBe("O'Brien");
    expect(neutraliseFormula('Schule 1 = gut')).toBe('Schule 1 = gut');
    for (const s of [...INJECTION_NAMES, "''@x", "'plain", 'plain']) {
      expect(restoreNeutralised(neutraliseFormula(s))).toBe(s);
    }
  });

  for (const p of PROFILES) {
    it(`${p}: every cell starting with = + - @ TAB CR is a quoted, apostrophe-prefixed text or a plain number`, () => {
      const text = toCsv(institutions, p);
      const rows = parseCsv(text, p);
      const numberLiteral = CSV_PROFILES[p].decimalSeparator === ',' ? /^-\d+(,\d+)?$/ : /^-\d+(\.\d+)?$/;
      let negatives = 0;
      for (const row of rows) {
        for (const cell of row) {
          if (/^[=+\-@\t\r]/.test(cell)) {
            expect(cell).toMatch(numberLiteral);
            negatives++;
          }
        }
      }
      expect(negatives).toBeGreaterThan(0); // negative numbers stay numbers
      const names = rows.slice(1).map((r) => r[1]);
      for (const bad of INJECTION_NAMES) expect(names).toContain(`'${bad}`);
      // neutralised cells are also quoted in the file (OWASP: prefix and quote)
      expect(text).toContain(`"'=HYPERLINK(""http://example.org"",""x"")"`);
      expect(text).toContain(`"'+1+1"`);
      expect(text).toContain(`"'@SUM(A1)"`);
      expect(text).toContain(`"'-2+3"`);
    });
  }

  it('treats text in a numeric column as text (neutralised)', () => {
    const t: ExportTable = {
      name: 't',
      title: 't',
      columns: [{ key: 'n', label: 'n', type: 'integer' }],
      rows: [{ n: '-2+3' }, { n: -5 }],
    };
    const rows = parseCsv(toCsv(t, 'standard'), 'standard');
    expect(rows.slice(1)).toEqual([["'-2+3"], ['-5']]);
  });
});

describe('CSV round trip (papaparse with the documented dialect)', () => {
  // NOTE: the app's own import (src/io) must replace this reader once it exists.
  for (const p of PROFILES) {
    for (const source of [institutions, areas]) {
      it(`${p} / ${source.name}: same rows and values as the view`, () => {
        const { table } = applySuppression(source);
        const back = readBack(toCsv(table, p), table, p);
        expect(back).toEqual(viewValues(table));
        expect(back.length).toBe(source.rows.length);
      });
    }
  }
});
