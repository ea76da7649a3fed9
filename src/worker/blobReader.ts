/**
 * A picked file as a ChunkReader (see src/io/importFile.ts): read through the Blob's byte stream straight
 * into the import's reused window (BYOB reader), so no fresh buffer of the file's size is touched; where a
 * runtime has no BYOB reader, chunks are copied into the window instead.
 */
import type { ChunkReader } from '../io/importFile';

export function blobReader(blob: Blob): ChunkReader {
  const stream = blob.stream();
  let byob: ReadableStreamBYOBReader | null = null;
  let plain: ReadableStreamDefaultReader<Uint8Array> | null = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    plain = stream.getReader();
  }
  /** Rest of a chunk from the plain reader that did not fit into the window. */
  let pending: Uint8Array | null = null;
  return {
    size: blob.size,
    async read(into: Uint8Array): Promise<{ n: number; window: Uint8Array }> {
      const full = new Uint8Array(into.buffer);
      if (byob) {
        const { value, done } = await byob.read(into as Uint8Array<ArrayBuffer>);
        if (!value) return { n: 0, window: full };
        // the view's memory comes back in a new ArrayBuffer; the old one is detached
        return { n: done ? 0 : value.byteLength, window: new Uint8Array(value.buffer) };
      }
      let chunk = pending;
      pending = null;
      if (!chunk) {
        const r = await (plain as ReadableStreamDefaultReader<Uint8Array>).read();
        if (r.done || !r.value) return { n: 0, window: full };
        chunk = r.value;
      }
      const n = Math.min(chunk.length, into.length);
      into.set(chunk.subarray(0, n));
      if (n < chunk.length) pending = chunk.subarray(n);
      return { n, window: full };
    },
    async whole(): Promise<Uint8Array> {
      await (byob ?? plain)?.cancel().catch(() => {});
      return new Uint8Array(await blob.arrayBuffer());
    },
  };
}
