/**
 * The sequence writer's lifecycle as users write it: `await using` finalizes
 * a clean scope, applies the error policy when an upload failed, and the
 * model shortcut declares tag, schema and format.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, IMU, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { imuBatch, imuSchema, T0 } from "../helpers/imu-data.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
let client: MosaicoClient;
beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

describe("sequence writer lifecycle", () => {
  it("finalizes when an `await using` scope ends normally", async () => {
    {
      await using writer = await client.sequenceWriter("lifecycle_ok");
      const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
      await topic.push(imuBatch(0, 1000));
      expect(writer.state).toBe("open");
    }
    const info = await client.topicInfo("lifecycle_ok/imu");
    expect(info.locked).toBe(true);
    expect((await client.sequenceInfo("lifecycle_ok")).sessions[0]!.locked).toBe(true);
  });

  it("applies the delete policy at the end of the scope when an upload failed", async () => {
    const other = await MosaicoClient.connect({ url: server.url });
    let sessionLocator: string | undefined;
    await failure(
      (async () => {
        await using writer = await client.sequenceWriter("lifecycle_fail", { onError: "delete" });
        sessionLocator = writer.session.locator;
        const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
        await topic.push(imuBatch(0, 1000));
        // The topic disappears under the running upload: its DoPut fails.
        await other.deleteTopic("lifecycle_fail/imu");
        await topic.finalize();
      })(),
    );
    expect(sessionLocator).toBeDefined();
    // As the Python SDK's Delete policy: the session and the sequence this writer created are gone...
    expect(await client.sequenceExists("lifecycle_fail")).toBe(false);
    // ...so a retry with the same name works.
    await client.writeSequence("lifecycle_fail", {}, async (writer) => {
      const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
      await topic.push(imuBatch(0, 10));
    });
    expect((await client.topicInfo("lifecycle_fail/imu")).locked).toBe(true);
    await other.close();
  });

  it("the delete policy of an update removes the session only, never the sequence it did not create", async () => {
    await client.writeSequence("lifecycle_update", {}, async (writer) => {
      const topic = await writer.topicWriter("/first", { ontologyTag: "imu", schema: imuSchema });
      await topic.push(imuBatch(0, 10));
    });
    await failure(
      client.writeSequence("lifecycle_update", { update: true, onError: "delete" }, async (writer) => {
        const topic = await writer.topicWriter("/second", { ontologyTag: "imu", schema: imuSchema });
        await topic.push(imuBatch(0, 10));
        throw new Error("the app failed");
      }),
    );
    const info = await client.sequenceInfo("lifecycle_update");
    expect(info.sessions).toHaveLength(1);
    expect((await client.topicInfo("lifecycle_update/first")).locked).toBe(true);
    expect(await client.topicExists("lifecycle_update/second")).toBe(false);
  });

  it("refuses rows out of time order before sending them, and goes on", async () => {
    await client.writeSequence("lifecycle_order", {}, async (writer) => {
      const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
      await topic.push(imuBatch(0, 100));
      // Overlaps what was sent: rows 50.. again.
      const overlap = await failure(topic.push(imuBatch(50, 100)));
      expect(overlap.code).toBe(Code.InvalidArgument);
      expect(overlap.message).toMatch(/row 0 of the batch .* goes back before/);
      const row = { timestamp_ns: T0 + 1000n * 5_000_000n, acceleration: { x: 0, y: 0, z: 0 }, angular_velocity: { x: 0, y: 0, z: 0 }, temperature: null };
      const twice = await failure(topic.push([row, row]));
      expect(twice.message).toMatch(/row 1 of the push .* repeats/);
      expect(topic.state).toBe("open");
      await topic.push(imuBatch(100, 100));
    });
    const table = await (await client.topicReader("lifecycle_order/imu")).readTable();
    expect(table.numRows).toBe(200);
  });

  it("declares a topic from its ontology model", async () => {
    await client.writeSequence("lifecycle_model", {}, async (writer) => {
      const topic = await writer.topicWriter("/imu", { model: IMU });
      await topic.push(
        IMU.toRecordBatch([
          { timestamp_ns: T0, acceleration: { x: 1, y: 2, z: 3 }, angular_velocity: { x: 0, y: 0, z: 0.5 } },
          { timestamp_ns: T0 + 1n, acceleration: { x: 4, y: 5, z: 6 }, angular_velocity: { x: 0, y: 0, z: 0.25 } },
        ]),
      );
    });
    const info = await client.topicInfo("lifecycle_model/imu");
    expect(info.ontologyTag).toBe("imu");
    const rows = IMU.fromRecordBatch((await (await client.topicReader("lifecycle_model/imu")).readTable()).batches[0]!);
    expect(rows.map((r) => (r as { acceleration: { x: number } }).acceleration.x)).toEqual([1, 4]);
  });

  it("refuses writing after finalize", async () => {
    const writer = await client.sequenceWriter("lifecycle_closed");
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await writer.finalize();
    expect((await failure(topic.push(imuBatch(0, 10)))).code).toBe(Code.FailedPrecondition);
    expect((await failure(writer.topicWriter("/gps", { ontologyTag: "gps" }))).code).toBe(Code.FailedPrecondition);
  });
});
