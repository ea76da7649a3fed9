/** ZIP packaging (fflate): data files + the companion note in one download. */
import { strToU8, type Zippable, zipSync } from 'fflate';

export const ZIP_MIME = 'application/zip';

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

/**
 * Zip the entries (strings are UTF-8 encoded). `mtime` fixes the entry timestamps (reproducible archives).
 * Duplicate names are an error.
 */
export function zipFiles(entries: ZipEntry[], mtime: Date = new Date()): Uint8Array {
  const files: Zippable = {};
  for (const e of entries) {
    if (e.name in files) throw new Error(`ZIP export: duplicate file name ${e.name}`);
    const bytes = typeof e.data === 'string' ? strToU8(e.data) : e.data;
    files[e.name] = [bytes, { mtime, level: 6 }];
  }
  return zipSync(files);
}
