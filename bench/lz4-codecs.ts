/**
 * LZ4_FRAME codec comparison for Arrow IPC body compression (mosaicod sends
 * every DoGet batch LZ4_FRAME-compressed, docs/protocol.md §6.2).
 *
 * Data: an IMU-like topic, `timestamp_ns` int64 + 9 float64 columns (sensor
 * readings of float32 precision, as most IMUs report), in batches of 8192 rows
 * (mosaicod's default MOSAICOD_MAX_BATCH_SIZE). Every codec is registered as
 * apache-arrow's LZ4_FRAME codec in turn; we time RecordBatchStreamWriter with
 * LZ4_FRAME (encode) and tableFromIPC (decode) and report MB/s of uncompressed
 * body bytes plus ratios against uncompressed IPC encode/decode of the same
 * data in the same run. Decoders all read the same liblz4-made stream (the
 * reference implementation; mosaicod's arrow-rs output is the same format) and
 * are cross-checked on every encoder's output.
 *
 * Candidates that are not installed are skipped, so this keeps running after
 * the losers were uninstalled. To re-run the full comparison:
 *   npm install --no-save lz4-asm@0.4.2 @foxglove/wasm-lz4@1.0.2
 *   npx tsx bench/lz4-codecs.ts [rows]          (default 1,000,000)
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  CompressionType,
  compressionRegistry,
  tableFromArrays,
  tableFromIPC,
  type Codec,
  type RecordBatch,
  type Table,
} from "apache-arrow";
import {
  type FlightData,
  decodeFlightData,
  FlightDataEncoder,
  ipcPrefix,
  arrowUncompressedLength,
  lz4FrameCodec,
  registerLz4Codec,
} from "../src/protocol/index.js";

const require = createRequire(import.meta.url);
const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH_ROWS = 8192;
const RUNS = 5;

// ---------------------------------------------------------------- data set
function imuTable(rows: number): Table {
  const ts = new BigInt64Array(rows);
  const cols: Record<string, Float64Array> = {};
  const names = ["acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z"];
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
  for (const b of table.batches) {
    for (let i = 0; i < b.numRows; i += BATCH_ROWS) out.push(b.slice(i, Math.min(i + BATCH_ROWS, b.numRows)));
  }
  return out;
}

// ---------------------------------------------------------------- candidates
interface RawCodec {
  encode?: (data: Uint8Array) => Uint8Array;
  decode: (data: Uint8Array, expectedLength: number) => Uint8Array;
}
interface Candidate {
  name: string;
  kind: string;
  load: () => Promise<RawCodec>;
}

const candidates: Candidate[] = [
  {
    name: "mosaico-web codec (lz4js blocks + frame walker)",
    kind: "pure JS, validated",
    load: async () => ({
      encode: (d) => lz4FrameCodec.encode!(d),
      decode: (d) => lz4FrameCodec.decode!(d),
    }),
  },
  {
    name: "lz4js@0.2.0 own frame reader",
    kind: "pure JS",
    load: async () => {
      const lz4 = require("lz4js");
      return { encode: (d) => lz4.compress(d), decode: (d, n) => lz4.decompress(d, n) };
    },
  },
  {
    name: "lz4-asm@0.4.2 (liblz4, wasm)",
    kind: "wasm, separate .wasm file",
    load: async () => {
      const main = require.resolve("lz4-asm/dist/lz4wasm.js");
      const init = require(main);
      const mod = await init({ wasmBinary: readFileSync(join(dirname(main), "_lz4.wasm")) });
      return { encode: (d) => mod.lz4js.compress(d), decode: (d) => mod.lz4js.decompress(d) };
    },
  },
  {
    name: "lz4-asm@0.4.2 (liblz4, asm.js)",
    kind: "JS (asm.js), 225 KB",
    load: async () => {
      const mod = await require("lz4-asm/dist/lz4asm.js")();
      return { encode: (d) => mod.lz4js.compress(d), decode: (d) => mod.lz4js.decompress(d) };
    },
  },
  {
    name: "@foxglove/wasm-lz4@1.0.2 (liblz4)",
    kind: "wasm, separate .wasm, decode only",
    load: async () => {
      const decompress = require("@foxglove/wasm-lz4");
      await decompress.isLoaded;
      return { decode: (d, n) => new Uint8Array(decompress(d, n)) };
    },
  },
];

function arrowCodec(raw: RawCodec): Codec {
  const codec: Codec = { decode: (d) => raw.decode(d, arrowUncompressedLength(d)) };
  if (raw.encode) codec.encode = raw.encode;
  return codec;
}

// ---------------------------------------------------------------- timing
function best(fn: () => void): number {
  fn(); // warm-up
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

async function bestAsync(fn: () => Promise<void>): Promise<number> {
  await fn();
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/** Schema + batches -> FlightData with the registered LZ4 codec (the SDK's encode path). */
function encode(batches: RecordBatch[], compressed: boolean): FlightData[] {
  const encoder = new FlightDataEncoder(batches[0]!.schema, { compression: compressed ? "lz4_frame" : null });
  return [encoder.encodeSchema(), ...batches.flatMap((b) => encoder.encodeBatch(b))];
}

