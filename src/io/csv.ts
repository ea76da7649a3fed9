/**
 * Delimited text (CSV/TSV): dialect detection and chunked parsing with papaparse into raw text columns.
 * Nothing is typed here (dynamicTyping off): IDs stay text, numbers are converted per column later.
 */
import Papa from 'papaparse';
import { classifyNumber, type DecimalSeparator, makeNumberParser, makeRangeNumberParser } from './numbers';
import { ImportCancelled } from './types';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface CsvDialect {
  delimiter: Delimiter;
  quote: '"';
  /** quoted fields occur in the sample */
  quoted: boolean;
  lineEnding: 'CRLF' | 'LF' | 'CR';
  header: boolean;
  /** every line ends with a delimiter: an extra empty last column to ignore */
  trailingDelimiter: boolean;
}

function lineEndingOf(text: string): CsvDialect['lineEnding'] {
  const i = text.search(/[\r\n]/);
  if (i < 0) return 'LF';
  if (text[i] === '\r') return text[i + 1] === '\n' ? 'CRLF' : 'CR';
  return 'LF';
}
const NEWLINE: Record<CsvDialect['lineEnding'], '\r\n' | '\n' | '\r'> = { CRLF: '\r\n', LF: '\n', CR: '\r' };

const isEmptyRecord = (r: string[]) => r.length === 0 || (r.length === 1 && r[0].trim() === '');

/** Detect delimiter, quoting, line ending, header row and trailing delimiters from the first ~64 KB. */
export function detectDialect(text: string, forced?: Delimiter): CsvDialect {
  const lineEnding = lineEndingOf(text);
  let sample = text.slice(0, 65536);
  if (text.length > sample.length) {
    const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (cut > 0) sample = sample.slice(0, cut);
  }
  let best: { d: Delimiter; score: number; rows: string[][] } | null = null;
  // on a tie, ';' / tab / '|' win over ',' (a German file with decimal commas splits evenly on ',' too)
  for (const d of forced ? [forced] : (['\t', ';', '|', ','] as const)) {
    const res = Papa.parse<string[]>(sample, { delimiter: d, newline: NEWLINE[lineEnding], preview: 100 });
    const rows = res.data.filter((r) => !isEmptyRecord(r));
    if (rows.length === 0) continue;
    // score: how many rows share the most common field count (>1), weighted by that count
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let modeLen = 1;
    let modeN = 0;
    for (const [len, n] of counts)
      if (n > modeN || (n === modeN && len > modeLen)) [modeLen, modeN] = [len, n];
    if (modeLen < 2) continue;
    const score = (modeN / rows.length) * 1000 + Math.min(modeLen, 50);
    if (!best || score > best.score) best = { d, score, rows };
  }
  const delimiter: Delimiter = best?.d ?? forced ?? ',';
  const rows = best?.rows ?? [];
  const quoted = sample.includes('"');
  // trailing delimiter: the last field of (nearly) every row is empty
  const trailingDelimiter =
    rows.length > 0 &&
    rows.filter((r) => r.length > 1 && r[r.length - 1].trim() === '').length >= rows.length * 0.95;
  return { delimiter, quote: '"', quoted, lineEnding, header: detectHeader(rows), trailingDelimiter };
}

/**
 * Is the first record a header? Yes when some column has text on top of numbers below it; no when the
 * first record has numbers where the data has numbers and nowhere text over numbers. Default: yes.
 */
export function detectHeader(rows: string[][]): boolean {
  if (rows.length < 2) return true;
  const first = rows[0];
  const data = rows.slice(1, 101);
  let textOverNumbers = false;
  let numberOverNumbers = false;
  for (let j = 0; j < first.length; j++) {
    let filled = 0;
    let nums = 0;
    for (const r of data) {
      const v = r[j];
      if (v === undefined || v.trim() === '') continue;
      filled++;
      if (classifyNumber(v) !== 'none') nums++;
    }
    if (filled === 0 || nums < filled * 0.8) continue;
    const top = first[j]?.trim() ?? '';
    if (top === '') continue;
    if (classifyNumber(top) === 'none') textOverNumbers = true;
    else numberOverNumbers = true;
  }
  return textOverNumbers || !numberOverNumbers;
}

