/**
 * gzip through the platform's CompressionStream / DecompressionStream
 * (native code in browsers, Deno, Workers and Node). They take no level: the
 * platform uses zlib's default (6).
 */
import { concatBytes } from "../util/concat-bytes.js";
import { corruptCompressedMessage, tooLargeAfterDecompression } from "./decompress-limit.js";

export function hasCompressionStreams(): boolean {
  return typeof globalThis.CompressionStream === "function" && typeof globalThis.DecompressionStream === "function";
}

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; over: boolean }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      return { bytes: new Uint8Array(0), over: true };
    }
    chunks.push(value);
  }
  return { bytes: concatBytes(chunks, length), over: false };
}

function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  const writer = transform.writable.getWriter();
  // Errors surface on the readable side; the writer's promises are observed there.
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  void writer.close().catch(() => {});
  return transform.readable as ReadableStream<Uint8Array>;
}

export async function streamGzipCompress(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return (await collect(pipe(bytes, new CompressionStream("gzip")), Number.POSITIVE_INFINITY)).bytes;
}

export async function streamGunzip(bytes: Uint8Array, readMaxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  let result: { bytes: Uint8Array<ArrayBuffer>; over: boolean };
  try {
    result = await collect(pipe(bytes, new DecompressionStream("gzip")), readMaxBytes);
  } catch (cause) {
    throw corruptCompressedMessage(cause);
  }
  if (result.over) throw tooLargeAfterDecompression(readMaxBytes);
  return result.bytes;
}
