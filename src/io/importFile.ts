/**
 * The import pipeline: bytes → ImportResult {dataset, columns, values, locations, report}.
 * Pure TypeScript: runs in the browser worker, the CLI and tests alike.
 */
import type { Geometry, Position } from 'geojson';
import { type LorLevel, repairLorId } from '../domain/lor';
import {
  type DetectedColumn,
  detectColumn,
  normalizeDate,
  normalizeName,
  parseBoolean,
  sampleColumn,
} from './columns';
import { CRS_LABEL, type CrsId, detectCrs, insideBerlin, parseCrsName, toWgs84 } from './crs';
import {
  type CellEncoding,
  detectDialect,
  excelSepHint,
  leadingTitleLines,
  NeedWhole,
  type ParseCallbacks,
  parseDelimited,
  parseDelimitedBytes,
  parseDelimitedBytesSplit,
  type RawTable,
  type TailJob,
  type TailTable,
} from './csv';
import {
  asciiCut,
  type ByteCheck,
  checkBytes,
  decodeHead,
  decodeText,
  guessEncoding,
  sniffBytes,
  utf8Verdict,
} from './encoding';
import { eachPosition, looksLikeJson, readGeoJson } from './geojson';
import { type DecimalSeparator, makeNumberParser, numberEvidence } from './numbers';
import { ReportBuilder } from './report';
import { arrayText, type ScannedText } from './textValues';
import {
  type ColumnInfo,
  type ColumnValues,
  ImportCancelled,
  type ImportOptions,
  type ImportPhase,
  type ImportResult,
  type ImportSource,
  MAX_IMPORT_BYTES,
} from './types';
import { looksLikeWkt, parseWkt } from './wkt';
import { readXlsx } from './xlsx';

/** Per column and code, at most this many warnings are listed individually (then one summary line). */
const WARN_CAP = 200;
const BSN_RE = /^\d{2}[A-Z]\d{2,3}$/;

function extOf(name: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(name);
  return m ? m[1].toLowerCase() : '';
}

function baseName(name: string): string {
  return name.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]+$/i, '');
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function emptyResult(opts: ImportOptions, source: ImportSource, code: string, message: string): ImportResult {
  const rb = new ReportBuilder(opts.fileName);
  rb.error(code, null, null, null, message);
  return {
    dataset: { id: makeId(opts.fileName), name: baseName(opts.fileName), geometry: 'none' },
    source,
    columns: [],
    length: 0,
    values: [],
    rowNumbers: new Int32Array(0),
    used: new Uint8Array(0),
    flagged: new Uint8Array(0),
    location: { method: 'none', columns: [], description: 'nicht verortet' },
    report: rb.build(new Uint8Array(0), { code, message }),
  };
}

let idCounter = 0;
function makeId(fileName: string): string {
  const slug = normalizeName(baseName(fileName)).slice(0, 24) || 'datei';
  idCounter++;
  return `import-${slug}-${Date.now().toString(36)}-${idCounter}`;
}

/** Where the import may hand work to other threads (the import worker passes them; the CLI does not). */
export interface ImportHooks {
  /**
   * A large quote-free CSV: scan the second half elsewhere (another worker). Offsets in the job are
   * offsets in the file. Returning null (or a failing promise) leaves the tail to this scan. With
   * `head`, the table brings the tail's bytes (TailTable.bytes), and `check` is that of the file from
   * its ASCII cut after `head.rest` on (quotes, UTF-8), made where those bytes were read.
   */
  tail?: (job: TailJob) => Promise<{ table: TailTable; check: ByteCheck | null }> | null;
  /**
   * `bytes` is only the first part of a file of `size` bytes: another worker reads the file from `rest`
   * on (the tail starts at the first record at or after `rest`), and `other` gives its bytes (the file
   * from `from` ≤ rest on) when they are needed here: to scan the tail without it, or to read the file
   * whole after all (not a quote-free CSV).
   */
  head?: { size: number; rest: number; other(): Promise<{ bytes: Uint8Array; from: number }> };
  /** Offer a tail only when it has this many bytes (default TAIL_MIN_BYTES; small in tests). */
  tailMinBytes?: number;
}

