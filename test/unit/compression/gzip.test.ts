import { gzipSync } from "node:zlib";
import { ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { Code, GRPCCompressionAlgorithm, GRPCCompressionLevel, MosaicoError } from "../../../src/index.js";
import { resolveCompression } from "../../../src/compression/compression-options.js";
import { createFflateGzip } from "../../../src/compression/gzip-fflate.js";
import { createWebGzip, webGzipChoice } from "../../../src/compression/web-gzip.js";
import { createNodeGzip } from "../../../src/node/node-gzip.js";

const codecs = [
  ["fflate", createFflateGzip(6)],
  ["web (CompressionStream)", createWebGzip(GRPCCompressionLevel.Medium)],
  ["web (fflate level 9)", createWebGzip(GRPCCompressionLevel.High)],
  ["node zlib", createNodeGzip(GRPCCompressionLevel.Low)],
] as const;

const sample = new TextEncoder().encode("imu,".repeat(20_000));

describe.each(codecs)("gzip codec %s", (_name, codec) => {
  it("round trips and really compresses", async () => {
    const packed = await codec.compress(sample);
    expect(packed.byteLength).toBeLessThan(sample.byteLength / 10);
    expect(packed[0]).toBe(0x1f); // gzip magic
    expect(await codec.decompress(packed, 1 << 20)).toEqual(sample);
    // interoperates with zlib both ways
    expect(await codec.decompress(new Uint8Array(gzipSync(sample)), 1 << 20)).toEqual(sample);
  });

  it("refuses a gzip bomb at the read limit", async () => {
    // 64 MiB of zeros packs into ~64 KiB; the limit is 1 MiB.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 << 20)));
    expect(bomb.byteLength).toBeLessThan(128 << 10);
    const error = await codec.decompress(bomb, 1 << 20).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.ResourceExhausted);
  });

  it("reports corrupt input as INVALID_ARGUMENT", async () => {
    const error = await codec.decompress(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]), 1 << 20).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ConnectError).code).toBe(Code.InvalidArgument);
  });
});

describe("compression options", () => {
  it("maps levels to codecs (CompressionStream has no level)", () => {
    expect(webGzipChoice(GRPCCompressionLevel.Low, true).compressWith).toBe("CompressionStream");
    expect(webGzipChoice(GRPCCompressionLevel.Medium, true).compressWith).toBe("CompressionStream");
    expect(webGzipChoice(GRPCCompressionLevel.High, true).compressWith).toBe("fflate level 9");
    expect(webGzipChoice(GRPCCompressionLevel.Low, false)).toEqual({ compressWith: "fflate level 1", decompressWith: "fflate" });
  });

  it("validates the option", () => {
    expect(resolveCompression(undefined)).toEqual({ algorithm: GRPCCompressionAlgorithm.Null });
    expect(resolveCompression(GRPCCompressionAlgorithm.Gzip)).toEqual({ algorithm: 2 });
    expect(() => resolveCompression(7 as never)).toThrow(MosaicoError);
    expect(() => resolveCompression({ algorithm: 2, level: 9 as never })).toThrow(/compression level/);
  });
});
