/**
 * Delimited text (CSV/TSV): dialect detection and chunked parsing with papaparse into raw text columns.
 * Nothing is typed here (dynamicTyping off): IDs stay text, numbers are converted per column later.
 */
import Papa from 'papaparse';
import { decodeWindows1252 } from './encoding';
import { classifyNumber, type DecimalSeparator, makeByteNumberParser, makeNumberParser } from './numbers';
import { ScannedText, type ScannedTextParts, SPECIAL_CODE } from './textValues';
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
  /** Per column: cells that are empty or only blanks (counted while scanning; text columns use it). */
  blanks?: Int32Array;
  /**
   * Text columns of the byte scanner, read on demand (see src/io/textValues.ts); their `columns` entry is
   * empty. Null for columns held in `columns`.
   */
  text?: (ScannedText | null)[];
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
  /**
   * Byte scanner, large files: offered the second half of the file once the column plan is known. A
   * promise of its table (scanned elsewhere, e.g. in a second worker, with scanTail) takes the half off
   * this scan; null declines. See parseDelimitedBytesSplit.
   */
  tail?: (job: TailJob) => Promise<TailTable> | null;
  /** Offer a tail only when it has this many bytes (default TAIL_MIN_BYTES). */
  tailMinBytes?: number;
  /** The tail starts with the first record at or after this byte (default tailStart(length)). */
  tailFrom?: number;
  /** Called at the end of each step (see ImportOptions.mark). */
  mark?: (step: string) => void;
  /** Byte scanner: bytes between progress reports, the first of which applies the plan (default 1 MB). */
  chunkBytes?: number;
}

/** Files below this size are scanned in one piece: a second worker costs more than it saves. */
export const TAIL_MIN_BYTES = 8 << 20;
/** Where the rest of the file is split (as a share of it): the tail starts after this share. */
const TAIL_SPLIT = 0.45;

/**
 * Where the tail of `size` bytes starts (the first record at or after it): 45 % of what is left after the
 * first chunk, so that the other worker gets a little more than half (this scan still merges, converts and
 * locates afterwards). Known from the size alone: the other worker can read its part before the plan is.
 */
export function tailStart(size: number): number {
  return Math.floor(CHUNK + TAIL_SPLIT * Math.max(0, size - CHUNK));
}

/** The first record start at or after `from` in bytes [0, filled), or 0 when there is none. */
function recordStartFrom(bytes: Uint8Array, filled: number, from: number, NL: number): number {
  if (from < 1 || from >= filled) return 0;
  const nl = bytes.subarray(0, filled).indexOf(NL, from - 1);
  return nl < 0 ? 0 : nl + 1;
}

/**
 * The scanned bytes hold only the first part of a file (see parseDelimitedBytesSplit): the whole is
 * `size` bytes; `rest(at)` gives the bytes from `at` on (when no other worker scanned them).
 */
export interface PartialBytes {
  size: number;
  rest(at: number): Promise<Uint8Array>;
}

/** The scan needs all the bytes after all (no record starts after the cut in the bytes there, or no plan before it). */
export class NeedWhole extends Error {}

/** What a second scanner needs for the rest of a file: bytes from `at` on, read with the same plan. */
export interface TailJob {
  /** Offset of the tail in the scanned bytes: the first byte of a record. */
  at: number;
  /** End of the scanned bytes (the tail is bytes [at, end)). */
  end: number;
  encoding: CellEncoding;
  dialect: CsvDialect;
  header: string[];
  /** Decimal separator per numeric column, null for text columns (from the first chunk). */
  plan: (DecimalSeparator | null)[];
  /** Rows expected in the tail (room is reserved for them up front). */
  estimatedRows: number;
  /** Per column: a text column whose values do not repeat (kept as byte ranges from the start). */
  ranges: boolean[];
}

/** Text column of a tail: dictionary codes (with each code's bytes) or the bytes of each cell. */
export type TailText =
  | { codes: Uint16Array; dictStarts: Int32Array; dictEnds: Int32Array }
  | { starts: Int32Array; ends: Int32Array };

/**
 * A tail's table. Row indices, record numbers and byte offsets count from the tail's start (its first
 * row is index 0, its first record number 1, its first byte offset 0). Arrays are transferable.
 */
export interface TailTable {
  rows: number;
  /** Records (lines, empty ones included) in the tail. */
  records: number;
  rowNumbers: Int32Array;
  numbers: (Float64Array | null)[];
  bad: [number, string][][];
  blanks: Int32Array;
  text: (TailText | null)[];
  special: [number, string][][];
  edge: Uint8Array;
  ragged: { index: number; fields: number }[];
  emptyLines: number;
  unguarded: number;
  /**
   * The tail's bytes (from its first byte on), when the scanned bytes do not hold them (a large file
   * read in two parts): text values of the tail are read from them.
   */
  bytes?: Uint8Array;
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

/** Encodings the byte scanner reads directly (UTF-16 and mixed files are re-encoded to UTF-8 first). */
export type CellEncoding = 'utf-8' | 'windows-1252';

/** Bytes per decoded block from which ASCII cells are sliced (see CellText). */
const BLOCK = 1 << 20;

/**
 * Cell text from byte ranges of the file. Decoding each cell on its own (a TextDecoder call per cell) is
 * slow, and decoding the whole file at once costs more than the scan itself (a 60 MB file with one umlaut
 * becomes a 120 MB two-byte string). Instead a block of ~1 MB is decoded byte-for-byte (Windows-1252: one
 * character per byte) and cells are sliced from it; in UTF-8 files only cells with a non-ASCII byte are
 * decoded on their own (for them the block's offsets would be wrong).
 */
class CellText {
  private readonly exact: TextDecoder | null;
  private readonly single = new TextDecoder('windows-1252');
  private blockStart = 0;
  private blockEnd = 0;
  private block = '';
  constructor(
    private readonly bytes: Uint8Array,
    enc: CellEncoding,
  ) {
    this.exact = enc === 'utf-8' ? new TextDecoder('utf-8') : null;
  }

