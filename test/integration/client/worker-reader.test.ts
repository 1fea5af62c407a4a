/**
 * Worker readers in Node: the worker's side (serveReaderWorker) on one port
 * of a MessageChannel, the client's `worker` option on the other, against a
 * reference server with API keys. What a page gets through the worker
 * equals an in-thread read, batch buffers are moved (the worker's copy is
 * detached once posted), cancel and abort reach the worker, and errors keep
 * their code.
 */
import type { RecordBatch } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, MosaicoClient, MosaicoError, serveReaderWorker, type ReadProgress } from "../../../src/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { checkImuRows, imuBatch, imuSchema, STEP, T0 } from "../helpers/imu-data.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

const ROWS = 60_000;
const LONG_ROWS = 200_000;
let server: RunningServer;
let dataDir: string;
let port: number;
let manageKey: string;

const start = (p = 0) => startTestServer({ dataDir, port: p, apiKeys: true, keyActions: true, maxBatchRows: 2000 });

beforeAll(async () => {
  dataDir = freshDataDir();
  server = await start();
  port = server.port;
  manageKey = server.bootstrapApiKey!;
  await using client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey });
  await client.writeSequence("worker_reads", {}, async (writer) => {
    const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await imu.push(imuBatch(0, ROWS));
    const other = await writer.topicWriter("/imu2", { ontologyTag: "imu", schema: imuSchema });
    await other.push(imuBatch(0, ROWS / 10, T0 + 1n, 10n * STEP));
    // Large enough that the socket cannot hold it all when the server stops mid-read.
    const long = await writer.topicWriter("/long", { ontologyTag: "imu", schema: imuSchema });
    await long.push(imuBatch(0, LONG_ROWS));
  });
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

/** A worker on port1 of a fresh channel; every message each side posts is recorded. */
function workerChannel() {
  const channel = new MessageChannel();
  const fromWorker: any[] = [];
  const toWorker: any[] = [];
  const detachedAfterPost: boolean[] = [];
  const workerPost = channel.port1.postMessage.bind(channel.port1);
  channel.port1.postMessage = ((message: any, transfer: Transferable[]) => {
    fromWorker.push(message);
    workerPost(message, transfer);
    if (message.kind === "batch") detachedAfterPost.push(message.ipc.byteLength === 0 && message.ipc.buffer.byteLength === 0);
  }) as typeof channel.port1.postMessage;
  const pagePost = channel.port2.postMessage.bind(channel.port2);
  channel.port2.postMessage = ((message: any, transfer: Transferable[]) => {
    toWorker.push(message);
    pagePost(message, transfer);
  }) as typeof channel.port2.postMessage;
  const stop = serveReaderWorker(channel.port1);
  const close = () => {
    stop();
    channel.port1.close();
    channel.port2.close();
  };
  return { page: channel.port2, fromWorker, toWorker, detachedAfterPost, close };
}

/** Row count and an order-sensitive checksum of timestamp_ns and acceleration.x. */
function digest(batches: readonly RecordBatch[]) {
  let rows = 0;
  let sum = 0n;
  for (const batch of batches) {
    const ts = batch.getChild("timestamp_ns")!.toArray() as BigInt64Array;
    const ax = batch.getChild("acceleration")!.getChild("x")!.toArray() as Float64Array;
    for (let i = 0; i < batch.numRows; i++) sum = (sum * 31n + ts[i]! + BigInt(Math.round(ax[i]! * 1e6))) & 0xffff_ffff_ffffn;
    rows += batch.numRows;
  }
  return { rows, sum };
}

