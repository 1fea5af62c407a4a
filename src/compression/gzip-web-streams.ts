/**
 * gzip through the platform's CompressionStream (native code in browsers,
 * Deno, Workers and Node). It takes no level: the platform uses zlib's
 * default (6). Decompression uses fflate (see web-gzip.ts).
 */
import { concatBytes } from "../protocol/concat-bytes.js";

/** Whether the runtime has `CompressionStream`. */
export function hasCompressionStreams(): boolean {
  return typeof globalThis.CompressionStream === "function";
}

/** gzips `bytes` through `CompressionStream` (zlib's default level 6). */
export async function streamGzipCompress(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const transform = new CompressionStream("gzip");
  const writer = transform.writable.getWriter();
  // Errors surface on the readable side; the writer's promises are observed there.
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  void writer.close().catch(() => {});
  const chunks: Uint8Array[] = [];
  const reader = (transform.readable as ReadableStream<Uint8Array>).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return concatBytes(chunks);
}