  /** Exact text of bytes [a, b). */
  decode(a: number, b: number): string {
    const sub = this.bytes.subarray(a, b);
    return this.exact ? this.exact.decode(sub) : decodeWindows1252(sub);
  }

  /** Text of bytes [a, b); `ascii`: the record holds no byte ≥ 0x80 (so neither does the cell). */
  cell(a: number, b: number, ascii: boolean): string {
    if (a === b) return '';
    if (!ascii && this.exact) {
      for (let k = a; k < b; k++)
        if (this.bytes[k] > 127) return this.exact.decode(this.bytes.subarray(a, b));
    }
    if (a < this.blockStart || b > this.blockEnd) this.load(a);
    return this.block.slice(a - this.blockStart, b - this.blockStart);
  }

  private load(a: number): void {
    const bytes = this.bytes;
    let end = Math.min(bytes.length, a + BLOCK);
    // end the block after a line break, so that no cell straddles two blocks
    while (end < bytes.length && bytes[end - 1] !== 10 && bytes[end - 1] !== 13) end++;
    this.blockStart = a;
    this.blockEnd = end;
    const sub = bytes.subarray(a, end);
    this.block = this.exact ? this.single.decode(sub) : decodeWindows1252(sub);
  }

  /** Only blanks (ASCII ≤ 32, or Unicode spaces as with String.prototype.trim) in [a, b)? */
  blank(a: number, b: number): boolean {
    for (let k = a; k < b; k++) {
      const c = this.bytes[k];
      if (c > 32) return c < 128 ? false : this.decode(a, b).trim() === '';
    }
    return true;
  }
}

/**
 * Interns cells of one text column straight from byte ranges: a repeated value costs a hash and a
 * comparison over its bytes, not a new string per cell (that string and its hashing in a Map dominated
 * the scan, and the garbage collector then had a million short strings to clear).
 */
class ByteInterner {
  private table = new Int32Array(1 << 16); // entry index + 1; 0 = empty (load ≤ 0.31 at INTERN_MAX)
  private hashes = new Int32Array(INTERN_MAX + 1);
  private starts = new Int32Array(INTERN_MAX + 1);
  private lens = new Int32Array(INTERN_MAX + 1);
  /** Distinct values so far (codes 0..n-1). */
  private n = 0;
  /** A tail's bytes (see merge): values kept at offsets from `tailAt` on are read from them. */
  private tail: Uint8Array;
  private tailAt = Number.POSITIVE_INFINITY;
  constructor(private readonly bytes: Uint8Array) {
    this.tail = bytes;
  }

  /**
   * The code of bytes [a, b), or -1 when the interner is full. No string is made: a value is known by its
   * bytes (its first occurrence), and ScannedText decodes a code's text when a row with it is read.
   */
  code(a: number, b: number): number {
    return this.codeIn(this.bytes, 0, a, b);
  }

  /**
   * The code of a tail's value: bytes [a, b) of `tail`, whose first byte is at offset `at` of the scan.
   * A new value is kept at its offset (≥ at), so that its bytes are read from `tail` (see ScannedText).
   */
  codeInTail(tail: Uint8Array, at: number, a: number, b: number): number {
    this.tail = tail;
    this.tailAt = at;
    return this.codeIn(tail, at, a, b);
  }

  /** The code of `src`[a, b); `src` starts at offset `base` of the scan (a new value is kept at a + base). */
  private codeIn(src: Uint8Array, base: number, a: number, b: number): number {
    let h = 0x811c9dc5 | 0; // as an int32, like the stored hashes (an empty cell has no multiply)
    for (let k = a; k < b; k++) h = Math.imul(h ^ src[k], 0x01000193);
    const len = b - a;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const e = this.table[slot] - 1;
      if (e < 0) break;
      if (this.hashes[e] === h && this.lens[e] === len) {
        // the first occurrence is in the scan's bytes, or (from a merge) in the tail's
        const s = this.starts[e];
        const inTail = s >= this.tailAt;
        const kept = inTail ? this.tail : this.bytes;
        const from = inTail ? s - this.tailAt : s;
        let k = 0;
        while (k < len && kept[from + k] === src[a + k]) k++;
        if (k === len) return e;
      }
      slot = (slot + 1) & mask;
    }
    const n = this.n;
    if (n >= INTERN_MAX) return -1; // so many distinct values: interning no longer pays off
    this.n = n + 1;
    this.hashes[n] = h;
    this.starts[n] = a + base;
    this.lens[n] = len;
    this.table[slot] = n + 1;
    return n;
  }

  /** Byte ranges of all codes (index = code). */
  ranges(): { dictStarts: Int32Array; dictEnds: Int32Array } {
    const n = this.n;
    const dictStarts = this.starts.slice(0, n);
    const dictEnds = new Int32Array(n);
    for (let k = 0; k < n; k++) dictEnds[k] = dictStarts[k] + this.lens[k];
    return { dictStarts, dictEnds };
  }
}

