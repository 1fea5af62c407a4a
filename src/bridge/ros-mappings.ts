/**
 * ROS message type -> built-in ontology model, both ways, as the Python SDK's
 * ROS bridge maps them (mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/:
 * sensor_msgs.py, geometry_msgs.py, nav_msgs.py, std_msgs.py, tf2_msgs.py; the
 * geometry_msgs and tf2_msgs families are in ros-geometry-mappings.ts, nav_msgs
 * Path and grids in ros-nav-mappings.ts, and the mappings onto the bridge's own
 * models next to each model: battery-state.ts, laser-scan.ts, joy.ts, header.ts). Their choices,
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
  Pressure,
  ROI,
  RobotJoint,
  StringValue,
  Temperature,
  Unsigned16,
  Unsigned32,
  Unsigned64,
  Unsigned8,
} from "../ontology/builtins/index.js";
import { batteryState } from "./battery-state.js";
import { stdHeader } from "./header.js";
import { joy } from "./joy.js";
import { laserScan, multiEchoLaserScan } from "./laser-scan.js";
import {
  acceleration,
  inertia,
  point,
  polygon,
  pose,
  poseFrom,
  poseTo,
  quaternion,
  tfMessage,
  transform,
  twistFrom,
  twistTo,
  vector3,
  velocity,
  wrench,
} from "./ros-geometry-mappings.js";
import { gridCells, mapMetadata, occupancyGrid, robotPath } from "./ros-nav-mappings.js";
import { covariance, headerTo, orZeros, withCovariance, withHeader, xyz, xyzw, type RosMapping, type RosObject } from "./ros-mapping-kit.js";

export type { RosMapping, RosObject } from "./ros-mapping-kit.js";

const KELVIN = 273.15;

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

/** ROIAdapter: sensor_msgs/msg/RegionOfInterest -> ROI (no header in ROS); back, `do_rectify` false when absent. */
const regionOfInterest: RosMapping = {
  msgtypes: ["sensor_msgs/msg/RegionOfInterest"],
  model: ROI,
  fromRos: (m) => ({ offset: { x: m.x_offset, y: m.y_offset }, height: m.height, width: m.width, do_rectify: m.do_rectify }),
  toRos: (r) => ({ x_offset: Math.trunc(r.offset.x), y_offset: Math.trunc(r.offset.y), height: r.height, width: r.width, do_rectify: r.do_rectify ?? false }),
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
  regionOfInterest,
  pose,
  velocity,
  acceleration,
  vector3,
  point,
  quaternion,
  transform,
  wrench,
  polygon,
  inertia,
  tfMessage,
  odometry,
  robotPath,
  gridCells,
  mapMetadata,
  occupancyGrid,
  jointState,
  batteryState,
  laserScan,
  multiEchoLaserScan,
  joy,
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
  stdHeader,
]);

/** The mapping of a ROS message type (`sensor_msgs/msg/Imu`), or undefined. */
export function rosMappingOf(msgtype: string): RosMapping | undefined {
  return rosMappings.find((m) => m.msgtypes.includes(msgtype));
}

/** The mapping that writes topics of an ontology tag back to ROS (the ontology-tag fallback of the export). */
export function rosMappingOfTag(tag: string): RosMapping | undefined {
  return rosMappings.find((m) => m.model.tag === tag);
}
