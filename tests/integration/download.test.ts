/**
 * `npm run data -- --download --base-url http://127.0.0.1:PORT` against a local server that serves the
 * ../shared files at the URL paths and queries of data/sources.json, the way the portals would.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltManifest } from '../../scripts/data/build';
import type { SourceEntry } from '../../scripts/data/sources';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SHARED = resolve(REPO, '..', 'shared', 'data', 'berlin');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

interface Route {
  file: string;
  type: string;
}
type Fault = { status: number; type: string; body: string };

function contentType(s: SourceEntry, url: URL): string {
  const format = s.download?.format ?? s.format;
  if (format === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (url.hostname === 'raw.githubusercontent.com') return 'text/plain; charset=utf-8';
  if (format === 'geojson') return 'application/json;charset=UTF-8';
  return 'text/csv; charset=utf-8';
}

/** Run the CLI without blocking this process (the server must keep answering). */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(TSX, ['scripts/build-data.ts', ...args], { cwd: REPO }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(!existsSync(SHARED))('npm run data -- --download (local mirror)', () => {
  const routes = new Map<string, Route>();
  const faults = new Map<string, Fault>();
  const requested: string[] = [];
  let server: Server;
  let base: string;
  let tmp: string;
  let out: string;
  let ref: string;
  const sources = JSON.parse(readFileSync(join(REPO, 'data', 'sources.json'), 'utf8'))
    .sources as SourceEntry[];
  const keyOf = (u: URL) => `${u.pathname}${u.search}`;
  const pathOf = (id: string) => keyOf(new URL(sources.find((s) => s.id === id)!.url));

  beforeAll(async () => {
    for (const s of sources) {
      const u = new URL(s.url);
      routes.set(keyOf(u), { file: join(SHARED, s.download?.file ?? s.file), type: contentType(s, u) });
    }
    server = createServer((req, res) => {
      const key = keyOf(new URL(req.url ?? '/', 'http://127.0.0.1'));
      requested.push(key);
      const fault = faults.get(key);
      const route = routes.get(key);
      if (fault) {
        res.writeHead(fault.status, { 'content-type': fault.type });
        res.end(fault.body);
      } else if (route) {
        res.writeHead(200, { 'content-type': route.type });
        res.end(readFileSync(route.file));
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><body>Not found</body></html>');
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tmp = mkdtempSync(join(tmpdir(), 'pipeline-dl-'));
    out = join(tmp, 'public', 'data');
    ref = join(tmp, 'data', 'reference');
  });
  afterAll(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads every source from the mirror and builds the same data', async () => {
    const r = await runCli(['--download', '--base-url', base, '--out', out, '--reference', ref]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(new Set(requested)).toEqual(new Set(routes.keys()));
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BuiltManifest;
    expect(m.source).toEqual({ mode: 'download', location: base });
    expect(m.counts).toMatchObject({
      bez: 12,
      pgr: 58,
      bzr: 143,
      plr: 542,
      schools: 902,
      youth: 407,
      kitas: 2880,
    });
    for (const s of m.sources) expect(s.url.startsWith(`${base}/`)).toBe(true);
    // the LOR names came from the official workbook (converted from xlsx)
    const plr = JSON.parse(readFileSync(join(ref, 'plr.geojson'), 'utf8'));
    expect(plr.features[0].properties).toMatchObject({
      id: '01100101',
      name: 'Stülerstraße',
      bez_name: 'Mitte',
    });
    const kitas = readFileSync(join(out, 'institutions/kitas.csv'), 'utf8').trim().split('\n');
    expect(kitas).toHaveLength(2881);
    expect(readdirSync(join(tmp, 'public'))).toEqual(['data']);
  });

  it('fails clearly on an HTTP 500 error page and keeps the previous output', async () => {
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    faults.set(pathOf('kitas'), {
      status: 500,
      type: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html><body><h1>Interner Serverfehler</h1></body></html>',
    });
    const r = await runCli(['--download', '--base-url', base, '--out', out]);
    faults.clear();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Data build failed: kitas <http:\/\/127\.0\.0\.1:\d+\/services\/wfs\/kita\?.*>: HTTP 500 .*Interner Serverfehler/,
    );
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(tmp, 'public'))).toEqual(['data']);
  });

  it('fails clearly when the portal answers 200 with an HTML page instead of GeoJSON', async () => {
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    faults.set(pathOf('esb'), {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html><head><title>Geoportal</title></head><body>Wartungsarbeiten</body></html>',
    });
    const r = await runCli(['--download', '--base-url', base, '--out', out]);
    faults.clear();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/esb <.*schulen_esb.*>: expected GeoJSON but the server sent an HTML page/);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(tmp, 'public'))).toEqual(['data']);
  });
});
