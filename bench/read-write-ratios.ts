/**
 * The read and write ratios of issue 14, side by side in one run, each
 * against a baseline measured in the same run (interleaved rounds, best
 * round of each; see bench/ratios/runs.ts). Not a test: it prints one
 * markdown table per bench.
 *
 *   npm install --prefix .tmp/qualithm @qualithm/arrow-flight-client@0.2.0   (once; optional)
 *   npx tsx bench/read-write-ratios.ts [MB=128] [rounds=5] [--no-chromium]
 *
 * 1. Chromium read: the SDK over gRPC-Web (page bundled from src/index.ts)
 *    reading a replay of the DoGet vs fetch of the same bytes + apache-arrow's
 *    RecordBatchReader, one LZ4 codec for both. Target >= 0.9x.
 * 2. Node read: the SDK (native gRPC) vs HTTP GET of the same LZ4 IPC bytes,
 *    one codec for both. Target >= 0.9x.
 * 3. Node read vs @qualithm/arrow-flight-client on the same replayed DoGet,
 *    decoded its way (all of it collected, then RecordBatchReader). Target >= 1.5x.
 * 4. Node write: DoPut (RecordBatches in memory, encoded by the SDK) vs HTTP
 *    POST of the same data already encoded as IPC, both written to disk by
 *    the replay process. Target >= 0.9x.
 * 5. End to end against the reference server (its LZ4 encoding and column
 *    statistics included), for information.
 *
 * The reference server and the replay servers run in child processes, so
 * that only the client's work is in this process.
 */
import type { ChildProcess } from "node:child_process";
import { startChild } from "./shared/child-process.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecordBatchStreamWriter, type RecordBatch } from "apache-arrow";
import { MosaicoClient } from "../src/node/index.js";
import { lz4CodecReady, registerLz4Codec } from "../src/protocol/index.js";
import { imuBatch, imuSchema } from "../test/integration/helpers/imu-data.js";
import { chromiumRead } from "./ratios/chromium-read.js";
import { httpPost, httpRead, loadQualithm, sdkRead, sdkWrite } from "./ratios/node-cases.js";
import { checkRows, interleave, rate, RATIO_HEADER, ratioRow, type Run } from "./ratios/runs.js";
import { captureServedIpc } from "./ratios/served-ipc.js";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const MB = Number(args[0] ?? 128);
const ROUNDS = Number(args[1] ?? 5);
const withChromium = !process.argv.includes("--no-chromium");
const BATCH_ROWS = 8192;
const bytesPerRow = imuBatch(0, 1000).data.byteLength / 1000;


function makeBatches(rows: number): RecordBatch[] {
  const out: RecordBatch[] = [];
  for (let start = 0; start < rows; start += BATCH_ROWS) out.push(imuBatch(start, Math.min(BATCH_ROWS, rows - start)));
  return out;
}