export interface RawTable {
  /** Header cells as written (or generated names when there is no header row). */
  header: string[];
  /** Raw text per column, one entry per data row. */
  columns: string[][];
  /** File row number (1-based, header = 1; counts every record incl. empty lines) per data row. */
  rowNumbers: Int32Array;
  /** Data rows (indices into columns) whose field count does not fit the header. */
  ragged: { index: number; fields: number }[];
  /** Records that papaparse reported as malformed (e.g. an unclosed quote). */
  malformed: { index: number; message: string }[];
  emptyLines: number;
  /** Cells whose formula-injection guard `'` was removed (see removeFormulaGuard). */
  unguarded: number;
  /** Columns converted to numbers while streaming (see ParseCallbacks.plan); their `columns` entry is empty. */
  numbers?: (Float64Array | null)[];
  /** Per column: row index → text of non-empty cells that did not parse as a number. */
  bad?: Map<number, string>[];
}

export interface ParseCallbacks {
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
  /**
   * Called once with the header and the rows of the first ~1 MB (as columns); returns the decimal
   * separator of each column that should be converted to numbers while streaming (null = keep text).
   * Converting early keeps millions of short strings from ever being created or retained (the garbage
   * collector dominated otherwise).
   */
  plan?: (header: string[], columns: string[][]) => (DecimalSeparator | null)[];
  /** Lines before `text` in the file (e.g. an Excel `sep=;` line that was taken off): row numbers start after them. */
  linesBefore?: number;
}

/**
 * Title lines above the header, as in statistical office exports ("Schulen in Berlin, Stand 2024", an empty
 * line, then the table): up to 5 leading lines without any delimiter, followed by a line with the table's
 * usual field count (≥ 2). Returns the skipped lines (text) and the text after them, or null.
 */
export function leadingTitleLines(
  text: string,
  delimiter: Delimiter,
): { lines: number; titles: string[]; rest: string } | null {
  if (text.indexOf('"') >= 0 && text.indexOf('"') < 4096) return null; // quoted: line splitting is not safe here
  const re = /\r\n|\n|\r/g;
  const starts: number[] = [0];
  while (starts.length <= 30) {
    const m = re.exec(text);
    if (!m) break;
    starts.push(m.index + m[0].length);
  }
  const lines = starts.slice(0, -1).map((a, i) => text.slice(a, starts[i + 1]).replace(/[\r\n]+$/, ''));
  const count = (l: string) => (l.trim() === '' ? 0 : l.split(delimiter).length);
  const counts = lines.map(count);
  const tally = new Map<number, number>();
  for (const c of counts) if (c >= 2) tally.set(c, (tally.get(c) ?? 0) + 1);
  let modal = 0;
  let modalN = 0;
  for (const [c, n] of tally) if (n > modalN) [modal, modalN] = [c, n];
  if (modal < 2 || modalN < 2 || counts[0] >= 2) return null;
  const k = counts.findIndex((c) => c >= 2);
  if (k <= 0 || k > 5 || counts[k] !== modal) return null;
  if (counts.slice(0, k).some((c) => c > 1)) return null;
  if (counts[0] === 0) return null; // leading empty lines alone are handled as empty lines
  return { lines: k, titles: lines.slice(0, k).filter((l) => l.trim() !== ''), rest: text.slice(starts[k]) };
}

/**
 * Excel's delimiter hint: a first line `sep=;` (written by Excel and by many German CSV exports). Returns the
 * delimiter and the text after that line, or null when the file does not start with such a line.
 */
export function excelSepHint(text: string): { delimiter: Delimiter; rest: string } | null {
  const m = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r)/.exec(text);
  return m ? { delimiter: m[1] as Delimiter, rest: text.slice(m[0].length) } : null;
}

/** A cell guarded against formula injection by a CSV export: `'` + more `'`s + one of = + - @ TAB CR. */
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * Undo exactly the formula-injection guard of CSV exports (ours in src/export/csv.ts and the common OWASP
 * practice): a cell that is `'` followed by `=`, `+`, `-`, `@`, TAB or CR (possibly after further `'`s,
 * which the export adds to keep the guard reversible) loses ONE leading `'`. Any other `'` stays.
 */
