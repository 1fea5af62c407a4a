import { afterEach, describe, expect, it } from "vitest";
import { CompressionType, compressionRegistry } from "apache-arrow";
import { compressLz4Frame, decompressLz4Frame, registerLz4Codec } from "../../../src/protocol/index.js";
import { lz4FrameCodec } from "../../../src/protocol/lz4/lz4-codec.js";
import { Code } from "../../../src/errors/code.js";

function sample(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i % 251) ^ (i >> 10);
  return out;
}

/** A frame built by hand from stored (uncompressed) blocks, with optional header fields. */
function storedFrame(data: Uint8Array, opts: { contentSize?: number; blockChecksum?: boolean; contentChecksum?: boolean; dictId?: boolean } = {}) {
  const flg = 0x40 | (opts.blockChecksum ? 0x10 : 0) | (opts.contentSize !== undefined ? 0x08 : 0) | (opts.contentChecksum ? 0x04 : 0) | (opts.dictId ? 0x01 : 0);
  const parts: Uint8Array[] = [Uint8Array.of(0x04, 0x22, 0x4d, 0x18, flg, 0x40)];
  const u32 = (v: number) => parts.push(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff));
  if (opts.contentSize !== undefined) {
    u32(opts.contentSize);
    u32(0);
  }
  if (opts.dictId) u32(1234);
  parts.push(Uint8Array.of(0)); // header checksum (not verified)
  for (let at = 0; at < data.length; at += 0x10000) {
    const block = data.subarray(at, at + 0x10000);
    u32(0x80000000 | block.length);
    parts.push(block);
    if (opts.blockChecksum) u32(0xdeadbeef);
  }
  u32(0);
  if (opts.contentChecksum) u32(0xcafebabe);
  return concat(...parts);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Byte equality without vitest's slow element-wise diff of large arrays. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}

describe("LZ4 frame codec", () => {
  afterEach(() => registerLz4Codec({ replace: true }));

  it("round-trips data of many sizes", () => {
    for (const n of [0, 1, 8, 1000, 65_536, 300_001]) {
      const data = sample(n);
      const frame = compressLz4Frame(data);
      expect([...frame.subarray(0, 4)]).toEqual([0x04, 0x22, 0x4d, 0x18]);
      expect(same(decompressLz4Frame(frame, n), data)).toBe(true);
    }
  });

  it("rejects frames that decode to another size than expected", () => {
    const data = sample(5000);
    const frame = compressLz4Frame(data);
    expect(() => decompressLz4Frame(frame, 4999)).toThrowError(/more than the 4999 bytes expected/);
    expect(() => decompressLz4Frame(frame, 5001)).toThrowError(/5000 bytes, 5001 were expected/);
    expect(() => decompressLz4Frame(frame, -1)).toThrowError(expect.objectContaining({ code: Code.DataLoss }));
    expect(() => decompressLz4Frame(frame.subarray(0, frame.length - 10), 5000)).toThrowError(/truncated/);
    expect(() => decompressLz4Frame(sample(20), 20)).toThrowError(/not an LZ4 frame/);
  });

  it("handles content size, dictionary id, block and content checksums, and concatenated frames", () => {
    const data = sample(150_000);
    const full = storedFrame(data, { contentSize: data.length, blockChecksum: true, contentChecksum: true, dictId: true });
    expect(same(decompressLz4Frame(full, data.length), data)).toBe(true);
    expect(() => decompressLz4Frame(storedFrame(data, { contentSize: data.length + 1 }), data.length + 1)).toThrowError(
      /declares 150001 bytes but holds 150000/,
    );
    expect(() => decompressLz4Frame(storedFrame(data, { contentSize: 1 << 30 }), data.length)).toThrowError(
      /declares 1073741824 bytes, more than/,
    );
    const two = concat(storedFrame(data.subarray(0, 70_000)), compressLz4Frame(data.subarray(70_000)));
    expect(same(decompressLz4Frame(two, data.length), data)).toBe(true);
  });

  it("registers once and keeps a codec the application registered", () => {
    registerLz4Codec();
    expect(compressionRegistry.get(CompressionType.LZ4_FRAME)).toBe(lz4FrameCodec);
    const custom = { encode: compressLz4Frame, decode: (d: Uint8Array) => d };
    compressionRegistry.set(CompressionType.LZ4_FRAME, custom);
    registerLz4Codec();
    expect(compressionRegistry.get(CompressionType.LZ4_FRAME)).toBe(custom);
    registerLz4Codec({ replace: true });
    expect(compressionRegistry.get(CompressionType.LZ4_FRAME)).toBe(lz4FrameCodec);
  });

  it("refuses to guess the length outside Arrow's reader", () => {
    expect(() => lz4FrameCodec.decode!(compressLz4Frame(sample(10)))).toThrowError(expect.objectContaining({ code: Code.Internal }));
  });
});
