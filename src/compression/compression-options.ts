/**
 * Compression settings under the seed's names (GRPCCompressionAlgorithm,
 * GRPCCompressionLevel, GRPCCompression), so a Python user recognizes them.
 * The integers are gRPC-core's, as the Python SDK passes them (protocol §11).
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

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
export type GRPCCompressionAlgorithm = (typeof GRPCCompressionAlgorithm)[keyof typeof GRPCCompressionAlgorithm];

export const GRPCCompressionLevel = { Low: 1, Medium: 2, High: 3 } as const;
export type GRPCCompressionLevel = (typeof GRPCCompressionLevel)[keyof typeof GRPCCompressionLevel];

/** Algorithm plus level; the level defaults to the codec's own default. */
export interface GRPCCompression {
  algorithm: GRPCCompressionAlgorithm;
  level?: GRPCCompressionLevel;
}

export type CompressionOption = GRPCCompressionAlgorithm | GRPCCompression;

const algorithms: readonly number[] = Object.values(GRPCCompressionAlgorithm);
const levels: readonly number[] = Object.values(GRPCCompressionLevel);

/** Normalizes and checks the option. */
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
