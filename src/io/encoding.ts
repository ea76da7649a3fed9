/**
 * Byte → text decoding with encoding detection.
 *
 * Order: BOM (UTF-8, UTF-16 LE/BE) → UTF-16 without BOM (NUL-byte pattern) → strict UTF-8
 * (`TextDecoder` with `fatal: true`) → mostly UTF-8 with stray Windows-1252 bytes → Windows-1252 (a superset of ISO-8859-1 for printable characters;
 * the WHATWG encoding standard maps the label `iso-8859-1` to it as well).
 * Also recognises inputs that are not text at all (binary, ZIP/XLSX, PDF) so callers can refuse them clearly.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /**
   * Mostly UTF-8 with this many bytes that are not valid UTF-8: those were decoded as Windows-1252
   * (see decodeMixedUtf8). Absent for clean files.
   */
  foreignBytes?: number;
}

export type Sniffed = 'text' | 'zip' | 'binary' | 'empty';

/** What the first bytes say about the file. ZIP = XLSX (or another Office file). */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (hasUtf16Bom(bytes) || utf16WithoutBom(bytes) !== null) return 'text';
  // Control characters other than TAB/LF/CR/FF/ESC/RS in the first 4 KB mean binary data
  // (RS = record separator of GeoJSON text sequences, RFC 8142).
  const n = Math.min(bytes.length, 4096);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return 'binary';
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27 && b !== 0x1e) ctrl++;
  }
  return ctrl > n * 0.01 ? 'binary' : 'text';
}

function hasUtf16Bom(b: Uint8Array): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

/** UTF-16 without BOM: text in Latin script has a NUL in every other byte. */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length - (b.length % 2), 2048);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return 'utf-16be';
  return null;
}

/** Decode bytes, detecting the encoding. Never throws for any input. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  const u16 = utf16WithoutBom(bytes);
  if (u16) return { text: new TextDecoder(u16).decode(bytes), encoding: u16, bom: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    const mixed = decodeMixedUtf8(bytes);
    if (mixed) return { text: mixed.text, encoding: 'utf-8', bom: false, foreignBytes: mixed.foreign };
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

export interface EncodingGuess {
  encoding: TextEncodingName;
  bom: boolean;
  /** Bytes of the BOM (where the text starts). */
  start: number;
  /** Mostly UTF-8 with stray Windows-1252 bytes (decodeText handles those byte by byte). */
  mixed: boolean;
  /** Valid multi-byte UTF-8 sequences and invalid bytes counted (0 when a BOM or UTF-16 decided). */
  valid: number;
  invalid: number;
}

/** The encoding of text with `valid` multi-byte UTF-8 sequences and `invalid` bytes that are not UTF-8. */
export function utf8Verdict(
  valid: number,
  invalid: number,
): { encoding: 'utf-8' | 'windows-1252'; mixed: boolean } {
  if (invalid === 0) return { encoding: 'utf-8', mixed: false };
  if (valid > invalid) return { encoding: 'utf-8', mixed: true };
  return { encoding: 'windows-1252', mixed: false };
}

/**
 * The encoding decodeText would choose, without decoding: a 60 MB file is not turned into a string just
 * to learn that it is valid UTF-8. ASCII is skipped four bytes at a time; only non-ASCII bytes are
 * checked as UTF-8 sequences. With `to`, only bytes [0, to) are counted (the rest of a large file is
 * checked elsewhere, see checkBytes).
 */
export function guessEncoding(bytes: Uint8Array, to = bytes.length): EncodingGuess {
  const none = { valid: 0, invalid: 0 };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bom: true, start: 3, mixed: false, ...none };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf-16le', bom: true, start: 2, mixed: false, ...none };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: 'utf-16be', bom: true, start: 2, mixed: false, ...none };
  const u16 = utf16WithoutBom(bytes);
  if (u16) return { encoding: u16, bom: false, start: 0, mixed: false, ...none };
  const { valid, invalid } = utf8Scan(bytes, 0, to);
  return { ...utf8Verdict(valid, invalid), bom: false, start: 0, valid, invalid };
}

/**
 * Where a file can be cut for counting (utf8Scan) in two parts: the first position ≥ `at` right after an
 * ASCII byte. No UTF-8 sequence spans an ASCII byte, so the counts of [0, cut) and [cut, end) add up to
 * those of the whole file. `bytes` holds the file's bytes from offset `offset` on (offset < at);
 * returns a file offset, or -1 when `bytes` ends before one is found.
 */
export function asciiCut(bytes: Uint8Array, offset: number, at: number): number {
  for (let i = at - 1 - offset; i < bytes.length; i++) if (bytes[i] < 0x80) return offset + i + 1;
  return -1;
}