/** Import one file. Never throws for bad input (the report carries a fatal message); throws ImportCancelled. */
export async function importBytes(
  bytes: Uint8Array,
  opts: ImportOptions,
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  // A large file of which only the first part is here: the byte scanner splits it where the other
  // worker's part begins. Any other way of reading it starts again with all its bytes (again()).
  const head = hooks.head && hooks.head.size > bytes.length ? hooks.head : undefined;
  const size = head?.size ?? bytes.length;
  const again = async (): Promise<ImportResult> => {
    const other = await (head as NonNullable<typeof head>).other();
    const all = new Uint8Array(size);
    all.set(bytes);
    all.set(other.bytes, other.from);
    return importBytes(all, opts);
  };
  // only a scan that hands the tail on can work with the first part alone
  if (head && !hooks.tail) return again();
  const progress = (f: number, phase: ImportPhase) => opts.onProgress?.(Math.max(0, Math.min(1, f)), phase);
  const checkCancel = () => {
    if (opts.isCancelled?.()) throw new ImportCancelled();
  };
  const ext = extOf(opts.fileName);
  const source: ImportSource = {
    fileName: opts.fileName,
    bytes: size,
    format:
      ext === 'tsv' || ext === 'tab'
        ? 'tsv'
        : ext === 'xlsx'
          ? 'xlsx'
          : ext === 'geojson' || ext === 'json'
            ? 'geojson'
            : 'csv',
    encoding: 'binary',
    bom: false,
  };
  const max = opts.maxBytes ?? MAX_IMPORT_BYTES;
  if (size > max) return emptyResult(opts, source, 'too-large', tooLargeMessage(opts.fileName, size, max));
  progress(0, 'decode');
  const kind = sniffBytes(bytes);
  if (kind === 'empty')
    return emptyResult(opts, source, 'empty', `Die Datei ${opts.fileName} ist leer (0 Byte).`);
  if (kind === 'zip' || ext === 'xlsx') {
    if (head) return again();
    source.format = 'xlsx';
    if (kind !== 'zip')
      return emptyResult(
        opts,
        source,
        'xlsx-invalid',
        `${opts.fileName} ist keine gültige XLSX-Datei (kein ZIP-Container).`,
      );
    try {
      const x = await readXlsx(bytes, opts.sheet);
      source.sheet = x.sheet;
      source.sheets = x.sheets;
      if (x.skipped) source.sheetsSkipped = x.skipped;
      source.header = true;
      const rows = x.rows.filter((r) => r.some((c) => c.trim() !== ''));
      const others =
        x.sheets.length > 1
          ? ` Weitere Tabellenblätter: ${x.sheets.filter((s) => s !== x.sheet).join(', ')}.`
          : '';
      if (rows.length < 2)
        return emptyResult(
          opts,
          source,
          rows.length === 0 ? 'empty' : 'header-only',
          `Tabellenblatt "${x.sheet}" in ${opts.fileName} enthält ${rows.length === 0 ? 'keine Daten' : 'nur eine Zeile und keine Datenzeilen'}.${others}`,
        );
      const header = rows[0];
      let width = header.length;
      while (width > 1 && header[width - 1].trim() === '' && rows.every((r) => (r[width - 1] ?? '') === ''))
        width--;
      const columns: string[][] = Array.from({ length: width }, () => []);
      const rowNumbers: number[] = [];
      // keep spreadsheet row numbers (blank rows inside the sheet still count)
      let rowNo = 0;
      let headerSeen = false;
      for (const r of x.rows) {
        rowNo++;
        if (!r.some((c) => c.trim() !== '')) continue;
        if (!headerSeen) {
          headerSeen = true;
          continue;
        }
        for (let j = 0; j < width; j++) columns[j].push(r[j] ?? '');
        rowNumbers.push(rowNo);
      }
      checkCancel();
      progress(0.6, 'parse');
      return finish(
        opts,
        source,
        header.slice(0, width),
        columns,
        rowNumbers,
        [],
        null,
        progress,
        checkCancel,
      );
    } catch (e) {
      if (e instanceof ImportCancelled) throw e;
      return emptyResult(opts, source, 'xlsx-invalid', `${opts.fileName}: ${(e as Error).message}`);
    }
  }
  if (kind === 'binary') {
    const msg =
      ext === 'xls'
        ? `${opts.fileName} ist im alten Excel-Format (.xls). Bitte als .xlsx oder CSV speichern.`
        : `${opts.fileName} ist keine Textdatei (Binärdaten). Unterstützt: CSV, TSV, XLSX, GeoJSON.`;
    return emptyResult(opts, source, 'binary', msg);
  }
  // A CSV in UTF-8 or Windows-1252 without any quote character is scanned straight from its bytes: only
  // its head (~1 MB) is decoded for sniffing and dialect detection. Everything else is decoded whole.
  // Of a file whose head only is read, the head is checked here up to `cut`, the rest where it is read
  // (ByteCheck); the two are put together after the scan.
  const cut = head ? asciiCut(bytes, 0, head.rest) : bytes.length;
  if (cut < 0) return again();
  const guess = guessEncoding(bytes, cut);
  const body = bytes.subarray(guess.start);
  const byteEncoding: CellEncoding | null =
    !guess.mixed &&
    (guess.encoding === 'utf-8' || guess.encoding === 'windows-1252') &&
    bytes.subarray(guess.start, cut).indexOf(34) < 0
      ? guess.encoding
      : null;
  if (!byteEncoding && head) return again();
  opts.mark?.('sniff');
  let text: string;
  /** `text` is only the head of the file (byte path, file larger than the head). */
  let partial = false;
  if (byteEncoding) {
    const head = decodeHead(body, byteEncoding);
    text = head.text;
    partial = !head.whole;
    source.encoding = guess.encoding;
    source.bom = guess.bom;
  } else {
    const dec = decodeText(bytes);
    source.encoding = dec.encoding;
    source.bom = dec.bom;
    text = dec.text;
  }
  const wholeText = (): string => {
    if (partial && byteEncoding) {
      text = decodeHead(body, byteEncoding, body.length).text;
      partial = false;
    }
    return text;
  };
  progress(0.05, 'decode');
  checkCancel();
  if (text.trim() === '' && head) return again();
  if (text.trim() === '' && wholeText().trim() === '')
    return emptyResult(
      opts,
      source,
      'empty',
      `Die Datei ${opts.fileName} enthält nur Leerzeichen oder Leerzeilen.`,
    );
  if (
    /^\s*<(!doctype\s+html|html|head|body|\?xml)/i.test(text.slice(0, 1000)) ||
    /<html[\s>]/i.test(text.slice(0, 1000))
  )
    return emptyResult(
      opts,
      source,
      'html',
      `${opts.fileName} ist eine HTML-Seite (z. B. eine gespeicherte Fehlerseite), keine Datentabelle.`,
    );

  if (source.format === 'geojson' || looksLikeJson(text)) {
    if (head) return again();
    source.format = 'geojson';
    const g = readGeoJson(wholeText(), {
      crs: opts.crs,
      onProgress: (f) => progress(0.05 + f * 0.6, 'parse'),
    });
    if ('fatal' in g) return emptyResult(opts, source, g.fatal.code, `${opts.fileName}: ${g.fatal.message}`);
    const rowNumbers = g.geometries.map((_, i) => i + 1);
    return finish(opts, source, g.header, g.columns, rowNumbers, [], g, progress, checkCancel);
  }

  // Excel's `sep=;` first line names the delimiter; it is not the header
  const fullHead = text;
  const hint = excelSepHint(text);
  if (hint) {
    text = hint.rest;
    source.sepHint = hint.delimiter;
  }
  let dialect = detectDialect(text, hint?.delimiter);
  // title lines above the header (statistical office exports) are skipped and named in the report
  const titles = leadingTitleLines(text, dialect.delimiter);
  if (titles) {
    text = titles.rest;
    source.titleLines = titles.titles;
    dialect = detectDialect(text, dialect.delimiter);
  }
  source.delimiter = dialect.delimiter;
  source.quote = dialect.quote;
  source.quoted = dialect.quoted;
  source.lineEnding = dialect.lineEnding;
  source.header = dialect.header;
  source.trailingDelimiter = dialect.trailingDelimiter;
  if (dialect.delimiter === '\t') source.format = 'tsv';
  let detection: Detection | null = null;
  const parseCallbacks: ParseCallbacks = {
    onProgress: (f) => progress(0.05 + f * 0.6, 'parse'),
    linesBefore: (hint ? 1 : 0) + (titles?.lines ?? 0),
    isCancelled: opts.isCancelled,
    mark: opts.mark,
    // types are detected on the first chunk; numeric columns are then parsed while streaming
    plan: (header, cols) => {
      const d = detectColumns(uniqueNames(header).names, cols, dialect.delimiter, opts);
      detection = d;
      return d.columns.map((c) =>
        c.type === 'integer' || c.type === 'decimal' ? (c.decimal ?? d.fileDecimal) : null,
      );
    },
  };
  let raw: RawTable;
  if (byteEncoding) {
    // bytes taken off the front of the head (sep= line, title lines): the scan starts after them
    const skipped = fullHead.slice(0, fullHead.length - text.length);
    const skippedBytes = byteEncoding === 'utf-8' ? new TextEncoder().encode(skipped).length : skipped.length;
    const tail = hooks.tail;
    /** Of the file from `cut` on (only when just a part of it is here). */
    let restCheck: ByteCheck | null = null;
    try {
      raw = tail
        ? await parseDelimitedBytesSplit(
            body,
            skippedBytes,
            byteEncoding,
            dialect,
            {
              ...parseCallbacks,
              tailFrom: head ? head.rest - guess.start : undefined,
              tailMinBytes: hooks.tailMinBytes,
              // offsets in the file (the scan's bytes start after a BOM)
              tail: (job) =>
                tail({ ...job, at: job.at + guess.start, end: job.end + guess.start })?.then((r) => {
                  if (r.check?.from === cut) restCheck = r.check;
                  return r.table;
                }) ?? null,
            },
            head && {
              size: size - guess.start,
              rest: async (at) => {
                // the other worker's bytes, to scan the tail here (and check them, as it would have)
                const other = await head.other();
                restCheck = checkBytes(other.bytes, other.from, cut);
                return other.bytes.subarray(at + guess.start - other.from);
              },
            },
          )
        : parseDelimitedBytes(body, skippedBytes, byteEncoding, dialect, parseCallbacks);
    } catch (e) {
      if (e instanceof NeedWhole && head) return again();
      throw e;
    }
    if (head) {
      // the part after the cut must have no quote and leave the encoding as it is, or the file is read
      // again the usual way (the scan assumed both)
      const rest = restCheck as ByteCheck | null;
      const all = rest && utf8Verdict(guess.valid + rest.valid, guess.invalid + rest.invalid);
      if (!rest || !all || rest.quote || (!guess.bom && (all.encoding !== guess.encoding || all.mixed)))
        return again();
    }
  } else raw = parseDelimited(text, dialect, parseCallbacks);
  opts.mark?.('scan');
  source.emptyLines = raw.emptyLines;
  if (raw.unguarded) source.formulaGuardRemoved = raw.unguarded;
  if (
    raw.header.length <= 1 &&
    raw.columns.length <= 1 &&
    raw.rowNumbers.length > 0 &&
    !/[,;\t|]/.test(text.slice(0, 4096))
  ) {
    // a single column is legal, but a single column of prose is not a table
    const first = raw.text?.[0];
    const sample = first
      ? Array.from({ length: Math.min(50, first.length) }, (_, i) => first.get(i))
      : (raw.columns[0]?.slice(0, 50) ?? []);
    if (sample.some((s) => s.length > 200))
      return emptyResult(
        opts,
        source,
        'not-a-table',
        `${opts.fileName} sieht nicht wie eine Tabelle aus (kein Trennzeichen gefunden).`,
      );
  }
  const rowErrors: RowError[] = [];
  for (const r of raw.ragged)
    rowErrors.push({
      index: r.index,
      code: 'row-ragged',
      column: null,
      value: null,
      reason: `Zeile hat ${r.fields} Felder, erwartet ${raw.header.length}`,
    });
  for (const m of raw.malformed)
    rowErrors.push({
      index: m.index,
      code: 'row-malformed',
      column: null,
      value: null,
      reason: `fehlerhafte Zeile: ${m.message}`,
    });
  const pre: Pre | undefined =
    detection && raw.numbers && raw.bad
      ? { detection, numbers: raw.numbers, bad: raw.bad, blanks: raw.blanks, text: raw.text }
      : undefined;
  return finish(
    opts,
    source,
    raw.header,
    raw.columns,
    raw.rowNumbers,
    rowErrors,
    null,
    progress,
    checkCancel,
    pre,
  );
}

