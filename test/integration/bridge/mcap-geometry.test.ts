/**
 * The geometry_msgs, tf2_msgs, RegionOfInterest and BatteryState mappings against the
 * reference server: an MCAP of each type (geometry-fixtures.ts, which cites
 * the upstream adapters it follows) is imported and its rows checked, then
 * exported and re-read with @mcap/core, which gives the same messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatteryState, exportRecording, FrameTransform, importRecording, ROS_METADATA_KEY } from "../../../src/node/bridge.js";
import { Acceleration, ForceTorque, MosaicoClient, Point3d, Quaternion, ROI, Transform, Vector3d } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { collectBytes } from "../helpers/collect-bytes.js";
import { plain, readCdrMcap, rowsOf, stamp, type Row } from "./cdr-round-trip.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";
import { COUNT, geometryChannels, geometryRecording, ros1Tf, ros1TfRecording, STEP, T0 } from "./geometry-fixtures.js";

let server: RunningServer;
let client: MosaicoClient;

beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
  await importRecording(client, await geometryRecording(), { sequence: "geometry_import" });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});


const rowsIn = (topic: string, model: { rows(batch: never): Iterable<Row> }) => rowsOf(client, `geometry_import${topic}`, model);

describe("importRecording: geometry_msgs, tf2_msgs and RegionOfInterest", () => {
  it("maps each type to its model, with the ontology tag and the kept _ros_.msgtype", async () => {
    const info = await client.sequenceInfo("geometry_import");
    const tags = Object.fromEntries(info.topics.map((t) => [t.name, t.ontologyTag]));
    expect(tags).toEqual({
      "/accel": "acceleration",
      "/vector": "vector_3_d",
      "/point": "point_3_d",
      "/attitude": "quaternion",
      "/transform": "transform",
      "/wrench": "force_torque",
      "/tf": "frame_transform",
      "/battery": "battery_state",
      "/camera/roi": "roi",
    });
    for (const spec of geometryChannels) {
      const topic = await client.topicInfo(`geometry_import${spec.topic}`);
      expect((topic.userMetadata as Row)[ROS_METADATA_KEY].msgtype).toBe(spec.type);
    }
  });

  it("AccelWithCovarianceStamped: unwrapped, header of the envelope, covariance only when not all zeros", async () => {
    const rows = await rowsIn("/accel", Acceleration);
    expect(rows).toHaveLength(COUNT);
    expect(rows[2]!.timestamp_ns).toBe(T0 + 2n * STEP); // log time, not the header stamp
    expect(rows[2]!.header).toEqual(stamp(2, "imu_link"));
    expect(rows[2]!.linear).toMatchObject({ x: 0.2, y: 0, z: 9.81 });
    expect(rows[2]!.angular).toMatchObject({ z: 0.02 });
    expect(rows[2]!.covariance).toHaveLength(36);
    expect(rows[2]!.covariance[0]).toBeCloseTo(0.03);
    expect(rows[1]!.covariance).toBeUndefined();
  });

  it("Vector3Stamped, PointStamped, Quaternion: the leaf, and the header when stamped", async () => {
    const vectors = await rowsIn("/vector", Vector3d);
    expect(vectors[4]).toMatchObject({ timestamp_ns: T0 + 4n * STEP, x: 4, y: 8, z: -3, header: stamp(4, "mag") });
    const points = await rowsIn("/point", Point3d);
    expect(points[3]).toMatchObject({ x: 13, y: 20, z: 0.75, header: stamp(3, "map") });
    const attitude = await rowsIn("/attitude", Quaternion);
    expect(attitude[1]).toMatchObject({ x: 0, y: Math.sin(0.2), z: 0, w: Math.cos(0.2) });
    expect(attitude[1]!.header).toBeUndefined();
  });

  it("TransformStamped: child_frame_id -> target_frame_id, left out when empty", async () => {
    const rows = await rowsIn("/transform", Transform);
    expect(rows[2]).toMatchObject({ target_frame_id: "base_link", header: stamp(2, "map"), translation: { x: 2, y: -2, z: 0.5 }, rotation: { z: Math.sin(0.2), w: Math.cos(0.2) } });
    expect(rows[3]!.target_frame_id).toBeUndefined();
  });

  it("WrenchStamped -> ForceTorque", async () => {
    const rows = await rowsIn("/wrench", ForceTorque);
    expect(rows[1]).toMatchObject({ header: stamp(1, "ft_sensor"), force: { x: 1, y: 2, z: 4 }, torque: { x: 0.1, y: 0, z: -0.5 } });
  });

  it("TFMessage: one FrameTransform row per message, each transform with its own header and child frame", async () => {
    const rows = await rowsIn("/tf", FrameTransform);
    expect(rows.map((r) => r.transforms.length)).toEqual([1, 2, 1, 2, 1]);
    expect(rows[1]!.timestamp_ns).toBe(T0 + STEP);
    const [first, second] = rows[1]!.transforms;
    expect(first).toMatchObject({ target_frame_id: "odom", header: stamp(1, "map"), translation: { x: 1, y: -1, z: 0.5 } });
    expect(second).toMatchObject({ header: stamp(101, "map"), translation: { x: 101, y: -101 } });
    expect(second.target_frame_id).toBeUndefined();
  });

  it("RegionOfInterest -> ROI, offset from x_offset/y_offset", async () => {
    const rows = await rowsIn("/camera/roi", ROI);
    expect(rows[3]).toMatchObject({ offset: { x: 24, y: 4 }, height: 120, width: 163, do_rectify: true });
  });
});

describe("importRecording: sensor_msgs/BatteryState", () => {
  it("BatteryState: NaN metrics and empty cell lists left out, the rest as recorded", async () => {
    const rows = await rowsIn("/battery", BatteryState);
    expect(rows[1]).toMatchObject({
      header: stamp(1, "battery"),
      voltage: 12.25,
      temperature: 25.5,
      current: -1.5,
      charge: 2.25,
      capacity: 4,
      design_capacity: 5,
      percentage: 0.6875,
      power_supply_status: 2,
      power_supply_health: 1,
      power_supply_technology: 3,
      present: true,
      cell_voltage: [4.25, 4.125, 4.125],
      cell_temperature: [25, 26.5, 24.75],
      location: "slot0",
      serial_number: "SN-1",
    });
    for (const key of ["temperature", "current", "charge", "capacity", "design_capacity", "cell_voltage", "cell_temperature"]) expect(rows[2]![key], key).toBeUndefined();
    expect(rows[2]).toMatchObject({ voltage: 12, percentage: 0.625 });
    const info = await client.topicInfo("geometry_import/battery");
    expect((info.userMetadata as Row)[ROS_METADATA_KEY].enums).toEqual({ POWER_SUPPLY_STATUS_DISCHARGING: 2 });
  });
});

describe("exportRecording: geometry_msgs, tf2_msgs and RegionOfInterest", () => {
  it("round trip: each channel comes back with its msgtype and the same messages", async () => {
    const { reader, byTopic } = await readCdrMcap(await collectBytes(exportRecording(client, "geometry_import", { format: "mcap" })));
    const schemas = [...reader.channelsById.values()].map((c) => [c.topic, c.messageEncoding, reader.schemasById.get(c.schemaId)!.name]).sort();
    expect(schemas).toEqual(geometryChannels.map((c) => [c.topic, "cdr", c.type]).sort());
    for (const spec of geometryChannels) {
      const messages = byTopic.get(spec.topic)!;
      expect(messages.map((m) => m.logTime)).toEqual(Array.from({ length: COUNT }, (_, i) => T0 + BigInt(i) * STEP));
      expect(messages.map((m) => m.message), spec.topic).toEqual(Array.from({ length: COUNT }, (_, i) => plain(spec.message(i))));
    }
  });

  it("exports topics written natively by their ontology tag with upstream's default msgtype and the bridge's definitions", async () => {
    const header = { timestamp: { seconds: 5n, nanoseconds: 6n }, frame_id: "map" };
    const transform = { translation: { x: 1, y: 2, z: 3 }, rotation: { x: 0, y: 0, z: 0, w: 1 } };
    await client.writeSequence("geometry_native", { onError: "delete" }, async (writer) => {
      const tf = await writer.topicWriter("/tf", { model: FrameTransform });
      await tf.push(FrameTransform.toRecordBatch([{ timestamp_ns: 7n, transforms: [{ ...transform, header, target_frame_id: "base_link" }, transform] }]));
      const battery = await writer.topicWriter("/battery", { model: BatteryState });
      await battery.push(
        BatteryState.toRecordBatch([
          { timestamp_ns: 9n, voltage: 12, percentage: 0.5, power_supply_status: 2, power_supply_health: 1, power_supply_technology: 2, present: true, location: "", serial_number: "" },
        ]),
      );
      const wrench = await writer.topicWriter("/wrench", { model: ForceTorque });
      await wrench.push(ForceTorque.toRecordBatch([{ timestamp_ns: 8n, header, force: { x: 1, y: 0, z: 0 }, torque: { x: 0, y: 1, z: 0 } }]));
    });
    const { reader, byTopic } = await readCdrMcap(await collectBytes(exportRecording(client, "geometry_native", { format: "mcap" })));
    const schemas = [...reader.channelsById.values()].map((c) => [c.topic, reader.schemasById.get(c.schemaId)!.encoding, reader.schemasById.get(c.schemaId)!.name]).sort();
    // get_default_ros_msg: the first of ros_msgtype, so a native ForceTorque is a plain Wrench (its header is not written).
    expect(schemas).toEqual([
      ["/battery", "ros2msg", "sensor_msgs/msg/BatteryState"],
      ["/tf", "ros2msg", "tf2_msgs/msg/TFMessage"],
      ["/wrench", "ros2msg", "geometry_msgs/msg/Wrench"],
    ]);
    expect(byTopic.get("/tf")![0]!.message).toEqual({
      transforms: [
        { header: { stamp: { sec: 5, nanosec: 6 }, frame_id: "map" }, child_frame_id: "base_link", transform },
        { header: { stamp: { sec: 0, nanosec: 0 }, frame_id: "" }, child_frame_id: "", transform },
      ],
    });
    // What the row lacks goes back as upstream's to_ros writes it: NaN metrics, empty cell lists, a zero header.
    expect(byTopic.get("/battery")![0]!.message).toMatchObject({ header: { stamp: { sec: 0, nanosec: 0 }, frame_id: "" }, voltage: 12, temperature: Number.NaN, design_capacity: Number.NaN, cell_voltage: [], power_supply_status: 2 });
    expect(byTopic.get("/wrench")![0]).toEqual({ logTime: 8n, message: { force: { x: 1, y: 0, z: 0 }, torque: { x: 0, y: 1, z: 0 } } });
  });
});

describe("tf2_msgs/TFMessage from ROS 1", () => {
  it("imports a ros1 channel (seq -> sample_counter) and exports it as ROS 2 CDR with the bridge's definition", async () => {
    await importRecording(client, await ros1TfRecording(), { sequence: "geometry_ros1_tf" });
    const rows: Row[] = [];
    for await (const batch of await client.topicReader("geometry_ros1_tf/tf")) rows.push(...FrameTransform.rows(batch));
    expect(rows).toHaveLength(COUNT);
    expect(rows[2]!.transforms[1]).toMatchObject({
      header: { timestamp: { seconds: 1_600_000_000n, nanoseconds: 2000n }, frame_id: "base_link", sample_counter: 21n },
      target_frame_id: "camera",
      translation: { x: 2, y: 1, z: 0 },
    });
    const { reader, byTopic } = await readCdrMcap(await collectBytes(exportRecording(client, "geometry_ros1_tf", { format: "mcap" })));
    const [channel] = [...reader.channelsById.values()];
    expect([channel!.messageEncoding, reader.schemasById.get(channel!.schemaId)!.name]).toEqual(["cdr", "tf2_msgs/msg/TFMessage"]);
    // The ROS 2 form of each message: no seq, `nanosec` for `nsec`.
    const ros2 = (i: number) => ({
      transforms: ros1Tf(i).transforms.map(({ header: { stamp, frame_id }, ...rest }) => ({ header: { stamp: { sec: stamp.sec, nanosec: stamp.nsec }, frame_id }, ...rest })),
    });
    expect(byTopic.get("/tf")!.map((m) => m.message)).toEqual(Array.from({ length: COUNT }, (_, i) => ros2(i)));
  });
});
