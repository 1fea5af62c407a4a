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
import type { ChildProcess } from "node:child_process";
import { startChild } from "./shared/child-process.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FlightService, TicketSchema, registerLz4Codec } from "../src/protocol/index.js";
import { RecordBatchReader, RecordBatchStreamWriter, type RecordBatch } from "apache-arrow";
import { MosaicoClient } from "../src/node/index.js";
import { imuBatch, imuSchema } from "../test/integration/helpers/imu-data.js";

const readMB = Number(process.argv[2] ?? 256);
const rssMB = Number(process.argv[3] ?? 1024);
const BATCH_ROWS = 8192;
const bytesPerRow = imuBatch(0, 1000).data.byteLength / 1000;

function rowsFor(mb: number): number {
  return Math.ceil((mb * 1024 * 1024) / bytesPerRow);
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

/** Peak RSS growth (MB) of this process while `work` runs, sampled every 5 ms. */
async function peakRssGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return (Math.max(peak, process.memoryUsage().rss) - before) / 1048576;
}

function best<T extends { ms: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

async function main() {
  registerLz4Codec();
  const dataDir = mkdtempSync(join(tmpdir(), "mosaico-bench-"));
  const children: ChildProcess[] = [];
  try {
    const server = await startChild(["server/main.ts", "--port", "0", "--data-dir", join(dataDir, "store")], /(http:\/\/127\.0\.0\.1:\d+)/);
    children.push(server.child);
    await using client = await MosaicoClient.connect({ url: server.match[1]! });
    const rows = rowsFor(readMB);
    const mb = (rows * bytesPerRow) / 1024 / 1024;
    console.log(`reference server ${client.url}; topic of ${rows} IMU rows = ${mb.toFixed(0)} MB of Arrow data`);

    // The exact bytes a DoGet delivers, replayed by baseline servers in another process.
    const sdkWriteMs = Math.min(await writeTopic(client, "bench_write_1", rows), await writeTopic(client, "bench_write_2", rows));
    const served = await captureServedIpc(client, "bench_write_1/imu");
    writeFileSync(join(dataDir, "served.arrow"), served);
    const replay = await startChild(["bench/replay-servers.ts", join(dataDir, "served.arrow"), join(dataDir, "post.arrow")], /http=(\S+) flight=(\S+)/);
    children.push(replay.child);
    const [, httpUrl, flightUrl] = replay.match;

    const ipc = uncompressedIpc(rows);
    const postMs = Math.min(await timeHttpPost(httpUrl!, ipc), await timeHttpPost(httpUrl!, ipc));

    await using replayClient = await MosaicoClient.connect({ url: flightUrl! });
    const sdkPutMs = Math.min(await writeTopic(replayClient, "bench_a", rows), await writeTopic(replayClient, "bench_b", rows));
    const sdk = best([await timeSdkRead(replayClient, "bench/imu"), await timeSdkRead(replayClient, "bench/imu"), await timeSdkRead(replayClient, "bench/imu")]);
    const httpRead = best([await timeHttpRead(httpUrl!), await timeHttpRead(httpUrl!), await timeHttpRead(httpUrl!)]);
    const endToEnd = best([await timeSdkRead(client, "bench_write_1/imu"), await timeSdkRead(client, "bench_write_1/imu")]);
    for (const run of [sdk, httpRead, endToEnd]) if (run.rows !== rows) throw new Error(`read ${run.rows} rows, wrote ${rows}`);

    const rate = (ms: number) => `${((mb / ms) * 1000).toFixed(0)} MB/s`;
    const wire = (served.byteLength / 1048576).toFixed(0);
    console.log("\n| measurement | SDK | baseline | ratio (SDK / baseline) | target |");
    console.log("|---|---:|---:|---:|---:|");
    console.log(`| read ${mb.toFixed(0)} MB: DoGet (native gRPC) vs HTTP GET of the same LZ4 IPC (${wire} MB), both decoded to RecordBatches | ${rate(sdk.ms)} | ${rate(httpRead.ms)} | ${(httpRead.ms / sdk.ms).toFixed(2)}x | >= 0.9x |`);
    console.log(`| write ${mb.toFixed(0)} MB: DoPut (batches encoded by the SDK) vs HTTP POST of the same IPC, both to disk | ${rate(sdkPutMs)} | ${rate(postMs)} | ${(postMs / sdkPutMs).toFixed(2)}x | >= 0.8x |`);
    console.log(`| (info) write end to end to the reference server, its decoding and statistics included | ${rate(sdkWriteMs)} | | | |`);
    console.log(`| (info) read end to end from the reference server, its LZ4 encoding included | ${rate(endToEnd.ms)} | | | |`);

    const bigRows = rowsFor(rssMB);
    const bigMb = ((bigRows * bytesPerRow) / 1048576).toFixed(0);
    const writeGrowth = await peakRssGrowth(() => writeTopic(client, "bench_rss", bigRows));
    let seen = 0;
    const readGrowth = await peakRssGrowth(async () => {
      for await (const batch of await client.topicReader("bench_rss/imu")) seen += batch.numRows;
    });
    if (seen !== bigRows) throw new Error(`read ${seen} rows of ${bigRows}`);
    console.log(`| peak RSS growth streaming a ${bigMb} MB topic in (topicReader, ${seen} rows) | ${readGrowth.toFixed(1)} MB | | | <= 64 MB |`);
    console.log(`| (info) peak RSS growth writing it (a producer as fast as it can, streamed DoPut) | ${writeGrowth.toFixed(1)} MB | | | |`);
  } finally {
    for (const child of children) child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
