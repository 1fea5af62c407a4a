/**
 * The one interface every LZ4 implementation sits behind: a block decoder
 * for the validated frame walker (lz4-frame.ts), and optionally a frame
 * encoder. The pure-JS lz4js codec is the fallback everywhere; faster ones
 * (wasm in lz4-wasm-codec.ts, native under Node in src/node/node-lz4.ts)
 * are chosen by lz4-codec-choice.ts.
 */
import lz4js from "lz4js";
import type { Lz4BlockDecoder } from "./lz4-frame.js";

/** An LZ4 implementation as the codec uses it. */
export interface Lz4BlockCodec {
  /** For benchmarks, tests and logs, e.g. "lz4js 0.2.0" or "lz4_flex (wasm)". */
  readonly name: string;
  /**
   * Decodes one block that decodeLz4Frames has already scanned (see
   * Lz4BlockDecoder): it never sees a malformed block, and must write exactly
   * `decodedLength` bytes.
   */
  readonly decodeBlock: Lz4BlockDecoder;
  /**
   * Compresses `data` into LZ4 frames that liblz4 and lz4js read; when
   * absent, lz4js compresses.
   */
  readonly compressFrame?: ((data: Uint8Array) => Uint8Array) | undefined;
}

/** lz4js 0.2.0: pure JS, runs everywhere; the fallback until (or unless) a faster codec loads. */
export const lz4jsBlockCodec: Lz4BlockCodec = {
  name: "lz4js 0.2.0",
  decodeBlock: lz4js.decompressBlock,
  compressFrame: (data) => lz4js.compress(data),
};
