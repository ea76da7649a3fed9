import { afterEach, describe, expect, it } from 'vitest';
import { parseInstitutionsCsv } from '../../../src/datasets/parse';
import type { Manifest } from '../../../src/domain/types';
import { useDataStore } from '../../../src/state/dataStore';
import { sameTarget, useSelectionStore } from '../../../src/state/selectionStore';
import { DEFAULT_LAYERS, useViewStore } from '../../../src/state/viewStore';
import { type DataClient, setDataClient } from '../../../src/worker/dataClient';

const manifest: Manifest = {
  generatedAt: '2026-01-01T00:00:00Z',
  source: { mode: 'folder', location: 'x' },
  datasets: [],
  joinReport: [],
  counts: {},
};

function fakeClient(overrides: Partial<DataClient> = {}): DataClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    loadManifest: async (_url, file) => {
      calls.push(file);
      return manifest;
    },
    loadAreas: async (_url, file) => {
      calls.push(file);
      return { value: { type: 'FeatureCollection', features: [] }, issues: [] };
    },
    loadInstitutions: async (kind, _url, file) => {
      calls.push(file);
      return parseInstitutionsCsv(kind, file, 'id,name,lon,lat\n1,A,13.4,52.5\n2,B,,\n');
    },
    ...overrides,
  };
}

afterEach(() => {
  setDataClient(null);
  useDataStore.setState({
    status: 'idle',
    errors: [],
    manifest: null,
    areas: {},
    areaStatus: {},
    institutions: {},
    institutionStatus: {},
    issues: [],
  });
});

describe('dataStore', () => {
  it('loads each file once and collects issues', async () => {
    const c = fakeClient();
    setDataClient(c);
    const s = useDataStore.getState();
    await Promise.all([s.loadManifest(), s.loadManifest(), s.ensureAreas('bez'), s.ensureAreas('bez')]);
    await s.ensureInstitutions('youth');
    await s.ensureInstitutions('youth');
    expect(c.calls).toEqual(['manifest.json', 'areas/bez.topo.json', 'institutions/youth.csv']);
    const st = useDataStore.getState();
    expect(st.status).toBe('ready');
    expect(st.areaStatus.bez).toBe('ready');
    expect(st.institutions.youth?.items).toHaveLength(1);
    expect(st.issues).toHaveLength(1);
    expect(st.issues[0]).toMatchObject({ file: 'institutions/youth.csv', row: 3 });
  });

  it('records a failed load as an error message naming the file', async () => {
    setDataClient(
      fakeClient({
        loadAreas: async () => {
          throw new Error('areas/plr.topo.json: HTTP 404');
        },
      }),
    );
    await useDataStore.getState().ensureAreas('plr');
    const st = useDataStore.getState();
    expect(st.areaStatus.plr).toBe('error');
    expect(st.errors).toEqual(['areas/plr.topo.json: HTTP 404']);
  });
});

describe('viewStore', () => {
  it('switches level and layers', () => {
    const v = useViewStore.getState();
    expect(v.layers).toEqual(DEFAULT_LAYERS);
    expect(DEFAULT_LAYERS.kita).toBe(false);
    v.setLevel('plr');
    v.setLayerVisible('kita', true);
    expect(useViewStore.getState().level).toBe('plr');
    expect(useViewStore.getState().layers.kita).toBe(true);
    expect(DEFAULT_LAYERS.kita).toBe(false);
  });
});

describe('selectionStore', () => {
  it('compares targets', () => {
    expect(
      sameTarget({ kind: 'area', level: 'bez', id: '01' }, { kind: 'area', level: 'bez', id: '01' }),
    ).toBe(true);
    expect(
      sameTarget({ kind: 'area', level: 'bez', id: '01' }, { kind: 'area', level: 'pgr', id: '01' }),
    ).toBe(false);
    expect(
      sameTarget(
        { kind: 'area', level: 'bez', id: '01' },
        { kind: 'institution', institutionKind: 'school', id: '01' },
      ),
    ).toBe(false);
    expect(sameTarget(null, null)).toBe(true);
  });

  it('does not notify for an unchanged hover', () => {
    let n = 0;
    const unsub = useSelectionStore.subscribe(() => n++);
    const h = { target: { kind: 'area' as const, level: 'bez' as const, id: '01' }, x: 1, y: 2 };
    useSelectionStore.getState().setHover(h);
    useSelectionStore.getState().setHover({ ...h, target: { ...h.target } });
    useSelectionStore.getState().setHover(null);
    unsub();
    expect(n).toBe(2);
  });
});