/** FlightData -> one encapsulated IPC stream (what decodeFlightData feeds to arrow). */
function toIpc(messages: FlightData[]): Uint8Array {
  const parts = messages.flatMap((m) => [ipcPrefix(m.dataHeader), m.dataBody]);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

const bodyBytes = (messages: FlightData[]) => messages.reduce((n, m) => n + m.dataBody.byteLength, 0);

function checksum(table: Table): number {
  let sum = 0;
  for (const name of ["acc_x", "gyro_y", "mag_z"]) for (const v of table.getChild(name)!) sum += v as number;
  let ts = 0n;
  for (const v of table.getChild("timestamp_ns")!) ts ^= v as bigint;
  return sum + Number(ts % 1_000_003n);
}

async function flightDecodeMs(messages: FlightData[]): Promise<number> {
  return bestAsync(async () => {
    async function* source() {
      yield* messages;
    }
    const reader = await decodeFlightData(source());
    for await (const b of reader) void b;
  });
}

// ---------------------------------------------------------------- main
const fmt = (n: number, d = 0) => n.toFixed(d).padStart(7);

async function main(): Promise<void> {
  const table = imuTable(ROWS);
  const batches = batchesOf(table);
  const expected = checksum(table);
  const plainMessages = encode(batches, false);
  const plain = toIpc(plainMessages);
  const mb = bodyBytes(plainMessages) / 1e6;
  const plainEncodeMs = best(() => void encode(batches, false));
  const plainDecodeMs = best(() => void tableFromIPC(plain));
  console.log(`${ROWS} rows in ${batches.length} batches of <= ${BATCH_ROWS}, ${mb.toFixed(1)} MB of uncompressed bodies, best of ${RUNS} runs`);
  console.log(
    `uncompressed: encode ${fmt((mb / plainEncodeMs) * 1000)} MB/s (FlightDataEncoder), ` +
      `decode ${fmt((mb / plainDecodeMs) * 1000)} MB/s (tableFromIPC)`,
  );

  const loaded: { c: Candidate; raw: RawCodec }[] = [];
  for (const c of candidates) {
    try {
      loaded.push({ c, raw: await c.load() });
    } catch {
      console.log(`(skipped ${c.name}: not installed)`);
    }
  }
  // All decoders read the same stream: liblz4's output when available.
  const reference = loaded.find((l) => l.c.name.startsWith("lz4-asm") && l.raw.encode) ?? loaded.find((l) => l.raw.encode)!;
  compressionRegistry.set(CompressionType.LZ4_FRAME, arrowCodec(reference.raw));
  const referenceStream = toIpc(encode(batches, true));
  console.log(`decoders read the stream written by ${reference.c.name}`);
  const outputs = new Map<string, Uint8Array>();

  const rows: string[][] = [];
  for (const { c, raw } of loaded) {
    compressionRegistry.set(CompressionType.LZ4_FRAME, arrowCodec(raw));
    let enc = "n/a", encRatio = "n/a", size = "n/a";
    if (raw.encode) {
      const messages = encode(batches, true);
      outputs.set(c.name, toIpc(messages));
      const ms = best(() => void encode(batches, true));
      enc = fmt((mb / ms) * 1000);
      encRatio = fmt(ms / plainEncodeMs, 1) + "x";
      size = fmt((mb * 1e6) / bodyBytes(messages), 2) + "x";
    }
    if (checksum(tableFromIPC(referenceStream)) !== expected) throw new Error(`${c.name} decoded wrong values`);
    const decMs = best(() => void tableFromIPC(referenceStream));
    rows.push([c.name, c.kind, enc, encRatio, fmt((mb / decMs) * 1000), fmt(decMs / plainDecodeMs, 1) + "x", size]);
  }
  // Cross-check: every decoder reads every encoder's frames.
  for (const { c, raw } of loaded) {
    compressionRegistry.set(CompressionType.LZ4_FRAME, arrowCodec(raw));
    for (const [encoder, out] of outputs) {
      if (checksum(tableFromIPC(out)) !== expected) throw new Error(`${c.name} cannot read ${encoder}`);
    }
  }

  console.log("\n| codec | kind | encode MB/s | encode time vs uncompressed | decode MB/s | decode time vs uncompressed | compression ratio |");
  console.log("|---|---|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);

  compressionRegistry.set(CompressionType.LZ4_FRAME, lz4FrameCodec);
  registerLz4Codec();
  const flightPlain = await flightDecodeMs(plainMessages);
  const flightLz4 = await flightDecodeMs(encode(batches, true));
  console.log(
    `\nmosaico-web decodeFlightData end to end (FlightData -> RecordBatch): uncompressed ${fmt((mb / flightPlain) * 1000)} MB/s, ` +
      `LZ4_FRAME ${fmt((mb / flightLz4) * 1000)} MB/s (${(flightLz4 / flightPlain).toFixed(1)}x the time)`,
  );
}

await main();
