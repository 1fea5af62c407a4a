/**
 * gzip for Node transports: Node's zlib (native, the fastest codec on Node),
 * at a real zlib level, with the read limit enforced by zlib itself.
 *
 * The synchronous calls are used on purpose: bench/compression.ts measured
 * the async ones 1.1-2x slower (thread-pool hand-offs per message), and the
 * seed's processing model serializes inline anyway.
 */
import * as zlib from "node:zlib";
import type { Compression } from "@connectrpc/connect/protocol";
import { GRPCCompressionLevel } from "../compression/compression-options.js";
import { corruptCompressedMessage, tooLargeAfterDecompression } from "../compression/decompress-limit.js";

const zlibLevels: Record<GRPCCompressionLevel, number> = {
  [GRPCCompressionLevel.Low]: 1,
  [GRPCCompressionLevel.Medium]: 6,
  [GRPCCompressionLevel.High]: 9,
};

/** The gzip Compression of Node transports: zlib at level 1/6/9 for Low/Medium/High (zlib's default without a level). */
export function createNodeGzip(level?: GRPCCompressionLevel): Compression {
  const options = level === undefined ? {} : { level: zlibLevels[level] };
  return {
    name: "gzip",
    compress: async (bytes) => new Uint8Array(zlib.gzipSync(bytes, options)),
    decompress: async (bytes, readMaxBytes) => {
      if (bytes.byteLength === 0) return new Uint8Array(0);
      try {
        return new Uint8Array(zlib.gunzipSync(bytes, { maxOutputLength: readMaxBytes }));
      } catch (cause) {
        if ((cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLargeAfterDecompression(readMaxBytes);
        throw corruptCompressedMessage(cause);
      }
    },
  };
}
