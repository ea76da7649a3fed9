/**
 * Text strings of a PDF without a PDF library: literal and hex string objects from the raw file and its
 * Flate-compressed streams (PDFDocEncoding or UTF-16BE). Finds the document title, outline (bookmarks) and
 * tagged-structure texts that Chromium writes with `page.pdf({ tagged: true, outline: true })`.
 */
import { inflateSync } from 'node:zlib';

export function pdfStrings(pdf: Buffer): string[] {
  const chunks: string[] = [pdf.toString('latin1')];
  const raw = chunks[0];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      chunks.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream
    }
  }
  const out: string[] = [];
  const decode = (bytes: Buffer) =>
    bytes[0] === 0xfe && bytes[1] === 0xff
      ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
      : bytes.toString('latin1');
  for (const c of chunks) {
    for (const m of c.matchAll(/<([0-9A-Fa-f\s]{4,})>/g)) {
      const hex = m[1].replace(/\s/g, '');
      if (hex.length % 4 === 0) out.push(decode(Buffer.from(hex, 'hex')));
    }
    for (const m of c.matchAll(/\(((?:\\.|[^\\)])*)\)/g)) {
      const s = m[1].replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
        /^[0-7]/.test(e)
          ? String.fromCharCode(Number.parseInt(e, 8))
          : e.length === 1 && '()\\'.includes(e)
            ? e
            : ' ',
      );
      out.push(decode(Buffer.from(s, 'latin1')));
    }
  }
  return out;
}
