/**
 * Locale-aware number parsing.
 *
 * A column is either written with a decimal comma (`1.234,5`, `12,5`, `1 234,5`) or a decimal point
 * (`1,234.5`, `12.5`). The format is detected per column on a sample ({@link detectNumberFormat}); values
 * that are ambiguous on their own (`1.234`, `1,234`) follow the evidence of the rest of the column, then the
 * file (other columns), then the delimiter (`;` files are German, decimal comma).
 * The parser ({@link makeNumberParser}) validates digit grouping and never guesses per value.
 */

export type DecimalSeparator = '.' | ',';
export type ThousandsSeparator = '' | '.' | ',' | ' ';

export interface NumberFormat {
  decimal: DecimalSeparator;
  /** The grouping character seen in the sample ('' = none seen). The parser accepts any valid grouping. */
  thousands: ThousandsSeparator;
}

type NumClass =
  | 'int' // 1234
  | 'pointDec' // 12.5, 0.25, 1.5e3
  | 'commaDec' // 12,5
  | 'ambPoint' // 1.234 (German thousands or English decimal)
  | 'ambComma' // 1,234 (English thousands or German decimal)
  | 'deGrouped' // 1.234.567 or 1.234,5
  | 'enGrouped' // 1,234,567 or 1,234.5
  | 'spaceGrouped' // 1 234 or 1 234,5 / 1 234.5
  | 'none';

const RE_INT = /^[+-]?\d+$/;
const RE_AMB_POINT = /^[+-]?\d{1,3}\.\d{3}$/;
const RE_AMB_COMMA = /^[+-]?\d{1,3},\d{3}$/;
const RE_POINT_DEC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const RE_COMMA_DEC = /^[+-]?(\d*,\d+)$/;
const RE_DE_GROUPED = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const RE_EN_GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const RE_SPACE_GROUPED = /^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([,.]\d+)?$/;

export function classifyNumber(raw: string): NumClass {
  const s = raw.trim();
  if (s === '') return 'none';
  if (RE_INT.test(s)) return 'int';
  if (RE_AMB_POINT.test(s)) return 'ambPoint';
  if (RE_AMB_COMMA.test(s)) return 'ambComma';
  if (RE_POINT_DEC.test(s)) return 'pointDec';
  if (RE_COMMA_DEC.test(s)) return 'commaDec';
  if (RE_DE_GROUPED.test(s)) return 'deGrouped';
  if (RE_EN_GROUPED.test(s)) return 'enGrouped';
  if (RE_SPACE_GROUPED.test(s)) return 'spaceGrouped';
  return 'none';
}

export interface NumberEvidence {
  /** Non-empty values in the sample. */
  values: number;
  /** Values that are numbers in some format. */
  numeric: number;
  /** Evidence for a decimal comma / point (values that are unambiguous). */
  comma: number;
  point: number;
  /** Values that are plain integers (no separator at all). */
  ints: number;
  thousands: ThousandsSeparator;
}

export function numberEvidence(samples: readonly string[]): NumberEvidence {
  const ev: NumberEvidence = { values: 0, numeric: 0, comma: 0, point: 0, ints: 0, thousands: '' };
  for (const raw of samples) {
    if (raw === '' || raw.trim() === '') continue;
    ev.values++;
    const c = classifyNumber(raw);
    if (c === 'none') continue;
    ev.numeric++;
    if (c === 'int') ev.ints++;
    else if (c === 'pointDec') ev.point++;
    else if (c === 'commaDec') ev.comma++;
    else if (c === 'deGrouped') {
      ev.comma++;
      ev.thousands = '.';
    } else if (c === 'enGrouped') {
      ev.point++;
      ev.thousands = ',';
    } else if (c === 'spaceGrouped') {
      ev.thousands = ' ';
      if (/,\d+$/.test(raw.trim())) ev.comma++;
      else if (/\.\d+$/.test(raw.trim())) ev.point++;
    }
  }
  return ev;
}

/**
 * Decide the decimal separator of one column. `fileHint` is the separator the other columns of the file
 * agree on (or the delimiter's convention); it decides only when the column itself is ambiguous.
 */
export function detectNumberFormat(
  samples: readonly string[],
  fileHint: DecimalSeparator = '.',
): NumberFormat {
  const ev = numberEvidence(samples);
  let decimal: DecimalSeparator = fileHint;
  if (ev.comma > ev.point) decimal = ',';
  else if (ev.point > ev.comma) decimal = '.';
  let thousands = ev.thousands;
  if (thousands === '') {
    // Ambiguous values decided by the decimal separator: with a decimal comma, `1.234` is grouped.
    for (const raw of samples) {
      const c = classifyNumber(raw);
      if (c === 'ambPoint' && decimal === ',') {
        thousands = '.';
        break;
      }
      if (c === 'ambComma' && decimal === '.') {
        thousands = ',';
        break;
      }
    }
  }
  return { decimal, thousands };
}