/** Empty or only blanks (as String.prototype.trim sees them), without a trimmed copy for ordinary values. */
export function isBlank(v: string): boolean {
  if (v === '') return true;
  const a = v.charCodeAt(0);
  return a > 32 && a < 128 ? false : v.trim() === '';
}

/** A copy of `a` with twice the room (field bounds of a line with many fields). */
function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The first n entries: a view when little is wasted (no copy of millions of values), else a compact copy. */
function trimTo<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n <= n / 8 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** Row numbers collected into a growing Int32Array (no million-element JS array). */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  /** Room for n values without regrowing. */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const d = new Int32Array(n);
    d.set(this.data.subarray(0, this.length));
    this.data = d;
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  /** Append the first n values of `src`, each plus `add`. */
  append(src: Int32Array, n: number, add: number): void {
    this.reserve(this.length + n);
    const d = this.data;
    const at = this.length;
    for (let i = 0; i < n; i++) d[at + i] = src[i] + add;
    this.length = at + n;
  }
  toArray(): Int32Array {
    return trimTo(this.data, this.length);
  }
}

/** Characters (bytes) per chunk between progress reports / cancel checks. */
const CHUNK = 1 << 20;

/**
 * The table being built, shared by both scanners: header, text columns, numeric columns (after the
 * plan), row numbers and the rows that do not fit.
 */
class TableBuilder {
  header: string[] | null = null;
  width = 0;
  readonly columns: string[][] = [];
  readonly rowNumbers = new IntList();
  readonly ragged: RawTable['ragged'] = [];
  readonly malformed: RawTable['malformed'] = [];
  emptyLines = 0;
  unguarded = 0;
  /** String parsers per column once the plan is applied (null = text column); null before. */
  parsers: (((s: string) => number) | null)[] | null = null;
  byteParsers: (((b: Uint8Array, from: number, to: number) => number) | null)[] = [];
  readonly numbers: (Float64Array | null)[] = [];
  readonly bad: Map<number, string>[] = [];
  /** Empty or blank cells per column (see RawTable.blanks). */
  blanks = new Int32Array(0);
  /**
   * Byte scanner: text columns after the plan are kept as codes or byte ranges (see ScannedText), not as
   * strings. Set before the first record by parseDelimitedBytes.
   */
  lazy: { bytes: Uint8Array; encoding: CellEncoding; tail: ScannedTextParts['tail'] } | null = null;
  /** Rows read before the plan (their text cells are strings in `columns`). */
  headRows = 0;
  /** The plan: decimal separator per numeric column, null for text columns. */
  decimals: (DecimalSeparator | null)[] = [];
  /** Per text column (lazy mode): a dictionary code per row while the values repeat, else null. */
  codes: (Uint16Array | null)[] = [];
  interners: (ByteInterner | null)[] = [];
  /** Per text column (lazy mode): byte range per row once the values stopped repeating, else null. */
  starts: (Int32Array | null)[] = [];
  ends: (Int32Array | null)[] = [];
  /** Per text column (lazy mode): cells whose text differs from their bytes (formula guard taken off). */
  special: Map<number, string>[] = [];
  /** Per column (lazy mode): 1 = some cell after the head starts or ends with a blank or non-ASCII byte. */
  edge = new Uint8Array(0);
  private cap = 0;

  constructor(
    private readonly dialect: CsvDialect,
    private readonly cb: ParseCallbacks,
  ) {}

  get planPending(): boolean {
    return !this.parsers && this.header !== null && !!this.cb.plan;
  }

  unguardCell(v: string): string {
    if (v.charCodeAt(0) !== 39) return v;
    const t = removeFormulaGuard(v);
    if (t !== v) this.unguarded++;
    return t;
  }

  /**
   * The plan is known (from the first chunk): numeric columns get their arrays (the first chunk's cells are
   * converted), text columns their codes, or (lazy mode) their byte ranges when their values do not repeat:
   * `ranges[j]`, or judged from the first chunk (its distinct values, projected over the file, would overflow
   * the interner — IDs, names, addresses). Interning such a column first would only be undone later.
   */
  applyPlan(estimatedRows: number, ranges?: boolean[]): void {
    const { columns, width, bad, numbers } = this;
    const plan = this.cb.plan ? this.cb.plan(this.header ?? [], columns) : columns.map(() => null);
    this.decimals = columns.map((_, j) => plan[j] ?? null);
    const n = this.rowNumbers.length;
    // a small floor saves regrowth on short files, but never more than ~1M slots over all columns (a file
    // with 100,000 columns would otherwise reserve 800 MB before reading its second line)
    const floor = Math.min(1024, Math.max(16, Math.floor(1_048_576 / Math.max(1, width))));
    this.cap = Math.max(floor, n, Math.ceil(estimatedRows * 1.05));
    this.rowNumbers.reserve(this.cap);
    const parsers: (((s: string) => number) | null)[] = [];
    this.byteParsers = [];
    this.headRows = n;
    this.edge = new Uint8Array(width);
    for (let j = 0; j < width; j++) {
      bad.push(new Map());
      this.special.push(new Map());
      this.starts.push(null);
      this.ends.push(null);
      this.interners.push(null);
      const dec = plan[j] ?? null;
      if (!dec) {
        numbers.push(null);
        parsers.push(null);
        this.byteParsers.push(null);
        // lazy mode: the head stays in `columns`, later rows get a code or a byte range (see parseDelimitedBytes)
        const unique = ranges?.[j] ?? (n > 0 && (new Set(columns[j]).size * this.cap) / n > INTERN_MAX);
        this.codes.push(this.lazy && !unique ? new Uint16Array(this.cap) : null);
        if (this.lazy && unique) {
          this.starts[j] = new Int32Array(this.cap);
          this.ends[j] = new Int32Array(this.cap);
        }
        continue;
      }
      this.codes.push(null);
      const parse = makeNumberParser(dec);
      parsers.push(parse);
      this.byteParsers.push(makeByteNumberParser(dec));
      const out = new Float64Array(this.cap);
      const col = columns[j];
      for (let i = 0; i < n; i++) {
        const v = col[i] === '' ? Number.NaN : parse(col[i]);
        out[i] = v;
        if (Number.isNaN(v) && col[i].trim() !== '') bad[j].set(i, col[i]);
      }
      numbers.push(out);
      columns[j] = [];
    }
    this.parsers = parsers;
  }