async function main() {
  registerLz4Codec();
  const codec = await lz4CodecReady();
  const dataDir = mkdtempSync(join(tmpdir(), "mosaico-ratios-"));
  const children: ChildProcess[] = [];
  // Also on a crash: the servers must not outlive the bench.
  process.on("exit", () => children.forEach((child) => child.kill("SIGTERM")));
  try {
    const server = await startChild(["server/main.ts", "--port", "0", "--data-dir", join(dataDir, "store")], /(http:\/\/127\.0\.0\.1:\d+)/);
    children.push(server.child);
    const client = await MosaicoClient.connect({ url: server.match[1]! });
    const rows = Math.ceil((MB * 1024 * 1024) / bytesPerRow);
    const mb = (rows * bytesPerRow) / 1048576;
    const batches = makeBatches(rows);
    console.log(`Node ${process.version}; ${rows} IMU rows = ${mb.toFixed(0)} MB of Arrow data; ${ROUNDS} interleaved rounds after a warm-up; LZ4 codec: ${codec.name}`);

    await sdkWrite(client, "ratios_seed", imuSchema, batches);
    const served = await captureServedIpc(client, "ratios_seed/imu");
    writeFileSync(join(dataDir, "served.arrow"), served);
    const replay = await startChild(["bench/replay-servers.ts", join(dataDir, "served.arrow"), join(dataDir, "post.arrow")], /http=(\S+) flight=(\S+)/);
    children.push(replay.child);
    const [, httpUrl, flightUrl] = replay.match;
    const replayClient = await MosaicoClient.connect({ url: flightUrl! });
    const wire = `${(served.byteLength / 1048576).toFixed(0)} MB LZ4 IPC`;

    // 2 and 3: Node reads of the same bytes.
    console.error("node reads...");
    // Each ratio from its own pair of interleaved cases: a third case in the
    // rounds (qualithm collects the whole stream, ~200 MB of garbage a run)
    // would bill its collections to whichever case follows it.
    const reads = await interleave(ROUNDS, {
      sdk: () => sdkRead(replayClient, "bench/imu"),
      http: () => httpRead(httpUrl!),
    });
    checkRows(reads, rows);
    const qualithm = await loadQualithm(flightUrl!);
    const versusQualithm =
      "read" in qualithm ? await interleave(ROUNDS, { sdk: () => sdkRead(replayClient, "bench/imu"), qualithm: qualithm.read }) : undefined;
    if (versusQualithm) checkRows(versusQualithm, rows);
    if ("close" in qualithm) qualithm.close();

    // 4: writes of the same data.
    console.error("node writes...");
    const ipc = RecordBatchStreamWriter.writeAll(batches).toUint8Array(true);
    let n = 0;
    const writes = await interleave(ROUNDS, {
      doPut: () => sdkWrite(replayClient, `ratios_put_${n++}`, imuSchema, batches),
      post: () => httpPost(httpUrl!, ipc, rows),
    });
    checkRows(writes, rows);

    // 5: end to end against the reference server.
    console.error("end to end...");
    const e2e = await interleave(Math.max(2, Math.ceil(ROUNDS / 2)), {
      write: () => sdkWrite(client, `ratios_e2e_${n++}`, imuSchema, batches),
      read: () => sdkRead(client, "ratios_seed/imu"),
    });
    checkRows(e2e, rows);

    if (withChromium) console.error("chromium reads...");
    const browser = withChromium
      ? await chromiumRead({ replayUrl: httpUrl!, referenceUrl: client.url, referenceLocator: "ratios_seed/imu", rounds: ROUNDS })
      : undefined;
    if (browser) checkRows(browser.measured, rows);
    await replayClient.close();
    await client.close();

    const size = `${mb.toFixed(0)} MB`;
    if (browser) {
      const m = browser.measured;
      console.log(`\n### 1. Chromium read (${browser.browser}, LZ4 codec in the page: ${browser.codec})\n\n${RATIO_HEADER}`);
      console.log(ratioRow(`read ${size}: SDK over gRPC-Web (replayed DoGet) vs fetch of the same ${wire} + RecordBatchReader`, mb, m.sdkReplay, m.fetch, ">= 0.9x"));
      console.log(ratioRow(`(info) SDK over gRPC-Web from the reference server (its LZ4 encoding included) vs the same fetch`, mb, m.sdkReference, m.fetch, ""));
      console.log(ratioRow(`(info) SDK { worker } (DoGet + decoding in the reader worker, batches transferred), replayed DoGet vs the same fetch`, mb, m.sdkWorker, m.fetch, ""));
    }
    console.log(`\n### 2. Node read\n\n${RATIO_HEADER}`);
    console.log(ratioRow(`read ${size}: SDK (native gRPC, replayed DoGet) vs HTTP GET of the same ${wire} + RecordBatchReader`, mb, reads.sdk, reads.http, ">= 0.9x"));
    console.log(`\n### 3. Node read vs @qualithm/arrow-flight-client\n\n${RATIO_HEADER}`);
    if ("read" in qualithm && versusQualithm) {
      console.log(ratioRow(`read ${size}: SDK vs @qualithm/arrow-flight-client ${qualithm.version} (own transport and decodeFlightDataStream; apache-arrow 21.1.0 with the same LZ4 codec), same replayed DoGet`, mb, versusQualithm.sdk, versusQualithm.qualithm, ">= 1.5x"));
    } else {
      console.log(`| @qualithm/arrow-flight-client | ${"missing" in qualithm ? qualithm.missing : "not run"} | | | >= 1.5x |`);
    }
    console.log(`\n### 4. Node write\n\n${RATIO_HEADER}`);
    console.log(ratioRow(`write ${size}: DoPut (RecordBatches encoded by the SDK, streamed over HTTP/2) vs HTTP POST of the same data as IPC, both to disk`, mb, writes.doPut, writes.post, ">= 0.9x"));
    console.log(`\n### 5. End to end against the reference server (information)\n\n| measurement | best | median |\n|---|---:|---:|`);
    console.log(`| write ${size} (DoPut; the server decodes, computes column statistics, stores) | ${rate(mb, e2e.write.best.ms)} | ${rate(mb, e2e.write.median)} |`);
    console.log(`| read ${size} (DoGet; the server reads, LZ4-encodes with lz4-napi, sends) | ${rate(mb, e2e.read.best.ms)} | ${rate(mb, e2e.read.median)} |`);
    if (browser) console.log(`| Chromium read ${size} over gRPC-Web | ${rate(mb, browser.measured.sdkReference.best.ms)} | ${rate(mb, browser.measured.sdkReference.median)} |`);
  } finally {
    for (const child of children) child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
