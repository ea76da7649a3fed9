import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
  rows?: number;
  features?: number;
}

/** Writes files into a (temporary) folder and records size and hash of each. */
export class OutputWriter {
  readonly files = new Map<string, WrittenFile>();
  constructor(readonly dir: string) {}

  write(rel: string, text: string, counts: { rows?: number; features?: number } = {}): WrittenFile {
    const full = join(this.dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    const buf = Buffer.from(text, 'utf8');
    writeFileSync(full, buf);
    const f: WrittenFile = {
      path: rel,
      bytes: buf.length,
      sha256: createHash('sha256').update(buf).digest('hex'),
      ...counts,
    };
    this.files.set(rel, f);
    return f;
  }

  writeJson(rel: string, value: unknown, counts: { rows?: number; features?: number } = {}): WrittenFile {
    return this.write(rel, JSON.stringify(value), counts);
  }

  writeCsv(rel: string, columns: readonly string[], rows: Record<string, string>[]): WrittenFile {
    const text = Papa.unparse(
      { fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? '')) },
      { newline: '\n', quotes: false },
    );
    return this.write(rel, `${text}\n`, { rows: rows.length });
  }
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Temp folder next to the output (same filesystem → atomic rename), ignored by git (`.data-tmp*`). */
export function tempDirFor(outDir: string, tag: string): string {
  return join(dirname(outDir), `.data-tmp-${process.pid}-${tag}`);
}

/** Replace `outDir` by `newDir`: rename the old folder away, rename the new one in, delete the old one. */
export function swapInto(newDir: string, outDir: string): void {
  const old = tempDirFor(outDir, `old-${Date.now()}`);
  const hadOld = existsSync(outDir);
  if (hadOld) renameSync(outDir, old);
  try {
    renameSync(newDir, outDir);
  } catch (e) {
    if (hadOld) renameSync(old, outDir);
    throw e;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Total raw and gzip size of a folder. */
export function folderSizes(dir: string): { raw: number; gzip: number; files: number } {
  let raw = 0;
  let gzip = 0;
  const files = listFiles(dir);
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 6 }).length;
  }
  return { raw, gzip, files: files.length };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence probe only
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temp folders next to `outDir` left by earlier runs that were killed (their process is gone). */
export function removeStaleTemps(outDir: string): string[] {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const m = /^\.data-tmp-(\d+)-/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export const isTempName = (p: string) => basename(p).startsWith('.data-tmp-');