  /** Room for row `idx` in the numeric columns. */
  grow(idx: number): void {
    if (idx < this.cap) return;
    this.cap = Math.max(Math.ceil(this.cap * 1.5) + 1024, idx + 1);
    const cap = this.cap;
    const more = <T extends Float64Array | Int32Array | Uint16Array>(a: T | null, make: (n: number) => T) => {
      if (!a) return null;
      const b = make(cap);
      b.set(a);
      return b;
    };
    for (let j = 0; j < this.width; j++) {
      this.numbers[j] = more(this.numbers[j], (k) => new Float64Array(k));
      if (!this.lazy) continue;
      this.codes[j] = more(this.codes[j], (k) => new Uint16Array(k));
      this.starts[j] = more(this.starts[j], (k) => new Int32Array(k));
      this.ends[j] = more(this.ends[j], (k) => new Int32Array(k));
    }
  }

  /** Lazy mode: column j's values stopped repeating at row `idx`; rows before it get their byte ranges. */
  toRanges(j: number, idx: number, interner: ByteInterner): void {
    const starts = new Int32Array(this.cap);
    const ends = new Int32Array(this.cap);
    const codes = this.codes[j] as Uint16Array;
    const { dictStarts, dictEnds } = interner.ranges();
    for (let i = this.headRows; i < idx; i++) {
      const c = codes[i];
      if (c === SPECIAL_CODE) continue;
      starts[i] = dictStarts[c];
      ends[i] = dictEnds[c];
    }
    this.starts[j] = starts;
    this.ends[j] = ends;
    this.codes[j] = null;
  }

  /** Lazy mode: text column j's values (null when the column was not scanned lazily). */
  private scanned(j: number, rows: number): ScannedText | null {
    const lazy = this.lazy;
    if (!lazy || !this.parsers || this.parsers[j] || rows <= this.headRows) return null;
    return new ScannedText({
      length: rows,
      head: this.columns[j],
      bytes: lazy.bytes,
      tail: lazy.tail,
      encoding: lazy.encoding,
      dict: this.codes[j] ? (this.interners[j]?.ranges() ?? null) : null,
      codes: this.codes[j],
      starts: this.starts[j],
      ends: this.ends[j],
      special: this.special[j],
      edge: this.edge[j] === 1 || this.columns[j].some((v) => v !== '' && v.trim() !== v),
    });
  }

  /** A tail's table: the header is known and the plan applies from its first row. */
  known(header: string[], estimatedRows: number, ranges: boolean[]): void {
    this.setHeader(header.slice());
    this.applyPlan(estimatedRows, ranges);
  }

  private setHeader(header: string[]): void {
    this.header = header;
    this.width = header.length;
    for (let j = 0; j < this.width; j++) this.columns.push([]);
    this.blanks = new Int32Array(this.width);
  }

  /** A non-empty record: the header (first one, returns false) or a data row (returns true). */
  takeRecord(r: string[]): boolean {
    for (let j = 0; j < r.length; j++) r[j] = this.unguardCell(r[j]);
    if (this.header === null) {
      const d = this.dialect;
      if (d.header) {
        const h = r.slice();
        if (d.trailingDelimiter && h.length > 1 && h[h.length - 1].trim() === '') h.pop();
        this.setHeader(h);
        return false;
      }
      const width = r.length - (d.trailingDelimiter && r.length > 1 && r[r.length - 1] === '' ? 1 : 0);
      this.setHeader(Array.from({ length: width }, (_, j) => `Spalte ${j + 1}`));
    }
    return true;
  }

  /** A data row as strings (papaparse, and the byte scanner before the plan). */
  addRow(r: string[], rowNo: number): void {
    const { width, columns, numbers, bad, blanks } = this;
    const idx = this.rowNumbers.length;
    this.rowNumbers.push(rowNo);
    const n = r.length;
    for (let j = 0; j < width; j++) if (j >= n || isBlank(r[j])) blanks[j]++;
    const parsers = this.parsers;
    if (parsers) {
      this.grow(idx);
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
      if (n < width || extraFilled) this.ragged.push({ index: idx, fields: n });
    }
  }

  result(): RawTable {
    const rows = this.rowNumbers.length;
    for (const col of this.columns) if (col.length > rows) col.length = rows;
    if (this.planPending) this.applyPlan(rows);
    const result: RawTable = {
      header: this.header ?? [],
      columns: this.columns,
      rowNumbers: this.rowNumbers.toArray(),
      ragged: this.ragged,
      malformed: this.malformed,
      emptyLines: this.emptyLines,
      unguarded: this.unguarded,
    };
    if (this.parsers) {
      result.numbers = this.numbers.map((a) => (a ? trimTo(a, rows) : null));
      result.bad = this.bad;
      result.blanks = this.blanks;
      if (this.lazy) {
        result.text = this.columns.map((_, j) => this.scanned(j, rows));
        result.text.forEach((t, j) => {
          if (t) this.columns[j] = [];
        });
      }
    }
    return result;
  }
}

