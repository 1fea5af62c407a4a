/**
 * An MCAP of the geometry_msgs, tf2_msgs, RegionOfInterest and BatteryState types the
 * Python ROS bridge maps, generated with @mcap/core and @foxglove/rosmsg2-serialization
 * (nothing downloaded). The definitions are written out here from the
 * common_interfaces `.msg` files (Humble), not taken from the bridge, so an
 * error in src/bridge/ros2-definitions.ts does not hide itself. The messages
 * follow the shapes and choices of the upstream adapters:
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/geometry_msgs.py @ d6d08294c5242aa8b8fa6d2b259c3a8f02996bd8
 *     (AccelAdapter, Vector3Adapter, PointAdapter, QuaternionAdapter, TransformAdapter, WrenchAdapter: recursive
 *      unwrapping of Stamped / WithCovariance envelopes; header of the envelope; covariance kept only when
 *      `_is_valid_covariance` (not all zeros); TransformStamped.child_frame_id -> target_frame_id when not "";
 *      to_ros: zero covariance[36] and child_frame_id "" for what the model lacks; the first msgtype the default)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/tf2_msgs.py @ 95c6bf9541ee5b4578c8e2364fc077ad5ed1169f
 *     (FrameTransformAdapter: one TFMessage -> one FrameTransform whose `transforms` are TransformAdapter.from_dict
 *      of each TransformStamped; to_ros writes each back as a TransformStamped)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/data_ontology/frame_transform.py @ d6d08294c5242aa8b8fa6d2b259c3a8f02996bd8
 *     (FrameTransform: `transforms: list<Transform>`, a bridge-only model)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/sensor_msgs.py @ 987ac6e1800d12adbf811698807ed2e0ea53e041
 *     (ROIAdapter: sensor_msgs/msg/RegionOfInterest -> ROI, offset = (x_offset, y_offset); to_ros do_rectify False when None;
 *      BatteryStateAdapter: NaN temperature/current/charge/capacity/design_capacity and empty cell lists -> None;
 *      to_ros NaN and [] for them)
 *   mosaico-sdk-py/src/mosaicolabs/ros_bridge/data_ontology/battery_state.py @ ef14f116c239555dab5eaa6a6359340330ebd70c
 *     (BatteryState: float32 metrics, uint8 status enums, bool present, strings, list<float32> cells; a bridge-only model)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/std_msgs.py @ d6d08294c5242aa8b8fa6d2b259c3a8f02996bd8
 *     (HeaderAdapter.from_dict: sample_counter = the ROS 1 header's seq; to_ros: zero stamp and "" frame when absent)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapter_base.py @ 027c7d6075a209ae5b4f8e4eb5a96f0c69639cc2
 *     (ROSAdapterBase.translate: timestamp_ns = the bag (log) timestamp, the header stays in the data)
 * The older layout of the same adapters (mosaico-sdk-py/src/mosaicolabs/ros_bridge/adapters/geometry_msgs.py @
 * dd0e59d9460ceb8fecd409b6e8973a2e1eb90906, tf2_msgs.py @ 2947e7c4b432224f6738358298ca919b08d059e0) reads these
 * types the same way; docs/bridge.md notes where it differs.
 */
import { parse } from "@foxglove/rosmsg";
import { MessageWriter as Ros1Writer } from "@foxglove/rosmsg-serialization";
import { McapWriter, TempBuffer } from "@mcap/core";
import { cdrRecording, STEP, T0, type CdrChannel } from "./cdr-round-trip.js";

export { STEP, T0 } from "./cdr-round-trip.js";

const SEP = "=".repeat(80);
const deps: Record<string, string> = {
  "std_msgs/Header": "builtin_interfaces/Time stamp\nstring frame_id",
  "builtin_interfaces/Time": "int32 sec\nuint32 nanosec",
  "geometry_msgs/Vector3": "float64 x\nfloat64 y\nfloat64 z",
  "geometry_msgs/Point": "float64 x\nfloat64 y\nfloat64 z",
  "geometry_msgs/Quaternion": "float64 x\nfloat64 y\nfloat64 z\nfloat64 w",
  "geometry_msgs/Accel": "Vector3 linear\nVector3 angular",
  "geometry_msgs/AccelWithCovariance": "Accel accel\nfloat64[36] covariance",
  "geometry_msgs/Transform": "Vector3 translation\nQuaternion rotation",
  "geometry_msgs/TransformStamped": "std_msgs/Header header\nstring child_frame_id\nTransform transform",
  "geometry_msgs/Wrench": "Vector3 force\nVector3 torque",
};

