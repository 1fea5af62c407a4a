/**
 * Differential test of the LZ4 codecs behind the one frame walker: the wasm
 * build of lz4_flex (browsers, Deno) and the native lz4-napi (Node) must give
 * exactly what lz4js gives, on valid frames of varied data and sizes and on
 * truncated, bit-flipped, mutated and lying-length ones: the same bytes, or
 * the same refusal (MosaicoError DATA_LOSS from both). Seeded and
 * deterministic: a failure names its case, replay it with LZ4_DIFF_SEED.
 */
import lz4js from "lz4js";
import { beforeAll, describe, expect, it } from "vitest";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";
import { loadNodeLz4Codec } from "../../../src/node/node-lz4.js";
import { lz4jsBlockCodec, type Lz4BlockCodec } from "../../../src/protocol/lz4/lz4-block-codec.js";
import { decompressLz4FrameWith } from "../../../src/protocol/lz4/lz4-codec.js";
import { loadLz4WasmCodec } from "../../../src/protocol/lz4/lz4-wasm-codec.js";
import { mutateBytes } from "../../fuzz/mutate-bytes.js";
import { caseSeed, Rng } from "../../fuzz/prng.js";

const SEED = Number(process.env.LZ4_DIFF_SEED ?? 14);
const CASES = 10_000;

/** Data that compresses in different ways: noise, runs, few symbols, float-like columns, repeats. */
function sample(rng: Rng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  switch (rng.int(0, 5)) {
    case 0:
      for (let i = 0; i < length; i++) out[i] = rng.int(0, 255);
      break;
    case 1: {
      for (let i = 0; i < length; ) {
        const run = rng.int(1, 300);
        out.fill(rng.int(0, 255), i, i + run);
        i += run;
      }
      break;
    }
    case 2: {
      const symbols = rng.int(2, 6);
      for (let i = 0; i < length; i++) out[i] = rng.int(0, symbols);
      break;
    }
    case 3: {
      // float32 sensor readings stored as float64, as most IMU topics do
      const view = new DataView(out.buffer);
      for (let i = 0; i + 8 <= length; i += 8) view.setFloat64(i, Math.fround(9.81 + Math.sin(i / 800) + rng.float() * 0.01), true);
      break;
    }
    case 4: {
      const pattern = rng.bytes(rng.int(1, 64));
      for (let i = 0; i < length; i++) out[i] = pattern[i % pattern.length]!;
      break;
    }
    default:
      break; // zeros
  }
  return out;
}

type Encoder = (data: Uint8Array) => Uint8Array;
type Outcome = { bytes: Uint8Array } | { refused: true };

function outcome(codec: Lz4BlockCodec, frame: Uint8Array, expected: number, exact: boolean): Outcome {
  try {
    return { bytes: decompressLz4FrameWith(codec, frame, expected, exact) };
  } catch (error) {
    // Anything but DATA_LOSS (a TypeError, a wasm trap, a native error) is a bug.
    if (!(error instanceof MosaicoError) || error.code !== Code.DataLoss) throw error;
    return { refused: true };
  }
}

function same(a: Outcome, b: Outcome): boolean {
  if ("refused" in a || "refused" in b) return "refused" in a && "refused" in b;
  return a.bytes.byteLength === b.bytes.byteLength && a.bytes.every((v, i) => v === b.bytes[i]);
}

describe("LZ4 codecs agree with lz4js behind the frame walker", { timeout: 60_000 }, () => {
  let fast: Lz4BlockCodec[];
  let napi: Lz4BlockCodec;
  let encoders: [string, Encoder][];

  beforeAll(async () => {
    napi = loadNodeLz4Codec();
    fast = [await loadLz4WasmCodec(), napi];
    encoders = [
      ["lz4js (linked 4 MiB blocks)", (d) => lz4js.compress(d)],
      ["lz4-napi (lz4_flex, independent 64 KiB blocks)", napi.compressFrame!],
    ];
  });

  it(`${CASES} seeded frames: valid, truncated, bit-flipped, mutated, lying lengths`, () => {
    const counts = { valid: 0, refused: 0 };
    for (let index = 0; index < CASES; index++) {
      const rng = new Rng(caseSeed(SEED, "lz4-differential", index));
      const length = rng.weighted<number>([
        [6, rng.int(0, 64)],
        [10, rng.int(0, 4096)],
        [4, rng.int(4096, 70_000)],
        [1, rng.int(70_000, 300_000)],
      ]);
      const data = sample(rng, length);
      const [encoderName, encode] = rng.pick(encoders);
      let frame = encode(data);
      let expected = length;
      let exact = true;
      const kind = rng.weighted<string>([
        [3, "valid"],
        [2, "truncated"],
        [3, "bit-flipped"],
        [2, "mutated"],
        [2, "lying length"],
        [1, "bound"],
      ]);
      if (kind === "truncated") frame = frame.subarray(0, rng.int(0, Math.max(0, frame.length - 1)));
      if (kind === "bit-flipped") {
        frame = new Uint8Array(frame);
        for (let flips = rng.int(1, 4); flips > 0; flips--) frame[rng.int(0, frame.length - 1)]! ^= 1 << rng.int(0, 7);
      }
      if (kind === "mutated") frame = mutateBytes(rng, frame, 3).bytes;
      if (kind === "lying length") expected = Math.max(0, length + rng.pick([-1, 1, -rng.int(1, 5000), rng.int(1, 5000)]));
      if (kind === "bound") exact = false;

      const reference = outcome(lz4jsBlockCodec, frame, expected, exact);
      if (kind === "valid" || kind === "bound") {
        expect("bytes" in reference && same(reference, { bytes: data }), `case ${index}: lz4js reads ${encoderName}`).toBe(true);
      }
      if ("refused" in reference) counts.refused++;
      else counts.valid++;
      for (const codec of fast) {
        const got = outcome(codec, frame, expected, exact);
        if (!same(reference, got)) {
          throw new Error(`case ${index} (seed ${SEED}, ${kind}, ${encoderName}, ${length} bytes): ${codec.name} disagrees with lz4js`);
        }
      }
    }
    // Both outcomes are exercised in earnest.
    expect(counts.valid).toBeGreaterThan(CASES / 5);
    expect(counts.refused).toBeGreaterThan(CASES / 5);
  });

  it("blocks that read earlier blocks of a linked frame decode the same (lz4js frames over 4 MiB)", () => {
    const big = new Uint8Array(5 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 253 ^ (i >> 13);
    const frame = lz4js.compress(big);
    const reference = outcome(lz4jsBlockCodec, frame, big.length, true);
    expect(same(reference, { bytes: big })).toBe(true);
    for (const codec of fast) expect(same(outcome(codec, frame, big.length, true), reference)).toBe(true);
  });

  it("frames the native encoder writes decode with lz4js's own frame reader and with the walker", () => {
    const rng = new Rng(caseSeed(SEED, "lz4-napi-encoder", 0));
    for (let index = 0; index < 200; index++) {
      const data = sample(rng, rng.int(0, 200_000));
      const frame = napi.compressFrame!(data);
      expect(same({ bytes: lz4js.decompress(frame) }, { bytes: data }), `case ${index}`).toBe(true);
      expect(same(outcome(lz4jsBlockCodec, frame, data.length, true), { bytes: data }), `case ${index}`).toBe(true);
    }
  });
});
