/**
 * gzip compression in Node (issue 5's benchmark). Not a test: it prints.
 *
 *   npx tsx bench/compression.ts [scale=1]
 *
 * Data (scale 1):
 *   imu        an IMU topic (test/integration/helpers/imu-data.ts), 200k rows, 12.8 MB of Arrow
 *   image-raw  camera frames as raw RGB8 (320x240: gradient, moving shapes, sensor noise +-4), 60 frames
 *   image-png  the same frames PNG-encoded with zlib's default strategy (already deflated, like JPEG)
 *
 * 1. Codecs: every gzip codec this runtime has, on the messages the SDK would
 *    send (one Arrow IPC batch per gRPC message), per level; the SDK's codec
 *    (node:zlib through createNodeGzip, used by both transports in Node) vs
 *    the fastest codec measured at that level. Target: SDK <= 1.1x the fastest.
 * 2. End to end: a reference server started with --gzip in a child process,
 *    reached through a byte-counting TCP proxy; for each transport and
 *    compression setting, a DoPut (writeSequence) and a DoGet (topicReader):
 *    bytes on the wire each way and throughput in MB/s of Arrow data (best
 *    of 2 runs; the proxy shares this process, so absolute MB/s are low and
 *    noisy: compare rows with each other).
 *    DoGet batches are LZ4_FRAME-compressed by the server already (as mosaicod
 *    does), so gzip adds little on the way down.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gunzipSync, gzipSync } from "node:zlib";
import { Binary, Field, Int32, Int64, makeData, RecordBatch, RecordBatchStreamWriter, Schema, Struct } from "apache-arrow";
import { gunzipSync as fflateGunzipSync, gzipSync as fflateGzipSync } from "fflate";
import { PNG } from "pngjs";
import { streamGzipCompress } from "../src/compression/gzip-web-streams.js";

/** DecompressionStream, measured as the alternative the SDK does not use (it decompresses with fflate). */
async function streamGunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
import { createNodeGzip } from "../src/node/node-gzip.js";
import { GRPCCompressionAlgorithm, GRPCCompressionLevel, MosaicoClient, type CompressionOption } from "../src/node/index.js";
import { imuBatch, imuSchema } from "../test/integration/helpers/imu-data.js";
import { startTcpGate } from "../test/integration/helpers/tcp-gate.js";

const scale = Number(process.argv[2] ?? 1);
const MB = 1024 * 1024;
const T0 = 1_767_225_600_000_000_000n;

// ---------------------------------------------------------------- data

interface Dataset {
  name: string;
  ontologyTag: string;
  schema: Schema;
  batches: RecordBatch[];
  /** Arrow bytes in memory (what MB/s are counted in). */
  bytes: number;
}

function imuDataset(): Dataset {
  const rows = Math.round(200_000 * scale);
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows; start += 5000) batches.push(imuBatch(start, Math.min(5000, rows - start)));
  return { name: "imu", ontologyTag: "imu", schema: imuSchema, batches, bytes: rows * 64 };
}

const W = 320;
const H = 240;

/** A synthetic camera frame: smooth gradient, a moving disc, a bar, sensor noise. */
function rawFrame(i: number): Uint8Array {
  const rgb = new Uint8Array(W * H * 3);
  let seed = (i + 1) * 2654435761;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 24) % 9 - 4;
  };
  const cx = (i * 7) % W;
  const cy = H / 2 + Math.round(Math.sin(i / 5) * 60);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < 900;
      const inBar = y > 180 && y < 200 && x > (i * 3) % W;
      const base = inDisc ? [220, 40, 40] : inBar ? [30, 30, 200] : [(x * 255) / W, (y * 255) / H, 128];
      for (let c = 0; c < 3; c++) rgb[o + c] = Math.max(0, Math.min(255, Math.round(base[c]! + noise())));
    }
  }
  return rgb;
}

function pngFrame(rgb: Uint8Array): Uint8Array {
  const png = new PNG({ width: W, height: H });
  for (let p = 0; p < W * H; p++) {
    png.data[p * 4] = rgb[p * 3]!;
    png.data[p * 4 + 1] = rgb[p * 3 + 1]!;
    png.data[p * 4 + 2] = rgb[p * 3 + 2]!;
    png.data[p * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png, { deflateLevel: 6, deflateStrategy: 0 }));
}

const imageSchema = new Schema([
  new Field("timestamp_ns", new Int64(), false),
  new Field("width", new Int32(), false),
  new Field("height", new Int32(), false),
  new Field("data", new Binary(), false),
]);

