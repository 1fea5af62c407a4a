/**
 * TEST-ONLY ROS 1 bag writer and fixtures. @foxglove/rosbag only reads, so
 * this writes the documented bag format 2.0 layout (http://wiki.ros.org/Bags/Format/2.0):
 * the `#ROSBAG V2.0` line, a bag header record padded to 4096 bytes, uncompressed
 * chunks (connection and message data records) each followed by its index data
 * records, then the index: connection records and chunk info records. Message
 * bytes come from @foxglove/rosmsg-serialization's MessageWriter. Not a
 * general-purpose writer: md5sums are placeholders (readers do not check
 * them) and nothing is compressed. Do not use it outside the tests.
 *
 * The messages follow what the Python SDK's ROS bridge reads from ROS 1 bags:
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/loader.py @ 1fd33c3c14ab91ff0b2f6f116109cbe98d914e27
 *     (ROSLoader over rosbags' AnyReader: msgtype in the ROS 2 spelling, msgdef = the connection's
 *      definition text, timestamp_ns = bag_timestamp_ns, the record time)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/std_msgs.py @ 21405850fa77a08e9a7f771d7df1a35aaec66b54
 *     (HeaderAdapter.from_dict: sample_counter = the ROS 1 header's seq)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapter_base.py @ 027c7d6075a209ae5b4f8e4eb5a96f0c69639cc2
 *     (RosSchemaMetadata `_ros_`: msgtype, msgdef, enums)
 */
import { parse } from "@foxglove/rosmsg";
import { MessageWriter } from "@foxglove/rosmsg-serialization";

const SEP = "=".repeat(80);
const HEADER = "uint32 seq\ntime stamp\nstring frame_id";
const VECTOR3 = "float64 x\nfloat64 y\nfloat64 z";

/** ROS 1 definitions as `rosbag record` stores them (gendeps --cat: the type, then `MSG:` blocks). */
export const ROS1_IMU_DEF = [
  "Header header",
  "geometry_msgs/Quaternion orientation",
  "float64[9] orientation_covariance",
  "geometry_msgs/Vector3 angular_velocity",
  "float64[9] angular_velocity_covariance",
  "geometry_msgs/Vector3 linear_acceleration",
  "float64[9] linear_acceleration_covariance",
  SEP,
  "MSG: std_msgs/Header",
  HEADER,
  SEP,
  "MSG: geometry_msgs/Quaternion",
  "float64 x\nfloat64 y\nfloat64 z\nfloat64 w",
  SEP,
  "MSG: geometry_msgs/Vector3",
  VECTOR3,
].join("\n");

export const ROS1_NAVSATFIX_DEF = [
  "uint8 COVARIANCE_TYPE_UNKNOWN=0",
  "uint8 COVARIANCE_TYPE_APPROXIMATED=1",
  "uint8 COVARIANCE_TYPE_DIAGONAL_KNOWN=2",
  "uint8 COVARIANCE_TYPE_KNOWN=3",
  "Header header",
  "NavSatStatus status",
  "float64 latitude",
  "float64 longitude",
  "float64 altitude",
  "float64[9] position_covariance",
  "uint8 position_covariance_type",
  SEP,
  "MSG: std_msgs/Header",
  HEADER,
  SEP,
  "MSG: sensor_msgs/NavSatStatus",
  "int8 STATUS_NO_FIX=-1\nint8 STATUS_FIX=0\nint8 status\nuint16 SERVICE_GPS=1\nuint16 service",
].join("\n");

/** A custom type: nested message, list of messages, primitive arrays, a ROS 1 `time` field. */
export const ROS1_CUSTOM_DEF = [
  "uint8 MODE_IDLE=0",
  "uint8 MODE_DRIVE=1",
  "Header header",
  "float64 speed",
  "int64 ticks",
  "float32[] wheel_speeds",
  "my_pkg/Wheel[] wheels",
  "geometry_msgs/Vector3 offset",
  "time last_seen",
  "uint8 mode",
  SEP,
  "MSG: std_msgs/Header",
  HEADER,
  SEP,
  "MSG: my_pkg/Wheel",
  "string name\nfloat64 angle",
  SEP,
  "MSG: geometry_msgs/Vector3",
  VECTOR3,
].join("\n");

