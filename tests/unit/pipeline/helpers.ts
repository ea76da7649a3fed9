import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const MINI = join(REPO, 'tests', 'unit', 'fixtures', 'pipeline', 'mini');
export const SOURCES = join(REPO, 'data', 'sources.json');

/** A fresh temp dir; `copyMini` copies the mini source folder into `<dir>/src` so a test may damage it. */
export function tempDir(prefix = 'pipeline-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function copyMini(dir: string): string {
  const src = join(dir, 'src');
  cpSync(MINI, src, { recursive: true });
  return src;
}

export function readCsvOut(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  }).data;
}

export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
