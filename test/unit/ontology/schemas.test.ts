import { type Field, Type } from "apache-arrow";
import { describe, expect, it } from "vitest";
import * as ontology from "../../../src/ontology/index.js";
import {
  Acceleration,
  BooleanValue,
  CameraInfo,
  CompressedImage,
  Floating16,
  Floating32,
  Floating64,
  ForceTorque,
  GPS,
  GPSStatus,
  IMU,
  Image,
  Integer16,
  Integer32,
  Integer64,
  Integer8,
  LargeString,
  Magnetometer,
  MotionState,
  NMEASentence,
  Point2d,
  Point3d,
  Pose,
  Pressure,
  Quaternion,
  Range,
  ROI,
  RobotJoint,
  StringValue,
  Temperature,
  Transform,
  Unsigned16,
  Unsigned32,
  Unsigned64,
  Unsigned8,
  Vector2d,
  Vector3d,
  Vector4d,
  Velocity,
  builtinTags,
  tagFromName,
  type OntologyModelBase,
} from "../../../src/ontology/index.js";
import { COV, describeField, HEADER, MIX_COV, V2, V3, V4, VARIANCE } from "./describe-schema.js";

function payload(model: OntologyModelBase): string[] {
  const [envelope, ...rest] = model.schema.fields;
  expect(describeField(envelope!)).toBe("timestamp_ns: int64");
  return rest.map(describeField);
}

const POSE = `{position: ${V3}, orientation: ${V4}, ${MIX_COV}}`;
const TWIST = `{linear: ${V3}?, angular: ${V3}?, ${MIX_COV}}`;
const GPS_STATUS_FIELDS = ["status: int8", "service: uint16", "satellites: int8?", "hdop: float64?", "vdop: float64?", HEADER];
const GPS_STATUS = `{${GPS_STATUS_FIELDS.join(", ")}}`;

const expected: Array<[OntologyModelBase, string, string, string[]]> = [
  [Integer8, "integer8", "default", ["data: int8", HEADER]],
  [Integer16, "integer16", "default", ["data: int16", HEADER]],
  [Integer32, "integer32", "default", ["data: int32", HEADER]],
  [Integer64, "integer64", "default", ["data: int64", HEADER]],
  [Unsigned8, "unsigned8", "default", ["data: uint8", HEADER]],
  [Unsigned16, "unsigned16", "default", ["data: uint16", HEADER]],
  [Unsigned32, "unsigned32", "default", ["data: uint32", HEADER]],
  [Unsigned64, "unsigned64", "default", ["data: uint64", HEADER]],
  [Floating16, "floating16", "default", ["data: float16", HEADER]],
  [Floating32, "floating32", "default", ["data: float32", HEADER]],
  [Floating64, "floating64", "default", ["data: float64", HEADER]],
  [BooleanValue, "boolean", "default", ["data: bool", HEADER]],
  [StringValue, "string", "default", ["data: utf8", HEADER]],
  [LargeString, "large_string", "default", ["data: largeutf8", HEADER]],
  [Vector2d, "vector_2_d", "default", ["x: float64?", "y: float64?", HEADER, ...COV]],
  [Point2d, "point_2_d", "default", ["x: float64?", "y: float64?", HEADER, ...COV]],
  [Vector3d, "vector_3_d", "default", ["x: float64?", "y: float64?", "z: float64?", HEADER, ...COV]],
  [Point3d, "point_3_d", "default", ["x: float64?", "y: float64?", "z: float64?", HEADER, ...COV]],
  [Vector4d, "vector_4_d", "default", ["x: float64?", "y: float64?", "z: float64?", "w: float64?", HEADER, ...COV]],
  [Quaternion, "quaternion", "default", ["x: float64?", "y: float64?", "z: float64?", "w: float64?", HEADER, ...COV]],
  [Pose, "pose", "default", [`position: ${V3}`, `orientation: ${V4}`, HEADER, ...COV]],
  [Transform, "transform", "default", [`translation: ${V3}`, `rotation: ${V4}`, "target_frame_id: utf8?", HEADER, ...COV]],
  [Velocity, "velocity", "default", [`linear: ${V3}?`, `angular: ${V3}?`, HEADER, ...COV]],
  [Acceleration, "acceleration", "default", [`linear: ${V3}?`, `angular: ${V3}?`, HEADER, ...COV]],
  [
    MotionState,
    "motion_state",
    "default",
    [`pose: ${POSE}`, `velocity: ${TWIST}`, "target_frame_id: utf8", `acceleration: ${TWIST}?`, HEADER, ...COV],
  ],
  [ForceTorque, "force_torque", "default", [`force: ${V3}`, `torque: ${V3}`, HEADER, ...COV]],
  [IMU, "imu", "default", [`acceleration: ${V3}`, `angular_velocity: ${V3}`, `orientation: ${V4}?`, HEADER]],
  [GPSStatus, "gps_status", "default", GPS_STATUS_FIELDS],
  [GPS, "gps", "default", [`position: ${V3}`, `velocity: ${V3}?`, `status: ${GPS_STATUS}?`, HEADER]],
  [NMEASentence, "nmea_sentence", "default", ["sentence: utf8", HEADER]],
  [Magnetometer, "magnetometer", "default", [`magnetic_field: ${V3}`, HEADER]],
  [Temperature, "temperature", "default", ["value: float64", HEADER, ...VARIANCE]],
  [Pressure, "pressure", "default", ["value: float64", HEADER, ...VARIANCE]],
  [
    Range,
    "range",
    "default",
    ["radiation_type: uint8", "field_of_view: float32", "min_range: float32", "max_range: float32", "range: float32", HEADER],
  ],
  [
    RobotJoint,
    "robot_joint",
    "default",
    ["names: list<item: utf8?>", "positions: list<item: float64?>", "velocities: list<item: float64?>", "efforts: list<item: float64?>", HEADER],
  ],
  [
    Image,
    "image",
    "image",
    ["data: binary", "format: utf8", "width: int32", "height: int32", "stride: int32?", "is_bigendian: bool?", "encoding: utf8?", HEADER],
  ],
  [CompressedImage, "compressed_image", "image", ["data: binary", "format: utf8", HEADER]],
  [ROI, "roi", "default", [`offset: ${V2}`, "height: uint32", "width: uint32", "do_rectify: bool?", HEADER]],
  [
    CameraInfo,
    "camera_info",
    "default",
    [
      "height: uint32",
      "width: uint32",
      "distortion_model: utf8",
      "distortion_parameters: list<item: float64?>",
      "intrinsic_parameters: list<item: float64?>[9]",
      "rectification_parameters: list<item: float64?>[9]",
      "projection_parameters: list<item: float64?>[12]",
      `binning: ${V2}?`,
      `roi: {offset: ${V2}, height: uint32, width: uint32, do_rectify: bool?, ${HEADER}}?`,
      HEADER,
    ],
  ],
];