function imageBatch(frames: Uint8Array[], first: number): RecordBatch {
  const n = frames.length;
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k]! + frames[k]!.byteLength;
  const values = new Uint8Array(offsets[n]!);
  frames.forEach((f, k) => values.set(f, offsets[k]!));
  const ts = new BigInt64Array(n);
  for (let k = 0; k < n; k++) ts[k] = T0 + BigInt(first + k) * 33_333_333n;
  const int32 = (v: number) => makeData({ type: new Int32(), length: n, data: new Int32Array(n).fill(v) });
  const data = makeData({
    type: new Struct(imageSchema.fields),
    length: n,
    nullCount: 0,
    children: [
      makeData({ type: new Int64(), length: n, data: ts }),
      int32(W),
      int32(H),
      makeData({ type: new Binary(), length: n, valueOffsets: offsets, data: values }),
    ],
  });
  return new RecordBatch(imageSchema, data);
}

function imageDatasets(): Dataset[] {
  const count = Math.round(60 * scale);
  const raw = Array.from({ length: count }, (_, i) => rawFrame(i));
  const png = raw.map(pngFrame);
  const make = (name: string, frames: Uint8Array[]): Dataset => {
    const batches: RecordBatch[] = [];
    for (let i = 0; i < frames.length; i += 10) batches.push(imageBatch(frames.slice(i, i + 10), i));
    return { name, ontologyTag: "image", schema: imageSchema, batches, bytes: frames.reduce((s, f) => s + f.byteLength + 16, 0) };
  };
  return [make("image-raw", raw), make("image-png", png)];
}

/** The payload of each gRPC message the SDK sends: one IPC-encoded batch. */
function messagesOf(dataset: Dataset): Uint8Array[] {
  return dataset.batches.map((b) => RecordBatchStreamWriter.writeAll([b]).toUint8Array(true));
}

// ---------------------------------------------------------------- codecs

type Codec = { name: string; compress: (b: Uint8Array) => Promise<Uint8Array> | Uint8Array };
type Decoder = { name: string; decompress: (b: Uint8Array) => Promise<Uint8Array> | Uint8Array };

const levels = [
  ["Low", GRPCCompressionLevel.Low, 1],
  ["Medium", GRPCCompressionLevel.Medium, 6],
  ["High", GRPCCompressionLevel.High, 9],
] as const;

async function timeAll(run: (b: Uint8Array) => Promise<Uint8Array> | Uint8Array, inputs: Uint8Array[]): Promise<{ ms: number; out: number }> {
  let best = Number.POSITIVE_INFINITY;
  let out = 0;
  for (let rep = 0; rep < 5; rep++) {
    const started = performance.now();
    out = 0;
    for (const input of inputs) out += (await run(input)).byteLength;
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, out };
}

const rate = (bytes: number, ms: number) => (bytes / MB / (ms / 1000)).toFixed(0);

