/**
 * An MCAP of the sensor_msgs, geometry_msgs, nav_msgs and std_msgs types the Python ROS bridge maps beyond
 * the first table (LaserScan, MultiEchoLaserScan, Joy, Polygon[Stamped], Inertia[Stamped], Path, GridCells,
 * MapMetaData, OccupancyGrid, Header), generated with @mcap/core and
 * @foxglove/rosmsg2-serialization (nothing downloaded). The definitions are written out here from the
 * common_interfaces `.msg` files (Humble), not taken from the bridge, so an error in
 * src/bridge/ros2-definitions.ts does not hide itself. Float32 values are exactly representable, so the
 * rows compare as written. The messages follow the shapes and choices of the upstream adapters:
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/sensor_msgs.py @ 3bc3136b1de8ee433c09a442eaa28c223872fdd5
 *     (LaserScanAdapter: empty `intensities` -> None, to_ros `intensities or []`; MultiEchoLaserScanAdapter:
 *      each LaserEcho -> its `echoes`, empty intensities -> None, to_ros LaserEcho lists; JoyAdapter: axes
 *      float32, buttons int32, header; all with HeaderAdapter and `_is_valid_header`)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/geometry_msgs.py @ d6d08294c5242aa8b8fa6d2b259c3a8f02996bd8
 *     (PolygonAdapter: Polygon, PolygonStamped, recursive on `polygon`, points -> Point3d; InertiaAdapter:
 *      Inertia, InertiaStamped, recursive on `inertia`, m -> mass, com -> center_of_mass,
 *      [ixx, ixy, ixz, iyy, iyz, izz] -> inertia; the first msgtype of each the default of to_ros)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/nav_msgs.py @ 95c6bf9541ee5b4578c8e2364fc077ad5ed1169f
 *     (RobotPathAdapter: each PoseStamped -> PoseAdapter.from_dict, back as PoseStamped; GridCellsAdapter: each
 *      Point -> Point3d; MapMetadataAdapter: TimeAdapter for map_load_time, PoseAdapter for origin, no header;
 *      OccupancyGridAdapter: info -> MapMetadata, data as recorded, to_ros int8)
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapters/std_msgs.py @ 21405850fa77a08e9a7f771d7df1a35aaec66b54
 *     (HeaderAdapter: std_msgs/msg/Header -> Header: stamp -> timestamp, frame_id, seq -> sample_counter)
 *   mosaico-sdk-py/src/mosaicolabs/models/futures/grids.py @ 1d5a48e2f9a3a8c8e3489a00f52cab41f3e756ea
 *     (GridCells: float32 cell sizes, list<Point3d>; MapMetadata: Time, float32, uint32, uint32, Pose, no header;
 *      OccupancyGrid: MapMetadata info, list<int8> data); models/data/geometry.py @ 29190ead (RobotPath: list<Pose>);
 *      models/data/header.py @ 085b38987e6717355c09798df510883d32b348d0 (Header)
 *   mosaico-sdk-py/src/mosaicolabs/models/futures/laser.py @ 1519e5237529e77fdcc9c2ee485e9cb4f62aeae4
 *     (LaserScan, MultiEchoLaserScan: float32 scalars, list<float32> / list<list<float32>>, optional intensities)
 *   mosaico-sdk-py/src/mosaicolabs/models/sensors/joy.py @ 1c7e73f2bd3aa041326764030a5cb38f02e6dd6e
 *     (Joy: axes list<float32>, buttons list<int32>)
 *   mosaico-sdk-py/src/mosaicolabs/models/data/geometry.py @ 29190eada81f1c859dfd697c9e39a3e599924ad4
 *     (Polygon: points list<Point3d>); models/data/dynamics.py, the version models/data/__init__.py @ 29190ead
 *     exports (Inertia: mass float64, center_of_mass Vector3d, inertia list<float64>[6])
 *   mosaico-sdk-py/src/mosaicolabs/bridges/ros/adapter_base.py @ 027c7d6075a209ae5b4f8e4eb5a96f0c69639cc2
 *     (ROSAdapterBase.translate: timestamp_ns = the bag (log) timestamp, the header stays in the data)
 */
