/**
 * LZ4 under Node, chosen by measurement (bench/lz4-codecs.ts; table in
 * src/protocol/lz4/lz4-codec.ts): decoding uses the universal lz4_flex wasm
 * build behind the validated frame walker, which measured faster there than
 * lz4-napi 2.10.0's native block call (its per-call Buffer copies cost more
 * than the native speed gains on 64 KiB blocks); encoding uses lz4-napi's
 * frame encoder (2.3x lz4js), an optional dependency: where its prebuilt
 * addon does not install or load, lz4js encodes. Loaded on the first LZ4
 * encode or decode, not at import.
 */
import { createRequire } from "node:module";
import { lz4jsBlockCodec, wasmLz4CodecLoader, type Lz4BlockCodec, type Lz4CodecLoader } from "../protocol/index.js";

/** The part of lz4-napi's API used here. */
interface Lz4Napi {
  /** Decodes a block whose (maximum) decoded size is prepended as u32 LE. */
  uncompressSync(data: Uint8Array): Buffer;
  /** Compresses into one LZ4 frame: 64 KiB independent blocks, no checksums (lz4_flex's FrameInfo default). */
  compressFrameSync(data: Buffer): Buffer;
}

/**
 * The native LZ4 codec (block decoder and frame encoder); throws when
 * lz4-napi cannot load here.
 *
 * @internal exported for the benchmarks and the differential tests.
 */
export function loadNodeLz4Codec(): Lz4BlockCodec {
  const napi = createRequire(import.meta.url)("lz4-napi") as Lz4Napi;
  return {
    name: "lz4_flex (lz4-napi 2.10.0, native)",
    decodeBlock(src, dst, srcStart, srcLength, dstStart, decodedLength) {
      const input = Buffer.allocUnsafe(srcLength + 4);
      input.writeUInt32LE(decodedLength, 0);
      input.set(src.subarray(srcStart, srcStart + srcLength), 4);
      const out = napi.uncompressSync(input);
      if (out.byteLength !== decodedLength) throw new Error("lz4-napi decoded a block to another size than scanned");
      dst.set(out, dstStart);
      return dstStart + out.byteLength;
    },
    compressFrame: (data) => napi.compressFrameSync(Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
  };
}

/**
 * The Node entry's loader: lz4_flex wasm to decode (lz4js if it cannot
 * compile), lz4-napi to encode when it loads.
 *
 * @internal installed by src/node/index.ts.
 */
export const nodeLz4CodecLoader: Lz4CodecLoader = async () => {
  const decoder = await Promise.resolve(wasmLz4CodecLoader()).catch(() => lz4jsBlockCodec);
  let native: Lz4BlockCodec;
  try {
    native = loadNodeLz4Codec();
  } catch {
    return decoder;
  }
  return { name: `${decoder.name}, lz4-napi 2.10.0 encoder`, decodeBlock: decoder.decodeBlock, compressFrame: native.compressFrame };
};