/** papaparse's (English) error as a German reason for the report. */
function papaMessage(e: Papa.ParseError): string {
  switch (e.code) {
    case 'MissingQuotes':
      return 'Anführungszeichen nicht geschlossen (das Feld reicht bis zum Dateiende oder zum nächsten Anführungszeichen)';
    case 'InvalidQuotes':
      return 'Anführungszeichen mitten im Feld (ungültiges Quoting)';
    case 'TooFewFields':
      return 'zu wenige Felder';
    case 'TooManyFields':
      return 'zu viele Felder';
    default:
      return `Lesefehler (${e.message})`;
  }
}

/**
 * Parse the whole text into column arrays.
 *
 * Text without any quote character goes through the byte scanner (as UTF-8, see parseDelimitedBytes);
 * otherwise papaparse (chunk mode) handles quoting, escaped quotes and malformed records.
 */
export function parseDelimited(text: string, dialect: CsvDialect, cb: ParseCallbacks = {}): RawTable {
  if (text.indexOf(dialect.quote) < 0)
    return parseDelimitedBytes(new TextEncoder().encode(text), 0, 'utf-8', dialect, cb);
  const t = new TableBuilder(dialect, cb);
  let record = cb.linesBefore ?? 0; // records seen so far (1-based numbering of file rows)
  let cancelled = false;
  // a final line break ends the last record; it is not an empty line
  const nl = NEWLINE[dialect.lineEnding];
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
      for (const e of res.errors)
        if (e.row !== undefined && e.row !== null) errByRow.set(e.row, papaMessage(e));
      for (let i = 0; i < data.length; i++) {
        const r = data[i];
        record++;
        if (isEmptyRecord(r)) {
          t.emptyLines++;
          continue;
        }
        if (!t.takeRecord(r)) continue;
        const msg = errByRow.get(i);
        if (msg) t.malformed.push({ index: t.rowNumbers.length, message: msg });
        t.addRow(r, record);
      }
      consumed += CHUNK;
      if (t.planPending)
        t.applyPlan((t.rowNumbers.length * body.length) / Math.max(1, Math.min(consumed, body.length)));
      cb.onProgress?.(Math.min(1, consumed / Math.max(1, body.length)));
      if (cb.isCancelled?.()) {
        cancelled = true;
        parser.abort();
      }
    },
  });
  if (cancelled) throw new ImportCancelled();
  return t.result();
}

/**
 * The scanner for files without any quote character, straight over the file's bytes from `start`
 * (after a BOM, an Excel `sep=` line or title lines): splits records and fields itself, converts numeric
 * cells from the bytes (no string per cell, no array per row) and makes strings only for text cells
 * (repeated values interned, others batched and decoded together). Gives the same table as the papaparse
 * path (tests/unit/io/csvFastPath.test.ts).
 *
 * Line breaks: with CR-only files every CR ends a record; otherwise every LF does, and a CR right before
 * it is dropped (a CRLF file with some bare LF lines after hand edits is read line by line, not glued).
 */
export function parseDelimitedBytes(
  bytes: Uint8Array,
  start: number,
  enc: CellEncoding,
  dialect: CsvDialect,
  cb: ParseCallbacks = {},
): RawTable {
  const scan = new ByteScan(bytes, start, enc, dialect, { ...cb, tail: undefined });
  scan.run();
  return scan.t.result();
}

/**
 * parseDelimitedBytes for large files: the file is cut at the first record at or after `cb.tailFrom`.
 * Once the column plan is known, the part from there on (the tail) is offered to `cb.tail` (another
 * worker scans it meanwhile) and merged when both parts are done. If the tail fails or is declined,
 * it is scanned here (scanTail, as the other worker would): the table is the same either way.
 *
 * `partial`: `bytes` is only the first part of the file (the other worker reads the rest). Throws
 * NeedWhole when the scan cannot be split there.
 */
export async function parseDelimitedBytesSplit(
  bytes: Uint8Array,
  start: number,
  enc: CellEncoding,
  dialect: CsvDialect,
  cb: ParseCallbacks = {},
  partial?: PartialBytes,
): Promise<RawTable> {
  const NL = dialect.lineEnding === 'CR' ? 13 : 10;
  const size = partial?.size ?? bytes.length;
  let at = cb.tail ? recordStartFrom(bytes, bytes.length, cb.tailFrom ?? tailStart(size), NL) : 0;
  // the plan (made on the first chunk) must come before the split, as in one scan over the whole file
  if (at < start + (cb.chunkBytes ?? CHUNK) || size - at < (cb.tailMinBytes ?? TAIL_MIN_BYTES)) at = 0;
  if (!at && partial) throw new NeedWhole('no record start after the cut');
  const scan = new ByteScan(bytes, start, enc, dialect, cb, size);
  if (at) scan.limitTo(at);
  scan.run();
  cb.mark?.('head');
  if (at) {
    const job = scan.tailJob;
    if (!job) {
      if (partial) throw new NeedWhole('no column plan before the cut');
      scan.scanRest();
      return scan.t.result();
    }
    let tail: TailTable | null = null;
    if (scan.pending)
      try {
        tail = await scan.pending;
      } catch {
        tail = null;
      }
    cb.mark?.('tailWait');
    if (cb.isCancelled?.()) throw new ImportCancelled();
    if (!tail) {
      // declined or failed: scanned here, from the tail's own bytes as the other worker would
      const own = partial ? await partial.rest(at) : bytes.subarray(at);
      tail = { ...scanTail(own, job), bytes: own };
      cb.mark?.('scanRest');
    }
    scan.merge(tail);
    cb.mark?.('merge');
  }
  return scan.t.result();
}

