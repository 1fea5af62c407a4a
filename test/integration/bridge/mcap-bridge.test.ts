/**
 * mosaico-web/bridge against the reference server: MCAP fixtures generated
 * here (mcap-fixtures.ts, which cites the Python bridge files they follow) are
 * imported, read back, exported, and re-read with @mcap/core.
 */
import { parse } from "@foxglove/rosmsg";
import { MessageReader } from "@foxglove/rosmsg2-serialization";
import { McapIndexedReader, TempBuffer } from "@mcap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRecording, importRecording, MCAP_METADATA_KEY, ROS_METADATA_KEY } from "../../../src/node/bridge.js";
import { Code, GPS, IMU, MosaicoClient, MosaicoError, readRows } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { collectBytes as collect } from "../helpers/collect-bytes.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";
import { channels, customMessage, gpsMessage, imageMessage, imuMessage, ros2Recording, STEP, T0 } from "./mcap-fixtures.js";

let server: RunningServer;
let client: MosaicoClient;
let recording: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
  recording = new Uint8Array(await ros2Recording({ json: true }));
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

async function readMcap(bytes: Uint8Array) {
  const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(bytes) });
  const byTopic = new Map<string, Array<{ logTime: bigint; message: Record<string, unknown> }>>();
  const decoders = new Map<number, (data: Uint8Array) => Record<string, unknown>>();
  for (const channel of reader.channelsById.values()) {
    const schema = reader.schemasById.get(channel.schemaId)!;
    if (channel.messageEncoding === "cdr") {
      const r = new MessageReader(parse(new TextDecoder().decode(schema.data), { ros2: true }));
      decoders.set(channel.id, (d) => r.readMessage(d));
    } else decoders.set(channel.id, (d) => JSON.parse(new TextDecoder().decode(d)));
  }
  for await (const m of reader.readMessages()) {
    const channel = reader.channelsById.get(m.channelId)!;
    const list = byTopic.get(channel.topic) ?? [];
    list.push({ logTime: m.logTime, message: decoders.get(m.channelId)!(m.data) });
    byTopic.set(channel.topic, list);
  }
  return { reader, byTopic };
}