export const BAG_T0_SEC = 1_600_000_000;
/** The record time of message i of a channel, 10 ms apart. */
export const bagTimeNs = (i: number) => BigInt(BAG_T0_SEC) * 1_000_000_000n + BigInt(i) * 10_000_000n;
const stamp = (i: number) => ({ sec: BAG_T0_SEC + Math.floor(i / 100), nsec: (i % 100) * 10_000_000 });

export const ros1Imu = (i: number) => ({
  header: { seq: 1000 + i, stamp: stamp(i), frame_id: "imu_link" },
  orientation: { x: 0, y: 0, z: Math.sin(i / 10), w: Math.cos(i / 10) },
  orientation_covariance: i % 2 === 0 ? [0.02, 0, 0, 0, 0.02, 0, 0, 0, 0.02] : [-1, 0, 0, 0, 0, 0, 0, 0, 0],
  angular_velocity: { x: 0, y: 0.01 * i, z: 0 },
  angular_velocity_covariance: new Array(9).fill(0),
  linear_acceleration: { x: 0.5, y: i / 4, z: 9.8 },
  linear_acceleration_covariance: [0.2, 0, 0, 0, 0.2, 0, 0, 0, 0.2],
});

export const ros1Fix = (i: number) => ({
  header: { seq: i, stamp: stamp(i), frame_id: "gps" },
  status: { status: 0, service: 1 },
  latitude: 44.4 + i * 1e-5,
  longitude: 8.9,
  altitude: 20 + i,
  position_covariance: [2, 0, 0, 0, 2, 0, 0, 0, 5],
  position_covariance_type: 2,
});

export const ros1Custom = (i: number) => ({
  header: { seq: i, stamp: stamp(i), frame_id: "base_link" },
  speed: i * 0.25,
  ticks: BigInt(i) * 7n,
  wheel_speeds: Float32Array.from([i, -i]),
  wheels: [
    { name: "fl", angle: i / 8 },
    { name: "fr", angle: -i / 8 },
  ],
  offset: { x: 0.1, y: 0.2, z: 0.3 },
  last_seen: { sec: 100 + i, nsec: 5 },
  mode: i % 2,
});

export interface BagConnection {
  topic: string;
  type: string;
  definition: string;
  /** [index, message] pairs; index i is recorded at bagTimeNs(i). */
  messages: Array<[number, unknown]>;
}

const enc = new TextEncoder();
const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const u64 = (n: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
};
const time = (ns: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setUint32(0, Number(ns / 1_000_000_000n), true);
  new DataView(b.buffer).setUint32(4, Number(ns % 1_000_000_000n), true);
  return b;
};
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.byteLength), 0);
  return out;
};
/** `<len>name=value` fields, the header of every record. */
const fields = (values: Record<string, Uint8Array | string>) =>
  concat(
    Object.entries(values).flatMap(([name, value]) => {
      const body = concat([enc.encode(`${name}=`), typeof value === "string" ? enc.encode(value) : value]);
      return [u32(body.byteLength), body];
    }),
  );
const recordOf = (header: Record<string, Uint8Array | string>, data: Uint8Array) => {
  const h = fields(header);
  return concat([u32(h.byteLength), h, u32(data.byteLength), data]);
};
const op = (code: number) => Uint8Array.of(code);

function connectionRecord(id: number, c: BagConnection): Uint8Array {
  const data = fields({ topic: c.topic, type: c.type, md5sum: "0".repeat(32), message_definition: c.definition });
  return recordOf({ op: op(0x07), conn: u32(id), topic: c.topic }, data);
}

