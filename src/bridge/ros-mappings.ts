/**
 * ROS message type -> built-in ontology model, both ways, as the Python SDK's
 * ROS bridge maps them (mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/:
 * sensor_msgs.py, geometry_msgs.py, nav_msgs.py, std_msgs.py). Their choices,
 * kept here: the header becomes the model's `header` (stamp -> timestamp,
 * frame_id, seq -> sample_counter); an all-zero covariance means "not
 * provided" and is left out; an IMU orientation whose covariance[0] is -1 is
 * absent; NavSatFix keeps latitude/longitude/altitude as position x/y/z;
 * Temperature is stored in kelvin; a variance of 0 means unknown. Going back,
 * what the model lacks gets the ROS defaults those adapters write (zeros,
 * orientation covariance [-1, ...], status -1).
 */
import type { OntologyModelBase } from "../ontology/define-ontology.js";
import {
  BooleanValue,
  CameraInfo,
  CompressedImage,
  Floating32,
  Floating64,
  GPS,
  IMU,
  Image,
  Integer16,
  Integer32,
  Integer64,
  Integer8,
  Magnetometer,
  MotionState,
  NMEASentence,
  Pose,
  Pressure,
  RobotJoint,
  StringValue,
  Temperature,
  Unsigned16,
  Unsigned32,
  Unsigned64,
  Unsigned8,
  Velocity,
} from "../ontology/builtins/index.js";

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

const KELVIN = 273.15;

function headerFrom(header: RosObject | undefined): RosObject | undefined {
  if (!header || typeof header !== "object" || !header.stamp) return undefined;
  const out: RosObject = {
    timestamp: { seconds: BigInt(header.stamp.sec ?? 0), nanoseconds: BigInt(header.stamp.nanosec ?? header.stamp.nsec ?? 0) },
    frame_id: header.frame_id ?? "",
  };
  if (header.seq !== undefined) out.sample_counter = BigInt(header.seq);
  return out;
}

function headerTo(header: RosObject | undefined): RosObject {
  const time = header?.timestamp;
  return { stamp: { sec: Number(time?.seconds ?? 0), nanosec: Number(time?.nanoseconds ?? 0) }, frame_id: header?.frame_id ?? "" };
}

/** The Python adapters' `_is_valid_covariance`: present and not all zeros. */
function covariance(values: ArrayLike<number> | undefined): number[] | undefined {
  if (!values || values.length === 0) return undefined;
  const list = Array.from(values);
  return list.some((v) => v !== 0) ? list : undefined;
}

function withHeader(sample: RosObject, header: RosObject | undefined): RosObject {
  const h = headerFrom(header);
  if (h) sample.header = h;
  return sample;
}

function withCovariance<T extends RosObject>(target: T, values: ArrayLike<number> | undefined): T {
  const c = covariance(values);
  if (c) (target as RosObject).covariance = c;
  return target;
}

const xyz = (v: RosObject) => ({ x: v.x, y: v.y, z: v.z });
const xyzw = (v: RosObject) => ({ x: v.x, y: v.y, z: v.z, w: v.w });
const zeros = (n: number) => new Array<number>(n).fill(0);
const orZeros = (values: ArrayLike<number> | undefined, n: number) => (values && values.length === n ? Array.from(values) : zeros(n));

function poseFrom(message: RosObject): RosObject {
  // Recursive unwrapping of PoseStamped / PoseWithCovariance(Stamped), as PoseAdapter.from_dict.
  if (message.pose && typeof message.pose === "object") {
    const inner = poseFrom(message.pose);
    withHeader(inner, message.header);
    return withCovariance(inner, message.covariance);
  }
  return { position: xyz(message.position), orientation: xyzw(message.orientation) };
}

function poseTo(row: RosObject, msgtype: string): RosObject {
  const pose = { position: xyz(row.position), orientation: xyzw(row.orientation) };
  const withCov = { pose, covariance: orZeros(row.covariance, 36) };
  switch (msgtype) {
    case "geometry_msgs/msg/PoseStamped":
      return { header: headerTo(row.header), pose };
    case "geometry_msgs/msg/PoseWithCovariance":
      return withCov;
    case "geometry_msgs/msg/PoseWithCovarianceStamped":
      return { header: headerTo(row.header), pose: withCov };
    default:
      return pose;
  }
}

