import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { PipelineError } from './errors';
import { rebaseUrl, type SourceEntry } from './sources';

export interface DownloadResult {
  id: string;
  url: string;
  bytes: number;
  contentType: string;
}

function snippet(buf: Buffer): string {
  return buf
    .subarray(0, 400)
    .toString('utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

/** Check that a response body is what the entry expects (portals answer errors with HTML or XML pages, sometimes with 200). */
export function checkBody(
  label: string,
  format: SourceEntry['format'],
  contentType: string,
  body: Buffer,
): void {
  const head = body
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const ct = contentType.toLowerCase();
  if (body.length === 0) throw new PipelineError(label, 'download returned an empty body');
  if (format === 'xlsx') {
    if (body[0] !== 0x50 || body[1] !== 0x4b) {
      throw new PipelineError(
        label,
        `expected an Excel workbook but got ${ct || 'unknown content'}: "${snippet(body)}"`,
      );
    }
    return;
  }
  const isMarkup = head.startsWith('<') || ct.includes('text/html') || ct.includes('xml');
  if (isMarkup) {
    throw new PipelineError(
      label,
      `expected ${format === 'geojson' ? 'GeoJSON' : 'CSV'} but the server sent ${ct.includes('html') || /^<!doctype|^<html/i.test(head) ? 'an HTML page' : 'XML (WFS exception?)'} (content-type ${ct || 'none'}): "${snippet(body)}"`,
    );
  }
  if (format === 'geojson' && !head.startsWith('{')) {
    throw new PipelineError(
      label,
      `expected GeoJSON (JSON object) but got content-type ${ct || 'none'}: "${snippet(body)}"`,
    );
  }
}

async function xlsxToCsv(body: Buffer, sheet: string, label: string): Promise<string> {
  let rows: unknown[][];
  try {
    const sheets = (await readXlsxFile(body)) as unknown as { sheet: string; data: unknown[][] }[];
    const s = sheets.find((x) => x.sheet === sheet);
    if (!s) throw new Error(`sheet "${sheet}" not found (sheets: ${sheets.map((x) => x.sheet).join(', ')})`);
    rows = s.data;
  } catch (e) {
    throw new PipelineError(label, `cannot read workbook: ${(e as Error).message}`);
  }
  const text = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  return Papa.unparse(text, { newline: '\n', quotes: true });
}

/** Fetch every source into `rawDir/<entry.file>` (xlsx sheets converted to CSV). Never writes elsewhere. */
export async function downloadSources(
  sources: SourceEntry[],
  rawDir: string,
  opts: { baseUrl?: string; log?: (s: string) => void; concurrency?: number; timeoutMs?: number } = {},
): Promise<DownloadResult[]> {
  const queue = [...sources];
  const results: DownloadResult[] = [];
  // On the first failure: abort the other requests and let every worker stop before reporting,
  // so nothing is written into rawDir after the caller cleaned it up.
  const abort = new AbortController();
  const worker = async () => {
    for (let s = queue.shift(); s && !abort.signal.aborted; s = queue.shift()) {
      const url = rebaseUrl(s.url, opts.baseUrl);
      const label = `${s.id} <${url}>`;
      const format = s.download?.format ?? s.format;
      let res: Response;
      try {
        res = await fetch(url, {
          signal: AbortSignal.timeout(opts.timeoutMs ?? 180_000),
          redirect: 'follow',
        });
      } catch (e) {
        throw new PipelineError(label, `download failed: ${(e as Error).message}`);
      }
      let body: Buffer;
      try {
        body = Buffer.from(await res.arrayBuffer());
      } catch (e) {
        throw new PipelineError(label, `download failed: ${(e as Error).message}`);
      }
      const ct = res.headers.get('content-type') ?? '';
      if (!res.ok) throw new PipelineError(label, `HTTP ${res.status} ${res.statusText}: "${snippet(body)}"`);
      checkBody(label, format, ct, body);
      const target = join(rawDir, s.file);
      mkdirSync(dirname(target), { recursive: true });
      if (format === 'xlsx' && s.format === 'csv') {
        writeFileSync(target, await xlsxToCsv(body, s.download?.sheet ?? '', label));
      } else {
        writeFileSync(target, body);
      }
      opts.log?.(`  ↓ ${s.id} ${(body.length / 1024).toFixed(0)} KiB`);
      results.push({ id: s.id, url, bytes: body.length, contentType: ct });
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(opts.concurrency ?? 4, sources.length) }, () =>
      worker().catch((e: unknown) => {
        abort.abort();
        throw e;
      }),
    ),
  );
  // Report the first real failure (not the requests aborted because of it).
  const failures = settled
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason);
  if (failures.length > 0)
    throw failures.find((e) => !/aborted/i.test(String((e as Error).message))) ?? failures[0];
  return results;
}
