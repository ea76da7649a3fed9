import { beforeEach, describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/io/importFile';
import { buildPayload } from '../../../src/io/payload';
import { useImportStore } from '../../../src/state/importStore';
import { setImportWorkerFactory } from '../../../src/worker/importClient';
import type {
  ImportWorkerJoin,
  ImportWorkerRequest,
  ImportWorkerResponse,
} from '../../../src/worker/importProtocol';
import { fixture } from './helpers';

/** Runs the worker's job in-process with the same messages (progress, part, done/error). */
class FakeWorker {
  onmessage: ((ev: MessageEvent<ImportWorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  /** The join starts when the client asks for it (after showing the result), as in import.worker.ts. */
  private joinAsked: () => void = () => {};
  private readonly joinStart = new Promise<void>((ok) => {
    this.joinAsked = ok;
  });
  terminate() {
    this.terminated = true;
  }
  postMessage(req: ImportWorkerRequest | ImportWorkerJoin) {
    if ('join' in req) {
      this.joinAsked();
      return;
    }
    const send = (m: ImportWorkerResponse) => {
      if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<ImportWorkerResponse>);
    };
    void (async () => {
      const bytes = new Uint8Array(await (req.file as Blob).arrayBuffer());
      const r = await importBytes(bytes, {
        fileName: req.name,
        sheet: req.sheet,
        overrides: req.overrides,
        crs: req.crs,
        onProgress: (fraction, phase) => send({ type: 'progress', fraction, phase }),
      });
      const p = buildPayload(r);
      send({ type: 'part', features: p.features.features });
      p.features = { type: 'FeatureCollection', features: [] };
      const joinPending = !!(req.plrTopoUrl && p.positions?.length);
      send({ type: 'done', payload: p, joinPending, timing: { readMs: 0, importMs: 0, payloadMs: 0 } });
      if (joinPending) {
        await this.joinStart;
        const n = (p.positions as Float32Array).length / 2;
        send({
          type: 'joined',
          join: {
            plrIds: ['01100101', '01100102'],
            counts: Int32Array.of(n - 1, 0),
            outside: 1,
            points: n,
            ms: 1,
          },
        });
      }
    })();
  }
}

beforeEach(() => {
  setImportWorkerFactory(() => new FakeWorker() as unknown as Worker);
  useImportStore.setState({
    datasets: [],
    lastResult: null,
    lastReportId: null,
    error: null,
    progress: null,
    joins: {},
  });
});

const blob = (name: string) => new Blob([fixture(name) as BlobPart]);

describe('importStore', () => {
  it('adds a usable import as a visible dataset with WGS84 features, then hide/rename/remove', async () => {
    await useImportStore
      .getState()
      .importFile(blob('schulen_win1252_25833.csv'), 'schulen_win1252_25833.csv');
    const s = useImportStore.getState();
    expect(s.progress).toBeNull();
    expect(s.datasets).toHaveLength(1);
    const d = s.datasets[0];
    expect(d).toMatchObject({ name: 'schulen_win1252_25833', visible: true, featuresTotal: 4 });
    // points placed by coordinates come as positions only (all of them; no GeoJSON objects)
    expect(d.features.features).toHaveLength(0);
    expect(d.positions).toHaveLength(8);
    const [lon, lat] = d.positions ?? [];
    expect(lon).toBeCloseTo(13.6448, 5); // float32: ~0.5 m
    expect(lat).toBeCloseTo(52.4387, 5);
    expect(d.preview.rows[0][d.preview.header.indexOf('Schulname')]).toBe('Grundschule am Müggelsee');
    expect(s.lastReportId).toBe(d.id);

    s.setVisible(d.id, false);
    s.rename(d.id, '  Schulen  ');
    expect(useImportStore.getState().datasets[0]).toMatchObject({ visible: false, name: 'Schulen' });
    s.rename(d.id, '   ');
    expect(useImportStore.getState().datasets[0].name).toBe('Schulen');
    s.remove(d.id);
    expect(useImportStore.getState().datasets).toHaveLength(0);
  });

  it('point data: the join to the Planungsräume arrives after the dataset, apart from it; removed with it', async () => {
    const factory = (): Worker => new FakeWorker() as unknown as Worker;
    let last: FakeWorker | null = null;
    setImportWorkerFactory(() => {
      last = factory() as unknown as FakeWorker;
      return last as unknown as Worker;
    });
    await useImportStore
      .getState()
      .importFile(blob('schulen_win1252_25833.csv'), 'schulen_win1252_25833.csv');
    const d = useImportStore.getState().datasets[0];
    expect(useImportStore.getState().joins[d.id]).toBeUndefined();
    expect((last as FakeWorker | null)?.terminated).toBe(false); // alive until the join is sent
    await expect.poll(() => useImportStore.getState().joins[d.id]).toBeDefined();
    const j = useImportStore.getState().joins[d.id];
    expect(j.points).toBe(4);
    expect(j.outside).toBe(1);
    expect(Array.from(j.counts)).toEqual([3, 0]);
    expect((last as FakeWorker | null)?.terminated).toBe(true);
    expect(useImportStore.getState().datasets[0]).toBe(d); // the datasets list is not touched by the join
    useImportStore.getState().remove(d.id);
    expect(useImportStore.getState().joins).toEqual({});
  });

  it('an unusable file is reported but not listed; overrides make it usable', async () => {
    await useImportStore.getState().importFile(blob('no_location.csv'), 'no_location.csv');
    let s = useImportStore.getState();
    expect(s.datasets).toHaveLength(0);
    expect(s.lastResult?.report.rowsUsed).toBe(0);
    const id = s.lastResult?.id as string;
    // there is no location column in that file, so instead import a table with a lat/lon pair named oddly
    await useImportStore.getState().importFile(new Blob(['a;b;c\nX;52,5;13,4\nY;52,51;13,41\n']), 'odd.csv');
    s = useImportStore.getState();
    expect(id).not.toBe(s.lastResult?.id);
    expect(s.datasets).toHaveLength(1); // found by value ranges
    const d = s.datasets[0];
    await s.reimport(d.id, { overrides: { b: { role: 'none' }, c: { role: 'none' } } });
    s = useImportStore.getState();
    expect(s.datasets).toHaveLength(1); // not usable any more: the old version stays
    expect(s.lastResult?.report.rowsUsed).toBe(0);
  });

  it('a worker made ahead (prepare) is the one the next import uses; one at a time, none while importing', async () => {
    const made: FakeWorker[] = [];
    setImportWorkerFactory(() => {
      const w = new FakeWorker();
      made.push(w);
      return w as unknown as Worker;
    });
    const s = useImportStore.getState();
    s.prepare();
    s.prepare();
    expect(made).toHaveLength(1); // a second call keeps the waiting one
    const running = s.importFile(blob('schulen_win1252_25833.csv'), 'schulen_win1252_25833.csv');
    expect(made).toHaveLength(1); // the import took the prepared worker
    s.prepare();
    expect(made).toHaveLength(1); // not while an import runs
    await running;
    expect(useImportStore.getState().datasets).toHaveLength(1);
    // the next one is made when the user shows the next import is coming, and not terminated meanwhile
    s.prepare();
    expect(made).toHaveLength(2);
    expect(made[1].terminated).toBe(false);
    // replacing the factory (tests) drops a waiting worker
    setImportWorkerFactory(() => new FakeWorker() as unknown as Worker);
    expect(made[1].terminated).toBe(true);
  });

  it('XLSX: re-import with another sheet replaces the dataset in place', async () => {
    await useImportStore
      .getState()
      .importFile(blob('kitas_two_sheets.xlsx'), 'kitas.xlsx', { sheet: 'Daten' });
    const d = useImportStore.getState().datasets[0];
    useImportStore.getState().rename(d.id, 'Kitas');
    await useImportStore.getState().reimport(d.id, { sheet: 2, crs: 'EPSG:4326' });
    const after = useImportStore.getState().datasets;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: d.id, name: 'Kitas' });
    expect(after[0].location.crsSource).toBe('override');
  });
});
