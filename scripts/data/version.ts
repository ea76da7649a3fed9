import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bump when the output format or content rules change: `ensure-data` rebuilds older outputs.
 * 3: full-resolution LOR/ESB GeoJSON moved out of the served folder into the reference folder (data/reference).
 */
export const PIPELINE_VERSION = 3;

interface ManifestFiles {
  pipelineVersion?: unknown;
  datasets?: { files?: { path?: unknown }[] }[];
  reference?: { path?: unknown }[];
}

/**
 * Why the data folder (and, when given, the reference folder) needs a (re)build, or null when it is current:
 * manifest missing or unreadable, another pipeline version, or a file the manifest lists missing.
 */
export function staleReason(outDir: string, referenceDir?: string): string | null {
  const path = join(outDir, 'manifest.json');
  if (!existsSync(path)) return `${path} is missing`;
  let m: ManifestFiles;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as ManifestFiles;
  } catch (e) {
    return `manifest.json is unreadable (${(e as Error).message})`;
  }
  if (m.pipelineVersion !== PIPELINE_VERSION) {
    return `built by pipeline version ${String(m.pipelineVersion ?? 'unknown')}, current is ${PIPELINE_VERSION}`;
  }
  for (const d of m.datasets ?? []) {
    for (const f of d.files ?? []) {
      if (typeof f.path === 'string' && !existsSync(join(outDir, f.path))) {
        return `${join(outDir, f.path)} is missing`;
      }
    }
  }
  if (referenceDir !== undefined) {
    if (!m.reference || m.reference.length === 0)
      return `no reference geometry was written to ${referenceDir}`;
    for (const f of m.reference) {
      if (typeof f.path === 'string' && !existsSync(join(referenceDir, f.path))) {
        return `${join(referenceDir, f.path)} is missing`;
      }
    }
  }
  return null;
}