import { cdrRecording, STEP, T0, type CdrChannel } from "./cdr-round-trip.js";

export { STEP, T0 } from "./cdr-round-trip.js";
/** Five messages on each channel, one every STEP. */
export const COUNT = 5;

const SEP = "=".repeat(80);
const deps: Record<string, string> = {
  "std_msgs/Header": "builtin_interfaces/Time stamp\nstring frame_id",
  "builtin_interfaces/Time": "int32 sec\nuint32 nanosec",
  "geometry_msgs/Vector3": "float64 x\nfloat64 y\nfloat64 z",
  "geometry_msgs/Point32": "float32 x\nfloat32 y\nfloat32 z",
  "geometry_msgs/Polygon": "Point32[] points",
  "geometry_msgs/Inertia": "float64 m\ngeometry_msgs/Vector3 com\nfloat64 ixx\nfloat64 ixy\nfloat64 ixz\nfloat64 iyy\nfloat64 iyz\nfloat64 izz",
  "sensor_msgs/LaserEcho": "float32[] echoes",
  "geometry_msgs/Point": "float64 x\nfloat64 y\nfloat64 z",
  "geometry_msgs/Quaternion": "float64 x\nfloat64 y\nfloat64 z\nfloat64 w",
  "geometry_msgs/Pose": "Point position\nQuaternion orientation",
  "geometry_msgs/PoseStamped": "std_msgs/Header header\nPose pose",
  "nav_msgs/MapMetaData": "builtin_interfaces/Time map_load_time\nfloat32 resolution\nuint32 width\nuint32 height\ngeometry_msgs/Pose origin",
};
const POSE_DEPS = ["geometry_msgs/Pose", "geometry_msgs/Point", "geometry_msgs/Quaternion"];
const origin = (i: number) => ({ position: { x: -10 + i, y: -5, z: 0 }, orientation: { x: 0, y: 0, z: Math.sin(i / 10), w: Math.cos(i / 10) } });
const mapInfo = (i: number) => ({ map_load_time: { sec: 1_700_000_000, nanosec: 1000 * i }, resolution: 0.25, width: 3, height: 2, origin: origin(i) });

function definition(root: string, ...dependencies: string[]): string {
  return [root, ...dependencies.map((d) => `${SEP}\nMSG: ${d}\n${deps[d]}`)].join("\n");
}

const SCAN = ["float32 angle_min", "float32 angle_max", "float32 angle_increment", "float32 time_increment", "float32 scan_time", "float32 range_min", "float32 range_max"];
const header = (i: number, frame: string) => ({ stamp: { sec: 1_800_000_000, nanosec: i * 20_000_000 }, frame_id: frame });
const scan = (i: number) => ({
  angle_min: -1.5,
  angle_max: 1.5,
  angle_increment: 0.75,
  time_increment: 0.0078125,
  scan_time: 0.125,
  range_min: 0.25,
  range_max: 30 + i,
});
const points = (i: number) => [
  { x: i, y: 0, z: 0 },
  { x: i + 1, y: 0.5, z: 0 },
  { x: i + 1, y: 1.25, z: -0.25 },
];

export type AdapterChannel = CdrChannel;