/**
 * Scan a tail (bytes [job.at, job.end) of a file, given as `bytes`) with the plan of its head: in a
 * second worker. The result counts rows, records and bytes from the tail's start (see TailTable).
 */
export function scanTail(bytes: Uint8Array, job: Omit<TailJob, 'at' | 'end'>): TailTable {
  const scan = new ByteScan(bytes, 0, job.encoding, job.dialect, { plan: () => job.plan });
  scan.t.known(job.header, job.estimatedRows, job.ranges);
  scan.run();
  return scan.tailTable();
}

/** Field ranges of one record (reused from record to record). */
interface RecordSplit {
  fs: Int32Array<ArrayBuffer>;
  fe: Int32Array<ArrayBuffer>;
  /** Where the next record starts. */
  next: number;
  /** The record has a byte ≥ 0x80. */
  hi: boolean;
}

/**
 * Split the record at `pos` (records end at `len`) into field ranges rec.fs/rec.fe; returns the field
 * count. A CR right before the LF is not part of the last field (unless CR alone ends records).
 */
function splitRecord(
  bytes: Uint8Array,
  pos: number,
  len: number,
  D: number,
  NL: number,
  crOnly: boolean,
  rec: RecordSplit,
): number {
  let { fs, fe } = rec;
  let nf = 0;
  let fStart = pos;
  let end = len;
  let next = len + 1;
  let hi = false;
  for (let i = pos; i < len; i++) {
    const c = bytes[i];
    if (c === D) {
      if (nf === fs.length) [fs, fe] = [doubled(fs), doubled(fe)];
      fs[nf] = fStart;
      fe[nf++] = i;
      fStart = i + 1;
    } else if (c === NL) {
      end = !crOnly && i > fStart && bytes[i - 1] === 13 ? i - 1 : i;
      next = i + 1;
      break;
    } else if (c > 127) hi = true;
  }
  if (nf === fs.length) [fs, fe] = [doubled(fs), doubled(fe)];
  fs[nf] = fStart;
  fe[nf++] = end;
  rec.fs = fs;
  rec.fe = fe;
  rec.next = next;
  rec.hi = hi;
  return nf;
}

/** The byte scanner (see parseDelimitedBytes); `run` scans [start, end), a tail may be split off. */
class ByteScan {
  readonly t: TableBuilder;
  private readonly text: CellText;
  private readonly intern: (ByteInterner | null)[] = [];
  private readonly crOnly: boolean;
  private readonly NL: number;
  /** Records seen so far (1-based numbering of file rows). */
  private record: number;
  private offerTail: boolean;
  /** Where the tail starts (this scan stops before it; 0 = no tail, see limitTo). */
  private splitAt = 0;
  /** The tail handed off (null while none is). */
  tailJob: TailJob | null = null;
  pending: Promise<TailTable> | null = null;
  /** End of the bytes this scan reads (before a final line break); the split when there is a tail. */
  private len: number;
  private pos: number;
  private readonly rec: RecordSplit = { fs: new Int32Array(64), fe: new Int32Array(64), next: 0, hi: false };

  constructor(
    private readonly bytes: Uint8Array,
    private readonly start: number,
    private readonly enc: CellEncoding,
    private readonly dialect: CsvDialect,
    private readonly cb: ParseCallbacks,
    /** Length of the whole file's scanned bytes (more than `bytes` holds when only its first part is read). */
    private readonly size = bytes.length,
  ) {
    this.t = new TableBuilder(dialect, cb);
    this.t.lazy = { bytes, encoding: enc, tail: null };
    this.text = new CellText(bytes, enc);
    this.crOnly = dialect.lineEnding === 'CR';
    this.NL = this.crOnly ? 13 : 10;
    this.record = cb.linesBefore ?? 0;
    this.offerTail = !!cb.tail;
    this.pos = start;
    this.len = this.stopAt(bytes.length);
  }

  /** Where the records of bytes [start, end) end: a final line break is not part of a record. */
  private stopAt(end: number): number {
    const { bytes, start } = this;
    // a final line break ends the last record; it is not an empty line
    let len = Math.min(end, bytes.length);
    if (len > start && bytes[len - 1] === this.NL) {
      len--;
      if (!this.crOnly && len > start && bytes[len - 1] === 13) len--;
    }
    return len;
  }

  /** Scan only the records before `at` (a record start): the rest is the tail (offered at the plan, see split). */
  limitTo(at: number): void {
    this.splitAt = at;
    this.len = this.stopAt(at);
  }

  /** Offer the records from splitAt on as a tail (to cb.tail). */
  private split(pos: number): void {
    const { cb, splitAt: at } = this;
    if (!cb.tail || !at) return;
    const rowsPerByte = this.t.rowNumbers.length / Math.max(1, pos - this.start);
    const job: TailJob = {
      at,
      end: this.size,
      encoding: this.enc,
      dialect: this.dialect,
      header: this.t.header ?? [],
      plan: (this.t.parsers ?? []).map((_, j) => this.t.decimals[j]),
      estimatedRows: Math.ceil((this.size - at) * rowsPerByte * 1.05) + 16,
      ranges: this.t.starts.map((x) => x !== null),
    };
    // the job is kept even when declined: the tail is then scanned here with it
    this.tailJob = job;
    this.pending = cb.tail(job);
    cb.mark?.('split');
  }