export function removeFormulaGuard(cell: string): string {
  return cell.charCodeAt(0) === 39 && GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** Distinct values per text column that are shared (interned) while scanning; beyond this the column is left alone. */
const INTERN_MAX = 20_000;

/**
 * Interns cells of one text column straight from a character range of the text: a repeated value costs
 * a hash and a comparison over its characters, not a new string per cell (that string and its hashing
 * in a Map dominated the scan, and the garbage collector then had a million short strings to clear).
 */
class RangeInterner {
  private table = new Int32Array(1 << 16); // entry index + 1; 0 = empty (load ≤ 0.31 at INTERN_MAX)
  private hashes = new Int32Array(INTERN_MAX + 1);
  private starts = new Int32Array(INTERN_MAX + 1);
  private lens = new Int32Array(INTERN_MAX + 1);
  private strings: string[] = [];
  constructor(private readonly body: string) {}

  /** The shared string for body[a, b), or null when the interner is full. */
  get(a: number, b: number): string | null {
    const body = this.body;
    let h = 0x811c9dc5;
    for (let k = a; k < b; k++) h = Math.imul(h ^ body.charCodeAt(k), 0x01000193);
    const len = b - a;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const e = this.table[slot] - 1;
      if (e < 0) break;
      if (this.hashes[e] === h && this.lens[e] === len) {
        const s = this.starts[e];
        let k = 0;
        while (k < len && body.charCodeAt(s + k) === body.charCodeAt(a + k)) k++;
        if (k === len) return this.strings[e];
      }
      slot = (slot + 1) & mask;
    }
    const n = this.strings.length;
    if (n >= INTERN_MAX) return null; // so many distinct values: interning no longer pays off
    const t = body.slice(a, b);
    this.strings.push(t);
    this.hashes[n] = h;
    this.starts[n] = a;
    this.lens[n] = len;
    this.table[slot] = n + 1;
    return t;
  }
}

/** The first n entries: a view when little is wasted (no copy of millions of values), else a compact copy. */
/** A copy of `a` with twice the room (field bounds of a line with many fields). */
function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function trimTo<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n <= n / 8 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** Row numbers collected into a growing Int32Array (no million-element JS array). */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return trimTo(this.data, this.length);
  }
}

/** Characters per chunk between progress reports / cancel checks. */
const CHUNK = 1 << 20;

/**
 * Parse the whole text into column arrays.
 *
 * Two paths with the same result: when the text contains no quote character at all, a scanner over the
 * char codes splits records and fields itself and converts numeric cells straight from the text (no
 * string per cell, no array per row: ~10× faster on large files). Otherwise papaparse (chunk mode)
 * handles quoting, escaped quotes and malformed records.
 */