export const adapterChannels: AdapterChannel[] = [
  {
    topic: "/scan",
    type: "sensor_msgs/msg/LaserScan",
    definition: definition(["std_msgs/Header header", ...SCAN, "float32[] ranges", "float32[] intensities"].join("\n"), "std_msgs/Header", "builtin_interfaces/Time"),
    // Odd messages carry no intensities: left out on import (None upstream), written back empty.
    message: (i) => ({ header: header(i, "laser"), ...scan(i), ranges: [1, 1.5 + i, 2.25, 4], intensities: i % 2 ? [] : [100, 110, 120.5, 99] }),
  },
  {
    topic: "/echoes",
    type: "sensor_msgs/msg/MultiEchoLaserScan",
    definition: definition(["std_msgs/Header header", ...SCAN, "sensor_msgs/LaserEcho[] ranges", "sensor_msgs/LaserEcho[] intensities"].join("\n"), "std_msgs/Header", "builtin_interfaces/Time", "sensor_msgs/LaserEcho"),
    // Even messages carry no intensities; the second beam of every scan has no echo.
    message: (i) => ({
      header: header(i, "laser"),
      ...scan(i),
      ranges: [{ echoes: [1, 1.25 + i] }, { echoes: [] }, { echoes: [3.5] }],
      intensities: i % 2 ? [{ echoes: [10, 5] }, { echoes: [] }, { echoes: [7.5] }] : [],
    }),
  },
  {
    topic: "/joy",
    type: "sensor_msgs/msg/Joy",
    definition: definition("std_msgs/Header header\nfloat32[] axes\nint32[] buttons", "std_msgs/Header", "builtin_interfaces/Time"),
    message: (i) => ({ header: header(i, "joy"), axes: [0, -1, i / 4], buttons: [i % 2, 1, 0, -1] }),
  },
  {
    topic: "/footprint",
    type: "geometry_msgs/msg/PolygonStamped",
    definition: definition("std_msgs/Header header\ngeometry_msgs/Polygon polygon", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Polygon", "geometry_msgs/Point32"),
    message: (i) => ({ header: header(i, "base_link"), polygon: { points: points(i) } }),
  },
  {
    topic: "/zone",
    type: "geometry_msgs/msg/Polygon",
    definition: definition(deps["geometry_msgs/Polygon"]!, "geometry_msgs/Point32"),
    // An empty polygon on message 2.
    message: (i) => ({ points: i === 2 ? [] : points(10 * i) }),
  },
  {
    topic: "/payload",
    type: "geometry_msgs/msg/InertiaStamped",
    definition: definition("std_msgs/Header header\ngeometry_msgs/Inertia inertia", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Inertia", "geometry_msgs/Vector3"),
    message: (i) => ({
      header: header(i, "payload"),
      inertia: { m: 2.5 + i, com: { x: 0.1, y: -0.2, z: 0.3 * i }, ixx: 1 + i, ixy: 0.01, ixz: -0.02, iyy: 2, iyz: 0.03, izz: 3 },
    }),
  },
  {
    topic: "/plan",
    type: "nav_msgs/msg/Path",
    definition: definition("std_msgs/Header header\ngeometry_msgs/PoseStamped[] poses", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/PoseStamped", ...POSE_DEPS),
    // Each pose with its own header; message 3 has an empty plan.
    message: (i) => ({ header: header(i, "map"), poses: i === 3 ? [] : [0, 1].map((k) => ({ header: header(100 + k, "odom"), pose: origin(i + k) })) }),
  },
  {
    topic: "/obstacles",
    type: "nav_msgs/msg/GridCells",
    definition: definition("std_msgs/Header header\nfloat32 cell_width\nfloat32 cell_height\ngeometry_msgs/Point[] cells", "std_msgs/Header", "builtin_interfaces/Time", "geometry_msgs/Point"),
    message: (i) => ({ header: header(i, "map"), cell_width: 0.5, cell_height: 0.25, cells: [{ x: i, y: 1, z: 0 }, { x: 2, y: i, z: 0.125 }] }),
  },
  {
    topic: "/map_metadata",
    type: "nav_msgs/msg/MapMetaData",
    definition: definition(deps["nav_msgs/MapMetaData"]!, "builtin_interfaces/Time", ...POSE_DEPS),
    message: mapInfo,
  },
  {
    topic: "/map",
    type: "nav_msgs/msg/OccupancyGrid",
    definition: definition("std_msgs/Header header\nnav_msgs/MapMetaData info\nint8[] data", "std_msgs/Header", "builtin_interfaces/Time", "nav_msgs/MapMetaData", ...POSE_DEPS),
    message: (i) => ({ header: header(i, "map"), info: mapInfo(i), data: [0, 100, -1, i, 50, 0] }),
  },
  {
    topic: "/trigger",
    type: "std_msgs/msg/Header",
    definition: definition(deps["std_msgs/Header"]!, "builtin_interfaces/Time"),
    message: (i) => header(i, i === 1 ? "" : "camera"),
  },
];

/** The MCAP: every channel's messages interleaved by log time (= publish time). */
export function adapterRecording(): Promise<Uint8Array<ArrayBuffer>> {
  return cdrRecording(adapterChannels, { count: COUNT, t0: T0, step: STEP });
}