  /** The tail could not be scanned elsewhere (or was declined): read it here. */
  scanRest(): void {
    const at = this.splitAt;
    if (!at) return;
    this.splitAt = 0;
    this.tailJob = null;
    this.pending = null;
    this.pos = at;
    this.len = this.stopAt(this.bytes.length);
    this.run();
  }

  /**
   * Scan [pos, len]. The records before the plan (header, first chunk: strings per cell) and the records
   * after it (no strings) are two loops in two methods: the JIT then optimises each with the type feedback
   * of its own kind of record, instead of optimising one loop on the first chunk and throwing that code
   * away (and compiling it again) once the plan switches to the other branch.
   */
  run(): void {
    if (!this.t.parsers) this.runHead();
    if (this.pos <= this.len) this.runBody();
  }

  /** At a progress point: apply the plan (first time), offer the tail, report progress, check for cancel. */
  private report(pos: number, len: number): void {
    const { t, cb, start } = this;
    const total = Math.max(1, this.size - start);
    if (t.planPending) {
      t.applyPlan((t.rowNumbers.length * total) / Math.max(1, Math.min(pos, len) - start));
      cb.mark?.('plan');
    }
    if (this.offerTail && t.parsers) {
      this.offerTail = false;
      this.split(pos);
    }
    cb.onProgress?.(Math.min(1, (pos - start) / Math.max(1, len - start)));
    if (cb.isCancelled?.()) throw new ImportCancelled();
  }

  /** Records up to the plan (the header, then the first chunk): a string per cell. */
  private runHead(): void {
    const { t, text, bytes, NL, crOnly } = this;
    const D = this.dialect.delimiter.charCodeAt(0);
    const rec = this.rec;
    let nextReport = this.pos + (this.cb.chunkBytes ?? CHUNK);
    while (this.pos <= this.len && !t.parsers) {
      const pos = this.pos;
      const nf = splitRecord(bytes, pos, this.len, D, NL, crOnly, rec);
      const { fs, fe } = rec;
      this.pos = rec.next;
      this.record++;
      if (nf === 1 && text.blank(fs[0], fe[0])) t.emptyLines++;
      else {
        const r = new Array<string>(nf);
        for (let j = 0; j < nf; j++) r[j] = text.cell(fs[j], fe[j], !rec.hi);
        if (t.takeRecord(r)) t.addRow(r, this.record);
      }
      if (this.pos >= nextReport || this.pos > this.len) {
        nextReport = this.pos + (this.cb.chunkBytes ?? CHUNK);
        this.report(this.pos, this.len);
      }
    }
  }

  /** Records after the plan: numbers straight from the bytes, text as codes or byte ranges. */
  private runBody(): void {
    // all state in locals: V8 optimises the loop far better than field access
    const { t, text, intern, bytes, enc, cb, crOnly, NL, rec } = this;
    const D = this.dialect.delimiter.charCodeAt(0);
    const chunk = cb.chunkBytes ?? CHUNK;
    let nextReport = this.pos + chunk;
    const len = this.len;
    let pos = this.pos;
    let record = this.record;
    while (pos <= len) {
      const nf = splitRecord(bytes, pos, len, D, NL, crOnly, rec);
      const { fs, fe } = rec;
      const ascii = !rec.hi;
      pos = rec.next;
      record++;
      if (nf === 1 && text.blank(fs[0], fe[0])) t.emptyLines++;
      else {
        const { width, numbers, bad, byteParsers, parsers, blanks, codes, starts, ends, edge } = t;
        const idx = t.rowNumbers.length;
        t.rowNumbers.push(record);
        t.grow(idx);
        if (intern.length < width) this.ensureInterners();
        for (let j = 0; j < width; j++) {
          const p = byteParsers[j];
          // a missing cell is an empty one (the empty range 0..0)
          const a = j < nf ? fs[j] : 0;
          const b = j < nf ? fe[j] : 0;
          const c0 = bytes[a];
          const c1 = bytes[b - 1];
          if (a === b || ((c0 <= 32 || c0 > 127 || c1 <= 32) && text.blank(a, b))) blanks[j]++;
          if (p) {
            // Windows-1252 bytes ≥ 0x80 (e.g. NBSP as a thousands separator) are not UTF-8: parse the text
            const x =
              a === b
                ? Number.NaN
                : !ascii && enc === 'windows-1252'
                  ? (parsers as ((s: string) => number)[])[j](text.cell(a, b, false))
                  : p(bytes, a, b);
            (numbers[j] as Float64Array)[idx] = x;
            if (Number.isNaN(x) && !text.blank(a, b)) bad[j].set(idx, text.cell(a, b, ascii));
            continue;
          }
          // text: no string per cell; a code while the values repeat (categories, names), else the byte range
          if (a < b && (c0 <= 32 || c0 > 127 || c1 <= 32 || c1 > 127)) edge[j] = 1;
          if (c0 === 39 && a < b) {
            const v = text.cell(a, b, ascii);
            const u = t.unguardCell(v);
            if (u !== v) {
              t.special[j].set(idx, u);
              const cj = codes[j];
              if (cj) cj[idx] = SPECIAL_CODE;
              continue;
            }
          }
          const cj = codes[j];
          if (cj) {
            const code = (intern[j] as ByteInterner).code(a, b);
            if (code >= 0) {
              cj[idx] = code;
              continue;
            }
            t.toRanges(j, idx, intern[j] as ByteInterner);
            intern[j] = null;
          }
          (starts[j] as Int32Array)[idx] = a;
          (ends[j] as Int32Array)[idx] = b;
        }
        if (nf !== width) {
          let extraFilled = false;
          for (let j = width; j < nf; j++) if (!text.blank(fs[j], fe[j])) extraFilled = true;
          if (nf < width || extraFilled) t.ragged.push({ index: idx, fields: nf });
        }
      }
      if (pos >= nextReport || pos > len) {
        nextReport = pos + chunk;
        this.report(pos, len);
      }
    }
    this.pos = pos;
    this.record = record;
  }

