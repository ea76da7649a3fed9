/**
 * The text cells of one imported column, read by row index.
 *
 * Small inputs (XLSX, GeoJSON, quoted CSV, converted columns) hold their strings in an array. A large CSV
 * read by the byte scanner does not: a column of a million distinct IDs would be a million strings that
 * only a handful of consumers (the first 5,000 features, the preview, the report) ever read, and creating
 * and collecting them cost a fifth of the import. Such a column keeps either a code per row into a small
 * dictionary (repeated values: categories, names) or the byte range of each cell in the file, and makes a
 * string when a row is read.
 */
import { decodeWindows1252 } from './encoding';

export interface TextValues {
  readonly length: number;
  /** The cell of row i ('' when empty). */
  get(i: number): string;
  /** All cells as an array (builds one string per row for a byte-backed column). */
  toArray(): string[];
}

class ArrayText implements TextValues {
  constructor(private readonly values: string[]) {}
  get length(): number {
    return this.values.length;
  }
  get(i: number): string {
    return this.values[i];
  }
  toArray(): string[] {
    return this.values;
  }
}

/** Text values backed by a plain array (the array is not copied). */
export function arrayText(values: string[]): TextValues {
  return new ArrayText(values);
}

/** A code that marks a cell kept in `special` (codes are indexed by row: row i's cell is `dict[codes[i]]`). */
export const SPECIAL_CODE = 0xffff;

export interface ScannedTextParts {
  length: number;
  /** Cells of the first rows, as strings (the rows read before the column types were known). */
  head: string[];
  bytes: Uint8Array;
  /** A large file read in two parts: offsets from `at` on are in these bytes (which start at `at`). */
  tail: { bytes: Uint8Array; at: number } | null;
  encoding: 'utf-8' | 'windows-1252';
  /** Repeated values: a code per row after the head; code k's text is bytes [dictStarts[k], dictEnds[k]). */
  dict: { dictStarts: Int32Array; dictEnds: Int32Array } | null;
  codes: Uint16Array | null;
  /** Otherwise: the byte range [starts, ends) of each cell after the head (indexed by row). */
  starts: Int32Array | null;
  ends: Int32Array | null;
  /** Cells whose text is not their bytes (a formula guard `'` taken off), by row. */
  special: Map<number, string>;
  /** Some cell may start or end with whitespace (a blank or a non-ASCII byte at either end). */
  edge: boolean;
}

/** A column read by the byte scanner (see the module comment). */
export class ScannedText implements TextValues {
  readonly length: number;
  /** Some cell may need trimming (see ScannedTextParts.edge): an ID column is then trimmed as strings. */
  readonly edge: boolean;
  private readonly p: ScannedTextParts;
  private readonly utf8: TextDecoder | null;
  /** The text of each code, once read. */
  private readonly dictText: string[] = [];
  constructor(parts: ScannedTextParts) {
    this.p = parts;
    this.length = parts.length;
    this.edge = parts.edge;
    this.utf8 = parts.encoding === 'utf-8' ? new TextDecoder('utf-8') : null;
  }

  /** How the rows after the head are held (for tests and diagnostics). */
  get storage(): 'codes' | 'ranges' {
    return this.p.codes ? 'codes' : 'ranges';
  }

  get(i: number): string {
    const p = this.p;
    const h = p.head.length;
    if (i < h) return p.head[i];
    if (i >= this.length) return '';
    if (p.special.size > 0) {
      const s = p.special.get(i);
      if (s !== undefined) return s;
    }
    if (p.codes && p.dict) {
      const c = p.codes[i];
      const s = this.dictText[c];
      if (s !== undefined) return s;
      if (c >= p.dict.dictStarts.length) return '';
      const text = this.decode(p.dict.dictStarts[c], p.dict.dictEnds[c]);
      this.dictText[c] = text;
      return text;
    }
    return this.decode((p.starts as Int32Array)[i], (p.ends as Int32Array)[i]);
  }

  private decode(a: number, b: number): string {
    if (a === b) return '';
    const tail = this.p.tail;
    const sub =
      tail && a >= tail.at ? tail.bytes.subarray(a - tail.at, b - tail.at) : this.p.bytes.subarray(a, b);
    return this.utf8 ? this.utf8.decode(sub) : decodeWindows1252(sub);
  }

  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }
}
