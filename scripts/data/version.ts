import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the output format or content rules change: `ensure-data` rebuilds older outputs. */
export const PIPELINE_VERSION = 2;

/** Why the data folder needs a (re)build, or null when it is current. */
export function staleReason(outDir: string): string | null {
  const path = join(outDir, 'manifest.json');
  if (!existsSync(path)) return `${path} is missing`;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as { pipelineVersion?: unknown };
    if (m.pipelineVersion !== PIPELINE_VERSION) {
      return `built by pipeline version ${String(m.pipelineVersion ?? 'unknown')}, current is ${PIPELINE_VERSION}`;
    }
  } catch (e) {
    return `manifest.json is unreadable (${(e as Error).message})`;
  }
  return null;
}