  /** Take in a tail's table (scanned from splitAt by scanTail). */
  merge(tail: TailTable): void {
    const { t } = this;
    const at = this.splitAt;
    // the tail's text is read from its own bytes (offsets from `at` on, see ScannedText)
    const tailBytes = tail.bytes ?? this.bytes.subarray(at);
    if (t.lazy) t.lazy.tail = { bytes: tailBytes, at };
    const nA = t.rowNumbers.length;
    const nB = tail.rows;
    const n = nA + nB;
    if (n > 0) t.grow(n - 1);
    t.rowNumbers.append(tail.rowNumbers, nB, this.record);
    this.record += tail.records;
    t.emptyLines += tail.emptyLines;
    t.unguarded += tail.unguarded;
    for (const r of tail.ragged) t.ragged.push({ index: r.index + nA, fields: r.fields });
    for (let j = 0; j < t.width; j++) {
      t.blanks[j] += tail.blanks[j];
      for (const [i, v] of tail.bad[j] ?? []) t.bad[j].set(i + nA, v);
      const nums = t.numbers[j];
      const tn = tail.numbers[j];
      if (nums && tn) {
        nums.set(tn.subarray(0, nB), nA);
        continue;
      }
      const tt = tail.text[j];
      if (!tt) continue;
      if (tail.edge[j]) t.edge[j] = 1;
      for (const [i, v] of tail.special[j] ?? []) t.special[j].set(i + nA, v);
      const codes = t.codes[j];
      const it = codes ? this.interner(j) : null;
      if ('codes' in tt && codes && it) {
        // both halves repeat: the tail's codes become this scan's codes (by the bytes of each value)
        const map = new Int32Array(tt.dictStarts.length);
        let full = false;
        for (let k = 0; k < map.length && !full; k++) {
          map[k] = it.codeInTail(tailBytes, at, tt.dictStarts[k], tt.dictEnds[k]);
          full = map[k] < 0;
        }
        if (!full) {
          for (let i = 0; i < nB; i++) {
            const c = tt.codes[i];
            codes[nA + i] = c === SPECIAL_CODE ? SPECIAL_CODE : map[c];
          }
          continue;
        }
      }
      if (t.codes[j] && it) {
        t.toRanges(j, nA, it);
        this.intern[j] = null;
      }
      const starts = t.starts[j] as Int32Array;
      const ends = t.ends[j] as Int32Array;
      if ('codes' in tt) {
        for (let i = 0; i < nB; i++) {
          const c = tt.codes[i];
          if (c === SPECIAL_CODE) continue;
          starts[nA + i] = tt.dictStarts[c] + at;
          ends[nA + i] = tt.dictEnds[c] + at;
        }
      } else
        for (let i = 0; i < nB; i++) {
          starts[nA + i] = tt.starts[i] + at;
          ends[nA + i] = tt.ends[i] + at;
        }
    }
    this.tailJob = null;
    this.pending = null;
  }

  /** An interner per column, once the width is known (text columns intern until they overflow). */
  private ensureInterners(): void {
    const { intern, t } = this;
    while (intern.length < t.width) {
      const it = new ByteInterner(this.bytes);
      t.interners[intern.length] = it;
      intern.push(it);
    }
  }

  /** The interner of text column j (made now if no row came after the plan). */
  private interner(j: number): ByteInterner {
    this.ensureInterners();
    return this.intern[j] as ByteInterner;
  }

  /** This scan as a tail's table (see scanTail). */
  tailTable(): TailTable {
    const { t } = this;
    const rows = t.rowNumbers.length;
    const text: (TailText | null)[] = [];
    for (let j = 0; j < t.width; j++) {
      if (t.numbers[j]) text.push(null);
      else {
        const codes = t.codes[j];
        const it = codes ? this.interner(j) : null;
        if (codes && it) text.push({ codes: codes.subarray(0, rows), ...it.ranges() });
        else
          text.push({
            starts: (t.starts[j] as Int32Array).subarray(0, rows),
            ends: (t.ends[j] as Int32Array).subarray(0, rows),
          });
      }
    }
    return {
      rows,
      records: this.record,
      rowNumbers: t.rowNumbers.data.subarray(0, rows),
      numbers: t.numbers.map((a) => (a ? a.subarray(0, rows) : null)),
      bad: t.bad.map((m) => [...m]),
      blanks: t.blanks,
      text,
      special: t.special.map((m) => [...m]),
      edge: t.edge,
      ragged: t.ragged,
      emptyLines: t.emptyLines,
      unguarded: t.unguarded,
    };
  }
}
