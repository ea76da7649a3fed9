/**
 * The data worker's engine host places institutions in the Einschulbereiche for range filters on that layer:
 * schools by the join the engine already made (`results.esb.schoolEsb`, the same array), other kinds on the
 * same point index, once per kind; it waits for the engine's preparation. Tiny made-up files, fetch stubbed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngineHost } from '../../../src/worker/engineHost';

const BASE = 'http://test.invalid/data/';

const squareFeature = (id: string, x: number) => ({
  type: 'Feature',
  properties: { id, name: `Einschulbereich ${id}` },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 52.5],
        [x + 0.1, 52.5],
        [x + 0.1, 52.6],
        [x, 52.6],
        [x, 52.5],
      ],
    ],
  },
});

// two Einschulbereiche side by side: A1 (13.3–13.4), A2 (13.5–13.6)
const ESB = JSON.stringify({
  type: 'FeatureCollection',
  features: [squareFeature('A1', 13.3), squareFeature('A2', 13.5)],
});
const PLR_TOPO = JSON.stringify({
  type: 'Topology',
  arcs: [],
  objects: {
    areas: { type: 'GeometryCollection', geometries: [{ type: null, properties: { id: '01100101' } }] },
  },
});
const SCHOOLS = [
  'bsn,name,lon,lat,plr_id',
  '01A01,Schule A1,13.35,52.55,01100101',
  '01A02,Schule A2,13.55,52.55,01100101',
  '01A03,Schule draußen,13.45,52.55,01100101',
].join('\n');
const YOUTH = [
  'id,name,lon,lat,plr_id',
  'J1,Jugend A2,13.58,52.52,01100101',
  'J2,Jugend draußen,13.2,52.55,01100101',
  'J3,Jugend A1,13.31,52.59,01100101',
].join('\n');

function stubFetch(files: Record<string, string>) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const path = String(url).slice(BASE.length);
    asked.push(path);
    const body = files[path];
    return body === undefined
      ? new Response('not found', { status: 404 })
      : new Response(body, { status: 200 });
  });
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('engineHost.esbMembership', () => {
  it('places schools by the engine join and youth centres on the same index; null for a kind not loaded', async () => {
    stubFetch({
      'areas/plr.topo.json': PLR_TOPO,
      'full/esb.geojson': ESB,
      'institutions/schools.csv': SCHOOLS,
      'institutions/youth.csv': YOUTH,
    });
    const host = createEngineHost();
    const prepared = host.prepare(BASE);
    // asked before the preparation has finished: waits for it
    const youth = await host.esbMembership('youth');
    await prepared;
    expect(youth?.ids).toEqual(['A1', 'A2']);
    expect(Array.from(youth?.index ?? [])).toEqual([1, -1, 0]);

    const schools = await host.esbMembership('school');
    expect(Array.from(schools?.index ?? [])).toEqual([0, 1, -1]);
    const { results } = await host.compute(null);
    expect(results.esb?.ids).toEqual(['A1', 'A2']);
    // the engine's own join, not a second point-in-polygon pass
    expect(schools?.index).toBe(results.esb?.schoolEsb);

    // once per kind
    expect(await host.esbMembership('youth')).toBe(youth);
    expect(await host.esbMembership('kita')).toBeNull();
  });

  it('is null for every kind without the Einschulbereich file', async () => {
    stubFetch({
      'areas/plr.topo.json': PLR_TOPO,
      'institutions/schools.csv': SCHOOLS,
      'institutions/youth.csv': YOUTH,
    });
    const host = createEngineHost();
    await host.prepare(BASE);
    expect(await host.esbMembership('youth')).toBeNull();
    expect(await host.esbMembership('school')).toBeNull();
  });
});
