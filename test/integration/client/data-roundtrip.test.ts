/**
 * Writing and reading topics through the SDK against the reference server,
 * over native gRPC, gRPC-Web with streamed uploads, and gRPC-Web buffered.
 */
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFlightData } from "../../../src/protocol/index.js";
import { FlightDescriptor_DescriptorType, FlightDescriptorSchema, FlightService } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { Code, MosaicoClient, MosaicoError, type ConnectOptions } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { checkImuRows, imuBatch, imuSchema, STEP, T0 } from "../helpers/imu-data.js";
import { failure } from "../helpers/expect-error.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

const modes: Array<[string, ConnectOptions]> = [
  ["grpc", { protocol: "grpc" }],
  ["grpc-web streamed", { protocol: "grpc-web" }],
  ["grpc-web buffered", { protocol: "grpc-web", streamUploads: "never" }],
];

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});


describe.each(modes)("data over %s", (label, options) => {
  let client: MosaicoClient;
  const seq = `data_${label.replace(/[^a-z]+/g, "_")}`;
  // Buffered uploads are capped at 64 MiB per topic: keep that mode under it.
  const rows = label.endsWith("buffered") ? 300_000 : 1_000_000;

  beforeAll(async () => {
    client = await MosaicoClient.connect({ url: server.url, ...options });
  });
  afterAll(async () => {
    await client?.close();
  });

  it(`writes ${rows} IMU rows and reads them back value-exact`, async () => {
    const progress: number[] = [];
    await client.writeSequence(seq, { userMetadata: { run: 1 }, onProgress: (p) => progress.push(p.rows) }, async (writer) => {
      const imu = await writer.topicWriter("/sensors/imu", { ontologyTag: "imu", schema: imuSchema });
      for (let start = 0; start < rows; start += 50_000) await imu.push(imuBatch(start, Math.min(50_000, rows - start)));
    });
    expect(progress.at(-1)).toBe(rows);

    const info = await client.topicInfo(`${seq}/sensors/imu`);
    expect(info.locked).toBe(true);
    expect(info.schema?.fields.map((f) => f.name)).toEqual(["timestamp_ns", "acceleration", "angular_velocity", "temperature"]);
    expect(info.dataInfo?.interval).toEqual({ startNs: T0, endNs: T0 + BigInt(rows - 1) * STEP });

    const reader = await client.topicReader(`${seq}/sensors/imu`);
    expect(reader.topic.ontologyTag).toBe("imu");
    expect(reader.metadata.rowCount).toBe(BigInt(rows));
    expect(reader.metadata.interval).toEqual({ startNs: T0, endNs: T0 + BigInt(rows - 1) * STEP });
    let next = 0;
    let batches = 0;
    for await (const batch of reader) {
      next = checkImuRows(batch, next);
      batches++;
    }
    expect(next).toBe(rows);
    expect(batches).toBeGreaterThan(1);
  });

  it("reads time ranges: start inclusive, end exclusive, one-sided and empty", async () => {
    const at = (i: number) => T0 + BigInt(i) * STEP;
    const count = async (range: { startNs?: bigint; endNs?: bigint }) => {
      const table = await (await client.topicReader(`${seq}/sensors/imu`, range)).readTable();
      if (table.numRows > 0) checkImuRows(table.batches[0]!, Number(((table.getChild("timestamp_ns")!.get(0) as bigint) - T0) / STEP));
      return table.numRows;
    };
    expect(await count({ startNs: at(1000), endNs: at(2000) })).toBe(1000);
    expect(await count({ startNs: at(1000) + 1n, endNs: at(2000) + 1n })).toBe(1000);
    expect(await count({ startNs: at(rows - 10) })).toBe(10);
    expect(await count({ endNs: at(10) })).toBe(10);
    expect(await count({ startNs: at(rows) + 1n })).toBe(0);
    expect(await count({ endNs: T0 })).toBe(0);
    const error = await failure(client.topicReader(`${seq}/sensors/imu`, { startNs: at(5), endNs: at(5) }));
    expect(error.code).toBe(Code.InvalidArgument);
  });

  it("writes several topics and merges them in time order", async () => {
    const name = `${seq}_multi`;
    await client.writeSequence(name, {}, async (writer) => {
      // imu at 200 Hz from T0, gps at 10 Hz starting half a step later, a third topic empty.
      const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
      const gps = await writer.topicWriter("/gps", { ontologyTag: "imu", schema: imuSchema });
      await writer.topicWriter("/empty", { ontologyTag: "imu", schema: imuSchema });
      await imu.push(imuBatch(0, 2000));
      await gps.push(imuBatch(0, 100, T0 + STEP / 2n, STEP * 20n));
    });
    let progressRows = 0;
    const reader = await client.sequenceReader(name, { topics: ["/imu", "/gps", "/empty"], onProgress: (p) => (progressRows = p.rows) });
    let last = -1n;
    const counts = new Map<string, number>();
    for await (const { topic, batch } of reader) {
      const ts = batch.getChild("timestamp_ns")!.toArray() as BigInt64Array;
      for (const t of ts) {
        expect(t >= last).toBe(true);
        last = t;
      }
      counts.set(topic, (counts.get(topic) ?? 0) + batch.numRows);
    }
    expect(Object.fromEntries(counts)).toEqual({ "/imu": 2000, "/gps": 100 });
    expect(progressRows).toBe(2100);
    const empty = await client.topicInfo(`${name}/empty`);
    expect(empty.dataInfo?.interval ?? null).toBeNull();
    expect((await (await client.topicReader(`${name}/empty`)).readTable()).numRows).toBe(0);
  });

  it("writes plain rows with the topic schema and refuses bad rows before sending", async () => {
    const name = `${seq}_rows`;
    const writer = await client.sequenceWriter(name, { onError: "delete" });
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    const row = (i: number) => ({
      timestamp_ns: T0 + BigInt(i),
      acceleration: { x: i, y: 0, z: 9.81 },
      angular_velocity: { x: 0, y: 0, z: i },
      temperature: i % 2 ? null : 21.5,
    });
    await topic.push([row(0), row(1), row(2)]);
    expect((await failure(topic.push({ acceleration: { x: 1, y: 2, z: 3 } } as never))).code).toBe(Code.InvalidArgument);
    const wrongSchema = await failure(topic.push(imuBatch(0, 3).selectAt([0, 1])));
    expect(wrongSchema.code).toBe(Code.InvalidArgument);
    expect(wrongSchema.message).toMatch(/does not match the topic schema/);
    await writer.finalize();
    const table = await (await client.topicReader(`${name}/imu`)).readTable();
    expect(table.numRows).toBe(3);
    expect(table.get(1)!.toJSON()).toMatchObject({ timestamp_ns: T0 + 1n, temperature: null });
    expect(table.get(2)!.toJSON().temperature).toBe(21.5);
  });

  it("refuses a finalize without DoPut, and a second DoPut on a topic", async () => {
    const name = `${seq}_rules`;
    await client.createSequence(name);
    const session = await client.createSession(name);
    const uuid = await client.createTopic({ locator: `${name}/a`, sessionUuid: session.uuid, ontologyTag: "imu" });
    expect((await failure(client.finalizeSession(session.uuid))).code).toBe(Code.FailedPrecondition);

    // The SDK never opens two DoPuts for one topic, so speak Flight directly.
    const flight = createClient(FlightService, createGrpcTransport({ baseUrl: server.url }));
    const descriptor = create(FlightDescriptorSchema, {
      type: FlightDescriptor_DescriptorType.CMD,
      cmd: new TextEncoder().encode(JSON.stringify({ resource_locator: `${name}/a`, topic_uuid: uuid })),
    });
    const upload = () => encodeFlightData(imuSchema, [imuBatch(0, 10)], { descriptor });
    for await (const _ of flight.doPut(upload())) void _;
    const second = await failure(
      (async () => {
        try {
          for await (const _ of flight.doPut(upload())) void _;
        } catch (e) {
          throw MosaicoError.from(e);
        }
      })(),
    );
    expect(second.code).toBe(Code.FailedPrecondition);
    await client.finalizeSession(session.uuid);
    expect((await client.topicInfo(`${name}/a`)).locked).toBe(true);
  });

  it("aborting a write with the delete policy leaves no session, no data and no sequence", async () => {
    const name = `${seq}_abort`;
    const writer = await client.sequenceWriter(name, { onError: "delete" });
    const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await imu.push(imuBatch(0, 20_000));
    await writer.abort(new Error("the robot fell over"));
    expect(writer.state).toBe("aborted");
    expect(await client.sequenceExists(name)).toBe(false);
    expect(await client.topicExists(`${name}/imu`)).toBe(false);
  });

  it("the report policy keeps what was sent and leaves a notification", async () => {
    const name = `${seq}_report`;
    await expect(
      client.writeSequence(name, { onError: "report" }, async (writer) => {
        const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
        await imu.push(imuBatch(0, 1000));
        throw new Error("camera driver crashed");
      }),
    ).rejects.toThrow(/camera driver crashed/);
    const notes = await client.listSequenceNotifications(name);
    expect(notes.map((n) => n.message).join()).toMatch(/camera driver crashed/);
    const info = await client.topicInfo(`${name}/imu`);
    expect(info.locked).toBe(true);
    expect((await (await client.topicReader(`${name}/imu`)).readTable()).numRows).toBe(1000);
  });

  it("cancelling a read mid-stream releases it promptly", async () => {
    const reader = await client.topicReader(`${seq}/sensors/imu`, { prefetch: 1 });
    let seen = 0;
    for await (const batch of reader) {
      seen += batch.numRows;
      break;
    }
    expect(seen).toBeGreaterThan(0);
    // The connection stays usable after an early exit.
    expect(await client.sequenceExists(seq)).toBe(true);
    const second = await client.topicReader(`${seq}/sensors/imu`);
    const controller = new AbortController();
    const aborted = await client.topicReader(`${seq}/sensors/imu`, { signal: controller.signal });
    controller.abort();
    expect((await failure(aborted.readTable())).code).toBe(Code.Canceled);
    await second.cancel();
  });
});
