/**
 * Imported datasets (user files next to the default data): list, show/hide, rename, remove,
 * progress and cancel of the running import, the last report.
 *
 * For the map: each dataset carries `positions` (all point positions of coordinate-placed data as
 * interleaved lon/lat Float32Array, for binary deck.gl attributes), `features` (other geometries as a
 * GeoJSON FeatureCollection in WGS84, capped; see `featuresTotal`), `keyed` (tables attached by LOR ID / BSN), plus `id`, `name`, `visible`.
 */
import { create } from 'zustand';
import { AREA_FILES, dataUrl } from '../datasets/registry';
import type { CrsId } from '../io/crs';
import type { ImportJoin, ImportPayload } from '../io/payload';
import type { ColumnOverride, ImportPhase } from '../io/types';
import {
  ImportCancelledError,
  type ImportJob,
  prepareImportWorker,
  startImport,
} from '../worker/importClient';

export interface ImportedDataset extends ImportPayload {
  id: string;
  name: string;
  visible: boolean;
  /** How it was imported (to re-import with column overrides, another sheet or CRS). */
  origin: { name: string; file?: Blob; url?: string; sheet?: string | number; crs?: CrsId };
}

export interface ImportProgress {
  fileName: string;
  fraction: number;
  phase: ImportPhase;
}

export interface ImportState {
  datasets: ImportedDataset[];
  progress: ImportProgress | null;
  /** Message of the last failed import (network error, refused file …). */
  error: string | null;
  /** Id of the dataset whose report is shown (the last import). */
  lastReportId: string | null;
  /** The last import, also when nothing usable was read (then it is not in `datasets`). */
  lastResult: ImportedDataset | null;
  /**
   * Point datasets joined to the Planungsräume (by dataset id), filled in by the worker after the report
   * is shown. Kept apart from `datasets` so that the map does not rebuild its layers when a join arrives.
   */
  joins: Record<string, ImportJoin>;
  importFile: (
    file: File | Blob,
    name?: string,
    opts?: { sheet?: string | number; crs?: CrsId },
  ) => Promise<void>;
  importUrl: (url: string) => Promise<void>;
  /** Re-run the import of `id` with column overrides / sheet / CRS (replaces it in place). */
  reimport: (
    id: string,
    opts: { overrides?: Record<string, ColumnOverride>; sheet?: string | number; crs?: CrsId },
  ) => Promise<void>;
  cancel: () => void;
  /**
   * The user is about to import (points at the import area, drags a file over the page …): the next
   * import's worker is made now (importClient.prepareImportWorker).
   */
  prepare: () => void;
  setVisible: (id: string, visible: boolean) => void;
  rename: (id: string, name: string) => void;
  remove: (id: string) => void;
  showReport: (id: string | null) => void;
  clearError: () => void;
}

let job: ImportJob | null = null;

function nameFromUrl(url: string): string {
  try {
    const p = new URL(url).pathname.split('/').filter(Boolean).pop();
    return p ? decodeURIComponent(p) : 'download.csv';
  } catch {
    return 'download.csv';
  }
}

export const useImportStore = create<ImportState>((set, get) => {
  async function run(
    origin: ImportedDataset['origin'],
    overrides: Record<string, ColumnOverride> | undefined,
    replaceId: string | null,
  ): Promise<void> {
    job?.cancel();
    set({ progress: { fileName: origin.name, fraction: 0, phase: 'decode' }, error: null });
    // point data is joined to the Planungsräume in the worker after the report is shown
    let joinedId: string | null = null;
    const onJoin = (join: ImportJoin | null) => {
      if (!join || !joinedId) return;
      const id = joinedId;
      set((s) =>
        // removed (or replaced) in the meantime: nothing to attach it to
        s.datasets.some((d) => d.id === id) || s.lastResult?.id === id
          ? { joins: { ...s.joins, [id]: join } }
          : {},
      );
    };
    const current = startImport(
      {
        name: origin.name,
        file: origin.file,
        url: origin.url,
        sheet: origin.sheet,
        crs: origin.crs,
        overrides,
        plrTopoUrl: dataUrl(AREA_FILES.plr),
      },
      (fraction, phase) => {
        if (job === current) set({ progress: { fileName: origin.name, fraction, phase } });
      },
      onJoin,
    );
    job = current;
    try {
      const payload = await current.promise;
      if (job !== current) return;
      const prev = replaceId ? get().datasets.find((d) => d.id === replaceId) : undefined;
      const ds: ImportedDataset = {
        ...payload,
        id: prev?.id ?? payload.dataset.id,
        name: prev?.name ?? payload.dataset.name,
        visible: prev?.visible ?? true,
        origin,
      };
      joinedId = ds.id;
      const usable = payload.report.rowsUsed > 0;
      set((s) => {
        let datasets = s.datasets;
        if (prev) datasets = usable ? datasets.map((d) => (d.id === prev.id ? ds : d)) : datasets;
        else if (usable) datasets = [...datasets, ds];
        return { datasets, progress: null, lastReportId: ds.id, lastResult: ds };
      });
    } catch (e) {
      if (job !== current) return;
      set({ progress: null, error: e instanceof ImportCancelledError ? null : (e as Error).message });
    } finally {
      if (job === current) job = null;
    }
  }

  return {
    datasets: [],
    progress: null,
    error: null,
    lastReportId: null,
    lastResult: null,
    joins: {},
    importFile: (file, name, opts) =>
      run(
        { name: name ?? (file as File).name ?? 'datei.csv', file, sheet: opts?.sheet, crs: opts?.crs },
        undefined,
        null,
      ),
    importUrl: (url) => run({ name: nameFromUrl(url), url }, undefined, null),
    reimport: (id, opts) => {
      const d =
        get().datasets.find((x) => x.id === id) ?? (get().lastResult?.id === id ? get().lastResult : null);
      if (!d) return Promise.resolve();
      const origin = { ...d.origin, sheet: opts.sheet ?? d.origin.sheet, crs: opts.crs ?? d.origin.crs };
      const inList = get().datasets.some((x) => x.id === id);
      return run(origin, opts.overrides, inList ? id : null);
    },
    prepare: () => {
      if (!get().progress) prepareImportWorker();
    },
    cancel: () => {
      job?.cancel();
      job = null;
      set({ progress: null });
    },
    setVisible: (id, visible) =>
      set((s) => ({ datasets: s.datasets.map((d) => (d.id === id ? { ...d, visible } : d)) })),
    rename: (id, name) => {
      const n = name.trim();
      if (!n) return;
      set((s) => ({ datasets: s.datasets.map((d) => (d.id === id ? { ...d, name: n } : d)) }));
    },
    remove: (id) =>
      set((s) => ({
        datasets: s.datasets.filter((d) => d.id !== id),
        lastReportId: s.lastReportId === id ? null : s.lastReportId,
        lastResult: s.lastResult?.id === id ? null : s.lastResult,
        joins: Object.fromEntries(Object.entries(s.joins).filter(([k]) => k !== id)),
      })),
    showReport: (id) => set({ lastReportId: id }),
    clearError: () => set({ error: null }),
  };
});
