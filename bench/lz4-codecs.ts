/**
 * LZ4_FRAME codec comparison (mosaicod sends every DoGet batch LZ4_FRAME-
 * compressed, docs/protocol.md §6.2; issue #14). Every candidate decodes the
 * same frames in the same run, and every output is checked.
 *
 * Frames: the column buffers of an IMU-like topic (`timestamp_ns` int64 + 9
 * float64 columns of float32-precision readings) in batches of 8192 rows
 * (mosaicod's default MOSAICOD_MAX_BATCH_SIZE), one frame per buffer, written
 * by lz4_flex's frame encoder (lz4-napi): what arrow-rs, hence mosaicod,
 * writes (64 KiB independent blocks).
 *
 * Candidates that are not installed are reported as such. The full set:
 *   npm install --no-save lz4-asm@0.4.2 @foxglove/wasm-lz4@1.0.2 lz4-wasm-nodejs@0.9.2
 *   npx tsx bench/lz4-codecs.ts [rows]           (default 1,000,000)
 *   npx tsx bench/lz4-codecs-browser.ts [rows]   (the same in Chromium)
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import lz4js from "lz4js";
import { loadNodeLz4Codec } from "../src/node/index.js";
import { decodeFlightData, FlightDataEncoder, registerLz4Codec, setLz4CodecLoader, lz4CodecReady, wasmLz4CodecLoader, type FlightData, type Lz4CodecLoader } from "../src/protocol/index.js";
import { tableFromArrays, type RecordBatch, type Table } from "apache-arrow";
import { formatRows, measureDecoders, type DecodeCandidate, type Lz4Sample } from "./lz4/measure.js";
import { BASELINE, restoreDefaultLoader, sdkCandidate, universalCandidates } from "./lz4/sdk-candidates.js";

const require = createRequire(import.meta.url);
const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH_ROWS = 8192;

// ---------------------------------------------------------------- data set
/** The IMU-like table (seeded, deterministic). */
export function imuTable(rows: number): Table {
  const ts = new BigInt64Array(rows);
  const names = ["acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z"];
  const cols: Record<string, Float64Array> = {};
  for (const n of names) cols[n] = new Float64Array(rows);
  let seed = 42;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.02;
  const t0 = 1_767_225_600_000_000_000n;
  for (let i = 0; i < rows; i++) {
    ts[i] = t0 + BigInt(i) * 2_500_000n + BigInt(Math.round(noise() * 1000));
    const t = i / 400;
    names.forEach((n, k) => {
      const base = k === 2 ? 9.81 : k >= 6 ? 0.3 + 0.1 * k : 0;
      cols[n]![i] = Math.fround(base + 0.5 * Math.sin(t * (k + 1)) + noise());
    });
  }
  return tableFromArrays({ timestamp_ns: ts, ...cols });
}

function batchesOf(table: Table): RecordBatch[] {
  const out: RecordBatch[] = [];
  for (const b of table.batches) for (let i = 0; i < b.numRows; i += BATCH_ROWS) out.push(b.slice(i, Math.min(i + BATCH_ROWS, b.numRows)));
  return out;
}

/** One lz4_flex frame per column buffer of every batch. */
export function imuSamples(rows: number): Lz4Sample[] {
  const napi = loadNodeLz4Codec();
  const samples: Lz4Sample[] = [];
  for (const batch of batchesOf(imuTable(rows))) {
    for (const child of batch.data.children) {
      const values = child.values as Float64Array | BigInt64Array;
      const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
      samples.push({ raw, frame: napi.compressFrame!(raw) });
    }
  }
  return samples;
}

