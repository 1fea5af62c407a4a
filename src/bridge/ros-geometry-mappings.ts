/**
 * geometry_msgs and tf2_msgs -> models, both ways, as the Python ROS bridge's
 * adapters map them (mosaico-labs/mosaico@d6d08294,
 * mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/geometry_msgs.py; tf2_msgs.py @ 95c6bf95).
 * Each family is a leaf type and its envelopes: `Stamped` (a header and the
 * leaf under one key: `pose`, `twist`, `accel`, `vector`, `point`,
 * `quaternion`, `transform`, `wrench`) and, for the 6-DoF types,
 * `WithCovariance` (the leaf and a float64[36]). from_dict unwraps
 * recursively, keeping the header and the covariance of the levels it goes
 * through (a covariance of zeros is "not provided"); to_ros writes the kept
 * msgtype, with a zero header and a zero covariance for what the row lacks.
 * The first msgtype of each family is what upstream writes by default
 * (get_default_ros_msg: the first of `ros_msgtype`). PolygonAdapter and
 * InertiaAdapter (same file) unwrap their `Stamped` envelope the same way, into
 * the bridge's Polygon and Inertia models.
 */
import type { OntologyModelBase } from "../ontology/define-ontology.js";
import { Acceleration, ForceTorque, Point3d, Pose, Quaternion, Transform, Vector3d, Velocity } from "../ontology/builtins/index.js";
import { FrameTransform } from "./frame-transform.js";
import { Inertia } from "./inertia.js";
import { Polygon } from "./polygon.js";
import { headerTo, orZeros, withCovariance, withHeader, xyz, xyzw, type RosMapping, type RosObject } from "./ros-mapping-kit.js";

const isMessage = (value: unknown): value is RosObject => typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);

/** The recursive from_dict of the geometry adapters: the leaf under `key`, with the header and covariance met on the way. */
function unwrap(message: RosObject, key: string, leaf: (m: RosObject) => RosObject): RosObject {
  const inner = message[key];
  if (!isMessage(inner)) return leaf(message);
  const out = unwrap(inner, key, leaf);
  withHeader(out, message.header);
  return withCovariance(out, message.covariance);
}

/** The to_ros of the geometry adapters: the leaf, wrapped as `msgtype` asks. */
function wrap(base: string, key: string, leaf: RosObject, row: RosObject, msgtype: string): RosObject {
  const withCov = () => ({ [key]: leaf, covariance: orZeros(row.covariance, 36) });
  switch (msgtype) {
    case `${base}Stamped`:
      return { header: headerTo(row.header), [key]: leaf };
    case `${base}WithCovariance`:
      return withCov();
    case `${base}WithCovarianceStamped`:
      return { header: headerTo(row.header), [key]: withCov() };
    default:
      return leaf;
  }
}

interface Family {
  /** `geometry_msgs/msg/Pose`: the leaf type, its envelopes named after it. */
  base: string;
  key: string;
  model: OntologyModelBase;
  covariance: boolean;
  leafFrom(m: RosObject): RosObject;
  leafTo(row: RosObject): RosObject;
}

function family(f: Family): RosMapping {
  const envelopes = f.covariance ? ["Stamped", "WithCovariance", "WithCovarianceStamped"] : ["Stamped"];
  return {
    msgtypes: [f.base, ...envelopes.map((e) => f.base + e)],
    model: f.model,
    fromRos: (m) => unwrap(m, f.key, f.leafFrom),
    toRos: (row, msgtype) => wrap(f.base, f.key, f.leafTo(row), row, msgtype),
  };
}

const ZERO = { x: 0, y: 0, z: 0 };
const linearAngular = {
  leafFrom: (m: RosObject) => ({ linear: xyz(m.linear), angular: xyz(m.angular) }),
  // TwistAdapter/AccelAdapter.to_ros: a missing component is a zero vector.
  leafTo: (r: RosObject) => ({ linear: r.linear ? xyz(r.linear) : ZERO, angular: r.angular ? xyz(r.angular) : ZERO }),
};
const poseLeaf = {
  leafFrom: (m: RosObject) => ({ position: xyz(m.position), orientation: xyzw(m.orientation) }),
  leafTo: (r: RosObject) => ({ position: xyz(r.position), orientation: xyzw(r.orientation) }),
};