function twistFrom(message: RosObject): RosObject {
  if (message.twist && typeof message.twist === "object") {
    const inner = twistFrom(message.twist);
    withHeader(inner, message.header);
    return withCovariance(inner, message.covariance);
  }
  return { linear: xyz(message.linear), angular: xyz(message.angular) };
}

function twistTo(row: RosObject, msgtype: string): RosObject {
  const zero = { x: 0, y: 0, z: 0 };
  const twist = { linear: row.linear ? xyz(row.linear) : zero, angular: row.angular ? xyz(row.angular) : zero };
  const withCov = { twist, covariance: orZeros(row.covariance, 36) };
  switch (msgtype) {
    case "geometry_msgs/msg/TwistStamped":
      return { header: headerTo(row.header), twist };
    case "geometry_msgs/msg/TwistWithCovariance":
      return withCov;
    case "geometry_msgs/msg/TwistWithCovarianceStamped":
      return { header: headerTo(row.header), twist: withCov };
    default:
      return twist;
  }
}

/** CompressedImageAdapter.from_dict: the codec out of the image_transport format string. */
function compressedFormat(format: string): string {
  if (!format) return "png";
  const parts = format.split(/\s+/).filter(Boolean);
  if (parts.length === 1) return parts[0]!.toLowerCase();
  const depth = parts.includes("compressedDepth");
  const color = parts.includes("compressed");
  if (depth === color) return "raw";
  const codec = color ? (parts[1] ?? "png") : (parts[2] ?? "png");
  return codec.replace(/;$/, "").toLowerCase();
}

const imu: RosMapping = {
  msgtypes: ["sensor_msgs/msg/Imu"],
  model: IMU,
  fromRos(m) {
    const sample: RosObject = {
      acceleration: withCovariance(xyz(m.linear_acceleration), m.linear_acceleration_covariance),
      angular_velocity: withCovariance(xyz(m.angular_velocity), m.angular_velocity_covariance),
    };
    // IMUAdapter._is_data_available: orientation_covariance[0] == -1 means "no orientation".
    const oc = m.orientation_covariance as ArrayLike<number> | undefined;
    if (oc && oc.length > 0 && oc[0] !== -1 && m.orientation) sample.orientation = withCovariance(xyzw(m.orientation), oc);
    return withHeader(sample, m.header);
  },
  toRos(r) {
    const orientation = r.orientation ? xyzw(r.orientation) : { x: 0, y: 0, z: 0, w: 0 };
    return {
      header: headerTo(r.header),
      orientation,
      orientation_covariance: r.orientation ? orZeros(r.orientation.covariance, 9) : new Array<number>(9).fill(-1),
      angular_velocity: xyz(r.angular_velocity),
      angular_velocity_covariance: orZeros(r.angular_velocity.covariance, 9),
      linear_acceleration: xyz(r.acceleration),
      linear_acceleration_covariance: orZeros(r.acceleration.covariance, 9),
    };
  },
};

const gps: RosMapping = {
  msgtypes: ["sensor_msgs/msg/NavSatFix"],
  model: GPS,
  fromRos(m) {
    const position: RosObject = { x: m.latitude, y: m.longitude, z: m.altitude };
    const c = covariance(m.position_covariance);
    if (c) Object.assign(position, { covariance: c, covariance_type: m.position_covariance_type });
    const sample: RosObject = { position };
    if (m.status && m.status.status >= -1) sample.status = { status: m.status.status, service: m.status.service };
    return withHeader(sample, m.header);
  },
  toRos(r) {
    return {
      header: headerTo(r.header),
      status: { status: r.status?.status ?? -1, service: r.status?.service ?? 0 },
      latitude: r.position.x,
      longitude: r.position.y,
      altitude: r.position.z,
      position_covariance: orZeros(r.position.covariance, 9),
      position_covariance_type: r.position.covariance_type ?? 0,
    };
  },
};