const POW10: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A parser for one column's format: returns NaN for anything that is not a valid number in that format
 * (empty cells included). Grouping is validated (`1.23.4` is not a number). With a decimal comma, `.`,
 * space, NBSP and narrow NBSP group thousands; with a decimal point, `,` and the spaces do.
 * The string is copied into a scratch buffer as UTF-8 and read by the byte parser (one implementation).
 */
export function makeNumberParser(fmt: NumberFormat | DecimalSeparator): (s: string) => number {
  const parse = makeByteNumberParser(fmt);
  const enc = new TextEncoder();
  let scratch = new Uint8Array(64);
  return (s: string): number => {
    const n = s.length;
    if (n * 3 > scratch.length) scratch = new Uint8Array(n * 3);
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        ascii = false;
        break;
      }
      scratch[i] = c;
    }
    return parse(scratch, 0, ascii ? n : (enc.encodeInto(s, scratch).written ?? 0));
  };
}

const isDigitByte = (c: number) => c >= 48 && c <= 57;

/** ASCII bytes [from, to) as a string (only called on bytes already checked to be ASCII). */
function asciiString(b: Uint8Array, from: number, to: number): string {
  let t = '';
  for (let i = from; i < to; i++) t += String.fromCharCode(b[i]);
  return t;
}

/**
 * The same parser on bytes `b[from, to)` of UTF-8 text, so that the CSV scanner converts numeric cells
 * straight from the file's bytes without creating a string per cell. NBSP (C2 A0) and narrow NBSP
 * (E2 80 AF) group thousands like a space; any other non-ASCII byte makes the cell not a number.
 * Hot path: a single pass over the bytes, no regex and no string building for ≤ 15 digits.
 */
export function makeByteNumberParser(
  fmt: NumberFormat | DecimalSeparator,
): (b: Uint8Array, from: number, to: number) => number {
  const dec = typeof fmt === 'string' ? fmt : fmt.decimal;
  const DEC = dec === ',' ? 44 : 46;
  const GROUP = dec === ',' ? 46 : 44;
  return (b: Uint8Array, from: number, to: number): number => {
    let i = from;
    let n = to;
    while (i < n && b[i] <= 32) i++;
    while (n > i && b[n - 1] <= 32) n--;
    if (i >= n) return Number.NaN;
    let sign = 1;
    let c = b[i];
    if (c === 45 || c === 43) {
      if (c === 45) sign = -1;
      i++;
    }
    let mant = 0;
    let digits = 0;
    let frac = 0;
    let seenDec = false;
    let groups = 0; // separators seen
    let groupLen = 0; // digits since last separator
    const start = i;
    for (; i < n; i++) {
      c = b[i];
      if (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        groupLen++;
        if (seenDec) frac++;
        continue;
      }
      // a group separator: the file's grouping character, space, NBSP (C2 A0) or narrow NBSP (E2 80 AF)
      let sepLen = 0;
      if (c === GROUP || c === 32) sepLen = 1;
      else if (c === 0xc2 && b[i + 1] === 0xa0 && i + 1 < n) sepLen = 2;
      else if (c === 0xe2 && b[i + 1] === 0x80 && b[i + 2] === 0xaf && i + 2 < n) sepLen = 3;
      if (c === DEC && !seenDec) {
        if (groups > 0 && groupLen !== 3) return Number.NaN;
        seenDec = true;
      } else if (sepLen > 0 && !seenDec) {
        if (groups === 0 ? groupLen < 1 || groupLen > 3 : groupLen !== 3) return Number.NaN;
        groups++;
        groupLen = 0;
        i += sepLen - 1;
      } else if ((c === 101 || c === 69) && digits > 0 && groups === 0) {
        // exponent: rare, validate and hand over to Number()
        for (let k = i + 1; k < n; k++)
          if (!isDigitByte(b[k]) && !(k === i + 1 && (b[k] === 43 || b[k] === 45))) return Number.NaN;
        if (n - i < 2 || !isDigitByte(b[n - 1])) return Number.NaN;
        const mantissa = asciiString(b, start, i);
        const m = dec === ',' ? mantissa.split(',').join('.') : mantissa;
        const v = Number(`${m}e${asciiString(b, i + 1, n)}`);
        return Number.isFinite(v) ? sign * v : Number.NaN;
      } else return Number.NaN;
    }
    if (digits === 0) return Number.NaN;
    if (groups > 0 && !seenDec && groupLen !== 3) return Number.NaN;
    if (digits > 15 || frac > 22) {
      // beyond exact integer arithmetic: rebuild a canonical string and let Number() round correctly
      let t = '';
      let seen = false;
      for (let k = start; k < n; k++) {
        c = b[k];
        if (c >= 48 && c <= 57) t += String.fromCharCode(c);
        else if (c === DEC && !seen) {
          t += '.';
          seen = true;
        }
      }
      return sign * Number(t);
    }
    // mant and 10^frac are exact doubles, so the division is correctly rounded (= Number('…'))
    return frac === 0 ? sign * mant : (sign * mant) / POW10[frac];
  };
}

/** Parse one value in a known format (convenience; build a parser with makeNumberParser for columns). */
export function parseNumber(s: string, decimal: DecimalSeparator): number {
  return makeNumberParser(decimal)(s);
}
