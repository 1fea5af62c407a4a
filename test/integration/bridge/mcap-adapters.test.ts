/**
 * The LaserScan, MultiEchoLaserScan, Joy, Polygon, Inertia, nav_msgs (Path, GridCells, MapMetaData,
 * OccupancyGrid) and std_msgs/Header mappings against the reference server: an
 * MCAP of each type (adapter-fixtures.ts, which cites the upstream adapters and models it follows) is
 * imported and its rows checked, then exported and re-read with @mcap/core, which gives the same messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  exportRecording,
  GridCells,
  Header,
  importRecording,
  Inertia,
  Joy,
  LaserScan,
  MapMetadata,
  MultiEchoLaserScan,
  OccupancyGrid,
  Polygon,
  RobotPath,
  ROS_METADATA_KEY,
} from "../../../src/node/bridge.js";
import { MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { collectBytes } from "../helpers/collect-bytes.js";
import { plain, readCdrMcap, rowsOf, stamp, type Row } from "./cdr-round-trip.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";
import { adapterChannels, adapterRecording, COUNT, STEP, T0 } from "./adapter-fixtures.js";

let server: RunningServer;
let client: MosaicoClient;

beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
  await importRecording(client, await adapterRecording(), { sequence: "adapters_import" });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

const SCAN = { angle_min: -1.5, angle_max: 1.5, angle_increment: 0.75, time_increment: 0.0078125, scan_time: 0.125, range_min: 0.25 };

const rowsIn = (sequence: string, topic: string, model: { rows(batch: never): Iterable<Row> }) => rowsOf(client, `${sequence}${topic}`, model);

describe("importRecording: LaserScan, MultiEchoLaserScan, Joy, Polygon, Inertia", () => {
  it("maps each type to its model, with the ontology tag and the kept _ros_.msgtype", async () => {
    const info = await client.sequenceInfo("adapters_import");
    const tags = Object.fromEntries(info.topics.map((t) => [t.name, t.ontologyTag]));
    expect(tags).toEqual({
      "/scan": "laser_scan",
      "/echoes": "multi_echo_laser_scan",
      "/joy": "joy",
      "/footprint": "polygon",
      "/zone": "polygon",
      "/payload": "inertia",
      "/plan": "robot_path",
      "/obstacles": "grid_cells",
      "/map_metadata": "map_metadata",
      "/map": "occupancy_grid",
      "/trigger": "header",
    });
    for (const spec of adapterChannels) {
      const topic = await client.topicInfo(`adapters_import${spec.topic}`);
      expect((topic.userMetadata as Row)[ROS_METADATA_KEY].msgtype).toBe(spec.type);
    }
  });

  it("LaserScan: scan geometry, ranges, intensities left out when empty; log time and header", async () => {
    const rows = await rowsIn("adapters_import", "/scan", LaserScan);
    expect(rows).toHaveLength(COUNT);
    expect(rows[2]).toEqual({
      timestamp_ns: T0 + 2n * STEP,
      header: stamp(2, "laser"),
      ...SCAN,
      range_max: 32,
      ranges: [1, 3.5, 2.25, 4],
      intensities: [100, 110, 120.5, 99],
    });
    expect(rows[1]!.intensities).toBeUndefined();
    expect(rows[1]!.ranges).toEqual([1, 2.5, 2.25, 4]);
  });

  it("MultiEchoLaserScan: each LaserEcho as its list of echoes, intensities left out when empty", async () => {
    const rows = await rowsIn("adapters_import", "/echoes", MultiEchoLaserScan);
    expect(rows[1]).toMatchObject({ header: stamp(1, "laser"), ...SCAN, range_max: 31, ranges: [[1, 2.25], [], [3.5]], intensities: [[10, 5], [], [7.5]] });
    expect(rows[0]!.intensities).toBeUndefined();
  });

  it("Joy: axes and buttons as recorded", async () => {
    const rows = await rowsIn("adapters_import", "/joy", Joy);
    expect(rows[3]).toEqual({ timestamp_ns: T0 + 3n * STEP, header: stamp(3, "joy"), axes: [0, -1, 0.75], buttons: [1, 1, 0, -1] });
  });

  it("PolygonStamped and Polygon: points as Point3d, the envelope's header", async () => {
    const footprint = await rowsIn("adapters_import", "/footprint", Polygon);
    expect(footprint[4]).toEqual({
      timestamp_ns: T0 + 4n * STEP,
      header: stamp(4, "base_link"),
      points: [
        { x: 4, y: 0, z: 0 },
        { x: 5, y: 0.5, z: 0 },
        { x: 5, y: 1.25, z: -0.25 },
      ],
    });
    const zone = await rowsIn("adapters_import", "/zone", Polygon);
    expect(zone[1]!.header).toBeUndefined();
    expect(zone[1]!.points[0]).toEqual({ x: 10, y: 0, z: 0 });
    expect(zone[2]!.points).toEqual([]);
  });

  it("InertiaStamped: m -> mass, com -> center_of_mass, the tensor as [ixx, ixy, ixz, iyy, iyz, izz]", async () => {
    const rows = await rowsIn("adapters_import", "/payload", Inertia);
    expect(rows[2]).toEqual({
      timestamp_ns: T0 + 2n * STEP,
      header: stamp(2, "payload"),
      mass: 4.5,
      center_of_mass: { x: 0.1, y: -0.2, z: 0.6 },
      inertia: [3, 0.01, -0.02, 2, 0.03, 3],
    });
  });
});

describe("importRecording: nav_msgs and std_msgs/Header", () => {
  const origin = (i: number) => ({ position: { x: -10 + i, y: -5, z: 0 }, orientation: { x: 0, y: 0, z: Math.sin(i / 10), w: Math.cos(i / 10) } });
  const info = (i: number) => ({ map_load_time: { seconds: 1_700_000_000n, nanoseconds: BigInt(1000 * i) }, resolution: 0.25, width: 3, height: 2, origin: origin(i) });

  it("Path -> RobotPath: each PoseStamped a Pose with its own header", async () => {
    const rows = await rowsIn("adapters_import", "/plan", RobotPath);
    expect(rows[2]).toEqual({
      timestamp_ns: T0 + 2n * STEP,
      header: stamp(2, "map"),
      poses: [
        { header: stamp(100, "odom"), ...origin(2) },
        { header: stamp(101, "odom"), ...origin(3) },
      ],
    });
    expect(rows[3]!.poses).toEqual([]);
  });

  it("GridCells: cell sizes and each Point as a Point3d", async () => {
    const rows = await rowsIn("adapters_import", "/obstacles", GridCells);
    expect(rows[4]).toEqual({ timestamp_ns: T0 + 4n * STEP, header: stamp(4, "map"), cell_width: 0.5, cell_height: 0.25, cells: [{ x: 4, y: 1, z: 0 }, { x: 2, y: 4, z: 0.125 }] });
  });

  it("MapMetaData -> MapMetadata (no header) and OccupancyGrid: map_load_time as a Time, origin as a Pose, data as recorded", async () => {
    const metadata = await rowsIn("adapters_import", "/map_metadata", MapMetadata);
    expect(metadata[1]).toEqual({ timestamp_ns: T0 + STEP, ...info(1) });
    const grid = await rowsIn("adapters_import", "/map", OccupancyGrid);
    expect(grid[3]).toEqual({ timestamp_ns: T0 + 3n * STEP, header: stamp(3, "map"), info: info(3), data: [0, 100, -1, 3, 50, 0] });
  });

  it("std_msgs/Header -> Header: stamp -> timestamp, frame_id as recorded", async () => {
    const rows = await rowsIn("adapters_import", "/trigger", Header);
    expect(rows[2]).toEqual({ timestamp_ns: T0 + 2n * STEP, ...stamp(2, "camera") });
    expect(rows[1]!.frame_id).toBe("");
  });
});

describe("exportRecording: LaserScan, MultiEchoLaserScan, Joy, Polygon, Inertia, nav_msgs, Header", () => {
  it("round trip: each channel comes back with its msgtype and the same messages", async () => {
    const { reader, byTopic } = await readCdrMcap(await collectBytes(exportRecording(client, "adapters_import", { format: "mcap" })));
    const schemas = [...reader.channelsById.values()].map((c) => [c.topic, c.messageEncoding, reader.schemasById.get(c.schemaId)!.name]).sort();
    expect(schemas).toEqual(adapterChannels.map((c) => [c.topic, "cdr", c.type]).sort());
    for (const spec of adapterChannels) {
      const messages = byTopic.get(spec.topic)!;
      expect(messages.map((m) => m.logTime)).toEqual(Array.from({ length: COUNT }, (_, i) => T0 + BigInt(i) * STEP));
      expect(messages.map((m) => m.message), spec.topic).toEqual(Array.from({ length: COUNT }, (_, i) => plain(spec.message(i))));
    }
  });

  it("exports topics written natively with upstream's default msgtype and the bridge's definitions", async () => {
    const header = { timestamp: { seconds: 5n, nanoseconds: 6n }, frame_id: "laser" };
    const scan = { ...SCAN, range_max: 8, ranges: [1, 2] };
    await client.writeSequence("adapters_native", { onError: "delete" }, async (writer) => {
      const laser = await writer.topicWriter("/scan", { model: LaserScan });
      await laser.push(LaserScan.toRecordBatch([{ timestamp_ns: 7n, header, ...scan }]));
      const echoes = await writer.topicWriter("/echoes", { model: MultiEchoLaserScan });
      await echoes.push(MultiEchoLaserScan.toRecordBatch([{ timestamp_ns: 7n, ...scan, ranges: [[1], [2, 3]] }]));
      const joy = await writer.topicWriter("/joy", { model: Joy });
      await joy.push(Joy.toRecordBatch([{ timestamp_ns: 8n, axes: [0.5], buttons: [1] }]));
      const polygon = await writer.topicWriter("/zone", { model: Polygon });
      await polygon.push(Polygon.toRecordBatch([{ timestamp_ns: 9n, header, points: [{ x: 1, y: 2, z: 3 }] }]));
      const inertia = await writer.topicWriter("/payload", { model: Inertia });
      await inertia.push(Inertia.toRecordBatch([{ timestamp_ns: 10n, mass: 1, center_of_mass: { x: 0, y: 0, z: 1 }, inertia: [1, 0, 0, 2, 0, 3] }]));
      const path = await writer.topicWriter("/plan", { model: RobotPath });
      await path.push(RobotPath.toRecordBatch([{ timestamp_ns: 11n, poses: [{ position: { x: 1, y: 2, z: 3 }, orientation: { x: 0, y: 0, z: 0, w: 1 } }] }]));
      const trigger = await writer.topicWriter("/trigger", { model: Header });
      await trigger.push(Header.toRecordBatch([{ timestamp_ns: 12n, frame_id: "camera" }]));
    });
    const { reader, byTopic } = await readCdrMcap(await collectBytes(exportRecording(client, "adapters_native", { format: "mcap" })));
    const schemas = [...reader.channelsById.values()].map((c) => [c.topic, reader.schemasById.get(c.schemaId)!.encoding, reader.schemasById.get(c.schemaId)!.name]).sort();
    // get_default_ros_msg: the first of ros_msgtype, so a native Polygon or Inertia is the plain type, without its header.
    expect(schemas).toEqual([
      ["/echoes", "ros2msg", "sensor_msgs/msg/MultiEchoLaserScan"],
      ["/joy", "ros2msg", "sensor_msgs/msg/Joy"],
      ["/payload", "ros2msg", "geometry_msgs/msg/Inertia"],
      ["/plan", "ros2msg", "nav_msgs/msg/Path"],
      ["/scan", "ros2msg", "sensor_msgs/msg/LaserScan"],
      ["/trigger", "ros2msg", "std_msgs/msg/Header"],
      ["/zone", "ros2msg", "geometry_msgs/msg/Polygon"],
    ]);
    const zero = { stamp: { sec: 0, nanosec: 0 }, frame_id: "" };
    // What the row lacks goes back as upstream's to_ros writes it: empty intensities, a zero header.
    expect(byTopic.get("/scan")![0]!.message).toEqual({ header: { stamp: { sec: 5, nanosec: 6 }, frame_id: "laser" }, ...scan, intensities: [] });
    expect(byTopic.get("/echoes")![0]!.message).toEqual({ header: zero, ...SCAN, range_max: 8, ranges: [{ echoes: [1] }, { echoes: [2, 3] }], intensities: [] });
    expect(byTopic.get("/joy")![0]).toEqual({ logTime: 8n, message: { header: zero, axes: [0.5], buttons: [1] } });
    expect(byTopic.get("/zone")![0]!.message).toEqual({ points: [{ x: 1, y: 2, z: 3 }] });
    expect(byTopic.get("/payload")![0]!.message).toEqual({ m: 1, com: { x: 0, y: 0, z: 1 }, ixx: 1, ixy: 0, ixz: 0, iyy: 2, iyz: 0, izz: 3 });
    // RobotPathAdapter.to_ros writes each pose as a PoseStamped (a zero header for a pose without one).
    expect(byTopic.get("/plan")![0]!.message).toEqual({ header: zero, poses: [{ header: zero, pose: { position: { x: 1, y: 2, z: 3 }, orientation: { x: 0, y: 0, z: 0, w: 1 } } }] });
    expect(byTopic.get("/trigger")![0]!.message).toEqual({ stamp: { sec: 0, nanosec: 0 }, frame_id: "camera" });
  });
});
