/**
 * ROS 2 message definitions (`ros2msg`, the text rosbag2 writes into an MCAP
 * schema) of the types the bridge maps, for exporting topics that were not
 * imported from a recording (no `_ros_.msgdef` kept). Data, not code: the
 * fields of the upstream `.msg` files (common_interfaces, Humble), comments
 * left out. Dependencies follow in the rosbag2 layout: a line of 80 `=`, then
 * `MSG: pkg/Type`.
 */

/** The scan geometry LaserScan and MultiEchoLaserScan share, field for field. */
const LASER_SCAN_GEOMETRY = [
  "float32 angle_min",
  "float32 angle_max",
  "float32 angle_increment",
  "float32 time_increment",
  "float32 scan_time",
  "float32 range_min",
  "float32 range_max",
];

const messages: Readonly<Record<string, string>> = {
  "builtin_interfaces/Time": "int32 sec\nuint32 nanosec",
  "std_msgs/Header": "builtin_interfaces/Time stamp\nstring frame_id",
  "geometry_msgs/Vector3": "float64 x\nfloat64 y\nfloat64 z",
  "geometry_msgs/Point": "float64 x\nfloat64 y\nfloat64 z",
  "geometry_msgs/Quaternion": "float64 x\nfloat64 y\nfloat64 z\nfloat64 w",
  "geometry_msgs/Pose": "geometry_msgs/Point position\ngeometry_msgs/Quaternion orientation",
  "geometry_msgs/PoseStamped": "std_msgs/Header header\ngeometry_msgs/Pose pose",
  "geometry_msgs/PoseWithCovariance": "geometry_msgs/Pose pose\nfloat64[36] covariance",
  "geometry_msgs/PoseWithCovarianceStamped": "std_msgs/Header header\ngeometry_msgs/PoseWithCovariance pose",
  "geometry_msgs/Twist": "geometry_msgs/Vector3 linear\ngeometry_msgs/Vector3 angular",
  "geometry_msgs/TwistStamped": "std_msgs/Header header\ngeometry_msgs/Twist twist",
  "geometry_msgs/TwistWithCovariance": "geometry_msgs/Twist twist\nfloat64[36] covariance",
  "geometry_msgs/TwistWithCovarianceStamped": "std_msgs/Header header\ngeometry_msgs/TwistWithCovariance twist",
  "geometry_msgs/Accel": "geometry_msgs/Vector3 linear\ngeometry_msgs/Vector3 angular",
  "geometry_msgs/AccelStamped": "std_msgs/Header header\ngeometry_msgs/Accel accel",
  "geometry_msgs/AccelWithCovariance": "geometry_msgs/Accel accel\nfloat64[36] covariance",
  "geometry_msgs/AccelWithCovarianceStamped": "std_msgs/Header header\ngeometry_msgs/AccelWithCovariance accel",
  "geometry_msgs/Vector3Stamped": "std_msgs/Header header\ngeometry_msgs/Vector3 vector",
  "geometry_msgs/PointStamped": "std_msgs/Header header\ngeometry_msgs/Point point",
  "geometry_msgs/QuaternionStamped": "std_msgs/Header header\ngeometry_msgs/Quaternion quaternion",
  "geometry_msgs/Transform": "geometry_msgs/Vector3 translation\ngeometry_msgs/Quaternion rotation",
  "geometry_msgs/TransformStamped": "std_msgs/Header header\nstring child_frame_id\ngeometry_msgs/Transform transform",
  "geometry_msgs/Wrench": "geometry_msgs/Vector3 force\ngeometry_msgs/Vector3 torque",
  "geometry_msgs/WrenchStamped": "std_msgs/Header header\ngeometry_msgs/Wrench wrench",
  "geometry_msgs/Point32": "float32 x\nfloat32 y\nfloat32 z",
  "geometry_msgs/Polygon": "geometry_msgs/Point32[] points",
  "geometry_msgs/PolygonStamped": "std_msgs/Header header\ngeometry_msgs/Polygon polygon",
  "geometry_msgs/Inertia": [
    "float64 m",
    "geometry_msgs/Vector3 com",
    "float64 ixx",
    "float64 ixy",
    "float64 ixz",
    "float64 iyy",
    "float64 iyz",
    "float64 izz",
  ].join("\n"),
  "geometry_msgs/InertiaStamped": "std_msgs/Header header\ngeometry_msgs/Inertia inertia",
  "tf2_msgs/TFMessage": "geometry_msgs/TransformStamped[] transforms",
  "nav_msgs/Odometry":
    "std_msgs/Header header\nstring child_frame_id\ngeometry_msgs/PoseWithCovariance pose\ngeometry_msgs/TwistWithCovariance twist",
  "nav_msgs/Path": "std_msgs/Header header\ngeometry_msgs/PoseStamped[] poses",
  "nav_msgs/GridCells": "std_msgs/Header header\nfloat32 cell_width\nfloat32 cell_height\ngeometry_msgs/Point[] cells",
  "nav_msgs/MapMetaData": "builtin_interfaces/Time map_load_time\nfloat32 resolution\nuint32 width\nuint32 height\ngeometry_msgs/Pose origin",
  "nav_msgs/OccupancyGrid": "std_msgs/Header header\nnav_msgs/MapMetaData info\nint8[] data",
  "sensor_msgs/Imu": [
    "std_msgs/Header header",
    "geometry_msgs/Quaternion orientation",
    "float64[9] orientation_covariance",
    "geometry_msgs/Vector3 angular_velocity",
    "float64[9] angular_velocity_covariance",
    "geometry_msgs/Vector3 linear_acceleration",
    "float64[9] linear_acceleration_covariance",
  ].join("\n"),
  "sensor_msgs/NavSatStatus": [
    "int8 STATUS_NO_FIX=-1",
    "int8 STATUS_FIX=0",
    "int8 STATUS_SBAS_FIX=1",
    "int8 STATUS_GBAS_FIX=2",
    "int8 status",
    "uint16 SERVICE_GPS=1",
    "uint16 SERVICE_GLONASS=2",
    "uint16 SERVICE_COMPASS=4",
    "uint16 SERVICE_GALILEO=8",
    "uint16 service",
  ].join("\n"),
  "sensor_msgs/NavSatFix": [
    "std_msgs/Header header",
    "sensor_msgs/NavSatStatus status",
    "float64 latitude",
    "float64 longitude",
    "float64 altitude",
    "float64[9] position_covariance",
    "uint8 COVARIANCE_TYPE_UNKNOWN=0",
    "uint8 COVARIANCE_TYPE_APPROXIMATED=1",
    "uint8 COVARIANCE_TYPE_DIAGONAL_KNOWN=2",
    "uint8 COVARIANCE_TYPE_KNOWN=3",
    "uint8 position_covariance_type",
  ].join("\n"),
  "sensor_msgs/CompressedImage": "std_msgs/Header header\nstring format\nuint8[] data",
  "sensor_msgs/Image": "std_msgs/Header header\nuint32 height\nuint32 width\nstring encoding\nuint8 is_bigendian\nuint32 step\nuint8[] data",
  "sensor_msgs/RegionOfInterest": "uint32 x_offset\nuint32 y_offset\nuint32 height\nuint32 width\nbool do_rectify",
  "sensor_msgs/CameraInfo": [
    "std_msgs/Header header",
    "uint32 height",
    "uint32 width",
    "string distortion_model",
    "float64[] d",
    "float64[9] k",
    "float64[9] r",
    "float64[12] p",
    "uint32 binning_x",
    "uint32 binning_y",
    "sensor_msgs/RegionOfInterest roi",
  ].join("\n"),
  "sensor_msgs/BatteryState": [
    "uint8 POWER_SUPPLY_STATUS_UNKNOWN=0",
    "uint8 POWER_SUPPLY_STATUS_CHARGING=1",
    "uint8 POWER_SUPPLY_STATUS_DISCHARGING=2",
    "uint8 POWER_SUPPLY_STATUS_NOT_CHARGING=3",
    "uint8 POWER_SUPPLY_STATUS_FULL=4",
    "uint8 POWER_SUPPLY_HEALTH_UNKNOWN=0",
    "uint8 POWER_SUPPLY_HEALTH_GOOD=1",
    "uint8 POWER_SUPPLY_HEALTH_OVERHEAT=2",
    "uint8 POWER_SUPPLY_HEALTH_DEAD=3",
    "uint8 POWER_SUPPLY_HEALTH_OVERVOLTAGE=4",
    "uint8 POWER_SUPPLY_HEALTH_UNSPEC_FAILURE=5",
    "uint8 POWER_SUPPLY_HEALTH_COLD=6",
    "uint8 POWER_SUPPLY_HEALTH_WATCHDOG_TIMER_EXPIRE=7",
    "uint8 POWER_SUPPLY_HEALTH_SAFETY_TIMER_EXPIRE=8",
    "uint8 POWER_SUPPLY_TECHNOLOGY_UNKNOWN=0",
    "uint8 POWER_SUPPLY_TECHNOLOGY_NIMH=1",
    "uint8 POWER_SUPPLY_TECHNOLOGY_LION=2",
    "uint8 POWER_SUPPLY_TECHNOLOGY_LIPO=3",
    "uint8 POWER_SUPPLY_TECHNOLOGY_LIFE=4",
    "uint8 POWER_SUPPLY_TECHNOLOGY_NICD=5",
    "uint8 POWER_SUPPLY_TECHNOLOGY_LIMN=6",
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
  "sensor_msgs/JointState": "std_msgs/Header header\nstring[] name\nfloat64[] position\nfloat64[] velocity\nfloat64[] effort",
  "sensor_msgs/LaserScan": [
    "std_msgs/Header header",
    ...LASER_SCAN_GEOMETRY,
    "float32[] ranges",
    "float32[] intensities",
  ].join("\n"),
  "sensor_msgs/LaserEcho": "float32[] echoes",
  "sensor_msgs/MultiEchoLaserScan": [
    "std_msgs/Header header",
    ...LASER_SCAN_GEOMETRY,
    "sensor_msgs/LaserEcho[] ranges",
    "sensor_msgs/LaserEcho[] intensities",
  ].join("\n"),
  "sensor_msgs/Joy": "std_msgs/Header header\nfloat32[] axes\nint32[] buttons",
  "sensor_msgs/Temperature": "std_msgs/Header header\nfloat64 temperature\nfloat64 variance",
  "sensor_msgs/FluidPressure": "std_msgs/Header header\nfloat64 fluid_pressure\nfloat64 variance",
  "sensor_msgs/MagneticField": "std_msgs/Header header\ngeometry_msgs/Vector3 magnetic_field\nfloat64[9] magnetic_field_covariance",
  "nmea_msgs/Sentence": "std_msgs/Header header\nstring sentence",
  "std_msgs/String": "string data",
  "std_msgs/Bool": "bool data",
  "std_msgs/Int8": "int8 data",
  "std_msgs/Int16": "int16 data",
  "std_msgs/Int32": "int32 data",
  "std_msgs/Int64": "int64 data",
  "std_msgs/UInt8": "uint8 data",
  "std_msgs/UInt16": "uint16 data",
  "std_msgs/UInt32": "uint32 data",
  "std_msgs/UInt64": "uint64 data",
  "std_msgs/Float32": "float32 data",
  "std_msgs/Float64": "float64 data",
};

const SEPARATOR = "=".repeat(80);

/** `sensor_msgs/msg/Imu` or `sensor_msgs/Imu` -> `sensor_msgs/Imu` (the key of a definition). */
function shortName(msgtype: string): string {
  return msgtype.replace("/msg/", "/");
}

/** `sensor_msgs/Imu` -> `sensor_msgs/msg/Imu`, the ROS 2 spelling the Python bridge stores as `_ros_.msgtype`. */
export function ros2MsgType(name: string): string {
  const parts = name.split("/");
  return parts.length === 2 ? `${parts[0]}/msg/${parts[1]}` : name;
}

function dependenciesOf(text: string): string[] {
  return text.split("\n").flatMap((line) => {
    const type = line.trim().split(/\s+/)[0]!.replace(/\[.*\]$/, "");
    return type.includes("/") ? [type] : [];
  });
}

/**
 * The full `ros2msg` schema text of a built-in type, dependencies included, or
 * undefined when the bridge carries no definition of it.
 */
export function builtinRos2Definition(msgtype: string): string | undefined {
  const root = shortName(msgtype);
  const main = messages[root];
  if (main === undefined) return undefined;
  const seen = new Set<string>([root]);
  const order: string[] = [];
  const visit = (text: string) => {
    for (const dep of dependenciesOf(text)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      order.push(dep);
      visit(messages[dep] ?? "");
    }
  };
  visit(main);
  return [main, ...order.map((dep) => `${SEPARATOR}\nMSG: ${dep}\n${messages[dep] ?? ""}`)].join("\n");
}
