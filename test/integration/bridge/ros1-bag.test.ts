/**
 * ROS 1 bags through mosaico-web/bridge against the reference server. The
 * bags are written here by the test-only writer of bag-fixtures.ts (which
 * cites the Python bridge files it follows); nothing is downloaded.
 */
import { parse } from "@foxglove/rosmsg";
import { MessageReader as Ros1Reader } from "@foxglove/rosmsg-serialization";
import { MessageReader as Ros2Reader } from "@foxglove/rosmsg2-serialization";
import { McapIndexedReader, TempBuffer } from "@mcap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRecording, importRecording, listBagChannels, planChannel, ROS_METADATA_KEY } from "../../../src/node/bridge.js";
import { Code, GPS, IMU, MosaicoClient, MosaicoError, readRows } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { collectBytes as collect } from "../helpers/collect-bytes.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";
import { bagTimeNs, ROS1_CUSTOM_DEF, ros1Bag, ros1Custom, ros1Imu } from "./bag-fixtures.js";

let server: RunningServer;
let client: MosaicoClient;
let bag: ReturnType<typeof ros1Bag>;

beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
  bag = ros1Bag();
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

describe("importRecording of a ROS 1 bag", () => {
  it("detects the bag by its magic and maps sensor_msgs/Imu and NavSatFix as the ROS 2 types, header seq as sample_counter", async () => {
    const result = await importRecording(client, new Blob([bag.bytes as Uint8Array<ArrayBuffer>]), { sequence: "bag_import" });
    expect(result.format).toBe("ros1bag");
    expect(result.indexed).toBe(true);
    expect(result.topics.map((t) => [t.topic, t.ontologyTag, t.mappedType, t.messages])).toEqual([
      ["/imu", "imu", "sensor_msgs/msg/Imu", 100],
      ["/fix", "gps", "sensor_msgs/msg/NavSatFix", 10],
      ["/wheel_state", "my_pkg_msg_wheelstate", undefined, 20],
    ]);

    const imu = [];
    for await (const batch of await client.topicReader("bag_import/imu")) imu.push(...IMU.rows(batch));
    expect(imu).toHaveLength(100);
    // timestamp_ns is the bag's record time (bag_timestamp_ns); the ROS 1 header's seq is kept as sample_counter.
    expect(imu[7]!.timestamp_ns).toBe(bagTimeNs(7));
    expect(imu[7]!.header).toEqual({ timestamp: { seconds: 1_600_000_000n, nanoseconds: 70_000_000n }, frame_id: "imu_link", sample_counter: 1007n });
    expect(imu[7]!.acceleration).toMatchObject({ x: 0.5, y: 7 / 4, z: 9.8, covariance: [0.2, 0, 0, 0, 0.2, 0, 0, 0, 0.2] });
    expect(imu[7]!.angular_velocity.covariance).toBeUndefined();
    expect(imu[7]!.orientation).toBeUndefined(); // orientation_covariance[0] == -1
    expect(imu[8]!.orientation).toMatchObject({ z: Math.sin(0.8), w: Math.cos(0.8) });
    const info = await client.topicInfo("bag_import/imu");
    const ros = (info.userMetadata as Record<string, Record<string, unknown>>)[ROS_METADATA_KEY]!;
    expect(ros.msgtype).toBe("sensor_msgs/msg/Imu");
    expect(String(ros.msgdef)).toContain("MSG: std_msgs/Header\nuint32 seq");

    const gps = [];
    for await (const batch of await client.topicReader("bag_import/fix")) gps.push(...GPS.rows(batch));
    expect(gps[2]!.timestamp_ns).toBe(bagTimeNs(20));
    expect(gps[2]!.position).toMatchObject({ x: 44.4 + 20e-5, y: 8.9, z: 40, covariance: [2, 0, 0, 0, 2, 0, 0, 0, 5], covariance_type: 2 });
    expect(gps[2]!.status).toMatchObject({ status: 0, service: 1 });
    expect(gps[2]!.header).toMatchObject({ frame_id: "gps", sample_counter: 20n });
    const fixInfo = await client.topicInfo("bag_import/fix");
    expect((fixInfo.userMetadata as Record<string, Record<string, Record<string, unknown>>>)[ROS_METADATA_KEY]!.enums).toMatchObject({ COVARIANCE_TYPE_DIAGONAL_KNOWN: 2 });

    // The custom type: dotted columns, list columns, ROS 1 time as .sec/.nanosec.
    const custom = [];
    for await (const batch of await client.topicReader("bag_import/wheel_state")) custom.push(...readRows(batch));
    expect(custom).toHaveLength(20);
    expect(custom[3]).toMatchObject({
      timestamp_ns: bagTimeNs(203),
      speed: 203 * 0.25,
      ticks: 1421n,
      "header.seq": 203,
      "header.stamp.sec": 1_600_000_002,
      "header.stamp.nanosec": 30_000_000,
      "offset.z": 0.3,
      "last_seen.sec": 303,
      "last_seen.nanosec": 5,
      mode: 1,
    });
    expect(custom[3]!.wheel_speeds).toEqual([203, -203]);
    expect(custom[3]!.wheels).toEqual(ros1Custom(203).wheels);
  });

  it("takes the bag as a ReadableStream too, with a topic filter and a time range", async () => {
    const result = await importRecording(client, new Blob([bag.bytes as Uint8Array<ArrayBuffer>]).stream(), {
      sequence: "bag_stream",
      topics: ["/imu"],
      startNs: bagTimeNs(10),
      endNs: bagTimeNs(30),
    });
    expect(result.topics.map((t) => [t.topic, t.messages])).toEqual([["/imu", 20]]);
  });

  it("stops a truncated bag with DATA_LOSS naming the offset, and leaves no sequence", async () => {
    const truncated = bag.bytes.subarray(0, Math.floor(bag.bytes.byteLength * 0.6));
    const error = await importRecording(client, truncated, { sequence: "bag_truncated" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MosaicoError);
    expect((error as MosaicoError).code).toBe(Code.DataLoss);
    expect((error as MosaicoError).message).toMatch(/ROS 1 bag is corrupt or truncated at byte offset \d+/);
    expect(await client.listSequences()).not.toContain("bag_truncated");
  });

  it("stops at a corrupt chunk after other topics were finalized, and the delete policy leaves nothing", async () => {
    const damaged = bag.bytes.slice();
    const last = bag.chunkPositions.at(-1)!; // the last chunk holds only /wheel_state, imported after /imu and /fix
    damaged.fill(0xff, last + 4, last + 24);
    const error = await importRecording(client, damaged, { sequence: "bag_corrupt" }).catch((e: unknown) => e);
    expect((error as MosaicoError).code).toBe(Code.DataLoss);
    expect((error as MosaicoError).message).toContain(`at byte offset ${last}`);
    expect(await client.listSequences()).not.toContain("bag_corrupt");
  });

  it("refuses a file that is neither MCAP nor a bag before creating anything", async () => {
    const error = await importRecording(client, new TextEncoder().encode("#ROSBAG V1.2\nold"), { sequence: "bag_v12" }).catch((e: unknown) => e);
    expect((error as MosaicoError).code).toBe(Code.InvalidArgument);
    expect((error as MosaicoError).message).toContain('"#ROSBAG V1.2.');
    expect(await client.listSequences()).not.toContain("bag_v12");
  });
});

describe("listBagChannels", () => {
  it("lists the connections from the index with their message counts, as the channels the import plans", async () => {
    const listed = await listBagChannels(new Blob([bag.bytes as Uint8Array<ArrayBuffer>]));
    expect(listed.map(({ channel, messages }) => [channel.topic, channel.messageEncoding, channel.schema?.name, channel.schema?.encoding, messages])).toEqual([
      ["/imu", "ros1", "sensor_msgs/Imu", "ros1msg", 100],
      ["/fix", "ros1", "sensor_msgs/NavSatFix", "ros1msg", 10],
      ["/wheel_state", "ros1", "my_pkg/WheelState", "ros1msg", 20],
    ]);
    expect(new TextDecoder().decode(listed[2]!.channel.schema!.data)).toBe(ROS1_CUSTOM_DEF);
    const plans = listed.map(({ channel }) => planChannel(channel, "auto"));
    expect(plans.map((p) => ("model" in p ? [p.topic, p.model.tag, p.mappedType] : p.reason))).toEqual([
      ["/imu", "imu", "sensor_msgs/msg/Imu"],
      ["/fix", "gps", "sensor_msgs/msg/NavSatFix"],
      ["/wheel_state", "my_pkg_msg_wheelstate", undefined],
    ]);
  });

  it("refuses what is not a bag or not random access, and names the offset of a truncated index", async () => {
    const notBag = await listBagChannels(new TextEncoder().encode("\x89MCAP0\r\n")).catch((e: unknown) => e);
    expect((notBag as MosaicoError).code).toBe(Code.InvalidArgument);
    const stream = await listBagChannels(new Blob([bag.bytes as Uint8Array<ArrayBuffer>]).stream() as never).catch((e: unknown) => e);
    expect((stream as MosaicoError).code).toBe(Code.InvalidArgument);
    const truncated = await listBagChannels(bag.bytes.subarray(0, Math.floor(bag.bytes.byteLength * 0.9))).catch((e: unknown) => e);
    expect(truncated).toBeInstanceOf(MosaicoError);
    expect((truncated as MosaicoError).code).toBe(Code.DataLoss);
    expect((truncated as MosaicoError).message).toMatch(/ROS 1 bag is corrupt or truncated at byte offset \d+/);
  });
});

describe("exportRecording of a sequence imported from a ROS 1 bag", () => {
  it("writes mapped types as ROS 2 CDR and the custom type as ros1 messages with its kept definition", async () => {
    const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(await collect(exportRecording(client, "bag_import", { format: "mcap" }))) });
    const byTopic = new Map<string, Array<{ logTime: bigint; message: Record<string, unknown> }>>();
    const channels = [...reader.channelsById.values()];
    const decoders = new Map<number, (data: Uint8Array) => Record<string, unknown>>();
    for (const channel of channels) {
      const schema = reader.schemasById.get(channel.schemaId)!;
      const defs = parse(new TextDecoder().decode(schema.data), { ros2: schema.encoding === "ros2msg" });
      const r = schema.encoding === "ros2msg" ? new Ros2Reader(defs) : new Ros1Reader(defs);
      decoders.set(channel.id, (d) => r.readMessage(d));
    }
    expect(channels.map((c) => [c.topic, c.messageEncoding, reader.schemasById.get(c.schemaId)!.name])).toEqual(
      expect.arrayContaining([
        ["/imu", "cdr", "sensor_msgs/msg/Imu"],
        ["/fix", "cdr", "sensor_msgs/msg/NavSatFix"],
        ["/wheel_state", "ros1", "my_pkg/WheelState"],
      ]),
    );
    for await (const m of reader.readMessages()) {
      const topic = reader.channelsById.get(m.channelId)!.topic;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { logTime: m.logTime, message: decoders.get(m.channelId)!(m.data) }]);
    }
    const imu = byTopic.get("/imu")!;
    expect(imu[8]!.logTime).toBe(bagTimeNs(8));
    expect(imu[8]!.message).toMatchObject({ header: { stamp: { sec: 1_600_000_000, nanosec: 80_000_000 }, frame_id: "imu_link" }, linear_acceleration: ros1Imu(8).linear_acceleration });
    const wheels = byTopic.get("/wheel_state")!;
    expect(new TextDecoder().decode(reader.schemasById.get(channels.find((c) => c.topic === "/wheel_state")!.schemaId)!.data)).toBe(ROS1_CUSTOM_DEF);
    const original = ros1Custom(205);
    expect(wheels[5]!.message).toMatchObject({ ...original, wheel_speeds: original.wheel_speeds });
  });
});
