import { create } from 'zustand';
import { AREA_FILES, dataUrl, INSTITUTION_FILES, MANIFEST_FILE } from '../datasets/registry';
import type { Areas, InstitutionSet } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import type { ImportIssue, InstitutionKind, Manifest } from '../domain/types';
import { getDataClient } from '../worker/dataClient';
import { markTiming } from './perf';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DataState {
  /** Status of the manifest (the entry point of the default dataset). */
  status: LoadStatus;
  /** Messages of failed loads (file name first), newest last. */
  errors: string[];
  manifest: Manifest | null;
  areas: Partial<Record<LorLevel, Areas>>;
  areaStatus: Partial<Record<LorLevel, LoadStatus>>;
  institutions: Partial<Record<InstitutionKind, InstitutionSet>>;
  institutionStatus: Partial<Record<InstitutionKind, LoadStatus>>;
  /** Rows read but not used (or used with a warning), from every loaded file. */
  issues: ImportIssue[];
  loadManifest: () => Promise<void>;
  ensureAreas: (level: LorLevel) => Promise<void>;
  ensureInstitutions: (kind: InstitutionKind) => Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useDataStore = create<DataState>((set, get) => ({
  status: 'idle',
  errors: [],
  manifest: null,
  areas: {},
  areaStatus: {},
  institutions: {},
  institutionStatus: {},
  issues: [],

  loadManifest: async () => {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading' });
    try {
      const manifest = await getDataClient().loadManifest(dataUrl(MANIFEST_FILE), MANIFEST_FILE);
      set({ manifest, status: 'ready' });
      markTiming('manifest');
    } catch (e) {
      set((s) => ({ status: 'error', errors: [...s.errors, message(e)] }));
    }
  },

  ensureAreas: async (level) => {
    const st = get().areaStatus[level];
    if (st === 'loading' || st === 'ready') return;
    set((s) => ({ areaStatus: { ...s.areaStatus, [level]: 'loading' } }));
    const file = AREA_FILES[level];
    try {
      const { value, issues } = await getDataClient().loadAreas(dataUrl(file), file);
      set((s) => ({
        areas: { ...s.areas, [level]: value },
        areaStatus: { ...s.areaStatus, [level]: 'ready' },
        issues: [...s.issues, ...issues],
      }));
      markTiming(`areas:${level}`);
    } catch (e) {
      set((s) => ({ areaStatus: { ...s.areaStatus, [level]: 'error' }, errors: [...s.errors, message(e)] }));
    }
  },

  ensureInstitutions: async (kind) => {
    const st = get().institutionStatus[kind];
    if (st === 'loading' || st === 'ready') return;
    set((s) => ({ institutionStatus: { ...s.institutionStatus, [kind]: 'loading' } }));
    const file = INSTITUTION_FILES[kind];
    try {
      const { value, issues } = await getDataClient().loadInstitutions(kind, dataUrl(file), file);
      set((s) => ({
        institutions: { ...s.institutions, [kind]: value },
        institutionStatus: { ...s.institutionStatus, [kind]: 'ready' },
        issues: [...s.issues, ...issues],
      }));
      markTiming(`institutions:${kind}`);
    } catch (e) {
      set((s) => ({
        institutionStatus: { ...s.institutionStatus, [kind]: 'error' },
        errors: [...s.errors, message(e)],
      }));
    }
  },
}));
