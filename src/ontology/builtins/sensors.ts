/**
 * IMU, GNSS, magnetometer, environment, range and joint sensors (docs/protocol.md §13.3).
 * Units are the ones the Python SDK's field descriptions state (§13.4); a field
 * whose upstream text states none has none here.
 */
import { defineOntology } from "../define-ontology.js";
import { field } from "../field-spec.js";
import { HeaderMixin, VarianceMixin } from "../mixins.js";
import { Point3d, Quaternion, Vector3d } from "./geometry.js";

const mixins = [HeaderMixin] as const;

/** Acceleration (m/s²), angular velocity (rad/s), optional orientation (tag `imu`). */
export const IMU = defineOntology({
  name: "IMU",
  tag: "imu",
  fields: {
    acceleration: field.model(Vector3d),
    angular_velocity: field.model(Vector3d),
    orientation: field.optional(field.model(Quaternion)),
  },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/imu.py: "[ax, ay, az] in m/s^2", "[wx, wy, wz] in rad/s".
  units: { acceleration: "m/s²", angular_velocity: "rad/s" },
  mixins,
});

/** GNSS fix quality (tag `gps_status`). */
export const GPSStatus = defineOntology({
  name: "GPSStatus",
  tag: "gps_status",
  fields: {
    status: field.int8(),
    service: field.uint16(),
    satellites: field.optional(field.int8()),
    hdop: field.optional(field.float64()),
    vdop: field.optional(field.float64()),
  },
  mixins,
});

/** WGS-84 fix as Point3d (lat, lon, alt), velocity (north/east/up m/s), status (tag `gps`). */
export const GPS = defineOntology({
  name: "GPS",
  tag: "gps",
  fields: {
    position: field.model(Point3d),
    velocity: field.optional(field.model(Vector3d)),
    status: field.optional(field.model(GPSStatus)),
  },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/gps.py: velocity "[North, East, Alt] m/s"; position is "Lat/Lon/Alt (WGS 84)" with no unit stated.
  units: { velocity: "m/s" },
  mixins,
});

/** One raw NMEA-0183 sentence (tag `nmea_sentence`). */
export const NMEASentence = defineOntology({ name: "NMEASentence", tag: "nmea_sentence", fields: { sentence: field.utf8() }, mixins });

/** Magnetic field vector in µT (tag `magnetometer`). */
export const Magnetometer = defineOntology({
  name: "Magnetometer",
  tag: "magnetometer",
  fields: { magnetic_field: field.model(Vector3d) },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/magnetometer.py: "[mx, my, mz] in microTesla".
  units: { magnetic_field: "µT" },
  mixins,
});

/** Temperature in kelvin, with variance (tag `temperature`, J2+). */
export const Temperature = defineOntology({
  name: "Temperature",
  tag: "temperature",
  fields: { value: field.float64() },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/temperature.py: "Temperature value in Kelvin."
  units: { value: "K" },
  mixins: [HeaderMixin, VarianceMixin],
});

/** Pressure in pascals, with variance (tag `pressure`, J2+). */
export const Pressure = defineOntology({
  name: "Pressure",
  tag: "pressure",
  fields: { value: field.float64() },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/pressure.py: "The absolute pressure reading from the sensor in Pascals."
  units: { value: "Pa" },
  mixins: [HeaderMixin, VarianceMixin],
});

/** One range reading in meters with its sensor limits (tag `range`, J2+). */
export const Range = defineOntology({
  name: "Range",
  tag: "range",
  fields: {
    radiation_type: field.uint8(),
    field_of_view: field.float32(),
    min_range: field.float32(),
    max_range: field.float32(),
    range: field.float32(),
  },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/range.py: field of view "in radians", ranges "in meters".
  units: { field_of_view: "rad", min_range: "m", max_range: "m", range: "m" },
  mixins,
});

/** Joint names with positions, velocities and efforts, index-aligned (tag `robot_joint`). */
export const RobotJoint = defineOntology({
  name: "RobotJoint",
  tag: "robot_joint",
  fields: {
    names: field.list(field.utf8()),
    positions: field.list(field.float64()),
    velocities: field.list(field.float64()),
    efforts: field.list(field.float64()),
  },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/robot.py: "([rad] or [m])",
  // "([rad/s] or [m/s])", "([N] or [N*m])". The class docstring there says "[N/m]"; the field description,
  // which upstream writes into the Arrow field metadata, says "[N*m]", and we follow it.
  units: { positions: "rad or m", velocities: "rad/s or m/s", efforts: "N or N·m" },
  mixins,
});
