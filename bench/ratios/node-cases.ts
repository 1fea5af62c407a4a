/**
 * The timed cases of bench/read-write-ratios.ts under Node: the SDK's reads
 * and writes, and what they are compared with (an HTTP GET / POST of the same
 * bytes, and @qualithm/arrow-flight-client reading the same DoGet).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { RecordBatchReader, type RecordBatch, type Schema } from "apache-arrow";
import type { MosaicoClient } from "../../src/node/index.js";
import { lz4FrameCodec } from "../../src/protocol/index.js";
import type { Run } from "./runs.js";

/** topicReader (GetFlightInfo + DoGet), every batch decoded. */
export async function sdkRead(client: MosaicoClient, locator: string): Promise<Run> {
  const started = performance.now();
  let rows = 0;
  for await (const batch of await client.topicReader(locator)) rows += batch.numRows;
  return { ms: performance.now() - started, rows };
}

/** fetch of the IPC bytes, decoded as they arrive by apache-arrow's RecordBatchReader (the LZ4 codec registered). */
export async function httpRead(url: string): Promise<Run> {
  const started = performance.now();
  const response = await fetch(url);
  let rows = 0;
  const reader = await RecordBatchReader.from(response.body as unknown as AsyncIterable<Uint8Array>);
  for await (const batch of reader) rows += batch.numRows;
  return { ms: performance.now() - started, rows };
}

/** One writeSequence with one topic, the batches pushed as they are (already in memory). */
export async function sdkWrite(client: MosaicoClient, sequence: string, schema: Schema, batches: readonly RecordBatch[]): Promise<Run> {
  const started = performance.now();
  let rows = 0;
  await client.writeSequence(sequence, {}, async (writer) => {
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema });
    for (const batch of batches) {
      await topic.push(batch);
      rows += batch.numRows;
    }
  });
  return { ms: performance.now() - started, rows };
}

/** HTTP POST of the same data already encoded as one IPC stream. */
export async function httpPost(url: string, ipc: Uint8Array, rows: number): Promise<Run> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", body: ipc as Uint8Array<ArrayBuffer> });
  await response.text();
  return { ms: performance.now() - started, rows };
}

/** The directory the bench installs @qualithm/arrow-flight-client into (its apache-arrow peer is pinned to 21.1.0, ours is 21.2.0). */
export const QUALITHM_DIR = join(process.cwd(), ".tmp/qualithm");

interface QualithmModule {
  createFlightClient(options: { url: string }): {
    getFlightInfo(descriptor: { type: "path"; path: string[] }): Promise<{ endpoint: { ticket?: { ticket: Uint8Array } }[] }>;
    doGet(ticket: { ticket: Uint8Array }): AsyncIterable<unknown>;
    close(): void;
  };
  decodeFlightDataStream(stream: AsyncIterable<unknown>): AsyncIterable<RecordBatch>;
}

/**
 * @qualithm/arrow-flight-client's read (GetFlightInfo + DoGet +
 * decodeFlightDataStream), or why it cannot run. Its own apache-arrow copy
 * gets the same LZ4 codec object the SDK registers (it ships none: an
 * LZ4-compressed DoGet fails without one).
 */
export async function loadQualithm(url: string): Promise<{ read: () => Promise<Run>; close: () => void; version: string } | { missing: string }> {
  const entry = join(QUALITHM_DIR, "node_modules/@qualithm/arrow-flight-client/dist/index.js");
  if (!existsSync(entry)) {
    return { missing: `not installed: npm install --prefix .tmp/qualithm @qualithm/arrow-flight-client@0.2.0` };
  }
  const lib = (await import(pathToFileURL(entry).href)) as QualithmModule;
  const arrow = await import(pathToFileURL(join(QUALITHM_DIR, "node_modules/apache-arrow/Arrow.node.mjs")).href);
  arrow.compressionRegistry.set(arrow.CompressionType.LZ4_FRAME, lz4FrameCodec);
  const { version } = (await import(pathToFileURL(join(QUALITHM_DIR, "node_modules/@qualithm/arrow-flight-client/package.json")).href, { with: { type: "json" } })).default as { version: string };
  // One client for every read, as the SDK's (its connection is reused).
  const client = lib.createFlightClient({ url });
  const read = async (): Promise<Run> => {
    const started = performance.now();
    const info = await client.getFlightInfo({ type: "path", path: ["bench", "imu"] });
    let rows = 0;
    for await (const batch of lib.decodeFlightDataStream(client.doGet(info.endpoint[0]!.ticket!))) rows += batch.numRows;
    return { ms: performance.now() - started, rows };
  };
  return { read, close: () => client.close(), version };
}
