/**
 * gzip in pure JavaScript (fflate): works in every runtime and takes a level.
 */
import { Gunzip, gzipSync } from "fflate";
import type { Compression } from "@connectrpc/connect/protocol";
import { concatBytes } from "../protocol/concat-bytes.js";
import { corruptCompressedMessage, tooLargeAfterDecompression } from "./decompress-limit.js";

/** fflate's (zlib's) compression levels: 0 stores, 9 compresses most. */
export type FflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** gzips `bytes` in one call at `level`. */
export function fflateGzipCompress(bytes: Uint8Array, level: FflateLevel): Uint8Array<ArrayBuffer> {
  return gzipSync(bytes, { level }) as Uint8Array<ArrayBuffer>;
}

/**
 * Inflates in 64 KiB steps and stops once `readMaxBytes` is passed, so a gzip
 * bomb costs little work.
 *
 * @throws ConnectError RESOURCE_EXHAUSTED past the limit, INVALID_ARGUMENT for corrupt input.
 */
export function fflateGunzip(bytes: Uint8Array, readMaxBytes: number): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let tooLarge = false;
  const inflater = new Gunzip((chunk) => {
    length += chunk.byteLength;
    if (length > readMaxBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  // Feed 64 KiB at a time so an over-limit bomb is caught after little work.
  try {
    for (let offset = 0; offset < bytes.byteLength && !tooLarge; offset += 65536) {
      const end = Math.min(bytes.byteLength, offset + 65536);
      inflater.push(bytes.subarray(offset, end), end === bytes.byteLength);
    }
  } catch (cause) {
    throw corruptCompressedMessage(cause);
  }
  if (tooLarge) throw tooLargeAfterDecompression(readMaxBytes);
  return concatBytes(chunks, length);
}

/** A connect Compression using fflate both ways. */
export function createFflateGzip(level: FflateLevel): Compression {
  return {
    name: "gzip",
    compress: async (bytes) => fflateGzipCompress(bytes, level),
    decompress: async (bytes, readMaxBytes) => (bytes.byteLength === 0 ? new Uint8Array(0) : fflateGunzip(bytes, readMaxBytes)),
  };
}
