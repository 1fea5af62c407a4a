/**
 * nav_msgs -> models, both ways, as the Python ROS bridge's adapters map them (mosaico-labs/mosaico@95c6bf95,
 * mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/nav_msgs.py; nav_msgs/Odometry is in ros-mappings.ts):
 * RobotPathAdapter (each PoseStamped a Pose with its header, back as PoseStamped), GridCellsAdapter (each
 * Point a Point3d), MapMetadataAdapter (TimeAdapter for `map_load_time`, PoseAdapter for `origin`; no header)
 * and OccupancyGridAdapter (`info` as MapMetadata, `data` as recorded).
 */
import { GridCells, MapMetadata, OccupancyGrid } from "./grids.js";
import { RobotPath } from "./robot-path.js";
import { pose } from "./ros-geometry-mappings.js";
import { headerTo, withHeader, xyz, type RosMapping, type RosObject } from "./ros-mapping-kit.js";

const POSE_STAMPED = "geometry_msgs/msg/PoseStamped";
const list = (values: unknown) => Array.from((values ?? []) as ArrayLike<RosObject>);

/** RobotPathAdapter: nav_msgs/msg/Path -> RobotPath. */
export const robotPath: RosMapping = {
  msgtypes: ["nav_msgs/msg/Path"],
  model: RobotPath,
  fromRos: (m) => withHeader({ poses: list(m.poses).map(pose.fromRos) }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), poses: list(r.poses).map((p) => pose.toRos(p, POSE_STAMPED)) }),
};

/** GridCellsAdapter: nav_msgs/msg/GridCells -> GridCells. */
export const gridCells: RosMapping = {
  msgtypes: ["nav_msgs/msg/GridCells"],
  model: GridCells,
  fromRos: (m) => withHeader({ cell_width: m.cell_width, cell_height: m.cell_height, cells: list(m.cells).map(xyz) }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), cell_width: r.cell_width, cell_height: r.cell_height, cells: list(r.cells).map(xyz) }),
};

/** MapMetadataAdapter.from_dict (ROS 1 `time` as `{sec, nsec}` too). */
function mapMetadataFrom(m: RosObject): RosObject {
  const time = m.map_load_time ?? {};
  return {
    map_load_time: { seconds: BigInt(time.sec ?? 0), nanoseconds: BigInt(time.nanosec ?? time.nsec ?? 0) },
    resolution: m.resolution,
    width: m.width,
    height: m.height,
    origin: pose.fromRos(m.origin),
  };
}

/** MapMetadataAdapter.to_ros: the origin as a plain Pose. */
function mapMetadataTo(r: RosObject): RosObject {
  const time = r.map_load_time;
  return {
    map_load_time: { sec: Number(time?.seconds ?? 0), nanosec: Number(time?.nanoseconds ?? 0) },
    resolution: r.resolution,
    width: r.width,
    height: r.height,
    origin: pose.toRos(r.origin, "geometry_msgs/msg/Pose"),
  };
}

/** MapMetadataAdapter: nav_msgs/msg/MapMetaData -> MapMetadata (no header, as upstream's model). */
export const mapMetadata: RosMapping = { msgtypes: ["nav_msgs/msg/MapMetaData"], model: MapMetadata, fromRos: mapMetadataFrom, toRos: mapMetadataTo };

/** OccupancyGridAdapter: nav_msgs/msg/OccupancyGrid -> OccupancyGrid. */
export const occupancyGrid: RosMapping = {
  msgtypes: ["nav_msgs/msg/OccupancyGrid"],
  model: OccupancyGrid,
  fromRos: (m) => withHeader({ info: mapMetadataFrom(m.info), data: Array.from(m.data ?? []) }, m.header),
  toRos: (r) => ({ header: headerTo(r.header), info: mapMetadataTo(r.info), data: Array.from(r.data ?? []) }),
};