/** What a byte-scanned file must not have in a part: quote characters, and its UTF-8 counts. */
export interface ByteCheck {
  /** File offset the part starts at (see asciiCut). */
  from: number;
  valid: number;
  invalid: number;
  /** A `"` occurs (the file then needs the quoting parser). */
  quote: boolean;
}

/** Check the part of a file from file offset `from` to its end; `bytes` holds the file from `offset` on. */
export function checkBytes(bytes: Uint8Array, offset: number, from: number): ByteCheck {
  const part = bytes.subarray(from - offset);
  const { valid, invalid } = utf8Scan(part, 0, part.length);
  return { from, valid, invalid, quote: part.indexOf(34) >= 0 };
}

/**
 * Count valid multi-byte UTF-8 sequences and invalid bytes of `bytes[from, to)` (a sequence starting
 * before `to` is read whole). ASCII is skipped four bytes at a time.
 */
export function utf8Scan(bytes: Uint8Array, from: number, to: number): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  // word-wise over the 4-byte-aligned middle
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset % 4)) % 4);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >> 2);
  let i = from;
  while (i < to) {
    if (i >= head && (i - head) % 4 === 0) {
      let w = (i - head) >> 2;
      const wEnd = (to - head) >> 2;
      while (w < wEnd && (words[w] & 0x80808080) === 0) w++;
      const j = head + w * 4;
      if (j > i) {
        i = j;
        continue;
      }
    }
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const len = utf8SequenceLength(bytes, i);
    if (len) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * The first ~`max` bytes of UTF-8 or Windows-1252 text, decoded and ending after a line break (or at a
 * character boundary when the first line is longer): enough for sniffing and dialect detection.
 * `whole` says whether that is all of it.
 */
export function decodeHead(
  bytes: Uint8Array,
  encoding: 'utf-8' | 'windows-1252',
  max = 1 << 20,
): { text: string; whole: boolean } {
  if (bytes.length <= max)
    return {
      text: encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes),
      whole: true,
    };
  let end = max;
  while (end > 0 && bytes[end - 1] !== 10 && bytes[end - 1] !== 13) end--;
  if (end === 0) {
    end = max;
    if (encoding === 'utf-8') while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  }
  const sub = bytes.subarray(0, end);
  return {
    text: encoding === 'utf-8' ? new TextDecoder('utf-8').decode(sub) : decodeWindows1252(sub),
    whole: false,
  };
}

/** Length of the valid UTF-8 sequence starting at `i` (≥ 2 bytes), or 0 when there is none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  const n = b.length;
  // continuation bytes are 10xxxxxx; a missing byte (end of input) reads as undefined and fails the test
  if (c >= 0xc2 && c <= 0xdf) return i + 1 < n && (b[i + 1] & 0xc0) === 0x80 ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (i + 2 >= n || (b[i + 1] & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80) return 0;
    if (c === 0xe0 && b[i + 1] < 0xa0) return 0; // overlong
    if (c === 0xed && b[i + 1] > 0x9f) return 0; // surrogates
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (i + 3 >= n || (b[i + 1] & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80)
      return 0;
    if (c === 0xf0 && b[i + 1] < 0x90) return 0;
    if (c === 0xf4 && b[i + 1] > 0x8f) return 0;
    return 4;
  }
  return 0;
}

/**
 * A UTF-8 file with a few stray Windows-1252 bytes (e.g. one line pasted from an old export): when valid
 * multi-byte UTF-8 sequences outnumber the invalid bytes, decode the valid parts as UTF-8 and only the
 * invalid bytes as Windows-1252, instead of turning every umlaut of the file into mojibake ("MÃ¼ller").
 * Returns null for files that are not mostly UTF-8 (then the whole file is Windows-1252).
 */
function decodeMixedUtf8(bytes: Uint8Array): { text: string; foreign: number } | null {
  const { valid, invalid } = utf8Scan(bytes, 0, bytes.length);
  if (valid <= invalid) return null;
  const utf8 = new TextDecoder('utf-8');
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const len = utf8SequenceLength(bytes, i);
    if (len) {
      i += len;
      continue;
    }
    parts.push(utf8.decode(bytes.subarray(start, i)), decodeWindows1252(bytes.subarray(i, i + 1)));
    start = ++i;
  }
  parts.push(utf8.decode(bytes.subarray(start)));
  return { text: parts.join(''), foreign: invalid };
}

/** Windows-1252 characters for bytes 0x80–0x9F (undefined ones stay as C1 controls). */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 via TextDecoder; some runtimes (Node 20) decode this label as plain ISO-8859-1, so the
 * 0x80–0x9F range (€, „, “, –, …) is mapped explicitly when it shows up as C1 controls.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return /[\u0080-\u009f]/.test(text)
    ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80])
    : text;
}
