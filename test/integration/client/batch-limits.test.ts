/**
 * The writer's default batch size follows the server's decode limit (as the
 * Python SDK 0.7 does): a 0.7 server that takes only 4 MiB messages still
 * gets uploads, in batches that fit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, IMU, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

const MiB = 1024 * 1024;
const T0 = 1_767_225_600_000_000_000n;

function imuRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    timestamp_ns: T0 + BigInt(i) * 1_000_000n,
    acceleration: { x: i, y: 0, z: 9.81 },
    angular_velocity: { x: 0, y: 0, z: 0.1 },
  }));
}

describe("batch limits from the server's decode limit", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ generation: "0.7", maxDecodeMessageBytes: 4 * MiB });
  });
  afterAll(async () => {
    await server.close();
    removeDataDirs();
  });

  it("reads the 0.7 limits from info and uploads with the default writer", async () => {
    await using client = await MosaicoClient.connect({ url: server.url });
    expect(client.serverVersion.config?.maxDecodeMessageBytes).toBe(4 * MiB);
    expect(client.serverVersion.config?.maxEncodeMessageBytes).toBe(512 * MiB);
    const rows = imuRows(40_000);
    let sentBytes = 0;
    await client.writeSequence("small_limit", { onProgress: (p) => (sentBytes = p.bytes) }, async (writer) => {
      const imu = await writer.topicWriter("/imu", { model: IMU, maxBatchRows: 100_000 });
      await imu.push(IMU.toRecordBatch(rows));
    });
    expect(sentBytes).toBeGreaterThan(4 * MiB); // more than one message's worth, so it was split
    const table = await (await client.topicReader("small_limit/imu")).readTable();
    expect(table.numRows).toBe(rows.length);
  });

  it("an explicit maxBatchBytes above 90% of the limit is refused before sending", async () => {
    await using client = await MosaicoClient.connect({ url: server.url });
    const error = await failure(
      client.writeSequence("too_big_batches", { onError: "delete" }, async (writer) => {
        await writer.topicWriter("/imu", { model: IMU, maxBatchBytes: 4 * MiB });
      }),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.message).toMatch(/above what the server takes in one message/);
  });
});