describe("built-in ontology schemas", () => {
  it.each(expected.map(([model, tag, format, fields]) => [model.name, model, tag, format, fields] as const))(
    "%s: tag, serialization format and topic schema",
    (_name, model, tag, format, fields) => {
      expect(model.tag).toBe(tag);
      expect(tagFromName(model.name)).toBe(tag);
      expect(model.serializationFormat).toBe(format);
      expect(payload(model)).toEqual(fields);
    },
  );

  it("covers every exported built-in model and registers each tag", () => {
    const exported = (Object.values(ontology) as unknown[]).filter(
      (v): v is OntologyModelBase => typeof v === "object" && v !== null && "schema" in v && "tag" in v,
    );
    expect(new Set(exported.map((m) => m.name))).toEqual(new Set(expected.map(([m]) => m.name)));
    expect([...builtinTags].sort()).toEqual(expected.map(([, tag]) => tag).sort());
    for (const [model, tag] of expected) expect(ontology.ontologyByTag(tag)).toBe(model);
  });

  it("embeds covariance and header inside reused structs (IMU.acceleration)", () => {
    const acceleration: Field = IMU.schema.fields.find((f) => f.name === "acceleration")!;
    expect(acceleration.type.typeId).toBe(Type.Struct);
    const children: Field[] = acceleration.type.children;
    const names = children.map((f) => f.name);
    expect(names).toEqual(["x", "y", "z", "header", "covariance", "covariance_type"]);
    const covariance = children.find((f) => f.name === "covariance")!;
    expect(covariance.nullable).toBe(true);
    expect(String(covariance.type)).toBe("List<Float64>");
    expect(children.find((f) => f.name === "covariance_type")!.nullable).toBe(true);
  });

  it("payload struct equals the topic schema minus the envelope", () => {
    expect(IMU.structType.children.map((f) => f.name)).toEqual(IMU.schema.fields.slice(1).map((f) => f.name));
  });

  it("derives tags with the Python SDK rule", () => {
    expect(tagFromName("IMU")).toBe("imu");
    expect(tagFromName("GPSStatus")).toBe("gps_status");
    expect(tagFromName("NMEASentence")).toBe("nmea_sentence");
    expect(tagFromName("Floating64")).toBe("floating64");
    expect(tagFromName("Vector3d")).toBe("vector_3_d");
    // What Python's regexes produce (its docstring's "lidar_polar_2d_detection" is not what the code does).
    expect(tagFromName("LidarPolar2DDetection")).toBe("lidar_polar_2_d_detection");
  });
});