export function tooLargeMessage(fileName: string, bytes: number, max: number): string {
  return `${fileName} ist ${formatBytes(bytes)} groß; die Grenze für den Import im Browser liegt bei ${formatBytes(max)}. Bitte die Datei aufteilen oder nicht benötigte Spalten entfernen.`;
}

interface RowError {
  index: number;
  code: string;
  column: string | null;
  value: string | null;
  reason: string;
}

type GeoRead = Exclude<ReturnType<typeof readGeoJson>, { fatal: unknown }>;

function finish(
  opts: ImportOptions,
  source: ImportSource,
  headerIn: string[],
  raw: string[][],
  rowNumbersIn: ArrayLike<number>,
  rowErrors: RowError[],
  geo: GeoRead | null,
  progress: (f: number, phase: ImportPhase) => void,
  checkCancel: () => void,
  pre?: Pre,
): ImportResult {
  const rb = new ReportBuilder(opts.fileName);
  const n = rowNumbersIn.length;
  if (n === 0) {
    const msg = headerIn.length
      ? `${opts.fileName} enthält nur eine Kopfzeile (${headerIn.slice(0, 6).join(', ')}${headerIn.length > 6 ? ', …' : ''}) und keine Datenzeilen.`
      : `${opts.fileName} enthält keine Datenzeilen.`;
    return emptyResult(opts, source, 'header-only', msg);
  }
  const rowNumbers = rowNumbersIn instanceof Int32Array ? rowNumbersIn : Int32Array.from(rowNumbersIn);
  const used = new Uint8Array(n).fill(1);
  const flagged = new Uint8Array(n);
  const reject = (i: number, code: string, column: string | null, value: string | null, reason: string) => {
    used[i] = 0;
    rb.error(code, rowNumbers[i], column, value, reason);
  };
  for (const e of rowErrors) reject(e.index, e.code, e.column, e.value, e.reason);
  if (source.sepHint)
    rb.warn(
      'excel-sep-hint',
      1,
      null,
      `sep=${source.sepHint === '\t' ? 'TAB' : source.sepHint}`,
      'Zeile 1 ist Excels Trennzeichen-Hinweis (sep=…): als Trennzeichen verwendet, nicht als Kopfzeile',
    );
  if (source.sheetsSkipped?.length)
    rb.warn(
      'sheet-skipped',
      null,
      null,
      source.sheetsSkipped.join(', '),
      `Tabellenblatt ${source.sheetsSkipped.map((n) => `"${n}"`).join(', ')} ist leer – gelesen wurde "${source.sheet}"`,
    );
  if (source.titleLines?.length)
    rb.warn(
      'title-lines',
      1,
      null,
      source.titleLines.join(' | ').slice(0, 200),
      `${source.titleLines.length} Titelzeile(n) über der Kopfzeile übersprungen (keine Datenzeilen)`,
    );
  if (source.emptyLines)
    rb.warn(
      'empty-lines',
      null,
      null,
      String(source.emptyLines),
      `${source.emptyLines} leere Zeilen übersprungen (nicht mitgezählt)`,
    );
  if (source.formulaGuardRemoved)
    rb.warn(
      'formula-guard-removed',
      null,
      null,
      String(source.formulaGuardRemoved),
      `${source.formulaGuardRemoved} Zellen beginnen mit ' vor =, +, -, @, Tab oder Zeilenumbruch (Schutz gegen Formeln aus einem CSV-Export) – das eine ' wurde entfernt`,
    );
  if (source.trailingDelimiter)
    rb.warn(
      'trailing-delimiter',
      null,
      null,
      null,
      'Trennzeichen am Zeilenende: leere letzte Spalte ignoriert',
    );

  // header names: unique and non-empty
  const { names, notes } = uniqueNames(headerIn);
  for (const nt of notes) rb.warn(nt.code, 1, nt.name, nt.original, nt.reason);

  /** Column j as strings (a column kept as codes / byte ranges is turned into strings once). */
  const textOf = (j: number): string[] => {
    const lazy = pre?.text?.[j];
    if (lazy && raw[j].length !== n) raw[j] = lazy.toArray();
    return raw[j];
  };

  // detection (CSV: already done on the first chunk while parsing, see planColumns)
  progress(0.7, 'detect');
  const det = pre?.detection ?? detectColumns(names, raw, source.delimiter, opts);
  const fileDecimal = det.fileDecimal;
  const columns: ColumnInfo[] = det.columns.map((c, j) => {
    let filled = 0;
    const col = raw[j];
    const nums = pre?.numbers[j];
    if (nums) {
      for (let i = 0; i < n; i++) if (!Number.isNaN(nums[i])) filled++;
      filled += pre?.bad[j].size ?? 0;
    } else if (pre?.blanks) filled = n - pre.blanks[j];
    else
      for (let i = 0; i < n; i++) {
        const v = col[i];
        // trim only when the value starts or ends with whitespace (rare): no per-cell allocation
        if (v !== '' && ((v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32) || v.trim() !== ''))
          filled++;
      }
    return { ...c, header: headerIn[j] ?? '', filled };
  });
  source.decimal = fileDecimal;
  const th = columns.find((c) => c.thousands)?.thousands;
  if (th) source.thousands = th;
  checkCancel();

  // conversion
  progress(0.75, 'convert');
  const warnCounts = new Map<string, number>();
  const warnCapped = (code: string, i: number, column: string, value: string, reason: string) => {
    const key = `${code}|${column}`;
    const c = (warnCounts.get(key) ?? 0) + 1;
    warnCounts.set(key, c);
    if (c <= WARN_CAP) rb.warn(code, rowNumbers[i], column, value, reason);
  };
  const values: ColumnValues[] = columns.map((c, j) => {
    const nums = pre?.numbers[j];
    if (nums) {
      // parsed while streaming; only the cells that failed kept their text
      for (const [i, s] of (pre as Pre).bad[j])
        if (used[i])
          warnCapped(
            'number-invalid',
            i,
            c.name,
            s,
            `"${s}" ist keine Zahl (Dezimaltrennzeichen "${c.decimal}") – Wert leer gelassen`,
          );
      return { kind: 'number', values: nums };
    }
    const lazy = pre?.text?.[j];
    // kept as codes / byte ranges unless the cells must be converted or trimmed
    if (lazy && (c.type === 'text' || (c.type === 'id' && !lazy.edge))) return { kind: 'text', values: lazy };
    const col = lazy ? textOf(j) : raw[j];
    if (c.type === 'integer' || c.type === 'decimal') {
      const parse = makeNumberParser(c.decimal ?? fileDecimal);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const s = col[i];
        const v = s === '' ? Number.NaN : parse(s);
        out[i] = v;
        if (Number.isNaN(v) && s !== '' && s.trim() !== '' && used[i])
          warnCapped(
            'number-invalid',
            i,
            c.name,
            s,
            `"${s}" ist keine Zahl (Dezimaltrennzeichen "${c.decimal}") – Wert leer gelassen`,
          );
      }
      return { kind: 'number', values: out };
    }
    if (c.type === 'boolean') {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = parseBoolean(col[i]);
      return { kind: 'boolean', values: out };
    }
    if (c.type === 'date') {
      const out = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const s = col[i];
        const d = s.trim() === '' ? '' : normalizeDate(s);
        if (d === null)
          warnCapped('date-invalid', i, c.name, s, `"${s}" ist kein Datum – Wert leer gelassen`);
        out[i] = d ?? '';
      }
      return { kind: 'text', values: arrayText(out) };
    }
    if (c.type === 'id') {
      // trimmed; the column is copied only if some value needs it
      let out = col;
      for (let i = 0; i < n; i++) {
        const v = col[i];
        const a = v.charCodeAt(0);
        const b = v.charCodeAt(v.length - 1);
        if (v === '' || (a > 32 && a < 128 && b > 32 && b < 128)) continue;
        const t = v.trim();
        if (t === v) continue;
        if (out === col) out = col.slice();
        out[i] = t;
      }
      return { kind: 'text', values: arrayText(out) };
    }
    return { kind: 'text', values: arrayText(col) };
  });
  for (const [key, count] of warnCounts) {
    if (count > WARN_CAP) {
      const [code, column] = key.split('|');
      rb.warn(
        code,
        null,
        column,
        String(count),
        `${count - WARN_CAP} weitere Werte dieser Art in Spalte "${column}" nicht einzeln aufgeführt`,
      );
    }
  }
  checkCancel();
  opts.mark?.('convert');

  // location
  progress(0.85, 'locate');
  const result: ImportResult = {
    dataset: {
      id: makeId(opts.fileName),
      name: baseName(opts.fileName) + (source.sheet ? ` (${source.sheet})` : ''),
      geometry: 'none',
    },
    source,
    columns,
    length: n,
    values,
    rowNumbers,
    used,
    flagged,
    location: { method: 'none', columns: [], description: 'nicht verortet' },
    report: undefined as unknown as ImportResult['report'],
  };
  // text of a cell as written (numeric columns parsed while streaming are turned back into text on demand)
  const rawCol = (j: number): string[] => {
    if (pre?.text?.[j]) return textOf(j);
    if (raw[j] && raw[j].length === n) return raw[j];
    const nums = pre?.numbers[j];
    const bad = pre?.bad[j];
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++)
      out[i] = bad?.get(i) ?? (nums && !Number.isNaN(nums[i]) ? String(nums[i]) : '');
    raw[j] = out;
    return out;
  };
  locate(result, rawCol, geo, opts, rb, reject, fileDecimal);
  opts.mark?.('locate');
  progress(1, 'done');
  result.report = rb.build(used);
  opts.mark?.('report');
  return result;
}

