/**
 * MCAP fixtures generated in the tests with the ecosystem's own writers
 * (@mcap/core's McapWriter, @foxglove/rosmsg2-serialization's MessageWriter):
 * nothing is downloaded. The messages follow the shapes the Python SDK's ROS
 * bridge reads, as in the examples of its adapters:
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/sensor_msgs.py @ 3bc3136b1de8ee433c09a442eaa28c223872fdd5
 *     (IMUAdapter, GPSAdapter, CompressedImageAdapter: header -> header, log time -> timestamp_ns,
 *      all-zero covariance = none, orientation_covariance[0] = -1 = no orientation)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapter_base.py @ 027c7d6075a209ae5b4f8e4eb5a96f0c69639cc2
 *     (ROSAdapterBase.translate: timestamp_ns = bag timestamp; RosSchemaMetadata `_ros_`: msgtype, msgdef, enums)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/mcap/adapter_base.py @ 027c7d6075a209ae5b4f8e4eb5a96f0c69639cc2
 *     (MCAPSchemaMetadata `_mcap_`: channel_name, channel_encoding, schema_name, schema_encoding, schema_def)
 */
import { McapWriter, TempBuffer } from "@mcap/core";
import { builtinRos2Definition } from "../../../src/bridge/index.js";
import { registerCdrChannels } from "./cdr-round-trip.js";

export const T0 = 1_700_000_000_000_000_000n;
export const STEP = 10_000_000n; // 100 Hz

/** A custom message type no model covers (generic topic: dotted columns, list columns). */
export const CUSTOM_DEF = [
  "std_msgs/Header header",
  "float64 speed",
  "int64 ticks",
  "float32[] wheel_speeds",
  "my_pkg/Wheel[] wheels",
  "geometry_msgs/Vector3 offset",
  "uint8 MODE_IDLE=0",
  "uint8 MODE_DRIVE=1",
  "uint8 mode",
  "=".repeat(80),
  "MSG: std_msgs/Header",
  "builtin_interfaces/Time stamp",
  "string frame_id",
  "=".repeat(80),
  "MSG: my_pkg/Wheel",
  "string name",
  "float64 angle",
  "=".repeat(80),
  "MSG: geometry_msgs/Vector3",
  "float64 x",
  "float64 y",
  "float64 z",
].join("\n");

const header = (i: number, frame: string) => ({ stamp: { sec: 1_700_000_000 + Math.floor(i / 100), nanosec: (i % 100) * 10_000_000 }, frame_id: frame });

export function imuMessage(i: number) {
  return {
    header: header(i, "imu_link"),
    orientation: { x: 0, y: 0, z: Math.sin(i / 100), w: Math.cos(i / 100) },
    orientation_covariance: i % 2 === 0 ? [0.01, 0, 0, 0, 0.01, 0, 0, 0, 0.01] : [-1, 0, 0, 0, 0, 0, 0, 0, 0],
    angular_velocity: { x: 0.01 * i, y: 0, z: 0.1 },
    angular_velocity_covariance: new Array(9).fill(0),
    linear_acceleration: { x: i / 10, y: 0.5, z: 9.81 },
    linear_acceleration_covariance: [0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1],
  };
}

export function gpsMessage(i: number) {
  return {
    header: header(i, "gps"),
    status: { status: 0, service: 1 },
    latitude: 45.5 + i * 1e-6,
    longitude: -122.5,
    altitude: 100 + i,
    position_covariance: [1, 0, 0, 0, 1, 0, 0, 0, 4],
    position_covariance_type: 2,
  };
}

export function imageMessage(i: number) {
  return { header: header(i, "camera"), format: "jpeg", data: Uint8Array.from({ length: 64 + i }, (_, k) => (k * 7 + i) & 0xff) };
}

export function customMessage(i: number) {
  return {
    header: header(i, "base_link"),
    speed: i * 0.5,
    ticks: BigInt(i) * 1000n,
    wheel_speeds: Float32Array.from([i, i + 1, i + 2, i + 3]),
    wheels: [
      { name: "left", angle: i / 100 },
      { name: "right", angle: -i / 100 },
    ],
    offset: { x: 1, y: 2, z: 3 },
    mode: i % 2,
  };
}

interface ChannelSpec {
  topic: string;
  type: string;
  definition: string;
  message: (i: number) => unknown;
  count: number;
  /** Steps between messages (in STEP units). */
  every: number;
}

export const channels: ChannelSpec[] = [
  { topic: "/imu", type: "sensor_msgs/msg/Imu", definition: builtinRos2Definition("sensor_msgs/msg/Imu")!, message: imuMessage, count: 200, every: 1 },
  { topic: "/gps", type: "sensor_msgs/msg/NavSatFix", definition: builtinRos2Definition("sensor_msgs/msg/NavSatFix")!, message: gpsMessage, count: 20, every: 10 },
  {
    topic: "/camera/compressed",
    type: "sensor_msgs/msg/CompressedImage",
    definition: builtinRos2Definition("sensor_msgs/msg/CompressedImage")!,
    message: imageMessage,
    count: 10,
    every: 20,
  },
  { topic: "/wheel_state", type: "my_pkg/msg/WheelState", definition: CUSTOM_DEF, message: customMessage, count: 50, every: 4 },
];

export interface FixtureOptions {
  useChunks?: boolean;
  /** Adds a JSON channel with a JSON Schema. */
  json?: boolean;
}

/** A ROS 2 MCAP recording (rosbag2 layout: `ros2msg` schemas, `cdr` messages), messages in log-time order. */
export async function ros2Recording(options: FixtureOptions = {}): Promise<Uint8Array> {
  const buffer = new TempBuffer();
  const writer = new McapWriter({ writable: buffer, useChunks: options.useChunks ?? true, chunkSize: 16 * 1024 });
  await writer.start({ profile: "ros2", library: "mosaico-web tests" });
  const ids = await registerCdrChannels(writer, channels);
  let jsonChannel = -1;
  if (options.json) {
    const schema = { type: "object", properties: { label: { type: "string" }, score: { type: "number" }, pos: { type: "object", properties: { x: { type: "number" }, y: { type: "number" } } }, tags: { type: "array", items: { type: "string" } } } };
    const schemaId = await writer.registerSchema({ name: "detections.Label", encoding: "jsonschema", data: new TextEncoder().encode(JSON.stringify(schema)) });
    jsonChannel = await writer.registerChannel({ topic: "/labels", schemaId, messageEncoding: "json", metadata: new Map() });
  }
  // Interleave by log time, as a recorder writes them.
  const events: Array<{ t: bigint; write: () => Promise<void> }> = [];
  for (const { id, spec, cdr } of ids) {
    for (let i = 0; i < spec.count; i++) {
      const t = T0 + BigInt(i * spec.every) * STEP;
      events.push({ t, write: () => writer.addMessage({ channelId: id, sequence: i, logTime: t, publishTime: t, data: cdr.writeMessage(spec.message(i * spec.every)) }) });
    }
  }
  if (options.json) {
    for (let i = 0; i < 5; i++) {
      const t = T0 + BigInt(i * 40 + 1) * STEP;
      const body = JSON.stringify({ label: `car${i}`, score: i / 5, pos: { x: i, y: -i }, tags: ["a", `t${i}`] });
      events.push({ t, write: () => writer.addMessage({ channelId: jsonChannel, sequence: i, logTime: t, publishTime: t, data: new TextEncoder().encode(body) }) });
    }
  }
  events.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  for (const e of events) await e.write();
  await writer.end();
  return buffer.get();
}
