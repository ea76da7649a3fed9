import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PIPELINE_VERSION, staleReason } from '../../../scripts/data/version';
import { tempDir } from './helpers';

describe('staleReason (ensure-data)', () => {
  let dir = '';
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('asks for a build when the manifest is missing, unreadable or from another pipeline version', () => {
    dir = tempDir();
    const out = join(dir, 'data');
    expect(staleReason(out)).toMatch(/manifest\.json is missing$/);
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{not json');
    expect(staleReason(out)).toMatch(/^manifest\.json is unreadable/);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ generatedAt: 'x' }));
    expect(staleReason(out)).toBe(`built by pipeline version unknown, current is ${PIPELINE_VERSION}`);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ pipelineVersion: PIPELINE_VERSION - 1 }));
    expect(staleReason(out)).toBe(
      `built by pipeline version ${PIPELINE_VERSION - 1}, current is ${PIPELINE_VERSION}`,
    );
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ pipelineVersion: PIPELINE_VERSION }));
    expect(staleReason(out)).toBeNull();
  });

  it('asks for a build when a file listed in the manifest is missing (served or reference folder)', () => {
    dir = tempDir();
    const out = join(dir, 'data');
    const ref = join(dir, 'reference');
    mkdirSync(join(out, 'areas'), { recursive: true });
    mkdirSync(ref);
    const manifest = {
      pipelineVersion: PIPELINE_VERSION,
      datasets: [{ files: [{ path: 'areas/plr.topo.json' }] }],
      reference: [{ path: 'plr.geojson' }],
    };
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
    expect(staleReason(out)).toBe(`${join(out, 'areas/plr.topo.json')} is missing`);
    writeFileSync(join(out, 'areas/plr.topo.json'), '{}');
    expect(staleReason(out)).toBeNull();
    // the reference folder is only checked when asked for (ensure-data does)
    expect(staleReason(out, ref)).toBe(`${join(ref, 'plr.geojson')} is missing`);
    writeFileSync(join(ref, 'plr.geojson'), '{}');
    expect(staleReason(out, ref)).toBeNull();
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, reference: undefined }));
    expect(staleReason(out, ref)).toBe(`no reference geometry was written to ${ref}`);
  });
});