function numericColumn(
  result: ImportResult,
  raw: (j: number) => string[],
  j: number,
  fileDecimal: DecimalSeparator,
): Float64Array {
  const v = result.values[j];
  if (v.kind === 'number') return v.values;
  const parse = makeNumberParser(result.columns[j].decimal ?? fileDecimal);
  const col = raw(j);
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) out[i] = parse(col[i]);
  return out;
}

function locate(
  result: ImportResult,
  raw: (j: number) => string[],
  geo: GeoRead | null,
  opts: ImportOptions,
  rb: ReportBuilder,
  reject: (i: number, code: string, column: string | null, value: string | null, reason: string) => void,
  fileDecimal: DecimalSeparator,
): void {
  const { columns, used, flagged } = result;
  const n = result.length;
  const byRole = (role: ColumnInfo['role']) => columns.find((c) => c.role === role);

  // 1. GeoJSON geometry
  if (geo) {
    const geoms = geo.geometries;
    for (const is of geo.issues) {
      if (is.index === null) rb.warn(is.code, null, is.column, is.value, is.reason);
      else if (is.severity === 'error') reject(is.index, is.code, is.column, is.value, is.reason);
      else rb.warn(is.code, result.rowNumbers[is.index], is.column, is.value, is.reason);
    }
    for (let i = 0; i < n; i++)
      if (!geoms[i] && used[i]) reject(i, 'geometry-missing', 'geometry', null, 'Feature ohne Geometrie');
    flagOutside(result, geoms, rb);
    result.geometries = geoms;
    result.dataset.geometry = geo.geometryKind;
    result.location = {
      method: 'geojson',
      columns: ['geometry'],
      crs: geo.crs,
      swapped: geo.swapped,
      crsSource: geo.crsSource,
      description: `GeoJSON-Geometrien, ${CRS_LABEL[geo.crs]}${geo.crsSource === 'detected' && geo.crs !== 'EPSG:4326' ? ' (erkannt, nach WGS84 umgerechnet)' : ''}`,
    };
    return;
  }

  // 2. coordinate columns
  const lonC = byRole('lon') ?? byRole('x');
  const latC = byRole('lat') ?? byRole('y');
  if (lonC && latC && lonC !== latC) {
    const xs = numericColumn(result, raw, lonC.index, fileDecimal);
    const ys = numericColumn(result, raw, latC.index, fileDecimal);
    let any = false;
    for (let i = 0; i < n && !any; i++) if (!Number.isNaN(xs[i]) && !Number.isNaN(ys[i])) any = true;
    if (!any) {
      rb.warn(
        'coord-all-empty',
        null,
        `${lonC.name}/${latC.name}`,
        null,
        `Koordinatenspalten "${lonC.name}" und "${latC.name}" enthalten keine gültigen Werte – Zeilen können nicht über Koordinaten verortet werden`,
      );
    } else {
      const guess = opts.crs ? { crs: opts.crs, swapped: false } : detectCrs(xs, ys);
      if (!guess) {
        for (let i = 0; i < n; i++)
          if (used[i])
            reject(
              i,
              'crs-unknown',
              `${lonC.name}/${latC.name}`,
              `${raw(lonC.index)[i]} ${raw(latC.index)[i]}`,
              'Koordinaten passen zu keinem bekannten Koordinatensystem um Berlin',
            );
        result.location = {
          method: 'coordinates',
          columns: [lonC.name, latC.name],
          description: 'Koordinatensystem nicht erkannt',
        };
        return;
      }
      const { crs, swapped } = guess;
      const f = crs === 'EPSG:4326' ? null : toWgs84;
      // WGS84 in the right order: the positions are the parsed columns themselves (no 2 × 8 MB per 1M rows)
      // (copied after all if a row has only one of the two: its position is then NaN in both)
      let lon = f || swapped ? new Float64Array(n) : xs;
      let lat = f || swapped ? new Float64Array(n) : ys;
      for (let i = 0; i < n; i++) {
        let x = xs[i];
        let y = ys[i];
        if (swapped) [x, y] = [y, x];
        if (Number.isNaN(x) || Number.isNaN(y)) {
          if (lon === xs) {
            lon = xs.slice();
            lat = ys.slice();
          }
          lon[i] = Number.NaN;
          lat[i] = Number.NaN;
          if (used[i]) {
            const bad = Number.isNaN(xs[i]) ? lonC : latC;
            const v = raw(bad.index)[i];
            reject(
              i,
              v.trim() === '' ? 'coord-missing' : 'coord-invalid',
              bad.name,
              v,
              v.trim() === '' ? 'Koordinate fehlt' : `"${v}" ist keine Koordinate`,
            );
          }
          continue;
        }
        if (f) [x, y] = f(crs, x, y);
        lon[i] = x;
        lat[i] = y;
        if (used[i] && !insideBerlin(x, y)) {
          flagged[i] = 1;
          rb.warn(
            'outside-berlin',
            result.rowNumbers[i],
            `${lonC.name}/${latC.name}`,
            `${raw(lonC.index)[i]} ${raw(latC.index)[i]}`,
            `Punkt liegt außerhalb Berlins (${x.toFixed(4)}, ${y.toFixed(4)}) – behalten und markiert`,
          );
        }
      }
      result.lon = lon;
      result.lat = lat;
      result.dataset.geometry = 'point';
      const crsSource = opts.crs ? 'override' : 'detected';
      result.location = {
        method: 'coordinates',
        columns: [lonC.name, latC.name],
        crs,
        swapped,
        crsSource,
        description: `Koordinaten aus "${lonC.name}"/"${latC.name}", ${CRS_LABEL[crs]}${swapped ? ', Breite/Länge vertauscht erkannt' : ''}${crs !== 'EPSG:4326' ? ', nach WGS84 umgerechnet' : ''}`,
      };
      if (swapped)
        rb.warn(
          'coord-swapped',
          null,
          `${lonC.name}/${latC.name}`,
          null,
          `Spalten "${lonC.name}" und "${latC.name}" enthalten Breite und Länge in vertauschter Reihenfolge – getauscht`,
        );
      return;
    }
  } else if (lonC || latC) {
    const c = (lonC ?? latC) as ColumnInfo;
    rb.warn(
      'coord-pair-incomplete',
      null,
      c.name,
      null,
      `Nur eine Koordinatenspalte ("${c.name}") gefunden – zweite Spalte fehlt`,
    );
  }

  // 3. WKT geometry column
  const wktC = byRole('wkt');
  if (wktC) {
    const col = raw(wktC.index);
    const geoms: (Geometry | null)[] = new Array(n).fill(null);
    let srid: number | null = null;
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      const s = col[i];
      if (!used[i]) continue;
      if (s.trim() === '') {
        reject(i, 'geometry-missing', wktC.name, '', 'Geometrie fehlt');
        continue;
      }
      const w = parseWkt(s);
      if (!w.geometry) {
        reject(i, 'wkt-invalid', wktC.name, s.slice(0, 80), `WKT ungültig: ${w.error}`);
        continue;
      }
      if (w.dropped3d) dropped++;
      if (w.srid !== null && srid === null) srid = w.srid;
      geoms[i] = w.geometry;
    }
    if (dropped)
      rb.warn(
        'z-dropped',
        null,
        wktC.name,
        String(dropped),
        `Höhenwerte (Z/M) bei ${dropped} Geometrien entfernt`,
      );
    let crs: CrsId = opts.crs ?? (srid !== null ? (parseCrsName(String(srid)) ?? 'EPSG:4326') : 'EPSG:4326');
    let swapped = false;
    if (!opts.crs && srid === null) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < n && xs.length < 1000; i++) {
        const g = geoms[i];
        if (g)
          eachPosition(g, (p) => {
            if (xs.length < 1000) {
              xs.push(p[0]);
              ys.push(p[1]);
            }
          });
      }
      const guess = detectCrs(xs, ys);
      if (guess) {
        crs = guess.crs;
        swapped = guess.swapped;
      }
    }
    for (const g of geoms) {
      if (!g || (crs === 'EPSG:4326' && !swapped)) continue;
      eachPosition(g, (p: Position) => {
        const [x, y] = swapped ? [p[1], p[0]] : [p[0], p[1]];
        const q = toWgs84(crs, x, y);
        p[0] = q[0];
        p[1] = q[1];
      });
    }
    flagOutside(result, geoms, rb);
    result.geometries = geoms;
    const kinds = new Set(geoms.filter((g) => g).map((g) => (g as Geometry).type.replace('Multi', '')));
    result.dataset.geometry =
      kinds.size > 1
        ? 'mixed'
        : kinds.has('Point')
          ? 'point'
          : kinds.has('Polygon')
            ? 'polygon'
            : kinds.has('LineString')
              ? 'line'
              : 'none';
    result.location = {
      method: 'wkt',
      columns: [wktC.name],
      crs,
      swapped,
      crsSource: opts.crs ? 'override' : srid !== null ? 'file' : 'detected',
      description: `WKT-Geometrien aus "${wktC.name}", ${CRS_LABEL[crs]}`,
    };
    return;
  }

  // 4. area key
  const areaC = byRole('areaId');
  if (areaC) {
    const level: LorLevel = areaC.areaLevel ?? 'plr';
    const col = raw(areaC.index);
    const keys = new Array<string>(n);
    let repaired = 0;
    let example = '';
    for (let i = 0; i < n; i++) {
      const s = col[i];
      const r = s.trim() === '' ? null : repairLorId(level, s);
      keys[i] = r ? r.id : '';
      if (!used[i]) continue;
      if (!r) {
        reject(
          i,
          s.trim() === '' ? 'key-missing' : 'key-invalid',
          areaC.name,
          s,
          s.trim() === '' ? 'Gebietsschlüssel fehlt' : `"${s}" ist kein ${level.toUpperCase()}-Schlüssel`,
        );
        continue;
      }
      if (r.repaired) {
        repaired++;
        if (!example) example = `${s.trim()} → ${r.id}`;
      }
    }
    if (repaired)
      rb.warn(
        'key-leading-zero',
        null,
        areaC.name,
        example,
        `${repaired} Schlüssel ohne führende Null erkannt und ergänzt (z. B. ${example}) – die Datei wurde vermutlich mit einer Tabellenkalkulation gespeichert`,
      );
    result.keys = keys;
    result.location = {
      method: 'areaKey',
      columns: [areaC.name],
      areaLevel: level,
      repairedKeys: repaired,
      description: `Zuordnung zu Gebieten (${level.toUpperCase()}) über Spalte "${areaC.name}"${repaired ? `, ${repaired} Schlüssel mit ergänzter führender Null` : ''}`,
    };
    return;
  }

  // 5. school number
  const bsnC = byRole('bsn');
  if (bsnC) {
    const col = raw(bsnC.index);
    const keys = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const s = col[i].trim().toUpperCase();
      keys[i] = BSN_RE.test(s) ? s : '';
      if (used[i] && !keys[i])
        reject(
          i,
          s === '' ? 'key-missing' : 'key-invalid',
          bsnC.name,
          col[i],
          s === '' ? 'Schulnummer fehlt' : `"${col[i]}" ist keine Schulnummer (z. B. 01B01)`,
        );
    }
    result.keys = keys;
    result.location = {
      method: 'bsn',
      columns: [bsnC.name],
      description: `Zuordnung zu Schulen über Schulnummer in Spalte "${bsnC.name}"`,
    };
    return;
  }

  // 6. nothing to place the rows with
  const reason =
    'keine Verortung möglich: weder Koordinaten (lat/lon, x/y, Rechts-/Hochwert), WKT-Geometrie noch Gebiets- oder Schulschlüssel gefunden';
  for (let i = 0; i < n; i++) if (used[i]) reject(i, 'no-location', null, null, reason);
  result.location = { method: 'none', columns: [], description: reason };
}

