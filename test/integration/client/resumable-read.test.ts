/**
 * Resumable reads: the reference server is stopped in the middle of a read
 * and started again on the same port and data; a reader with `resume`
 * carries on from the last delivered timestamp, and what it delivers equals
 * a clean read row for row, with nothing repeated (rows sharing the resume
 * instant included). Without `resume` the same break is an error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, MosaicoClient, type ConnectOptions } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { imuBatch, imuSchema, STEP, T0 } from "../helpers/imu-data.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

const ROWS = 200_000;
let dataDir: string;
let port: number;
let server: RunningServer;
let clean: bigint[];

const start = (p = 0) => startTestServer({ dataDir, port: p, maxBatchRows: 1000 });

beforeAll(async () => {
  dataDir = freshDataDir();
  server = await start();
  port = server.port;
  await using client = await MosaicoClient.connect({ url: server.url });
  await client.writeSequence("resume", {}, async (writer) => {
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await topic.push(imuBatch(0, ROWS));
    // A second topic for the merged reader, interleaved in time with the first.
    const other = await writer.topicWriter("/imu2", { ontologyTag: "imu", schema: imuSchema });
    await other.push(imuBatch(0, ROWS / 2, T0 + 1n, 2n * STEP));
  });
  const table = await (await client.topicReader("resume/imu")).readTable();
  clean = Array.from(table.getChild("timestamp_ns")!.toArray() as BigInt64Array);
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

/** Reads with prefetch 0, stopping the server after `stopAfter` batches and starting it again 300 ms later. */
async function readThroughRestart(options: ConnectOptions, resume: boolean) {
  await using client = await MosaicoClient.connect({ url: server.url, ...options });
  const retries: number[] = [];
  const reader = await client.topicReader("resume/imu", {
    prefetch: 0,
    ...(resume ? { resume: { attempts: 6, backoffMs: 100 } } : {}),
    onProgress: (p) => p.retries && retries.push(p.retries),
  });
  const got: bigint[] = [];
  let batches = 0;
  let restarted: Promise<void> | undefined;
  for await (const batch of reader) {
    for (const t of batch.getChild("timestamp_ns")!.toArray() as BigInt64Array) got.push(t);
    if (++batches === 5) {
      await server.close();
      restarted = new Promise((resolve) => setTimeout(resolve, 300)).then(async () => {
        server = await start(port);
      });
    }
  }
  await restarted;
  return { got, retries };
}

describe.each([
  ["grpc", { protocol: "grpc" }],
  ["grpc-web", { protocol: "grpc-web" }],
] as const)("over %s", (_label, options) => {
  it("resumes after a server restart and equals a clean read", async () => {
    const { got, retries } = await readThroughRestart(options, true);
    expect(retries.length).toBeGreaterThan(0);
    expect(got.length).toBe(clean.length);
    expect(got).toEqual(clean);
  });

  it("without resume, the break is an error, not a short read", async () => {
    let error;
    try {
      await readThroughRestart(options, false);
    } catch (reason) {
      error = reason as { code: number };
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(error?.code, JSON.stringify(error && (error as { message?: string }).message)).toBeOneOf([Code.Unavailable, Code.DataLoss, Code.Canceled]);
  });
});

it("the merged sequence reader resumes per topic and equals a clean merged read", async () => {
  const key = (item: { topic: string; batch: { getChild(name: string): unknown } }) =>
    Array.from((item.batch.getChild("timestamp_ns") as { toArray(): BigInt64Array }).toArray(), (t) => `${item.topic}@${t}`);
  await using client = await MosaicoClient.connect({ url: server.url });
  const cleanMerged: string[] = [];
  for await (const item of await client.sequenceReader("resume")) cleanMerged.push(...key(item));
  const got: string[] = [];
  let items = 0;
  let restarted: Promise<void> | undefined;
  for await (const item of await client.sequenceReader("resume", { prefetch: 0, resume: { attempts: 6, backoffMs: 100 } })) {
    got.push(...key(item));
    if (++items === 6) {
      await server.close();
      restarted = new Promise((resolve) => setTimeout(resolve, 300)).then(async () => {
        server = await start(port);
      });
    }
  }
  await restarted;
  expect(got.length).toBe(cleanMerged.length);
  expect(got).toEqual(cleanMerged);
});
