/**
 * LZ4_FRAME codec for Arrow IPC body compression (every mosaicod DoGet stream
 * uses it, docs/protocol.md §6.2), registered into apache-arrow's compressionRegistry.
 *
 * Package choice, measured with bench/lz4-codecs.ts (1M IMU-like rows = 80 MB
 * of bodies in 8192-row batches, Node 20, best of 5; ratios are times against
 * uncompressed IPC encode/decode in the same run):
 *
 *   codec                                   encode MB/s   decode MB/s   decode time
 *   lz4js 0.2.0 blocks + lz4-frame.ts (used)     92            323          20x
 *   lz4-asm 0.4.2, liblz4 wasm                  206            609          11x
 *   lz4-asm 0.4.2, liblz4 asm.js                 78            165          40x
 *   @foxglove/wasm-lz4 1.0.2, liblz4 wasm         -            679          10x
 *
 * The wasm builds decode ~2x faster, but none can go in the core: each loads a
 * separate .wasm file (fetch / locateFile / a webpack require; lz4-asm's does
 * not even load in Node 20 unless handed the bytes), lz4-asm installs
 * process-wide uncaughtException/unhandledRejection handlers, and foxglove's
 * has no encoder and returns Node Buffers (lz4-wasm is block format only).
 * lz4js is pure JS (13 KB, ISC, no dependencies), runs in browsers, Workers,
 * Deno and Node, and is the fastest portable option measured (a hand-written
 * TS block decoder was not faster). Its own frame reader mis-reads block
 * checksums and has no output bound, so we use only its block codec and walk
 * frames ourselves. Note it allocates ~5 MB of compression scratch on import.
 * End to end, decodeFlightData reads LZ4 streams at ~310 MB/s (vs ~9 GB/s
 * uncompressed): still above typical network rates. An application that needs
 * more can register a faster codec first; registerLz4Codec() keeps it.
 */
import lz4js from "lz4js";
import { compressionRegistry, CompressionType, type Codec } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { decodeLz4Frames, lz4FramesBound, Lz4FrameError } from "./lz4-frame.js";

/**
 * Largest uncompressed buffer we accept. A few-MiB Flight message can claim
 * gigabytes (LZ4 expands up to ~255x); past this we refuse rather than let a
 * corrupted or hostile length exhaust memory.
 */
export const MAX_LZ4_BUFFER_BYTES = 0x7fff_ffff;

/**
 * Decompresses LZ4 frame data into exactly `expectedLength` bytes; throws
 * MosaicoError (DATA_LOSS) if it is malformed or decodes to any other size.
 */
export function decompressLz4Frame(data: Uint8Array, expectedLength: number): Uint8Array {
  return decompress(data, expectedLength, true);
}

function decompress(data: Uint8Array, expectedLength: number, exact: boolean): Uint8Array {
  if (!Number.isSafeInteger(expectedLength) || expectedLength < 0 || expectedLength > MAX_LZ4_BUFFER_BYTES) {
    throw new MosaicoError(
      Code.DataLoss,
      `an LZ4-compressed Arrow buffer claims an uncompressed length of ${expectedLength} bytes, which is not ` +
        "acceptable; the stream is corrupted, retry the request",
    );
  }
  try {
    return decodeLz4Frames(data, expectedLength, lz4js.decompressBlock, exact);
  } catch (cause) {
    const detail = cause instanceof Lz4FrameError ? cause.message : String(cause);
    throw new MosaicoError(
      Code.DataLoss,
      `an LZ4-compressed Arrow buffer is corrupted (${detail}); retry the request`,
      { cause },
    );
  }
}

/** Compresses `data` into one LZ4 frame. */
export function compressLz4Frame(data: Uint8Array): Uint8Array {
  return lz4js.compress(data);
}

/**
 * The uncompressed length Arrow expects for `data`.
 *
 * The Codec interface gives only the compressed bytes, but apache-arrow
 * 21.2's reader passes `body.subarray(offset + 8, offset + length)`, so the
 * buffer's int64 little-endian length prefix is the 8 bytes just before
 * `data` in the same ArrayBuffer. (The version is pinned; the round-trip and
 * oversize tests in test/unit/data fail if that ever changes.)
 */
export function arrowUncompressedLength(data: Uint8Array): number {
  if (data.byteOffset < 8) {
    throw new MosaicoError(
      Code.Internal,
      "the LZ4 codec was called without Arrow's length prefix before the data; use decompressLz4Frame(data, length)",
    );
  }
  // Out-of-range values are passed on as-is: decompressLz4Frame rejects them.
  return Number(new DataView(data.buffer, data.byteOffset - 8, 8).getBigInt64(0, true));
}

/**
 * Decodes a buffer handed over by apache-arrow's reader. apache-arrow's own
 * writer (21.2) stores the *compressed* length in the prefix, so a prefix
 * equal to the data length is ambiguous: such buffers are decoded up to the
 * bound their frame headers allow instead of to an exact size.
 */
function decodeArrowBuffer(data: Uint8Array): Uint8Array {
  const declared = arrowUncompressedLength(data);
  if (declared !== data.byteLength) return decompress(data, declared, true);
  let bound: number;
  try {
    bound = Math.min(lz4FramesBound(data), MAX_LZ4_BUFFER_BYTES);
  } catch {
    return decompress(data, declared, true); // reports the malformed frame
  }
  return decompress(data, bound, false);
}

/** The codec object registered into apache-arrow. */
export const lz4FrameCodec: Codec = {
  encode: compressLz4Frame,
  decode: decodeArrowBuffer,
};

/** Options of registerLz4Codec(). */
export interface RegisterLz4CodecOptions {
  /**
   * Replace a codec someone else registered for LZ4_FRAME (default false:
   * an application may plug in a faster codec, e.g. a native one in Node).
   */
  replace?: boolean | undefined;
}

/**
 * Registers the LZ4_FRAME codec into apache-arrow's global compressionRegistry.
 * Idempotent; the decoder and the compressing encoder call it for you.
 */
export function registerLz4Codec(options: RegisterLz4CodecOptions = {}): void {
  const current = compressionRegistry.get(CompressionType.LZ4_FRAME);
  if (current === lz4FrameCodec) return;
  if (current?.decode && current.encode && !options.replace) return;
  compressionRegistry.set(CompressionType.LZ4_FRAME, lz4FrameCodec);
}