/** A rosbag2-style ros2msg text: the root, then each dependency after a separator line. */
function definition(root: string, ...dependencies: string[]): string {
  return [root, ...dependencies.map((d) => `${SEP}\nMSG: ${d}\n${deps[d]}`)].join("\n");
}

const header = (i: number, frame: string) => ({ stamp: { sec: 1_800_000_000, nanosec: i * 20_000_000 }, frame_id: frame });
const cov36 = (i: number) => Array.from({ length: 36 }, (_, k) => (k % 7 === 0 ? 0.01 * (i + 1) : 0));
const transformStamped = (i: number, child: string) => ({
  header: header(i, "map"),
  child_frame_id: child,
  transform: { translation: { x: i, y: -i, z: 0.5 }, rotation: { x: 0, y: 0, z: Math.sin(i / 10), w: Math.cos(i / 10) } },
});

export type GeometryChannel = CdrChannel;

/** Five messages on each channel, one every STEP. */
export const COUNT = 5;

export const geometryChannels: GeometryChannel[] = [
  {
    topic: "/accel",
    type: "geometry_msgs/msg/AccelWithCovarianceStamped",
    definition: definition("std_msgs/Header header\ngeometry_msgs/AccelWithCovariance accel", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/AccelWithCovariance", "geometry_msgs/Accel", "geometry_msgs/Vector3"),
    // Odd messages carry an all-zero covariance: "not provided" (_is_valid_covariance).
    message: (i) => ({ header: header(i, "imu_link"), accel: { accel: { linear: { x: i / 10, y: 0, z: 9.81 }, angular: { x: 0, y: 0, z: i / 100 } }, covariance: i % 2 ? new Array(36).fill(0) : cov36(i) } }),
  },
  {
    topic: "/vector",
    type: "geometry_msgs/msg/Vector3Stamped",
    definition: definition("std_msgs/Header header\ngeometry_msgs/Vector3 vector", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Vector3"),
    message: (i) => ({ header: header(i, "mag"), vector: { x: i, y: 2 * i, z: -3 } }),
  },
  {
    topic: "/point",
    type: "geometry_msgs/msg/PointStamped",
    definition: definition("std_msgs/Header header\ngeometry_msgs/Point point", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Point"),
    message: (i) => ({ header: header(i, "map"), point: { x: 10 + i, y: 20, z: 0.25 * i } }),
  },
  {
    topic: "/attitude",
    type: "geometry_msgs/msg/Quaternion",
    definition: deps["geometry_msgs/Quaternion"]!,
    message: (i) => ({ x: 0, y: Math.sin(i / 5), z: 0, w: Math.cos(i / 5) }),
  },
  {
    topic: "/transform",
    type: "geometry_msgs/msg/TransformStamped",
    definition: definition(deps["geometry_msgs/TransformStamped"]!, "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Transform", "geometry_msgs/Vector3", "geometry_msgs/Quaternion"),
    // Message 3 has an empty child_frame_id: no target_frame_id (TransformAdapter.from_dict).
    message: (i) => transformStamped(i, i === 3 ? "" : "base_link"),
  },
  {
    topic: "/wrench",
    type: "geometry_msgs/msg/WrenchStamped",
    definition: definition("std_msgs/Header header\ngeometry_msgs/Wrench wrench", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Wrench", "geometry_msgs/Vector3"),
    message: (i) => ({ header: header(i, "ft_sensor"), wrench: { force: { x: 1, y: 2, z: 3 + i }, torque: { x: 0.1 * i, y: 0, z: -0.5 } } }),
  },
  {
    topic: "/tf",
    type: "tf2_msgs/msg/TFMessage",
    definition: definition("geometry_msgs/TransformStamped[] transforms", "geometry_msgs/TransformStamped", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Transform", "geometry_msgs/Vector3", "geometry_msgs/Quaternion"),
    // One transform on even messages, two on odd ones (the second with an empty child frame).
    message: (i) => ({ transforms: i % 2 ? [transformStamped(i, "odom"), transformStamped(i + 100, "")] : [transformStamped(i, "odom")] }),
  },
  {
    topic: "/battery",
    type: "sensor_msgs/msg/BatteryState",
    definition: definition(
      [
        "uint8 POWER_SUPPLY_STATUS_DISCHARGING=2",
        "std_msgs/Header header",
        "float32 voltage",
        "float32 temperature",
        "float32 current",
        "float32 charge",
        "float32 capacity",
        "float32 design_capacity",
        "float32 percentage",
        "uint8 power_supply_status",
        "uint8 power_supply_health",
        "uint8 power_supply_technology",
        "bool present",
        "float32[] cell_voltage",
        "float32[] cell_temperature",
        "string location",
        "string serial_number",
      ].join("\n"),
      "std_msgs/Header",
      "builtin_interfaces/Time",
    ),
    // Even messages leave temperature, current, charge, capacity and design capacity unmeasured (NaN) and no cells.
    message: (i) => ({
      header: header(i, "battery"),
      voltage: 12.5 - i / 4,
      temperature: i % 2 ? 25.5 : Number.NaN,
      current: i % 2 ? -1.5 : Number.NaN,
      charge: i % 2 ? 2.25 : Number.NaN,
      capacity: i % 2 ? 4 : Number.NaN,
      design_capacity: i % 2 ? 5 : Number.NaN,
      percentage: 0.75 - i / 16,
      power_supply_status: 2,
      power_supply_health: 1,
      power_supply_technology: 3,
      present: true,
      cell_voltage: i % 2 ? [4.25, 4.125, 4.125] : [],
      cell_temperature: i % 2 ? [25, 26.5, 24.75] : [],
      location: "slot0",
      serial_number: `SN-${i}`,
    }),
  },
  {
    topic: "/camera/roi",
    type: "sensor_msgs/msg/RegionOfInterest",
    definition: "uint32 x_offset\nuint32 y_offset\nuint32 height\nuint32 width\nbool do_rectify",
    message: (i) => ({ x_offset: 8 * i, y_offset: 4, height: 120, width: 160 + i, do_rectify: i % 2 === 1 }),
  },
];

/** The MCAP: every channel's messages interleaved by log time (= publish time). */
export function geometryRecording(): Promise<Uint8Array<ArrayBuffer>> {
  return cdrRecording(geometryChannels, { count: COUNT, t0: T0, step: STEP });
}

/** tf2_msgs/TFMessage as `rosbag record` stores it in ROS 1 (Header with seq, `time` stamps), for a `ros1` MCAP channel. */
export const ROS1_TF_DEF = [
  "geometry_msgs/TransformStamped[] transforms",
  `${SEP}\nMSG: geometry_msgs/TransformStamped\nHeader header\nstring child_frame_id\nTransform transform`,
  `${SEP}\nMSG: std_msgs/Header\nuint32 seq\ntime stamp\nstring frame_id`,
  `${SEP}\nMSG: geometry_msgs/Transform\nVector3 translation\nQuaternion rotation`,
  `${SEP}\nMSG: geometry_msgs/Vector3\n${deps["geometry_msgs/Vector3"]}`,
  `${SEP}\nMSG: geometry_msgs/Quaternion\n${deps["geometry_msgs/Quaternion"]}`,
].join("\n");

/** A ROS 1 TF message: two transforms, headers with `seq` and `{ sec, nsec }` stamps. */
export const ros1Tf = (i: number) => ({
  transforms: ["base_link", "camera"].map((child, k) => ({
    header: { seq: 10 * i + k, stamp: { sec: 1_600_000_000, nsec: i * 1000 }, frame_id: k ? "base_link" : "odom" },
    child_frame_id: child,
    transform: { translation: { x: i, y: k, z: 0 }, rotation: { x: 0, y: 0, z: 0, w: 1 } },
  })),
});

/** An MCAP with one `ros1` channel of tf2_msgs/TFMessage (ros1msg schema), COUNT messages. */
export async function ros1TfRecording(): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = new TempBuffer();
  const writer = new McapWriter({ writable: buffer, useChunks: true });
  await writer.start({ profile: "ros1", library: "mosaico-web tests" });
  const schemaId = await writer.registerSchema({ name: "tf2_msgs/TFMessage", encoding: "ros1msg", data: new TextEncoder().encode(ROS1_TF_DEF) });
  const channelId = await writer.registerChannel({ topic: "/tf", schemaId, messageEncoding: "ros1", metadata: new Map() });
  const ros1 = new Ros1Writer(parse(ROS1_TF_DEF));
  for (let i = 0; i < COUNT; i++) {
    const t = T0 + BigInt(i) * STEP;
    await writer.addMessage({ channelId, sequence: i, logTime: t, publishTime: t, data: ros1.writeMessage(ros1Tf(i)) });
  }
  await writer.end();
  return new Uint8Array(buffer.get());
}