export function parseDelimited(input: string, dialectIn: CsvDialect, cb: ParseCallbacks = {}): RawTable {
  // Mixed line endings (CRLF file with some bare LF lines, e.g. after hand edits): every line break ends a
  // record. Without this a bare LF inside a CRLF file would silently glue lines together.
  let text = input;
  let dialect = dialectIn;
  // Only where nothing is quoted: a quoted cell may hold a line break of either kind as its value.
  const unquoted = text.indexOf(dialect.quote) < 0;
  if (unquoted && dialect.lineEnding === 'CRLF' && /(^|[^\r])\n/.test(text)) {
    text = text.replace(/\r\n/g, '\n');
    dialect = { ...dialect, lineEnding: 'LF' };
  } else if (unquoted && dialect.lineEnding === 'LF' && text.includes('\r\n')) {
    text = text.replace(/\r\n/g, '\n');
  }
  let header: string[] | null = null;
  let width = 0;
  const columns: string[][] = [];
  const rowNumbers = new IntList();
  const ragged: RawTable['ragged'] = [];
  const malformed: RawTable['malformed'] = [];
  let record = cb.linesBefore ?? 0; // records seen so far (1-based numbering of file rows)
  let emptyLines = 0;
  let unguarded = 0;
  const unguard = (r: string[]) => {
    for (let j = 0; j < r.length; j++)
      if (r[j].charCodeAt(0) === 39) {
        const t = removeFormulaGuard(r[j]);
        if (t !== r[j]) {
          r[j] = t;
          unguarded++;
        }
      }
  };
  let cancelled = false;
  let parsers: (((s: string) => number) | null)[] | null = null;
  let rangeParsers: (((s: string, from: number, to: number) => number) | null)[] = [];
  const numbers: (Float64Array | null)[] = [];
  const bad: Map<number, string>[] = [];
  let cap = 0;
  const applyPlan = (estimatedRows: number) => {
    const plan = cb.plan ? cb.plan(header ?? [], columns) : columns.map(() => null);
    const n = rowNumbers.length;
    // a small floor saves regrowth on short files, but never more than ~1M slots over all columns (a file
    // with 100,000 columns would otherwise reserve 800 MB before reading its second line)
    const floor = Math.min(1024, Math.max(16, Math.floor(1_048_576 / Math.max(1, width))));
    cap = Math.max(floor, n, Math.ceil(estimatedRows * 1.05));
    parsers = [];
    rangeParsers = [];
    for (let j = 0; j < width; j++) {
      bad.push(new Map());
      const dec = plan[j] ?? null;
      if (!dec) {
        numbers.push(null);
        parsers.push(null);
        rangeParsers.push(null);
        // room for all rows up front: cells are stored by index, no growing and copying on the way
        const col = columns[j];
        const a = new Array<string>(cap);
        for (let i = 0; i < n; i++) a[i] = col[i];
        columns[j] = a;
        continue;
      }
      const parse = makeNumberParser(dec);
      parsers.push(parse);
      rangeParsers.push(makeRangeNumberParser(dec));
      const out = new Float64Array(cap);
      const col = columns[j];
      for (let i = 0; i < n; i++) {
        const v = col[i] === '' ? Number.NaN : parse(col[i]);
        out[i] = v;
        if (Number.isNaN(v) && col[i].trim() !== '') bad[j].set(i, col[i]);
      }
      numbers.push(out);
      columns[j] = [];
    }
  };
  const grow = (idx: number) => {
    if (idx < cap) return;
    cap = Math.ceil(cap * 1.5) + 1024;
    for (let j = 0; j < width; j++) {
      const a = numbers[j];
      if (a) {
        const b = new Float64Array(cap);
        b.set(a);
        numbers[j] = b;
      }
    }
  };
  const addRow = (r: string[], rowNo: number) => {
    const idx = rowNumbers.length;
    rowNumbers.push(rowNo);
    const n = r.length;
    if (parsers) {
      grow(idx);
      for (let j = 0; j < width; j++) {
        const v = j < n ? r[j] : '';
        const parse = parsers[j];
        if (parse) {
          const x = v === '' ? Number.NaN : parse(v);
          (numbers[j] as Float64Array)[idx] = x;
          if (Number.isNaN(x) && v.trim() !== '') bad[j].set(idx, v);
        } else columns[j][idx] = v;
      }
    } else for (let j = 0; j < width; j++) columns[j][idx] = j < n ? r[j] : '';
    if (n !== width) {
      // trailing delimiters / trailing empty cells are harmless; real extra or missing fields are not
      let extraFilled = false;
      for (let j = width; j < n; j++) if (r[j].trim() !== '') extraFilled = true;
      if (n < width || extraFilled) ragged.push({ index: idx, fields: n });
    }
  };
  /** A non-empty record: the header (first one) or a data row. */
  const takeRecord = (r: string[]) => {
    unguard(r);
    if (header === null) {
      if (dialect.header) {
        const h = r.slice();
        if (dialect.trailingDelimiter && h.length > 1 && h[h.length - 1].trim() === '') h.pop();
        header = h;
        width = h.length;
        for (let j = 0; j < width; j++) columns.push([]);
        return false;
      }
      width = r.length - (dialect.trailingDelimiter && r.length > 1 && r[r.length - 1] === '' ? 1 : 0);
      header = Array.from({ length: width }, (_, j) => `Spalte ${j + 1}`);
      for (let j = 0; j < width; j++) columns.push([]);
    }
    return true;
  };
  // a final line break ends the last record; it is not an empty line
  const nl = NEWLINE[dialect.lineEnding];

  if (text.indexOf(dialect.quote) < 0) {
    // ---- fast path: no quotes anywhere ----
    // scan `text` itself up to `len` (a sliced string would make every charCodeAt slower)
    const body = text;
    const D = dialect.delimiter.charCodeAt(0);
    const mode = dialect.lineEnding;
    const NL = mode === 'CR' ? 13 : 10;
    const len = text.length - (text.endsWith(nl) ? nl.length : 0);
    let fs = new Int32Array(64);
    let fe = new Int32Array(64);
    let nextReport = CHUNK;
    const intern: (RangeInterner | null)[] = [];
    let pos = 0;
    const blank = (a: number, b: number) => {
      for (let k = a; k < b; k++) {
        const c = body.charCodeAt(k);
        // other Unicode spaces (NBSP …) count as blank, as with String.prototype.trim
        if (c > 32) return c < 128 ? false : body.slice(a, b).trim() === '';
      }
      return true;
    };
    while (pos <= len) {
      // split one record into field ranges
      let nf = 0;
      let fStart = pos;
      let end = len;
      let next = len + 1;
      for (let i = pos; i < len; i++) {
        const c = body.charCodeAt(i);
        if (c === D) {
          if (nf === fs.length) [fs, fe] = [doubled(fs), doubled(fe)];
          fs[nf] = fStart;
          fe[nf++] = i;
          fStart = i + 1;
        } else if (c === NL) {
          if (mode === 'CRLF') {
            if (i === 0 || body.charCodeAt(i - 1) !== 13 || i - 1 < fStart) continue;
            end = i - 1;
          } else end = i;
          next = i + 1;
          break;
        }
      }
      if (nf === fs.length) [fs, fe] = [doubled(fs), doubled(fe)];
      fs[nf] = fStart;
      fe[nf++] = end;
      pos = next;
      record++;
      if (nf === 1 && blank(fs[0], fe[0])) emptyLines++;
      else if (header === null || !parsers) {
        const r = new Array<string>(nf);
        for (let j = 0; j < nf; j++) r[j] = body.slice(fs[j], fe[j]);
        if (takeRecord(r)) addRow(r, record);
      } else {
        const idx = rowNumbers.length;
        rowNumbers.push(record);
        grow(idx);
        if (intern.length < width)
          for (let j = intern.length; j < width; j++) intern.push(new RangeInterner(body));
        for (let j = 0; j < width; j++) {
          const p = rangeParsers[j];
          if (j >= nf) {
            if (p) (numbers[j] as Float64Array)[idx] = Number.NaN;
            else columns[j][idx] = '';
            continue;
          }
          const a = fs[j];
          const b = fe[j];
          if (p) {
            const x = a === b ? Number.NaN : p(body, a, b);
            (numbers[j] as Float64Array)[idx] = x;
            if (Number.isNaN(x) && !blank(a, b)) bad[j].set(idx, body.slice(a, b));
          } else {
            // repeated values (categories, names) share one string: far fewer strings survive to old space
            const cache = intern[j];
            if (cache && body.charCodeAt(a) !== 39) {
              const hit = cache.get(a, b);
              if (hit !== null) {
                columns[j][idx] = hit;
                continue;
              }
              intern[j] = null;
            }
            let t = body.slice(a, b);
            if (body.charCodeAt(a) === 39) {
              const u = removeFormulaGuard(t);
              if (u !== t) {
                t = u;
                unguarded++;
              }
            }
            columns[j][idx] = t;
          }
        }
        if (nf !== width) {
          let extraFilled = false;
          for (let j = width; j < nf; j++) if (!blank(fs[j], fe[j])) extraFilled = true;
          if (nf < width || extraFilled) ragged.push({ index: idx, fields: nf });
        }
      }
      if (pos >= nextReport || pos > len) {
        nextReport = pos + CHUNK;
        if (!parsers && header !== null && cb.plan)
          applyPlan((rowNumbers.length * len) / Math.max(1, Math.min(pos, len)));
        cb.onProgress?.(Math.min(1, pos / Math.max(1, len)));
        if (cb.isCancelled?.()) {
          cancelled = true;
          break;
        }
      }
    }
  } else {
    const body = text.endsWith(nl) ? text.slice(0, -nl.length) : text;
    let consumed = 0;
    Papa.parse<string[]>(body, {
      delimiter: dialect.delimiter,
      newline: nl,
      quoteChar: dialect.quote,
      skipEmptyLines: false,
      chunkSize: CHUNK,
      complete: () => {},
      chunk: (res: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        const data = res.data;
        const errByRow = new Map<number, string>();
        for (const e of res.errors) if (e.row !== undefined && e.row !== null) errByRow.set(e.row, e.message);
        for (let i = 0; i < data.length; i++) {
          const r = data[i];
          record++;
          if (isEmptyRecord(r)) {
            emptyLines++;
            continue;
          }
          if (!takeRecord(r)) continue;
          const msg = errByRow.get(i);
          if (msg) malformed.push({ index: rowNumbers.length, message: msg });
          addRow(r, record);
        }
        consumed += CHUNK;
        if (!parsers && header !== null && cb.plan)
          applyPlan((rowNumbers.length * body.length) / Math.max(1, Math.min(consumed, body.length)));
        cb.onProgress?.(Math.min(1, consumed / Math.max(1, body.length)));
        if (cb.isCancelled?.()) {
          cancelled = true;
          parser.abort();
        }
      },
    });
  }
  if (cancelled) throw new ImportCancelled();
  const rows = rowNumbers.length;
  for (const col of columns) if (col.length > rows) col.length = rows;
  if (!parsers && header !== null && cb.plan) applyPlan(rowNumbers.length);
  const result: RawTable = {
    header: header ?? [],
    columns,
    rowNumbers: rowNumbers.toArray(),
    ragged,
    malformed,
    emptyLines,
    unguarded,
  };
  if (parsers) {
    const n = rowNumbers.length;
    result.numbers = numbers.map((a) => (a ? trimTo(a, n) : null));
    result.bad = bad;
  }
  return result;
}
