/**
 * The pieces every ROS mapping shares (internal to the bridge): the mapping
 * shape, the header both ways (HeaderAdapter: stamp -> timestamp, frame_id,
 * ROS 1 seq -> sample_counter), the Python adapters' covariance rule (an
 * all-zero matrix means "not provided") and the zero defaults their `to_ros`
 * writes for what a model lacks.
 */
import type { OntologyModelBase } from "../ontology/define-ontology.js";

/** A decoded ROS message, or a row read back from a topic (plain objects, arrays, typed arrays, bigints). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RosObject = Record<string, any>;

/** How one family of ROS message types maps onto one ontology model. */
export interface RosMapping {
  /** The ROS 2 message types it reads (`sensor_msgs/msg/Imu`); the first is what it writes by default. */
  readonly msgtypes: readonly string[];
  /** The built-in model the topic is written with. */
  readonly model: OntologyModelBase;
  /** Decoded message -> sample of `model` (without `timestamp_ns`). */
  fromRos(message: RosObject): RosObject;
  /** Row of `model` -> message of `msgtype` (one of `msgtypes`), ready for CDR. */
  toRos(row: RosObject, msgtype: string): RosObject;
}

/** A ROS header as the model's `header`, or undefined when the message has none. */
export function headerFrom(header: RosObject | undefined): RosObject | undefined {
  if (!header || typeof header !== "object" || !header.stamp) return undefined;
  const out: RosObject = {
    timestamp: { seconds: BigInt(header.stamp.sec ?? 0), nanoseconds: BigInt(header.stamp.nanosec ?? header.stamp.nsec ?? 0) },
    frame_id: header.frame_id ?? "",
  };
  if (header.seq !== undefined) out.sample_counter = BigInt(header.seq);
  return out;
}

/** The model's `header` as a ROS 2 header; zero stamp and empty frame when absent (HeaderAdapter.to_ros). */
export function headerTo(header: RosObject | undefined): RosObject {
  const time = header?.timestamp;
  return { stamp: { sec: Number(time?.seconds ?? 0), nanosec: Number(time?.nanoseconds ?? 0) }, frame_id: header?.frame_id ?? "" };
}

/** The Python adapters' `_is_valid_covariance`: present and not all zeros. */
export function covariance(values: ArrayLike<number> | undefined): number[] | undefined {
  if (!values || values.length === 0) return undefined;
  const list = Array.from(values);
  return list.some((v) => v !== 0) ? list : undefined;
}

/** Sets `sample.header` from a ROS header, when there is one. */
export function withHeader(sample: RosObject, header: RosObject | undefined): RosObject {
  const h = headerFrom(header);
  if (h) sample.header = h;
  return sample;
}

/** Sets `target.covariance` when the ROS covariance is valid (see covariance()). */
export function withCovariance<T extends RosObject>(target: T, values: ArrayLike<number> | undefined): T {
  const c = covariance(values);
  if (c) (target as RosObject).covariance = c;
  return target;
}

/** `{ x, y, z }` of a vector or point. */
export const xyz = (v: RosObject) => ({ x: v.x, y: v.y, z: v.z });
/** `{ x, y, z, w }` of a quaternion. */
export const xyzw = (v: RosObject) => ({ x: v.x, y: v.y, z: v.z, w: v.w });
/** `n` zeros. */
export const zeros = (n: number) => new Array<number>(n).fill(0);
/** The values when there are exactly `n`, else `n` zeros (the Python `to_ros` default for a missing covariance). */
export const orZeros = (values: ArrayLike<number> | undefined, n: number) => (values && values.length === n ? Array.from(values) : zeros(n));
