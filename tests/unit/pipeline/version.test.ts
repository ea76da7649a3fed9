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
});
