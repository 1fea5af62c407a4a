/**
 * Compression settings under the seed's names (GRPCCompressionAlgorithm,
 * GRPCCompressionLevel, GRPCCompression), so a Python user recognizes them.
 * The integers are gRPC-core's, as the Python SDK passes them (docs/protocol.md §11).
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** gRPC message compression algorithms (gRPC-core's integers); the `compression` connect option. */
export const GRPCCompressionAlgorithm = {
  /** No compression (default). */
  Null: 0,
  /** Per-message gzip (`grpc-encoding: gzip`). */
  Gzip: 2,
  /**
   * Experimental: gzip of the whole request body (HTTP `Content-Encoding`),
   * gRPC-Web only. A streamed upload is compressed by the platform's
   * CompressionStream, whose level is fixed (zlib's 6): the level option
   * applies to buffered requests only.
   */
  StreamGzip: 3,
} as const;
/** One of the {@link GRPCCompressionAlgorithm} values. */
export type GRPCCompressionAlgorithm = (typeof GRPCCompressionAlgorithm)[keyof typeof GRPCCompressionAlgorithm];

/** Compression levels; each runtime maps them to its codec's own levels (zlib/fflate 1, 6, 9). */
export const GRPCCompressionLevel = {
  /** Fastest: zlib level 1 (web runtimes use native CompressionStream instead where they have it). */
  Low: 1,
  /** Balanced (zlib level 6). */
  Medium: 2,
  /** Smallest output (zlib level 9). */
  High: 3,
} as const;
/** One of the {@link GRPCCompressionLevel} values. */
export type GRPCCompressionLevel = (typeof GRPCCompressionLevel)[keyof typeof GRPCCompressionLevel];

/** Algorithm plus level; the level defaults to the codec's own default. */
export interface GRPCCompression {
  /** Which compression to use. */
  algorithm: GRPCCompressionAlgorithm;
  /** Codec level; default: the codec's own default (zlib's 6). Ignored by `Null`. */
  level?: GRPCCompressionLevel;
}

/** The `compression` connect option: an algorithm alone, or algorithm plus level. */
export type CompressionOption = GRPCCompressionAlgorithm | GRPCCompression;

const algorithms: readonly number[] = Object.values(GRPCCompressionAlgorithm);
const levels: readonly number[] = Object.values(GRPCCompressionLevel);

/**
 * Normalizes the option to `{ algorithm, level? }` (default `Null`).
 *
 * @throws MosaicoError INVALID_ARGUMENT for an unknown algorithm or level.
 */
export function resolveCompression(option: CompressionOption | undefined): GRPCCompression {
  const resolved = typeof option === "object" && option !== null ? option : { algorithm: option ?? GRPCCompressionAlgorithm.Null };
  if (!algorithms.includes(resolved.algorithm)) {
    throw new MosaicoError(Code.InvalidArgument, `unknown compression algorithm ${String(resolved.algorithm)}: use GRPCCompressionAlgorithm.Null, Gzip or StreamGzip`);
  }
  if (resolved.level !== undefined && !levels.includes(resolved.level)) {
    throw new MosaicoError(Code.InvalidArgument, `unknown compression level ${String(resolved.level)}: use GRPCCompressionLevel.Low, Medium or High`);
  }
  return resolved;
}