/** PoseAdapter: Pose, PoseStamped, PoseWithCovariance, PoseWithCovarianceStamped -> Pose. */
export const pose = family({ base: "geometry_msgs/msg/Pose", key: "pose", model: Pose, covariance: true, ...poseLeaf });
/** TwistAdapter: Twist and its envelopes -> Velocity. */
export const velocity = family({ base: "geometry_msgs/msg/Twist", key: "twist", model: Velocity, covariance: true, ...linearAngular });
/** AccelAdapter: Accel and its envelopes -> Acceleration. */
export const acceleration = family({ base: "geometry_msgs/msg/Accel", key: "accel", model: Acceleration, covariance: true, ...linearAngular });
/** Vector3Adapter: Vector3, Vector3Stamped -> Vector3d. */
export const vector3 = family({ base: "geometry_msgs/msg/Vector3", key: "vector", model: Vector3d, covariance: false, leafFrom: xyz, leafTo: xyz });
/** PointAdapter: Point, PointStamped -> Point3d. */
export const point = family({ base: "geometry_msgs/msg/Point", key: "point", model: Point3d, covariance: false, leafFrom: xyz, leafTo: xyz });
/** QuaternionAdapter: Quaternion, QuaternionStamped -> Quaternion. */
export const quaternion = family({ base: "geometry_msgs/msg/Quaternion", key: "quaternion", model: Quaternion, covariance: false, leafFrom: xyzw, leafTo: xyzw });
/** WrenchAdapter: Wrench, WrenchStamped -> ForceTorque (no covariance in ROS). */
export const wrench = family({
  base: "geometry_msgs/msg/Wrench",
  key: "wrench",
  model: ForceTorque,
  covariance: false,
  leafFrom: (m) => ({ force: xyz(m.force), torque: xyz(m.torque) }),
  leafTo: (r) => ({ force: xyz(r.force), torque: xyz(r.torque) }),
});

/** PolygonAdapter: Polygon, PolygonStamped -> Polygon, each Point32 a Point3d. */
export const polygon = family({
  base: "geometry_msgs/msg/Polygon",
  key: "polygon",
  model: Polygon,
  covariance: false,
  leafFrom: (m) => ({ points: Array.from(m.points as ArrayLike<RosObject>, xyz) }),
  leafTo: (r) => ({ points: Array.from((r.points ?? []) as ArrayLike<RosObject>, xyz) }),
});

/** InertiaAdapter: Inertia, InertiaStamped -> Inertia; `m` -> mass, `com` -> center_of_mass, the tensor as a list of six. */
export const inertia = family({
  base: "geometry_msgs/msg/Inertia",
  key: "inertia",
  model: Inertia,
  covariance: false,
  leafFrom: (m) => ({ mass: m.m, center_of_mass: xyz(m.com), inertia: [m.ixx, m.ixy, m.ixz, m.iyy, m.iyz, m.izz] }),
  leafTo: (r) => {
    const [ixx, ixy, ixz, iyy, iyz, izz] = Array.from(r.inertia as ArrayLike<number>);
    return { m: r.mass, com: xyz(r.center_of_mass), ixx, ixy, ixz, iyy, iyz, izz };
  },
});

/** Pose of a nav_msgs/Odometry (a PoseWithCovariance), as PoseAdapter.from_dict. */
export const poseFrom = pose.fromRos;
/** Pose -> the given pose msgtype. */
export const poseTo = pose.toRos;
/** Twist of a nav_msgs/Odometry (a TwistWithCovariance), as TwistAdapter.from_dict. */
export const twistFrom = velocity.fromRos;
/** Velocity -> the given twist msgtype. */
export const twistTo = velocity.toRos;

const TRANSFORM = "geometry_msgs/msg/Transform";
const TRANSFORM_STAMPED = "geometry_msgs/msg/TransformStamped";

/** TransformAdapter.from_dict: the header of a TransformStamped, and `child_frame_id` as `target_frame_id` when not empty. */
function transformFrom(m: RosObject): RosObject {
  const out = unwrap(m, "transform", (leaf) => ({ translation: xyz(leaf.translation), rotation: xyzw(leaf.rotation) }));
  if (isMessage(m.transform) && typeof m.child_frame_id === "string" && m.child_frame_id !== "") out.target_frame_id = m.child_frame_id;
  return out;
}

/** TransformAdapter.to_ros: `child_frame_id` is `target_frame_id`, or "" without one. */
function transformTo(r: RosObject, msgtype: string): RosObject {
  const transform = { translation: xyz(r.translation), rotation: xyzw(r.rotation) };
  if (msgtype !== TRANSFORM_STAMPED) return transform;
  return { header: headerTo(r.header), child_frame_id: r.target_frame_id ?? "", transform };
}

/** TransformAdapter: Transform, TransformStamped -> Transform. */
export const transform: RosMapping = { msgtypes: [TRANSFORM, TRANSFORM_STAMPED], model: Transform, fromRos: transformFrom, toRos: transformTo };

/**
 * FrameTransformAdapter: one TFMessage -> one FrameTransform row, every
 * TransformStamped of it a Transform of the list (its own header and
 * target_frame_id); back, each as a TransformStamped. The row's own header is
 * left out, as upstream (a TFMessage has none).
 */
export const tfMessage: RosMapping = {
  msgtypes: ["tf2_msgs/msg/TFMessage"],
  model: FrameTransform,
  fromRos: (m) => ({ transforms: Array.from(m.transforms as ArrayLike<RosObject>, transformFrom) }),
  toRos: (r) => ({ transforms: Array.from((r.transforms ?? []) as ArrayLike<RosObject>, (t) => transformTo(t, TRANSFORM_STAMPED)) }),
};
