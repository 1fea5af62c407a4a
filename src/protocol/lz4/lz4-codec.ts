/**
 * LZ4_FRAME codec for Arrow IPC body compression (every mosaicod DoGet stream
 * uses it, docs/protocol.md §6.2), registered into apache-arrow's compressionRegistry.
 *
 * One validated frame walker (lz4-frame.ts: declared sizes checked, every
 * block scanned, output bounded) sits in front of one block interface
 * (lz4-block-codec.ts); the implementation behind it is the fastest that
 * loads in the runtime (lz4-codec-choice.ts), lz4js until then:
 *
 *   browsers, Deno, Node   lz4_flex wasm (lz4-wasm 0.9.2, MIT), inlined as
 *                          base64 in a lazily imported chunk (~34 KB, ~16 KB
 *                          gzip; no .wasm URL to configure); Node encodes with
 *                          lz4-napi 2.10.0 (optional dependency) when it loads
 *   workerd                lz4js: workerd forbids compiling wasm from bytes
 *   everywhere, fallback   lz4js 0.2.0 (ISC), while the wasm compiles or if it cannot
 *
 * Measured with bench/lz4-codecs.ts and bench/lz4-codecs-browser.ts (1M
 * IMU-like rows, 1230 lz4_flex frames = 80 MB decoded, as mosaicod writes
 * them; best of 5, same frames for all, outputs checked; ratio = speed vs
 * the walker with lz4js, i.e. this codec before issue #14):
 *
 *   decoder                                     Node 20 MB/s       Chromium 156 MB/s
 *   SDK walker + lz4js (before)                   172   1.00x          259   1.00x
 *   SDK walker + lz4_flex wasm (chosen)           263   1.53x          354   1.37x
 *   SDK walker + lz4-napi native block calls      193   1.12x            -
 *   SDK walker + lz4-wasm-nodejs own glue         200   1.16x            -
 *   SDK walker, block scan only (floor)           579   3.36x         1250   4.83x
 *   lz4js own frame reader (no output bound)      180   1.04x          297   1.15x
 *   lz4-napi decompressFrameSync (no bound)       282   1.64x            -
 *   lz4-asm 0.4.2 liblz4 wasm                     238   1.38x          252   0.97x
 *   lz4-asm 0.4.2 liblz4 asm.js                   110   0.64x           89   0.35x
 *   @foxglove/wasm-lz4 1.0.2 liblz4 wasm          486   2.83x     fails (Node Buffer)
 *   encode: lz4js 73 MB/s; lz4-napi compressFrameSync 170 MB/s (2.33x)
 *   decodeFlightData end to end, Node: lz4js 119 MB/s, wasm 294, napi 276
 *   (uncompressed IPC 1701)
 *
 * Why: lz4-napi decodes fast but a native call per 64 KiB block, with its
 * Buffer copies, costs more than it saves; the unbounded whole-frame calls
 * (napi, foxglove) are faster but cannot go behind the walker, need separate
 * .wasm files (foxglove, lz4-asm; lz4-asm also installs process-wide
 * handlers) or Node's Buffer. The block scan is the walker's price (about a
 * third of the wasm path's time on float data) and buys exact sizes before
 * decoding and the same refusals for every implementation
 * (test/unit/protocol/lz4-differential.test.ts). An application may still
 * register its own codec first; registerLz4Codec() keeps it.
 */
import { compressionRegistry, CompressionType, type Codec } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { lz4jsBlockCodec, type Lz4BlockCodec } from "./lz4-block-codec.js";
import { dropLz4BlockCodec, lz4BlockCodec } from "./lz4-codec-choice.js";
import { decodeLz4Frames, lz4FramesBound, Lz4FrameError, type Lz4BlockDecoder } from "./lz4-frame.js";

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

/**
 * decompressLz4Frame with a given implementation and no fallback: a block the
 * fast codec refuses fails the call (DATA_LOSS) instead of going to lz4js.
 *
 * @internal for the differential tests and the benchmarks.
 */
export function decompressLz4FrameWith(codec: Lz4BlockCodec, data: Uint8Array, expectedLength: number, exact = true): Uint8Array {
  return decompress(data, expectedLength, exact, strictBlockDecoder(codec));
}

function decompress(data: Uint8Array, expectedLength: number, exact: boolean, decoder?: Lz4BlockDecoder): Uint8Array {
  if (!Number.isSafeInteger(expectedLength) || expectedLength < 0 || expectedLength > MAX_LZ4_BUFFER_BYTES) {
    throw new MosaicoError(
      Code.DataLoss,
      `an LZ4-compressed Arrow buffer claims an uncompressed length of ${expectedLength} bytes, which is not ` +
        "acceptable; the stream is corrupted, retry the request",
    );
  }
  try {
    return decodeLz4Frames(data, expectedLength, decoder ?? blockDecoder(lz4BlockCodec()), exact);
  } catch (cause) {
    const detail = cause instanceof Lz4FrameError ? cause.message : String(cause);
    throw new MosaicoError(
      Code.DataLoss,
      `an LZ4-compressed Arrow buffer is corrupted (${detail}); retry the request`,
      { cause },
    );
  }
}

const decoders = new WeakMap<Lz4BlockCodec, Lz4BlockDecoder>();

/** `codec`'s decoder for self-contained blocks, lz4js for those that read earlier blocks. */
function strictBlockDecoder(codec: Lz4BlockCodec): Lz4BlockDecoder {
  const js = lz4jsBlockCodec.decodeBlock;
  return (src, dst, srcStart, srcLength, dstStart, decodedLength, history) =>
    (history > 0 ? js : codec.decodeBlock)(src, dst, srcStart, srcLength, dstStart, decodedLength, history);
}

/**
 * `codec`'s block decoder as the walker uses it: blocks that read earlier
 * blocks of a linked-block frame go to lz4js (it decodes in place in the
 * output, history included; the fast codecs keep none), and a fast codec
 * that throws on a block the walker accepted is dropped for lz4js rather
 * than failing the read.
 */
function blockDecoder(codec: Lz4BlockCodec): Lz4BlockDecoder {
  if (codec === lz4jsBlockCodec) return codec.decodeBlock;
  let decoder = decoders.get(codec);
  if (!decoder) {
    const js = lz4jsBlockCodec.decodeBlock;
    decoder = (src, dst, srcStart, srcLength, dstStart, decodedLength, history) => {
      if (history > 0) return js(src, dst, srcStart, srcLength, dstStart, decodedLength, history);
      try {
        return codec.decodeBlock(src, dst, srcStart, srcLength, dstStart, decodedLength, history);
      } catch {
        dropLz4BlockCodec(codec);
        return js(src, dst, srcStart, srcLength, dstStart, decodedLength, history);
      }
    };
    decoders.set(codec, decoder);
  }
  return decoder;
}

/**
 * Compresses `data` into LZ4 frames (liblz4-compatible) with the fastest
 * codec loaded: lz4-napi under the Node entry, else lz4js.
 */
export function compressLz4Frame(data: Uint8Array): Uint8Array {
  const compress = lz4BlockCodec().compressFrame ?? lz4jsBlockCodec.compressFrame!;
  return compress(data);
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
