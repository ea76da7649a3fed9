import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJoinArgs, runJoin } from '../../../src/cli/join';

const FIX = resolve(__dirname, '../fixtures/join');

function captureStderr(): { text: () => string; restore: () => void } {
  let buf = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    buf += String(chunk);
    return true;
  });
  return { text: () => buf, restore: () => spy.mockRestore() };
}

describe('bildungsraum join (CLI)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses arguments and rejects bad ones with a usage message', () => {
    expect(
      parseJoinArgs(['--points', 'a.csv', '--areas', 'b.geojson', '--out', 'c.csv', '--level', 'bzr']),
    ).toEqual({
      points: 'a.csv',
      areas: 'b.geojson',
      out: 'c.csv',
      level: 'bzr',
      idField: null,
    });
    expect(parseJoinArgs(['--points', 'a.csv'])).toMatch(/required/);
    expect(parseJoinArgs(['--points', 'a', '--areas', 'b', '--out', 'c', '--level', 'kiez'])).toMatch(
      /--level/,
    );
  });

  it('writes every row with the area columns as text and reports outside / unplaced points', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'br-join-')), 'out.csv');
    const err = captureStderr();
    const code = await runJoin([
      '--points',
      join(FIX, 'points.csv'),
      '--areas',
      join(FIX, 'areas_plr.geojson'),
      '--level',
      'plr',
      '--out',
      out,
    ]);
    err.restore();
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    // IDs are written as quoted text, leading zeros intact
    expect(text).toContain('"01100101"');
    expect(text).toContain('"01001"');
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(5); // nobody dropped
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['Kita Nord-West'].plr_id).toBe('01100101');
    expect(byName['Kita Nord-West'].bez_id).toBe('01');
    expect(byName['Kita Nord-West'].bzr_id).toBe('011001');
    expect(byName['Kita Ost'].plr_id).toBe('02100101');
    expect(byName['Kita Grenze'].plr_id).toBe('02100101'); // on the shared border → east
    expect(byName['Kita Potsdam'].plr_id).toBe('');
    expect(byName['Kita Potsdam'].join_status).toBe('outside every area');
    expect(byName['Kita ohne Ort'].join_status).toMatch(/^no coordinates/);
    expect(err.text()).toMatch(/row 5: point .* outside every area/);
    expect(err.text()).toMatch(/row 6: no coordinates/);
    expect(err.text()).toMatch(/5 Punkte \/ points: 3 zugeordnet \/ joined, 1 außerhalb/);
  });

  it('fails with a clear message for a missing file', async () => {
    const err = captureStderr();
    const code = await runJoin([
      '--points',
      join(FIX, 'nope.csv'),
      '--areas',
      join(FIX, 'areas_plr.geojson'),
      '--out',
      '/tmp/x.csv',
    ]);
    err.restore();
    expect(code).toBe(1);
    expect(err.text()).toMatch(/nope\.csv/);
  });
});
