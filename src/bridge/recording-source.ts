/**
 * Where an import reads from: random-access sources (bytes, a Blob or File,
 * anything with `size()`/`read()`, a Node file through `mosaico-web/bridge`
 * under Node) can be read through the MCAP index; a ReadableStream is read
 * front to back. Both ways yield the same bytes to @mcap/core.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** A random-access byte source, the `IReadable` shape of @mcap/core. */
export interface RandomAccessSource {
  /** Total size in bytes. */
  size(): Promise<bigint>;
  /** `size` bytes from `offset`. */
  read(offset: bigint, size: bigint): Promise<Uint8Array>;
}

/**
 * What importRecording() reads: MCAP bytes, a Blob or File, a
 * ReadableStream of bytes, a RandomAccessSource, or (Node only, through the
 * `node` condition of `mosaico-web/bridge`) a file path.
 */
export type RecordingSource = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | RandomAccessSource | string;

function bytesSource(bytes: Uint8Array): RandomAccessSource {
  return {
    size: async () => BigInt(bytes.byteLength),
    read: async (offset, size) => bytes.subarray(Number(offset), Number(offset + size)),
  };
}

function blobSource(blob: Blob): RandomAccessSource {
  return {
    size: async () => BigInt(blob.size),
    read: async (offset, size) => new Uint8Array(await blob.slice(Number(offset), Number(offset + size)).arrayBuffer()),
  };
}

function isRandomAccess(value: unknown): value is RandomAccessSource {
  return typeof value === "object" && value !== null && typeof (value as RandomAccessSource).size === "function" && typeof (value as RandomAccessSource).read === "function";
}

/** The source as random access, or undefined for a stream. */
export function randomAccessOf(source: RecordingSource): RandomAccessSource | undefined {
  if (typeof source === "string") {
    throw new MosaicoError(Code.InvalidArgument, "a file path can be imported under Node only (mosaico-web/bridge resolves to its Node build there); elsewhere pass a Blob, a File, bytes or a ReadableStream");
  }
  if (source instanceof Uint8Array) return bytesSource(source);
  if (source instanceof ArrayBuffer) return bytesSource(new Uint8Array(source));
  if (typeof Blob !== "undefined" && source instanceof Blob) return blobSource(source);
  if (isRandomAccess(source)) return source;
  return undefined;
}

/** Reads a random-access source front to back, `chunkBytes` at a time. */
export async function* sequentialChunks(source: RandomAccessSource, chunkBytes = 4 * 1024 * 1024): AsyncGenerator<Uint8Array> {
  const size = await source.size();
  for (let offset = 0n; offset < size; offset += BigInt(chunkBytes)) {
    const end = offset + BigInt(chunkBytes) < size ? offset + BigInt(chunkBytes) : size;
    yield await source.read(offset, end - offset);
  }
}

/** The chunks of a ReadableStream (without relying on its async iterator, missing in some browsers). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.byteLength > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