describe("importRecording", () => {
  it("imports an indexed ROS 2 recording channel by channel, mapping well-known types as the Python ROS bridge", async () => {
    const progress: number[] = [];
    const result = await importRecording(client, new Blob([recording]), {
      sequence: "bridge_import",
      userMetadata: { vehicle: "veh-7" },
      onProgress: (p) => progress.push(p.messages),
    });
    expect(result.indexed).toBe(true);
    expect(result.skipped).toEqual([]);
    const tags = Object.fromEntries(result.topics.map((t) => [t.topic, t.ontologyTag]));
    expect(tags).toEqual({ "/imu": "imu", "/gps": "gps", "/camera/compressed": "compressed_image", "/wheel_state": "my_pkg_msg_wheelstate", "/labels": "detections_label" });
    expect(result.messages).toBe(285);
    expect(progress.at(-1)).toBe(285);

    const imu = await client.topicReader("bridge_import/imu");
    const rows = [];
    for await (const batch of imu) rows.push(...IMU.rows(batch));
    expect(rows).toHaveLength(200);
    // timestamp_ns is the log time (ROSAdapterBase.translate: bag timestamp); the header keeps the stamp and frame.
    expect(rows[3]!.timestamp_ns).toBe(T0 + 3n * STEP);
    expect(rows[3]!.header).toEqual({ timestamp: { seconds: 1_700_000_000n, nanoseconds: 30_000_000n }, frame_id: "imu_link" });
    expect(rows[3]!.acceleration).toMatchObject({ x: 0.3, y: 0.5, z: 9.81, covariance: [0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1] });
    expect(rows[3]!.angular_velocity.covariance).toBeUndefined(); // all zeros = not provided
    expect(rows[3]!.orientation).toBeUndefined(); // orientation_covariance[0] == -1
    expect(rows[4]!.orientation).toMatchObject({ z: Math.sin(0.04), w: Math.cos(0.04) });

    const info = await client.topicInfo("bridge_import/imu");
    const ros = (info.userMetadata as Record<string, Record<string, unknown>>)[ROS_METADATA_KEY]!;
    expect(ros.msgtype).toBe("sensor_msgs/msg/Imu");
    expect(String(ros.msgdef)).toContain("MSG: std_msgs/Header");
    const gpsInfo = await client.topicInfo("bridge_import/gps");
    expect((gpsInfo.userMetadata as Record<string, Record<string, Record<string, unknown>>>)[ROS_METADATA_KEY]!.enums).toMatchObject({ COVARIANCE_TYPE_DIAGONAL_KNOWN: 2 });
    const labels = await client.topicInfo("bridge_import/labels");
    expect((labels.userMetadata as Record<string, Record<string, unknown>>)[MCAP_METADATA_KEY]).toMatchObject({ channel_name: "/labels", schema_encoding: "jsonschema", schema_name: "detections.Label" });

    const gps = [];
    for await (const batch of await client.topicReader("bridge_import/gps")) gps.push(...GPS.rows(batch));
    expect(gps[1]!.position).toMatchObject({ x: 45.5 + 10e-6, y: -122.5, z: 110, covariance: [1, 0, 0, 0, 1, 0, 0, 0, 4], covariance_type: 2 });
    expect(gps[1]!.status).toMatchObject({ status: 0, service: 1 });

    // The custom type: nested fields as dotted columns, arrays as list columns.
    const custom = [];
    for await (const batch of await client.topicReader("bridge_import/wheel_state")) custom.push(...readRows(batch));
    expect(custom).toHaveLength(50);
    expect(custom[2]).toMatchObject({ speed: 4, ticks: 8000n, "offset.x": 1, "header.stamp.nanosec": 80_000_000, "header.frame_id": "base_link", mode: 0 });
    expect(custom[2]!.wheel_speeds).toEqual([8, 9, 10, 11]);
    expect(custom[2]!.wheels).toEqual([{ name: "left", angle: 0.08 }, { name: "right", angle: -0.08 }]);
  });

  it("reads a ReadableStream front to back, with a topic filter and a time range", async () => {
    const stream = new Blob([recording]).stream();
    const result = await importRecording(client, stream, { sequence: "bridge_stream", topics: ["/imu", "/gps"], startNs: T0 + 100n * STEP, endNs: T0 + 150n * STEP });
    expect(result.indexed).toBe(false);
    expect(result.topics.map((t) => [t.topic, t.messages])).toEqual([
      ["/imu", 50],
      ["/gps", 5],
    ]);
  });

  it("imports a file whose messages are outside any indexed chunk (unindexed tail) by reading it front to back", async () => {
    const unchunked = await ros2Recording({ useChunks: false });
    const result = await importRecording(client, unchunked, { sequence: "bridge_unindexed" });
    expect(result.indexed).toBe(false);
    expect(result.messages).toBe(280);
  });

  it("stops a truncated file with DATA_LOSS naming the offset, and the delete policy leaves no sequence", async () => {
    const truncated = recording.subarray(0, Math.floor(recording.byteLength * 0.6));
    const error = await importRecording(client, truncated, { sequence: "bridge_truncated" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MosaicoError);
    expect((error as MosaicoError).code).toBe(Code.DataLoss);
    expect((error as MosaicoError).message).toMatch(/corrupt or truncated at byte offset \d+/);
    const names = await client.listSequences();
    expect(names).not.toContain("bridge_truncated");
  });

  it("stops a corrupt file with DATA_LOSS naming the offset", async () => {
    const corrupt = recording.slice();
    corrupt.fill(0xff, 200, 260);
    const error = await importRecording(client, new Blob([corrupt]).stream(), { sequence: "bridge_corrupt" }).catch((e: unknown) => e);
    expect((error as MosaicoError).code).toBe(Code.DataLoss);
    expect((error as MosaicoError).message).toMatch(/byte offset \d+/);
  });
});

describe("exportRecording", () => {
  it("round trip: the re-exported MCAP gives the same messages for the mapped types, in time order", async () => {
    const bytes = await collect(exportRecording(client, "bridge_import", { format: "mcap" }));
    const { reader, byTopic } = await readMcap(bytes);
    const schemas = [...reader.channelsById.values()].map((c) => [c.topic, c.messageEncoding, reader.schemasById.get(c.schemaId)!.name]);
    expect(schemas).toEqual(
      expect.arrayContaining([
        ["/imu", "cdr", "sensor_msgs/msg/Imu"],
        ["/gps", "cdr", "sensor_msgs/msg/NavSatFix"],
        ["/camera/compressed", "cdr", "sensor_msgs/msg/CompressedImage"],
        ["/wheel_state", "cdr", "my_pkg/msg/WheelState"],
        ["/labels", "json", "detections.Label"],
      ]),
    );
    // Merged in time order: log times never go back.
    const all: bigint[] = [];
    for await (const m of reader.readMessages()) all.push(m.logTime);
    expect(all.every((t, i) => i === 0 || t >= all[i - 1]!)).toBe(true);

    const imu = byTopic.get("/imu")!;
    expect(imu).toHaveLength(200);
    for (const [i, { logTime, message }] of imu.entries()) {
      const original = imuMessage(i);
      expect(logTime).toBe(T0 + BigInt(i) * STEP);
      expect(message.header).toEqual(original.header);
      expect(message.linear_acceleration).toEqual(original.linear_acceleration);
      expect(message.angular_velocity).toEqual(original.angular_velocity);
      expect(Array.from(message.linear_acceleration_covariance as Float64Array)).toEqual(original.linear_acceleration_covariance);
      if (i % 2 === 0) expect(message.orientation).toEqual(original.orientation);
      else expect((message.orientation_covariance as Float64Array)[0]).toBe(-1);
    }
    const gps = byTopic.get("/gps")!;
    expect(channels[1]!.message).toBe(gpsMessage);
    expect(gps.map((m) => m.message.latitude)).toEqual(gps.map((_, i) => gpsMessage(i * 10).latitude));
    expect(gps[3]!.message).toMatchObject({ status: { status: 0, service: 1 }, altitude: 130, position_covariance_type: 2 });
    const images = byTopic.get("/camera/compressed")!;
    expect(images).toHaveLength(10);
    for (const [i, { message }] of images.entries()) {
      expect(message.format).toBe("jpeg");
      expect(Array.from(message.data as Uint8Array)).toEqual(Array.from(imageMessage(i * 20).data));
    }
    // The generic custom type goes back to CDR with the definition it was imported with.
    const wheels = byTopic.get("/wheel_state")!;
    expect(wheels[5]!.message).toMatchObject({ speed: 10, ticks: 20000n, offset: { x: 1, y: 2, z: 3 }, mode: 0, wheels: customMessage(20).wheels });
    const labels = byTopic.get("/labels")!;
    expect(labels[2]!.message).toEqual({ label: "car2", score: 0.4, pos: { x: 2, y: -2 }, tags: ["a", "t2"] });
  });

  it("against a 0.6 server, whose sequence description lacks each topic's tag and metadata, exports the same channels", async () => {
    // Found by the Chromium spec (test/e2e/sdk-bridge-in-browser.spec.ts), whose http server speaks 0.6: every topic came back as JSON.
    const old = await startTestServer({ generation: "0.6" });
    const oldClient = await MosaicoClient.connect({ url: old.url });
    try {
      await importRecording(oldClient, new Blob([recording]), { sequence: "bridge_j2" });
      const { reader, byTopic } = await readMcap(await collect(exportRecording(oldClient, "bridge_j2", { format: "mcap" })));
      expect([...reader.channelsById.values()].map((c) => [c.topic, c.messageEncoding, reader.schemasById.get(c.schemaId)!.name]).sort()).toEqual([
        ["/camera/compressed", "cdr", "sensor_msgs/msg/CompressedImage"],
        ["/gps", "cdr", "sensor_msgs/msg/NavSatFix"],
        ["/imu", "cdr", "sensor_msgs/msg/Imu"],
        ["/labels", "json", "detections.Label"],
        ["/wheel_state", "cdr", "my_pkg/msg/WheelState"],
      ]);
      expect(byTopic.get("/imu")![4]!.message.orientation).toEqual(imuMessage(4).orientation);
    } finally {
      await oldClient.close();
      await old.close();
    }
  });

  it("exports topics written natively by their ontology tag, with the bridge's own ROS 2 definitions", async () => {
    await client.writeSequence("bridge_native", { onError: "delete" }, async (writer) => {
      const imu = await writer.topicWriter("/imu", { model: IMU });
      await imu.push(IMU.toRecordBatch([{ timestamp_ns: 5n, acceleration: { x: 1, y: 2, z: 3 }, angular_velocity: { x: 0, y: 0, z: 1 } }]));
    });
    const { byTopic, reader } = await readMcap(await collect(exportRecording(client, "bridge_native", { format: "mcap" })));
    const channel = [...reader.channelsById.values()][0]!;
    expect(reader.schemasById.get(channel.schemaId)!.encoding).toBe("ros2msg");
    const [only] = byTopic.get("/imu")!;
    expect(only!.logTime).toBe(5n);
    expect(only!.message).toMatchObject({ linear_acceleration: { x: 1, y: 2, z: 3 }, header: { stamp: { sec: 0, nanosec: 0 }, frame_id: "" } });
  });
});
