import { describe, expect, it } from 'vitest';
import { detectDialect, parseDelimitedBytes } from '../../../src/io/csv';
import { col, importString } from './helpers';

/** A CSV larger than the scanner's first chunk (1 MB), so that later rows are kept as codes or byte ranges. */
function bigCsv(header: string, rows: number, line: (i: number) => string): string {
  const out = [header];
  for (let i = 0; i < rows; i++) out.push(line(i));
  const text = `${out.join('\n')}\n`;
  expect(text.length).toBeGreaterThan(1 << 20);
  return text;
}

describe('text columns kept as codes or byte ranges (byte scanner)', () => {
  it('gives every cell back: umlauts in UTF-8, formula guards, missing fields, both storages', () => {
    const text = bigCsv('id,kat,name,x', 100_000, (i) => {
      const name = i % 1000 === 7 ? `'=SUMME(A${i})` : i % 3 === 0 ? `Schüler ${i}` : `Kita ${i}`;
      const kat = i % 500 === 9 ? `'+Gefahr` : ['Grundschule', 'Förderschule', ''][i % 3];
      return i % 777 === 5 ? `${i},${kat}` : `${i},${kat},${name},${i / 4}`;
    });
    const bytes = new TextEncoder().encode(text);
    const t = parseDelimitedBytes(bytes, 0, 'utf-8', detectDialect(text.slice(0, 10_000)), {
      plan: () => [null, null, null, '.'],
    });
    expect(t.text?.map((c) => c?.storage ?? null)).toEqual(['ranges', 'codes', 'ranges', null]);
    const kat = t.text?.[1];
    const name = t.text?.[2];
    if (!kat || !name) throw new Error('no lazy text columns');
    expect(name.length).toBe(100_000);
    for (const i of [0, 3, 7, 1007, 39_007, 99_999, 5, 782, 99_905, 60_000, 99_007]) {
      const short = i % 777 === 5;
      const n = short ? '' : i % 1000 === 7 ? `=SUMME(A${i})` : i % 3 === 0 ? `Schüler ${i}` : `Kita ${i}`;
      const k = i % 500 === 9 ? '+Gefahr' : ['Grundschule', 'Förderschule', ''][i % 3];
      expect(name.get(i), `name row ${i}`).toBe(n);
      expect(kat.get(i), `kat row ${i}`).toBe(k);
    }
    // every formula guard taken off is counted once
    let guards = 0;
    for (let i = 0; i < 100_000; i++) {
      if (i % 500 === 9) guards++;
      if (i % 1000 === 7 && i % 777 !== 5) guards++;
    }
    expect(t.unguarded).toBe(guards);
  });

  it('keeps a column as byte ranges from the plan on when its first chunk does not repeat, and switches one that stops repeating later', () => {
    // `id` is distinct from the start; `spaet` repeats in the first chunk and is distinct after row 40,000
    const text = bigCsv(
      'id,spaet,kat',
      100_000,
      (i) => `B${i},${i < 40_000 ? 'gleich' : `Wert ${i}`},${i % 4}x`,
    );
    const bytes = new TextEncoder().encode(text);
    const t = parseDelimitedBytes(bytes, 0, 'utf-8', detectDialect(text.slice(0, 10_000)), {
      plan: () => [null, null, null],
    });
    expect(t.text?.map((c) => c?.storage ?? null)).toEqual(['ranges', 'ranges', 'codes']);
    const [id, spaet, kat] = t.text ?? [];
    for (const i of [0, 1, 20_000, 39_999, 40_000, 40_001, 61_000, 99_999]) {
      expect(id?.get(i), `id row ${i}`).toBe(`B${i}`);
      expect(spaet?.get(i), `spaet row ${i}`).toBe(i < 40_000 ? 'gleich' : `Wert ${i}`);
      expect(kat?.get(i), `kat row ${i}`).toBe(`${i % 4}x`);
    }
  });

  it('decodes Windows-1252 cells from their bytes', () => {
    const text = bigCsv('id;ort;wert', 60_000, (i) => `${i};Straße ${i} in Köpenick;${i % 10},5`);
    // every character is below U+0100 and not in 0x80–0x9F: Windows-1252 = Latin-1 here
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const t = parseDelimitedBytes(bytes, 0, 'windows-1252', detectDialect(text.slice(0, 10_000)), {
      plan: () => [null, null, ','],
    });
    const ort = t.text?.[1];
    expect(ort?.storage).toBe('ranges');
    expect(ort?.get(59_999)).toBe('Straße 59999 in Köpenick');
    expect(ort?.toArray().slice(30_000, 30_002)).toEqual([
      'Straße 30000 in Köpenick',
      'Straße 30001 in Köpenick',
    ]);
  });

  it('imports such columns: IDs keep leading zeros, IDs with blanks are trimmed, the rest untouched', async () => {
    const text = bigCsv('plr_id,bsn,name,lat,lon', 60_000, (i) => {
      const plr = `0${1100101 + i}`;
      const bsn = i === 59_000 ? ' 01B29 ' : `01B${i}`;
      return `${plr},${bsn},Ort ${i},52.5,13.4`;
    });
    const r = await importString(text, 'big.csv');
    const types = Object.fromEntries(r.columns.map((c) => [c.name, c.type]));
    expect(types.plr_id).toBe('id');
    const plr = r.values[r.columns.findIndex((c) => c.name === 'plr_id')];
    expect(plr.kind === 'text' && plr.values.get(59_999)).toBe('01160100');
    expect(col(r, 'bsn')[59_000]).toBe('01B29');
    expect(col(r, 'name')[12_345]).toBe('Ort 12345');
    expect(r.length).toBe(60_000);
    expect(r.report.rowsUsed).toBe(60_000);
  });
});