// ---------------------------------------------------------------- Node-only candidates
function nodeCandidates(): DecodeCandidate[] {
  return [
    sdkCandidate("SDK walker + lz4-napi (native)", "native addon", () => loadNodeLz4Codec(), /native/),
    {
      name: "SDK walker + lz4-wasm-nodejs 0.9.2 own glue",
      kind: "wasm, its wasm-bindgen glue",
      load: async () => {
        const w = require("lz4-wasm-nodejs") as { decompress(d: Uint8Array): Uint8Array };
        return sdkCandidate("", "", () => ({
          name: "lz4-wasm-nodejs glue",
          decodeBlock: (src, dst, s, len, d, n) => {
            const input = new Uint8Array(len + 4);
            new DataView(input.buffer).setUint32(0, n, true);
            input.set(src.subarray(s, s + len), 4);
            const out = w.decompress(input);
            dst.set(out, d);
            return d + out.length;
          },
        }), /glue/).load();
      },
    },
    {
      name: "lz4-napi 2.10.0 decompressFrameSync",
      kind: "native, whole frame, no output bound",
      load: async () => {
        const napi = require("lz4-napi") as { decompressFrameSync(d: Buffer): Buffer };
        return (frame) => napi.decompressFrameSync(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
      },
    },
    {
      name: "lz4-asm 0.4.2 (liblz4, wasm)",
      kind: "wasm, separate .wasm, process handlers",
      load: async () => {
        const main = require.resolve("lz4-asm/dist/lz4wasm.js");
        const mod = await require(main)({ wasmBinary: readFileSync(join(dirname(main), "_lz4.wasm")) });
        return (frame) => mod.lz4js.decompress(frame);
      },
    },
    {
      name: "lz4-asm 0.4.2 (liblz4, asm.js)",
      kind: "JS (asm.js), 225 KB",
      load: async () => {
        const mod = await require("lz4-asm/dist/lz4asm.js")();
        return (frame) => mod.lz4js.decompress(frame);
      },
    },
    {
      name: "@foxglove/wasm-lz4 1.0.2 (liblz4)",
      kind: "wasm, separate .wasm, decode only",
      load: async () => {
        const decompress = require("@foxglove/wasm-lz4");
        await decompress.isLoaded;
        return (frame, n) => decompress(frame, n);
      },
    },
  ];
}

// ---------------------------------------------------------------- encode and end to end
function bestMs(fn: () => void, runs = 5): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function encoders(): [string, (d: Uint8Array) => Uint8Array][] {
  const out: [string, (d: Uint8Array) => Uint8Array][] = [
    ["lz4js 0.2.0 compress", (d) => lz4js.compress(d)],
    ["lz4-napi 2.10.0 compressFrameSync (lz4_flex)", loadNodeLz4Codec().compressFrame!],
  ];
  try {
    const main = require.resolve("lz4-asm/dist/lz4wasm.js");
    void main;
  } catch {
    /* not installed */
  }
  return out;
}

async function endToEnd(batches: RecordBatch[], loaders: [string, Lz4CodecLoader | null][]): Promise<string[]> {
  const lines: string[] = [];
  registerLz4Codec({ replace: true });
  setLz4CodecLoader(null);
  const encoder = new FlightDataEncoder(batches[0]!.schema, { compression: "lz4_frame" });
  const messages: FlightData[] = [encoder.encodeSchema(), ...batches.flatMap((b) => encoder.encodeBatch(b))];
  const plainEncoder = new FlightDataEncoder(batches[0]!.schema, { compression: null });
  const plain: FlightData[] = [plainEncoder.encodeSchema(), ...batches.flatMap((b) => plainEncoder.encodeBatch(b))];
  const mb = plain.reduce((n, m) => n + m.dataBody.byteLength, 0) / 1e6;
  const read = async (stream: FlightData[]) => {
    async function* source() {
      yield* stream;
    }
    for await (const b of await decodeFlightData(source())) void b;
  };
  const time = async (stream: FlightData[]) => {
    await read(stream);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await read(stream);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const plainMs = await time(plain);
  lines.push(`| uncompressed IPC | ${((mb / plainMs) * 1000).toFixed(0)} | 1.0x |`);
  for (const [name, loader] of loaders) {
    setLz4CodecLoader(loader);
    await lz4CodecReady();
    const ms = await time(messages);
    lines.push(`| LZ4_FRAME, ${name} | ${((mb / ms) * 1000).toFixed(0)} | ${(ms / plainMs).toFixed(1)}x |`);
  }
  return lines;
}

async function main(): Promise<void> {
  const samples = imuSamples(ROWS);
  const mb = samples.reduce((n, s) => n + s.raw.byteLength, 0) / 1e6;
  const packed = samples.reduce((n, s) => n + s.frame.byteLength, 0) / 1e6;
  console.log(`Node ${process.version}: ${ROWS} rows, ${samples.length} frames (lz4_flex), ${mb.toFixed(1)} MB -> ${packed.toFixed(1)} MB (${(mb / packed).toFixed(2)}x), best of 5\n`);
  const rows = await measureDecoders(samples, [...universalCandidates, ...nodeCandidates()]);
  console.log(formatRows(rows, BASELINE));

  console.log("\n| encoder | encode MB/s | vs lz4js | compressed size |\n|---|---:|---:|---:|");
  let lz4jsMs = 0;
  for (const [name, encode] of encoders()) {
    const ms = bestMs(() => {
      for (const s of samples) encode(s.raw);
    });
    lz4jsMs ||= ms;
    const size = samples.reduce((n, s) => n + encode(s.raw).byteLength, 0) / 1e6;
    console.log(`| ${name} | ${((mb / ms) * 1000).toFixed(0)} | ${(lz4jsMs / ms).toFixed(2)}x | ${size.toFixed(1)} MB |`);
  }

  const batches = batchesOf(imuTable(ROWS));
  console.log("\n| decodeFlightData end to end (FlightData -> RecordBatch) | MB/s | time vs uncompressed |\n|---|---:|---:|");
  const e2e = await endToEnd(batches, [
    ["lz4js", null],
    ["lz4_flex wasm", wasmLz4CodecLoader],
    ["lz4-napi", () => loadNodeLz4Codec()],
  ]);
  for (const line of e2e) console.log(line);
  restoreDefaultLoader();
}

// Run when executed, not when lz4-codecs-browser.ts imports the data set.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