const compressedImage: RosMapping = {
  msgtypes: ["sensor_msgs/msg/CompressedImage"],
  model: CompressedImage,
  fromRos: (m) => withHeader({ data: m.data, format: compressedFormat(m.format) }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), format: r.format, data: r.data }),
};

const image: RosMapping = {
  msgtypes: ["sensor_msgs/msg/Image"],
  model: Image,
  fromRos: (m) =>
    withHeader(
      { data: m.data, format: "raw", width: m.width, height: m.height, stride: m.step, is_bigendian: Boolean(m.is_bigendian), encoding: m.encoding },
      m.header,
    ),
  toRos: (r) => ({
    header: headerTo(r.header),
    height: r.height,
    width: r.width,
    encoding: r.encoding ?? "",
    is_bigendian: r.is_bigendian ? 1 : 0,
    step: r.stride ?? 0,
    data: r.data,
  }),
};

const pose: RosMapping = {
  msgtypes: ["geometry_msgs/msg/Pose", "geometry_msgs/msg/PoseStamped", "geometry_msgs/msg/PoseWithCovariance", "geometry_msgs/msg/PoseWithCovarianceStamped"],
  model: Pose,
  fromRos: poseFrom,
  toRos: poseTo,
};

const velocity: RosMapping = {
  msgtypes: ["geometry_msgs/msg/Twist", "geometry_msgs/msg/TwistStamped", "geometry_msgs/msg/TwistWithCovariance", "geometry_msgs/msg/TwistWithCovarianceStamped"],
  model: Velocity,
  fromRos: twistFrom,
  toRos: twistTo,
};

const odometry: RosMapping = {
  msgtypes: ["nav_msgs/msg/Odometry"],
  model: MotionState,
  fromRos: (m) => withHeader({ target_frame_id: m.child_frame_id, pose: poseFrom(m.pose), velocity: twistFrom(m.twist) }, m.header),
  toRos: (r) => ({
    header: headerTo(r.header),
    child_frame_id: r.target_frame_id,
    pose: poseTo(r.pose, "geometry_msgs/msg/PoseWithCovariance"),
    twist: twistTo(r.velocity, "geometry_msgs/msg/TwistWithCovariance"),
  }),
};

const jointState: RosMapping = {
  msgtypes: ["sensor_msgs/msg/JointState"],
  model: RobotJoint,
  fromRos: (m) =>
    withHeader({ names: [...m.name], positions: Array.from(m.position), velocities: Array.from(m.velocity), efforts: Array.from(m.effort) }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), name: r.names, position: r.positions, velocity: r.velocities, effort: r.efforts }),
};

const temperature: RosMapping = {
  msgtypes: ["sensor_msgs/msg/Temperature"],
  model: Temperature,
  fromRos(m) {
    const sample: RosObject = { value: m.temperature + KELVIN };
    if (m.variance > 0) sample.variance = m.variance;
    return withHeader(sample, m.header);
  },
  toRos: (r) => ({ header: headerTo(r.header), temperature: r.value - KELVIN, variance: r.variance ?? 0 }),
};

const pressure: RosMapping = {
  msgtypes: ["sensor_msgs/msg/FluidPressure"],
  model: Pressure,
  fromRos(m) {
    const sample: RosObject = { value: m.fluid_pressure };
    if (m.variance > 0) sample.variance = m.variance;
    return withHeader(sample, m.header);
  },
  toRos: (r) => ({ header: headerTo(r.header), fluid_pressure: r.value, variance: r.variance ?? 0 }),
};

const magnetometer: RosMapping = {
  msgtypes: ["sensor_msgs/msg/MagneticField"],
  model: Magnetometer,
  fromRos: (m) => withHeader({ magnetic_field: withCovariance(xyz(m.magnetic_field), m.magnetic_field_covariance) }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), magnetic_field: xyz(r.magnetic_field), magnetic_field_covariance: orZeros(r.magnetic_field.covariance, 9) }),
};

