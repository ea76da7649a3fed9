import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import proj4 from 'proj4';
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

  it('reads points and areas through the app import: Windows-1252, TSV, EPSG:25833 areas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-join-'));
    const utm = proj4('EPSG:4326', '+proj=utm +zone=33 +ellps=GRS80 +units=m +no_defs');
    const square = (x0: number) =>
      [
        [x0, 52.5],
        [x0 + 0.01, 52.5],
        [x0 + 0.01, 52.51],
        [x0, 52.51],
        [x0, 52.5],
      ].map((p) => utm.forward(p));
    const areas = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { PLR_ID: '01100101', PLR_NAME: 'West' },
          geometry: { type: 'Polygon', coordinates: [square(13.4)] },
        },
        {
          type: 'Feature',
          properties: { PLR_ID: '02100101', PLR_NAME: 'Ost' },
          geometry: { type: 'Polygon', coordinates: [square(13.41)] },
        },
      ],
    };
    writeFileSync(join(dir, 'areas.geojson'), JSON.stringify(areas));
    // Windows-1252 TSV with decimal commas; "Straße" and "Köpenick" need the right decoding
    const tsv =
      'name\tort\tlat\tlon\nKita Straße\tKöpenick\t52,505\t13,405\nKita Ost\tMitte\t52,5051\t13,4151\n';
    writeFileSync(join(dir, 'points.tsv'), Buffer.from(tsv, 'latin1'));
    const out = join(dir, 'out.csv');
    const err = captureStderr();
    const code = await runJoin([
      '--points',
      join(dir, 'points.tsv'),
      '--areas',
      join(dir, 'areas.geojson'),
      '--level',
      'plr',
      '--out',
      out,
    ]);
    err.restore();
    expect(code, err.text()).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toEqual([
      expect.objectContaining({
        name: 'Kita Straße',
        ort: 'Köpenick',
        plr_id: '01100101',
        area_name: 'West',
      }),
      expect.objectContaining({ name: 'Kita Ost', plr_id: '02100101', area_name: 'Ost' }),
    ]);
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