async function codecTable(datasets: Dataset[]): Promise<void> {
  console.log("\n## 1. gzip codecs in Node (per gRPC message; MB/s of uncompressed bytes; best of 5)\n");
  console.log("| data | level | codec | ratio | compress MB/s | vs fastest | decompress MB/s | vs fastest |");
  console.log("|---|---|---|---:|---:|---:|---:|---:|");
  for (const dataset of datasets) {
    const messages = messagesOf(dataset);
    const input = messages.reduce((s, m) => s + m.byteLength, 0);
    for (const [label, level, zlevel] of levels) {
      const sdk = createNodeGzip(level);
      const codecs: Codec[] = [
        { name: "SDK: node:zlib gzip", compress: (b) => sdk.compress(b) },
        { name: "node:zlib gzipSync", compress: (b) => gzipSync(b, { level: zlevel }) },
        { name: `fflate level ${zlevel}`, compress: (b) => fflateGzipSync(b, { level: zlevel }) },
      ];
      // CompressionStream has no level knob: zlib's default, 6.
      if (zlevel === 6) codecs.push({ name: "CompressionStream (level 6 fixed)", compress: streamGzipCompress });
      const compressed = messages.map((m) => gzipSync(m, { level: zlevel }));
      const decoders: Decoder[] = [
        { name: "SDK: node:zlib gunzip", decompress: (b) => sdk.decompress(b, 256 * MB) },
        { name: "node:zlib gunzipSync", decompress: (b) => gunzipSync(b) },
        { name: "fflate", decompress: (b) => fflateGunzipSync(b) },
        { name: "DecompressionStream", decompress: (b) => streamGunzip(b) },
      ];
      const c: Array<{ codec: Codec; ms: number; out: number }> = [];
      for (const codec of codecs) c.push({ codec, ...(await timeAll(codec.compress, messages)) });
      const d: Array<{ ms: number }> = [];
      for (const decoder of decoders) d.push(await timeAll(decoder.decompress, compressed));
      const bestC = Math.min(...c.map((x) => x.ms));
      const bestD = Math.min(...d.map((x) => x.ms));
      const rows = Math.max(c.length, d.length);
      for (let i = 0; i < rows; i++) {
        const ci = c[i];
        const di = d[i];
        const name = [ci?.codec.name, di ? decoders[i]!.name : undefined].filter(Boolean).join(" / ");
        console.log(
          `| ${dataset.name} | ${label} | ${name} | ${ci ? (input / ci.out).toFixed(2) + "x" : ""} | ${ci ? rate(input, ci.ms) : ""} | ${ci ? (ci.ms / bestC).toFixed(2) + "x" : ""} | ${di ? rate(input, di.ms) : ""} | ${di ? (di.ms / bestD).toFixed(2) + "x" : ""} |`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------- end to end

async function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const tsxCli = join(process.cwd(), "node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsxCli, "server/main.ts", "--port", "0", "--gzip", "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port };
}

const settings: Array<[string, CompressionOption, Array<"grpc" | "grpc-web">]> = [
  ["Null", GRPCCompressionAlgorithm.Null, ["grpc", "grpc-web"]],
  ["Gzip Low", { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.Low }, ["grpc", "grpc-web"]],
  ["Gzip Medium", { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.Medium }, ["grpc", "grpc-web"]],
  ["Gzip High", { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.High }, ["grpc", "grpc-web"]],
  ["StreamGzip", GRPCCompressionAlgorithm.StreamGzip, ["grpc-web"]],
];

async function endToEndTable(datasets: Dataset[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "mosaico-bench-gz-"));
  const server = await startServer(join(dataDir, "store"));
  const gate = await startTcpGate(server.port);
  let n = 0;
  try {
    console.log("\n## 2. End to end, Node client -> reference server --gzip (wire = TCP bytes incl. HTTP framing)\n");
    console.log("| data | transport | compression | DoPut wire MB | DoPut vs raw | DoPut MB/s | DoGet wire MB | DoGet MB/s |");
    console.log("|---|---|---|---:|---:|---:|---:|---:|");
    for (const dataset of datasets) {
      for (const protocol of ["grpc", "grpc-web"] as const) {
        for (const [label, compression, protocols] of settings) {
          if (!protocols.includes(protocol)) continue;
          let putMs = Number.POSITIVE_INFINITY;
          let getMs = Number.POSITIVE_INFINITY;
          let putWire = 0;
          let getWire = 0;
          for (let rep = 0; rep < 2; rep++) {
            const client = await MosaicoClient.connect({ url: `http://${gate.address}`, protocol, compression });
            try {
              const sequence = `bench_gz_${++n}`;
              const up = gate.sentUp();
              let started = performance.now();
              await client.writeSequence(sequence, {}, async (writer) => {
                const topic = await writer.topicWriter("/data", { ontologyTag: dataset.ontologyTag, schema: dataset.schema });
                for (const batch of dataset.batches) await topic.push(batch);
              });
              putMs = Math.min(putMs, performance.now() - started);
              putWire = gate.sentUp() - up;
              const down = gate.sentDown();
              started = performance.now();
              let rows = 0;
              for await (const batch of await client.topicReader(`${sequence}/data`)) rows += batch.numRows;
              getMs = Math.min(getMs, performance.now() - started);
              getWire = gate.sentDown() - down;
              const expected = dataset.batches.reduce((s, b) => s + b.numRows, 0);
              if (rows !== expected) throw new Error(`${dataset.name}: read ${rows} rows of ${expected}`);
            } finally {
              await client.close();
            }
          }
          console.log(
            `| ${dataset.name} | ${protocol} | ${label} | ${(putWire / MB).toFixed(1)} | ${(putWire / dataset.bytes).toFixed(2)} | ${rate(dataset.bytes, putMs)} | ${(getWire / MB).toFixed(1)} | ${rate(dataset.bytes, getMs)} |`,
          );
        }
      }
    }
  } finally {
    await gate.close();
    server.child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const datasets = [imuDataset(), ...imageDatasets()];
  console.log(`Node ${process.version}; data: ${datasets.map((d) => `${d.name} ${(d.bytes / MB).toFixed(1)} MB`).join(", ")}`);
  await codecTable(datasets);
  await endToEndTable(datasets);
}

await main();
