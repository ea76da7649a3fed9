import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputWriter, removeStaleTemps, swapInto, tempDirFor } from '../../../scripts/data/output';
import { tempDir } from './helpers';

describe('atomic output', () => {
  let dir = '';
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('swaps a new folder in and removes the old one', () => {
    dir = tempDir();
    const out = join(dir, 'data');
    mkdirSync(out);
    writeFileSync(join(out, 'old.txt'), 'old');
    const tmp = tempDirFor(out, 'build');
    expect(tmp.startsWith(join(dir, '.data-tmp-'))).toBe(true);
    const w = new OutputWriter(tmp);
    const f = w.writeCsv('tables/t.csv', ['plr_id', 'name'], [{ plr_id: '01100101', name: 'A, B' }]);
    expect(f).toMatchObject({ path: 'tables/t.csv', rows: 1, bytes: 28 });
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    swapInto(tmp, out);
    expect(readdirSync(dir)).toEqual(['data']);
    expect(existsSync(join(out, 'old.txt'))).toBe(false);
    expect(readFileSync(join(out, 'tables/t.csv'), 'utf8')).toBe('plr_id,name\n01100101,"A, B"\n');
  });

  it('removes temp folders of killed runs but not those of running processes', () => {
    dir = tempDir();
    const out = join(dir, 'data');
    const dead = join(dir, '.data-tmp-4194305-build'); // above Linux pid_max: no such process
    const mine = tempDirFor(out, 'build');
    mkdirSync(dead);
    mkdirSync(mine);
    mkdirSync(join(dir, 'other'));
    expect(removeStaleTemps(out)).toEqual(['.data-tmp-4194305-build']);
    expect(readdirSync(dir).sort()).toEqual([mine.slice(dir.length + 1), 'other'].sort());
  });
});