function flagOutside(result: ImportResult, geoms: (Geometry | null)[], rb: ReportBuilder): void {
  for (let i = 0; i < geoms.length; i++) {
    const g = geoms[i];
    if (!g || !result.used[i]) continue;
    let inside = 0;
    let total = 0;
    eachPosition(g, (p) => {
      total++;
      if (insideBerlin(p[0], p[1])) inside++;
    });
    if (inside === 0 && total > 0) {
      result.flagged[i] = 1;
      let first: Position = [0, 0];
      eachPosition(g, (p) => {
        if (first[0] === 0) first = p;
      });
      rb.warn(
        'outside-berlin',
        result.rowNumbers[i],
        'geometry',
        g.type,
        `Geometrie liegt außerhalb Berlins (${first[0].toFixed(4)}, ${first[1].toFixed(4)}) – behalten und markiert`,
      );
    }
  }
}

/** Convenience for Node callers and tests: import from a text string (UTF-8). */
export function importText(text: string, opts: ImportOptions): Promise<ImportResult> {
  return importBytes(new TextEncoder().encode(text), opts);
}

export { looksLikeWkt };

/** Unique, non-empty column names (empty → "Spalte N", duplicates → "name (2)") with notes for the report. */
export function uniqueNames(headerIn: string[]): {
  names: string[];
  notes: { code: string; name: string; original: string; reason: string }[];
} {
  const names: string[] = [];
  const notes: { code: string; name: string; original: string; reason: string }[] = [];
  const seen = new Map<string, number>();
  headerIn.forEach((h, j) => {
    let name = h.replace(/^\uFEFF/, '').trim();
    if (name === '') {
      name = `Spalte ${j + 1}`;
      notes.push({
        code: 'header-empty',
        name,
        original: '',
        reason: `Spalte ${j + 1} hat keine Überschrift – benannt als "${name}"`,
      });
    }
    const k = name.toLowerCase();
    const count = (seen.get(k) ?? 0) + 1;
    seen.set(k, count);
    if (count > 1) {
      const renamed = `${name} (${count})`;
      notes.push({
        code: 'header-duplicate',
        name: renamed,
        original: name,
        reason: `Überschrift "${name}" kommt mehrfach vor – umbenannt in "${renamed}"`,
      });
      name = renamed;
    }
    names.push(name);
  });
  return { names, notes };
}