/** A bag of the connections, messages in time order, `chunkMessages` messages per chunk. Returns its bytes and each chunk's offset. */
export function writeBag(connections: BagConnection[], chunkMessages = 25): { bytes: Uint8Array; chunkPositions: number[] } {
  const writers = connections.map((c) => new MessageWriter(parse(c.definition)));
  const events = connections
    .flatMap((c, conn) => c.messages.map(([i, message]) => ({ conn, t: bagTimeNs(i), data: writers[conn]!.writeMessage(message) })))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.conn - b.conn));
  const magic = enc.encode("#ROSBAG V2.0\n");
  const body: Uint8Array[] = [];
  let offset = magic.byteLength + 4096;
  const chunkInfos: Uint8Array[] = [];
  const chunkPositions: number[] = [];
  const written = new Set<number>();
  for (let start = 0; start < events.length; start += chunkMessages) {
    const slice = events.slice(start, start + chunkMessages);
    const parts: Uint8Array[] = [];
    const index = new Map<number, Uint8Array[]>();
    let at = 0;
    for (const e of slice) {
      if (!written.has(e.conn)) {
        written.add(e.conn);
        const rec = connectionRecord(e.conn, connections[e.conn]!);
        parts.push(rec);
        at += rec.byteLength;
      }
      const rec = recordOf({ op: op(0x02), conn: u32(e.conn), time: time(e.t) }, e.data);
      index.set(e.conn, [...(index.get(e.conn) ?? []), concat([time(e.t), u32(at)])]);
      parts.push(rec);
      at += rec.byteLength;
    }
    const data = concat(parts);
    const chunk = recordOf({ op: op(0x05), compression: "none", size: u32(data.byteLength) }, data);
    const indexes = [...index.entries()].map(([conn, entries]) => recordOf({ op: op(0x04), ver: u32(1), conn: u32(conn), count: u32(entries.length) }, concat(entries)));
    chunkPositions.push(offset);
    const counts = [...index.entries()].map(([conn, entries]) => concat([u32(conn), u32(entries.length)]));
    chunkInfos.push(
      recordOf(
        { op: op(0x06), ver: u32(1), chunk_pos: u64(offset), start_time: time(slice[0]!.t), end_time: time(slice[slice.length - 1]!.t), count: u32(index.size) },
        concat(counts),
      ),
    );
    for (const part of [chunk, ...indexes]) {
      body.push(part);
      offset += part.byteLength;
    }
  }
  const indexPos = offset;
  const tail = concat([...connections.map((c, id) => connectionRecord(id, c)), ...chunkInfos]);
  const headerFields = fields({ op: op(0x03), index_pos: u64(indexPos), conn_count: u32(connections.length), chunk_count: u32(chunkInfos.length) });
  const padding = new Uint8Array(4096 - 8 - headerFields.byteLength).fill(0x20);
  const bagHeader = concat([u32(headerFields.byteLength), headerFields, u32(padding.byteLength), padding]);
  return { bytes: concat([magic, bagHeader, ...body, tail]), chunkPositions };
}

const range = (n: number, every = 1, from = 0) => Array.from({ length: n }, (_, k) => from + k * every);

/** The ROS 1 fixture: /imu (100 messages), /fix (10, every 10th tick), /wheel_state (a custom type, 20 after the others). */
export function ros1Bag(chunkMessages = 25) {
  return writeBag(
    [
      { topic: "/imu", type: "sensor_msgs/Imu", definition: ROS1_IMU_DEF, messages: range(100).map((i) => [i, ros1Imu(i)]) },
      { topic: "/fix", type: "sensor_msgs/NavSatFix", definition: ROS1_NAVSATFIX_DEF, messages: range(10, 10).map((i) => [i, ros1Fix(i)]) },
      { topic: "/wheel_state", type: "my_pkg/WheelState", definition: ROS1_CUSTOM_DEF, messages: range(20, 1, 200).map((i) => [i, ros1Custom(i)]) },
    ],
    chunkMessages,
  );
}
