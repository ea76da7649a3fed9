/**
 * Delimited text (CSV/TSV): dialect detection and chunked parsing with papaparse into raw text columns.
 * Nothing is typed here (dynamicTyping off): IDs stay text, numbers are converted per column later.
 */
import Papa from 'papaparse';
import { classifyNumber } from './numbers';
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
export function detectDialect(text: string): CsvDialect {
  const lineEnding = lineEndingOf(text);
  let sample = text.slice(0, 65536);
  if (text.length > sample.length) {
    const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (cut > 0) sample = sample.slice(0, cut);
  }
  let best: { d: Delimiter; score: number; rows: string[][] } | null = null;
  // on a tie, ';' / tab / '|' win over ',' (a German file with decimal commas splits evenly on ',' too)
  for (const d of ['\t', ';', '|', ','] as const) {
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
  const delimiter: Delimiter = best?.d ?? ',';
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
  rowNumbers: number[];
  /** Data rows (indices into columns) whose field count does not fit the header. */
  ragged: { index: number; fields: number }[];
  /** Records that papaparse reported as malformed (e.g. an unclosed quote). */
  malformed: { index: number; message: string }[];
  emptyLines: number;
  /** Columns converted to numbers while streaming (see ParseCallbacks.plan); their `columns` entry is empty. */
  numbers?: (Float64Array | null)[];
  /** Per column: row index → text of non-empty cells that did not parse as a number. */
  bad?: Map<number, string>[];
}

export interface ParseCallbacks {
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
  /**
   * Called once with the header and the rows of the first chunk (as columns); returns a number parser
   * for each column that should be converted while streaming (null = keep text). Converting early keeps
   * millions of short strings from ever being retained (the garbage collector dominated otherwise).
   */
  plan?: (header: string[], columns: string[][]) => (((s: string) => number) | null)[];
}

/** Parse the whole text in chunks (papaparse `chunk` mode) into column arrays. */
export function parseDelimited(text: string, dialect: CsvDialect, cb: ParseCallbacks = {}): RawTable {
  let header: string[] | null = null;
  let width = 0;
  const columns: string[][] = [];
  const rowNumbers: number[] = [];
  const ragged: RawTable['ragged'] = [];
  const malformed: RawTable['malformed'] = [];
  let record = 0; // records seen so far (1-based numbering of file rows)
  let emptyLines = 0;
  let cancelled = false;
  const chunkSize = 1 << 20;
  let consumed = 0;
  let parsers: (((s: string) => number) | null)[] | null = null;
  const numbers: (Float64Array | null)[] = [];
  const bad: Map<number, string>[] = [];
  let cap = 0;
  const applyPlan = (estimatedRows: number) => {
    const plan = cb.plan ? cb.plan(header ?? [], columns) : columns.map(() => null);
    const n = rowNumbers.length;
    cap = Math.max(1024, n, Math.ceil(estimatedRows * 1.05));
    for (let j = 0; j < width; j++) {
      bad.push(new Map());
      const parse = plan[j] ?? null;
      if (!parse) {
        numbers.push(null);
        continue;
      }
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
    parsers = plan;
  };
  const addRow = (r: string[], rowNo: number) => {
    const idx = rowNumbers.length;
    rowNumbers.push(rowNo);
    const n = r.length;
    if (parsers) {
      if (idx >= cap) {
        cap = Math.ceil(cap * 1.5) + 1024;
        for (let j = 0; j < width; j++) {
          const a = numbers[j];
          if (a) {
            const b = new Float64Array(cap);
            b.set(a);
            numbers[j] = b;
          }
        }
      }
      for (let j = 0; j < width; j++) {
        const v = j < n ? r[j] : '';
        const parse = parsers[j];
        if (parse) {
          const x = v === '' ? Number.NaN : parse(v);
          (numbers[j] as Float64Array)[idx] = x;
          if (Number.isNaN(x) && v.trim() !== '') bad[j].set(idx, v);
        } else columns[j].push(v);
      }
    } else for (let j = 0; j < width; j++) columns[j].push(j < n ? r[j] : '');
    if (n !== width) {
      // trailing delimiters / trailing empty cells are harmless; real extra or missing fields are not
      let extraFilled = false;
      for (let j = width; j < n; j++) if (r[j].trim() !== '') extraFilled = true;
      if (n < width || extraFilled) ragged.push({ index: idx, fields: n });
    }
  };
  // a final line break ends the last record; it is not an empty line
  const nl = NEWLINE[dialect.lineEnding];
  const body = text.endsWith(nl) ? text.slice(0, -nl.length) : text;
  Papa.parse<string[]>(body, {
    delimiter: dialect.delimiter,
    newline: NEWLINE[dialect.lineEnding],
    quoteChar: '"',
    skipEmptyLines: false,
    chunkSize,
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
        if (header === null) {
          if (dialect.header) {
            const h = r.slice();
            if (dialect.trailingDelimiter && h.length > 1 && h[h.length - 1].trim() === '') h.pop();
            header = h;
            width = h.length;
            for (let j = 0; j < width; j++) columns.push([]);
            continue;
          }
          width = r.length - (dialect.trailingDelimiter && r.length > 1 && r[r.length - 1] === '' ? 1 : 0);
          header = Array.from({ length: width }, (_, j) => `Spalte ${j + 1}`);
          for (let j = 0; j < width; j++) columns.push([]);
        }
        const msg = errByRow.get(i);
        if (msg) malformed.push({ index: rowNumbers.length, message: msg });
        addRow(r, record);
      }
      consumed += chunkSize;
      if (!parsers && header !== null && cb.plan)
        applyPlan((rowNumbers.length * body.length) / Math.max(1, Math.min(consumed, body.length)));
      cb.onProgress?.(Math.min(1, consumed / Math.max(1, body.length)));
      if (cb.isCancelled?.()) {
        cancelled = true;
        parser.abort();
      }
    },
  });
  if (cancelled) throw new ImportCancelled();
  const result: RawTable = { header: header ?? [], columns, rowNumbers, ragged, malformed, emptyLines };
  if (parsers) {
    const n = rowNumbers.length;
    result.numbers = numbers.map((a) => (a ? a.slice(0, n) : null));
    result.bad = bad;
  }
  return result;
}