interface Detection {
  fileDecimal: DecimalSeparator;
  columns: Omit<ColumnInfo, 'filled'>[];
}

/** Column types/roles from a sample of each column, with the user's overrides applied. */
function detectColumns(
  names: string[],
  raw: string[][],
  delimiter: string | undefined,
  opts: ImportOptions,
): Detection {
  const samples = raw.map((col) => sampleColumn(col));
  let comma = 0;
  let point = 0;
  for (const s of samples) {
    const ev = numberEvidence(s);
    if (ev.numeric >= ev.values * 0.9) {
      comma += ev.comma;
      point += ev.point;
    }
  }
  const fileDecimal: DecimalSeparator =
    comma > point ? ',' : point > comma ? '.' : delimiter === ';' ? ',' : '.';
  const columns = names.map((name, j) => {
    const det: DetectedColumn = detectColumn(name, samples[j] ?? [], fileDecimal);
    const ov = opts.overrides?.[name];
    const info: Omit<ColumnInfo, 'filled'> = {
      index: j,
      name,
      header: '',
      type: ov?.type ?? det.type,
      role: ov?.role ?? det.role,
      detected: { type: det.type, role: det.role },
      examples: (samples[j] ?? []).slice(0, 5),
    };
    if (det.decimal) info.decimal = det.decimal;
    if (det.thousands !== undefined) info.thousands = det.thousands;
    if (ov?.areaLevel || det.areaLevel) info.areaLevel = ov?.areaLevel ?? det.areaLevel;
    if (info.role === 'areaId' && !info.areaLevel) info.areaLevel = 'plr';
    if ((info.type === 'integer' || info.type === 'decimal') && !info.decimal) info.decimal = fileDecimal;
    return info;
  });
  return { fileDecimal, columns };
}

/** Results of parsing a CSV with numeric columns converted while streaming. */
interface Pre {
  detection: Detection;
  numbers: (Float64Array | null)[];
  bad: Map<number, string>[];
  /** Empty or blank cells per column, counted while scanning. */
  blanks?: Int32Array;
  /** Text columns the byte scanner keeps as codes or byte ranges (null: the column is in `raw`). */
  text?: (ScannedText | null)[];
}
