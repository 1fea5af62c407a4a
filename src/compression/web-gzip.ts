/**
 * The gzip Compression used by fetch runtimes, picked per direction by
 * measurement (bench/compression.ts; shared/toolchain-notes figures):
 *
 * - compress, levels Low and Medium: CompressionStream where the runtime has
 *   it. It has no level knob (zlib's default, 6), yet in native code it runs
 *   faster than fflate's level 1 in JavaScript, so it is the fastest choice for
 *   Low and is exactly level 6 for Medium. Without it: fflate level 1 / 6.
 * - compress, level High: fflate level 9 (CompressionStream cannot go higher).
 * - decompress: fflate. DecompressionStream was no faster anywhere we
 *   measured (Node: fflate 126 MB/s vs 94-137; Chromium: 160 vs 140-165,
 *   shared/toolchain-notes), and fflate stops exactly at the read limit.
 */
import type { Compression } from "@connectrpc/connect/protocol";
import { GRPCCompressionLevel } from "./compression-options.js";
import type { FflateLevel } from "./gzip-fflate.js";
import { hasCompressionStreams, streamGzipCompress } from "./gzip-web-streams.js";

/** fflate is loaded on the first message that needs it: most apps never gzip, and it is 10 KB. */
const fflate = () => import("./gzip-fflate.js");

const fflateLevels: Record<GRPCCompressionLevel, FflateLevel> = {
  [GRPCCompressionLevel.Low]: 1,
  [GRPCCompressionLevel.Medium]: 6,
  [GRPCCompressionLevel.High]: 9,
};

/** Which codecs the web gzip uses in each direction (what `webGzipChoice` reports). */
export interface WebGzipChoice {
  /** `CompressionStream` (native, level 6) or fflate at a zlib level. */
  compressWith: "CompressionStream" | `fflate level ${number}`;
  /** Always fflate: it is as fast as DecompressionStream and stops at the read limit. */
  decompressWith: "fflate";
}

/** Which codec the web gzip uses for a level in this runtime. */
export function webGzipChoice(level?: GRPCCompressionLevel, streams = hasCompressionStreams()): WebGzipChoice {
  const useStream = streams && level !== GRPCCompressionLevel.High;
  return {
    compressWith: useStream ? "CompressionStream" : `fflate level ${fflateLevels[level ?? GRPCCompressionLevel.Medium]}`,
    decompressWith: "fflate",
  };
}

/**
 * The gzip Compression of fetch runtimes for a level (default Medium):
 * CompressionStream for Low and Medium where the runtime has it (else fflate
 * level 1 / 6), fflate level 9 for High; responses are inflated by fflate.
 */
export function createWebGzip(level?: GRPCCompressionLevel): Compression {
  const choice = webGzipChoice(level);
  const fflateLevel = fflateLevels[level ?? GRPCCompressionLevel.Medium];
  return {
    name: "gzip",
    compress: async (bytes) =>
      choice.compressWith === "CompressionStream" ? streamGzipCompress(bytes) : (await fflate()).fflateGzipCompress(bytes, fflateLevel),
    decompress: async (bytes, readMaxBytes) => {
      if (bytes.byteLength === 0) return new Uint8Array(0);
      return (await fflate()).fflateGunzip(bytes, readMaxBytes);
    },
  };
}