const until = async (condition: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("worker readers over a MessageChannel", () => {
  it("a topic read with a range equals the in-thread read, batches moved, progress and metadata kept", async () => {
    const worker = workerChannel();
    const client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey });
    try {
      const range = { startNs: T0 + 1000n * STEP, endNs: T0 + 50_000n * STEP };
      const local = await client.topicReader("worker_reads/imu", range);
      const expected: RecordBatch[] = [];
      for await (const batch of local) expected.push(batch);
      const progress: ReadProgress[] = [];
      const remote = await client.topicReader("worker_reads/imu", { ...range, worker: worker.page, onProgress: (p) => progress.push(p) });
      expect(remote.metadata).toEqual(local.metadata);
      expect(remote.schemaMetadata).toEqual(local.schemaMetadata);
      expect(remote.schema.fields.map((f) => f.name)).toEqual(local.schema.fields.map((f) => f.name));
      expect(remote.topic.locator).toBe("worker_reads/imu");
      expect(remote.topic.schema?.fields.map((f) => f.name)).toEqual(imuSchema.fields.map((f) => f.name));
      const got: RecordBatch[] = [];
      let next = 1000;
      for await (const batch of remote) {
        expect(batch.schema.fields.map((f) => f.name)).toEqual(remote.schema.fields.map((f) => f.name));
        next = checkImuRows(batch, next);
        got.push(batch);
      }
      expect(next).toBe(50_000);
      expect(digest(got)).toEqual(digest(expected));
      expect(progress.at(-1)).toMatchObject({ rows: 49_000, batches: got.length });
      expect(progress.at(-1)!.bytes).toBeGreaterThan(0);
      expect(worker.detachedAfterPost.length).toBe(got.length);
      expect(worker.detachedAfterPost.every(Boolean)).toBe(true);
      // The worker was never sent more than the credit allowed (prefetch 2 by default).
      const credit = worker.toWorker.filter((m) => m.kind === "open" || m.kind === "credit").reduce((n, m) => n + m.credit, 0);
      expect(credit).toBeLessThanOrEqual(got.length + 2);
      // Only the connection's options travel: the key, no functions or signals.
      const open = worker.toWorker.find((m) => m.kind === "open");
      expect(open.connection.apiKey).toBe(manageKey);
      expect(open.options).not.toHaveProperty("signal");
    } finally {
      await client.close();
      worker.close();
    }
  });

  it("a sequence read equals the in-thread merge; readTable works through the worker", async () => {
    const worker = workerChannel();
    const client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey });
    try {
      const order = async (reader: AsyncIterable<{ topic: string; batch: RecordBatch }>) => {
        const out: string[] = [];
        for await (const { topic, batch } of reader) out.push(`${topic}:${batch.numRows}:${batch.getChild("timestamp_ns")!.get(0)}`);
        return out;
      };
      const local = await order(await client.sequenceReader("worker_reads", { topics: ["/imu", "/imu2"] }));
      const reader = await client.sequenceReader("worker_reads", { topics: ["/imu", "/imu2"], worker: worker.page });
      expect(reader.topics.map((t) => t.name)).toEqual(["/imu", "/imu2"]);
      expect(await order(reader)).toEqual(local);
      const table = await (await client.topicReader("worker_reads/imu2", { worker: worker.page })).readTable();
      expect(table.numRows).toBe(ROWS / 10);
    } finally {
      await client.close();
      worker.close();
    }
  });

  it("breaking the loop, cancel() and the caller's signal cancel the worker's read", async () => {
    const worker = workerChannel();
    const client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey });
    try {
      const cancels = () => worker.toWorker.filter((m) => m.kind === "cancel").length;
      const batchesSent = () => worker.fromWorker.filter((m) => m.kind === "batch").length;
      for await (const _ of await client.topicReader("worker_reads/imu", { worker: worker.page, prefetch: 1 })) break;
      expect(cancels()).toBe(1);

      const reader = await client.topicReader("worker_reads/imu", { worker: worker.page, prefetch: 0 });
      const iterator = reader[Symbol.asyncIterator]();
      await iterator.next();
      await reader.cancel();
      expect(cancels()).toBe(2);
      expect((await failure(iterator.next())).code).toBe(Code.Canceled);

      const controller = new AbortController();
      const aborted = await client.topicReader("worker_reads/imu", { worker: worker.page, signal: controller.signal });
      controller.abort();
      const error = await failure(aborted.readTable());
      expect(error.code).toBe(Code.Canceled);
      expect(cancels()).toBe(3);
      // The worker stops: nothing more than what was in flight arrives after the cancels.
      const sent = batchesSent();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(batchesSent()).toBe(sent);
      expect(batchesSent()).toBeLessThan(ROWS / 2000);
      // An abort before the read opens never reaches the server.
      const opens = worker.toWorker.filter((m) => m.kind === "open").length;
      expect((await failure(client.topicReader("worker_reads/imu", { worker: worker.page, signal: AbortSignal.abort() }))).code).toBe(Code.Canceled);
      expect(worker.toWorker.filter((m) => m.kind === "open").length).toBe(opens);
    } finally {
      await client.close();
      worker.close();
    }
    // close() ends the client's connection in the worker.
    expect(worker.toWorker.at(-1)).toMatchObject({ kind: "close" });
  });

  it("errors in the worker arrive as MosaicoErrors with the same code", async () => {
    const worker = workerChannel();
    const client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey });
    try {
      const local = await failure(client.topicReader("worker_reads/nope"));
      const remote = await failure(client.topicReader("worker_reads/nope", { worker: worker.page }));
      expect(remote).toBeInstanceOf(MosaicoError);
      expect(remote.code).toBe(Code.NotFound);
      expect(remote.rawMessage).toBe(local.rawMessage);
      const sequence = await failure(client.sequenceReader("worker_reads", { topics: ["/missing"], worker: worker.page }));
      expect(sequence.code).toBe(Code.NotFound);
    } finally {
      await client.close();
      worker.close();
    }
  });

  it("a server stopped mid-read is UNAVAILABLE through the worker; with resume the read carries on", async () => {
    const worker = workerChannel();
    const client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey });
    const readThroughRestart = async (resume: boolean) => {
      const retries: number[] = [];
      const reader = await client.topicReader("worker_reads/long", {
        worker: worker.page,
        prefetch: 0,
        ...(resume ? { resume: { attempts: 6, backoffMs: 100 } } : {}),
        onProgress: (p) => p.retries && retries.push(p.retries),
      });
      let next = 0;
      let restarted: Promise<void> | undefined;
      let batches = 0;
      try {
        for await (const batch of reader) {
          next = checkImuRows(batch, next);
          if (++batches === 5) {
            await server.close();
            restarted = new Promise((resolve) => setTimeout(resolve, 300)).then(async () => {
              server = await start(port);
            });
          }
        }
      } finally {
        await restarted;
      }
      return { next, retries };
    };
    try {
      const broken = await failure(readThroughRestart(false));
      expect(broken.code).toBe(Code.Unavailable);
      const resumed = await readThroughRestart(true);
      expect(resumed.next).toBe(LONG_ROWS);
      expect(resumed.retries.length).toBeGreaterThan(0);
    } finally {
      await client.close();
      worker.close();
    }
  });

  it("refuses clients whose connection cannot move to a worker, and runtimes without Workers", async () => {
    const client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey, fetch: (input, init) => fetch(input, init) });
    try {
      const error = await failure(client.topicReader("worker_reads/imu", { worker: new MessageChannel().port2 }));
      expect(error.code).toBe(Code.FailedPrecondition);
      expect(error.rawMessage).toMatch(/fetch of its own/);
    } finally {
      await client.close();
    }
    await using plain = await MosaicoClient.connect({ url: server.url, apiKey: manageKey });
    const noWorkers = await failure(plain.topicReader("worker_reads/imu", { worker: true }));
    expect(noWorkers.code).toBe(Code.FailedPrecondition);
    expect(noWorkers.rawMessage).toMatch(/Web Workers/);
  });
});
