/** Messages between the main thread (importClient.ts) and import.worker.ts. */
import type { CrsId } from '../io/crs';
import type { ImportPayload } from '../io/payload';
import type { ColumnOverride, ImportPhase } from '../io/types';

/** Objects per 'part' message. */
export const PART_SIZE = 500;

export interface ImportWorkerRequest {
  name: string;
  file?: Blob;
  url?: string;
  sheet?: string | number;
  overrides?: Record<string, ColumnOverride>;
  crs?: CrsId;
}

export type ImportWorkerResponse =
  | { type: 'progress'; fraction: number; phase: ImportPhase }
  /** Features / keyed rows in slices, so that no single message blocks the main thread while it is deserialised. */
  | {
      type: 'part';
      features?: ImportPayload['features']['features'];
      keyed?: NonNullable<ImportPayload['keyed']>['rows'];
    }
  | { type: 'done'; payload: ImportPayload }
  | { type: 'error'; message: string };
