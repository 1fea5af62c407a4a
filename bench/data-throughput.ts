/**
 * Data-layer throughput and memory, as ratios against plain-HTTP baselines
 * measured in the same run (issue 3's benchmark). Not a test: it prints.
 *
 *   npx tsx bench/data-throughput.ts [readMB=256] [rssMB=1024]
 *
 * 1. Read: the SDK's topicReader (GetFlightInfo + DoGet over native gRPC,
 *    LZ4-compressed IPC decoded to RecordBatches) vs an HTTP GET of the very
 *    same IPC bytes (as the server sends them, LZ4 included) decoded with
 *    apache-arrow's RecordBatchReader. Target >= 0.9x.
 * 2. Write: the SDK's topic writer (DoPut, streamed over HTTP/2) vs an HTTP
 *    POST of the same uncompressed IPC bytes to a server that writes them to
 *    disk. Target >= 0.8x.
 * 3. Memory: peak RSS growth of this process while streaming a topic of
 *    `rssMB` through the SDK. Target <= 64 MB.
 *
 * The reference server runs in a child process so that only the client's
 * memory is measured here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FlightService, TicketSchema } from "../src/gen/arrow/flight/protocol/Flight_pb.js";
import { RecordBatchReader, RecordBatchStreamWriter, type RecordBatch } from "apache-arrow";
import { MosaicoClient } from "../src/node/index.js";
import { registerLz4Codec } from "../src/data/lz4-codec.js";
import { imuBatch, imuSchema } from "../test/integration/helpers/imu-data.js";

const readMB = Number(process.argv[2] ?? 256);
const rssMB = Number(process.argv[3] ?? 1024);
const BATCH_ROWS = 8192;
const bytesPerRow = imuBatch(0, 1000).data.byteLength / 1000;

function rowsFor(mb: number): number {
  return Math.ceil((mb * 1024 * 1024) / bytesPerRow);
}

async function startServerProcess(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn("npx", ["tsx", "server/main.ts", "--port", "0", "--data-dir", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

function* batches(rows: number): Generator<RecordBatch> {
  for (let start = 0; start < rows; start += BATCH_ROWS) yield imuBatch(start, Math.min(BATCH_ROWS, rows - start));
}

async function writeTopic(client: MosaicoClient, sequence: string, rows: number): Promise<number> {
  const started = performance.now();
  await client.writeSequence(sequence, {}, async (writer) => {
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    for (const batch of batches(rows)) await topic.push(batch);
  });
  return performance.now() - started;
}

/** An HTTP server that serves `body` on GET and writes POST bodies to a file. */
async function startBaselineServer(body: () => Uint8Array, sinkFile: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer(async (req, res) => {
    if (req.method === "POST") {
      await pipeline(req, createWriteStream(sinkFile));
      res.end("ok");
      return;
    }
    const bytes = body();
    res.writeHead(200, { "content-length": bytes.byteLength });
    // Send in 1 MiB writes, as a streaming server would.
    for (let offset = 0; offset < bytes.byteLength; offset += 1 << 20) {
      if (!res.write(bytes.subarray(offset, offset + (1 << 20)))) await new Promise((r) => res.once("drain", r));
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** The IPC stream exactly as the SDK received it: DoGet's FlightData re-framed. */
async function captureServedIpc(client: MosaicoClient, locator: string): Promise<Uint8Array> {
  const info = await client.topicInfo(locator);
  const flight = createClient(FlightService, createGrpcTransport({ baseUrl: client.url }));
  const parts: Uint8Array[] = [];
  for await (const message of flight.doGet(create(TicketSchema, { ticket: info.ticket }))) {
    const header = message.dataHeader;
    const padded = (header.byteLength + 7) & ~7;
    const prefix = new Uint8Array(8 + padded);
    const view = new DataView(prefix.buffer);
    view.setUint32(0, 0xffffffff, true);
    view.setInt32(4, padded, true);
    prefix.set(header, 8);
    parts.push(prefix, message.dataBody);
  }
  parts.push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function uncompressedIpc(rows: number): Uint8Array {
  return RecordBatchStreamWriter.writeAll(batches(rows)).toUint8Array(true);
}

async function timeSdkRead(client: MosaicoClient, locator: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  let rows = 0;
  for await (const batch of await client.topicReader(locator)) rows += batch.numRows;
  return { ms: performance.now() - started, rows };
}

async function timeHttpRead(url: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const response = await fetch(url);
  let rows = 0;
  const reader = await RecordBatchReader.from(response.body as unknown as AsyncIterable<Uint8Array>);
  for await (const batch of reader) rows += batch.numRows;
  return { ms: performance.now() - started, rows };
}

async function timeHttpPost(url: string, bytes: Uint8Array): Promise<number> {
  const started = performance.now();
  await fetch(url, { method: "POST", body: bytes as Uint8Array<ArrayBuffer> });
  return performance.now() - started;
}

function best<T extends { ms: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

async function main() {
  registerLz4Codec();
  const dataDir = mkdtempSync(join(tmpdir(), "mosaico-bench-"));
  const { url, child } = await startServerProcess(dataDir);
  try {
    await using client = await MosaicoClient.connect({ url });
    const rows = rowsFor(readMB);
    const mb = (rows * bytesPerRow) / 1024 / 1024;
    console.log(`server ${url}; topic of ${rows} IMU rows = ${mb.toFixed(0)} MB of Arrow data`);

    // ---- write ----
    const sdkWriteMs = Math.min(await writeTopic(client, "bench_write_1", rows), await writeTopic(client, "bench_write_2", rows));
    const ipc = uncompressedIpc(rows);
    const baseline = await startBaselineServer(() => served, join(dataDir, "post.arrow"));
    let served: Uint8Array = new Uint8Array();
    const postMs = Math.min(await timeHttpPost(baseline.url, ipc), await timeHttpPost(baseline.url, ipc));

    // ---- read ----
    served = await captureServedIpc(client, "bench_write_1/imu");
    const sdk = best([await timeSdkRead(client, "bench_write_1/imu"), await timeSdkRead(client, "bench_write_1/imu"), await timeSdkRead(client, "bench_write_1/imu")]);
    const httpRead = best([await timeHttpRead(baseline.url), await timeHttpRead(baseline.url), await timeHttpRead(baseline.url)]);
    baseline.close();
    if (sdk.rows !== rows || httpRead.rows !== rows) throw new Error(`row counts differ: sdk ${sdk.rows}, http ${httpRead.rows}, written ${rows}`);

    const rate = (ms: number) => `${((mb / ms) * 1000).toFixed(0)} MB/s`;
    console.log("\n| measurement | SDK | baseline | ratio (SDK / baseline) | target |");
    console.log("|---|---:|---:|---:|---:|");
    console.log(`| read ${mb.toFixed(0)} MB (DoGet vs HTTP GET of the same LZ4 IPC, ${(served.byteLength / 1048576).toFixed(0)} MB on the wire) | ${rate(sdk.ms)} | ${rate(httpRead.ms)} | ${(httpRead.ms / sdk.ms).toFixed(2)}x | >= 0.9x |`);
    console.log(`| write ${mb.toFixed(0)} MB (DoPut vs HTTP POST to disk) | ${rate(sdkWriteMs)} | ${rate(postMs)} | ${(postMs / sdkWriteMs).toFixed(2)}x | >= 0.8x |`);

    // ---- memory ----
    const bigRows = rowsFor(rssMB);
    await writeTopic(client, "bench_rss", bigRows);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    let seen = 0;
    for await (const batch of await client.topicReader("bench_rss/imu")) seen += batch.numRows;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`| peak RSS growth streaming ${((bigRows * bytesPerRow) / 1048576).toFixed(0)} MB (${seen} rows) | ${((peak - before) / 1048576).toFixed(1)} MB | | | <= 64 MB |`);
  } finally {
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