const nmea: RosMapping = {
  msgtypes: ["nmea_msgs/msg/Sentence"],
  model: NMEASentence,
  fromRos: (m) => withHeader({ sentence: m.sentence }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), sentence: r.sentence }),
};

const cameraInfo: RosMapping = {
  msgtypes: ["sensor_msgs/msg/CameraInfo"],
  model: CameraInfo,
  fromRos(m) {
    const sample: RosObject = {
      height: m.height,
      width: m.width,
      distortion_model: m.distortion_model,
      distortion_parameters: Array.from(m.d ?? m.D ?? []),
      intrinsic_parameters: Array.from(m.k ?? m.K ?? []),
      rectification_parameters: Array.from(m.r ?? m.R ?? []),
      projection_parameters: Array.from(m.p ?? m.P ?? []),
    };
    if (m.binning_x > 1 && m.binning_y > 1) sample.binning = { x: m.binning_x, y: m.binning_y };
    const roi = m.roi;
    if (roi && (roi.x_offset || roi.y_offset || roi.height || roi.width || roi.do_rectify)) {
      sample.roi = { offset: { x: roi.x_offset, y: roi.y_offset }, height: roi.height, width: roi.width, do_rectify: roi.do_rectify };
    }
    return withHeader(sample, m.header);
  },
  toRos: (r) => ({
    header: headerTo(r.header),
    height: r.height,
    width: r.width,
    distortion_model: r.distortion_model,
    d: r.distortion_parameters,
    k: r.intrinsic_parameters,
    r: r.rectification_parameters,
    p: r.projection_parameters,
    binning_x: r.binning?.x ?? 0,
    binning_y: r.binning?.y ?? 0,
    roi: {
      x_offset: r.roi?.offset?.x ?? 0,
      y_offset: r.roi?.offset?.y ?? 0,
      height: r.roi?.height ?? 0,
      width: r.roi?.width ?? 0,
      do_rectify: r.roi?.do_rectify ?? false,
    },
  }),
};

/** std_msgs scalars: `{ data }` both ways, no header (GenericStdAdapter). */
function scalar(msgtype: string, model: OntologyModelBase): RosMapping {
  return { msgtypes: [msgtype], model, fromRos: (m) => ({ data: m.data }), toRos: (r) => ({ data: r.data }) };
}

/**
 * The mapping table, in the order the Python ROS bridge registers its default
 * adapters. A message type not listed becomes a generic topic.
 */
export const rosMappings: readonly RosMapping[] = Object.freeze([
  imu,
  gps,
  compressedImage,
  image,
  cameraInfo,
  pose,
  velocity,
  odometry,
  jointState,
  temperature,
  pressure,
  magnetometer,
  nmea,
  scalar("std_msgs/msg/String", StringValue),
  scalar("std_msgs/msg/Bool", BooleanValue),
  scalar("std_msgs/msg/Int8", Integer8),
  scalar("std_msgs/msg/Int16", Integer16),
  scalar("std_msgs/msg/Int32", Integer32),
  scalar("std_msgs/msg/Int64", Integer64),
  scalar("std_msgs/msg/UInt8", Unsigned8),
  scalar("std_msgs/msg/UInt16", Unsigned16),
  scalar("std_msgs/msg/UInt32", Unsigned32),
  scalar("std_msgs/msg/UInt64", Unsigned64),
  scalar("std_msgs/msg/Float32", Floating32),
  scalar("std_msgs/msg/Float64", Floating64),
]);

/** The mapping of a ROS message type (`sensor_msgs/msg/Imu`), or undefined. */
export function rosMappingOf(msgtype: string): RosMapping | undefined {
  return rosMappings.find((m) => m.msgtypes.includes(msgtype));
}

/** The mapping that writes topics of an ontology tag back to ROS (the ontology-tag fallback of the export). */
export function rosMappingOfTag(tag: string): RosMapping | undefined {
  return rosMappings.find((m) => m.model.tag === tag);
}
