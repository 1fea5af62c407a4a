/**
 * Units of the built-in models (issue #16): each one is stated by the Python
 * SDK, none is guessed, and none reaches the wire.
 */
import { type Field, Table, tableToIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import {
  CameraInfo,
  Code,
  builtinTags,
  IMU,
  MosaicoError,
  defineOntology,
  field,
  listOntologies,
  registerOntology,
  unitOf,
  type OntologyModelBase,
} from "../../../src/index.js";

/**
 * Every unit the built-ins declare, with the upstream text it comes from:
 * repository mosaico-labs/mosaico at commit 93813a8f05baae47b7a34f49951927566a650d45,
 * files under mosaico-sdk-py/src/mosaicolabs/models/: the `MosaicoField`
 * descriptions (which upstream writes into its Arrow field metadata) or the
 * class docstrings' Attributes (ForceTorque, ROI offset/height/width).
 * Models absent here (Vector*, Point*, Quaternion, Pose, Transform, Velocity,
 * Acceleration, MotionState, GPSStatus, NMEASentence, CompressedImage, the
 * scalar wrappers) have no unit stated upstream and so none here.
 */
const UPSTREAM: ReadonlyArray<{ tag: string; path: string; unit: string; file: string; says: string }> = [
  { tag: "imu", path: "acceleration", unit: "m/s²", file: "sensors/imu.py", says: "Linear acceleration vector [ax, ay, az] in m/s^2." },
  { tag: "imu", path: "angular_velocity", unit: "rad/s", file: "sensors/imu.py", says: "Angular velocity vector [wx, wy, wz] in rad/s." },
  { tag: "gps", path: "velocity", unit: "m/s", file: "sensors/gps.py", says: "Velocity vector [North, East, Alt] m/s." },
  { tag: "magnetometer", path: "magnetic_field", unit: "µT", file: "sensors/magnetometer.py", says: "Magnetic field vector [mx, my, mz] in microTesla." },
  { tag: "temperature", path: "value", unit: "K", file: "sensors/temperature.py", says: "Temperature value in Kelvin." },
  { tag: "pressure", path: "value", unit: "Pa", file: "sensors/pressure.py", says: "The absolute pressure reading from the sensor in Pascals." },
  { tag: "range", path: "field_of_view", unit: "rad", file: "sensors/range.py", says: "The arc angle, in radians, over which the distance reading is valid." },
  { tag: "range", path: "min_range", unit: "m", file: "sensors/range.py", says: "Minimum range value in meters." },
  { tag: "range", path: "max_range", unit: "m", file: "sensors/range.py", says: "Maximum range value in meters." },
  { tag: "range", path: "range", unit: "m", file: "sensors/range.py", says: "Range value in meters." },
  { tag: "robot_joint", path: "positions", unit: "rad or m", file: "sensors/robot.py", says: "Positions ([rad] or [m]) of the different robot joints" },
  { tag: "robot_joint", path: "velocities", unit: "rad/s or m/s", file: "sensors/robot.py", says: "Velocities ([rad/s] or [m/s]) of the different robot joints" },
  { tag: "robot_joint", path: "efforts", unit: "N or N·m", file: "sensors/robot.py", says: "Efforts ([N] or [N*m]) applied to the different robot joints" },
  { tag: "force_torque", path: "force", unit: "N", file: "data/dynamics.py", says: "force: A `Vector3d` representing the linear force vector in Newtons ($N$)." },
  { tag: "force_torque", path: "torque", unit: "N·m", file: "data/dynamics.py", says: "torque: A `Vector3d` representing the rotational moment vector in Newton-meters (Nm)." },
  { tag: "image", path: "width", unit: "px", file: "sensors/image.py", says: "Image width in pixels." },
  { tag: "image", path: "height", unit: "px", file: "sensors/image.py", says: "Image height in pixels." },
  { tag: "image", path: "stride", unit: "bytes", file: "sensors/image.py", says: "Bytes per row. Essential for alignment." },
  { tag: "roi", path: "offset", unit: "px", file: "data/roi.py", says: "The top-left pixel coordinates of the ROI." },
  { tag: "roi", path: "height", unit: "px", file: "data/roi.py", says: "Height of the ROI in pixels." },
  { tag: "roi", path: "width", unit: "px", file: "data/roi.py", says: "Width of the ROI in pixels." },
  { tag: "camera_info", path: "height", unit: "px", file: "sensors/camera.py", says: "Height in pixels of the image with which the camera was calibrated." },
  { tag: "camera_info", path: "width", unit: "px", file: "sensors/camera.py", says: "Width in pixels of the image with which the camera was calibrated." },
  { tag: "camera_info", path: "roi.offset", unit: "px", file: "sensors/camera.py + data/roi.py", says: "roi: ROI (its offset, height and width are in pixels)" },
  { tag: "camera_info", path: "roi.height", unit: "px", file: "sensors/camera.py + data/roi.py", says: "roi: ROI" },
  { tag: "camera_info", path: "roi.width", unit: "px", file: "sensors/camera.py + data/roi.py", says: "roi: ROI" },
];

/** The built-in models (the registry may also hold models other tests register). */
const builtins = (): OntologyModelBase[] => listOntologies().filter((model) => builtinTags.includes(model.tag));

function expectedUnits(tag: string): Record<string, string> {
  return Object.fromEntries(UPSTREAM.filter((row) => row.tag === tag).map((row) => [row.path, row.unit]));
}

/** The same model declared again without units. */
function withoutUnits(model: OntologyModelBase): OntologyModelBase {
  return defineOntology({ name: model.name, tag: model.tag, serializationFormat: model.serializationFormat, fields: model.fields });
}

function schemaBytes(model: OntologyModelBase): Uint8Array {
  return tableToIPC(new Table(model.schema), "stream");
}

describe("built-in units follow upstream", () => {
  it.each(UPSTREAM)("$tag.$path is $unit ($file)", ({ tag, path, unit }) => {
    expect(unitOf(tag, path)).toBe(unit);
  });

  it("each built-in declares exactly the cited units, and no others", () => {
    for (const model of builtins()) expect({ tag: model.tag, units: model.units }).toEqual({ tag: model.tag, units: expectedUnits(model.tag) });
  });

  it("units are frozen", () => {
    expect(Object.isFrozen(IMU.units)).toBe(true);
    expect(Object.isFrozen(builtins().find((m) => m.tag === "pose")!.units)).toBe(true);
  });
});

describe("unitOf", () => {
  it("gives a group's unit to its numeric leaves, by dotted path or segments", () => {
    expect(unitOf("imu", "acceleration.x")).toBe("m/s²");
    expect(unitOf("imu", ["angular_velocity", "z"])).toBe("rad/s");
    expect(unitOf("magnetometer", "magnetic_field.y")).toBe("µT");
    expect(unitOf("force_torque", "torque.z")).toBe("N·m");
    expect(unitOf("gps", ["velocity", "x"])).toBe("m/s");
    expect(unitOf("camera_info", "roi.offset.x")).toBe("px");
    expect(unitOf("roi", ["offset", "y"])).toBe("px");
  });

  it("answers for the group itself", () => {
    expect(unitOf("imu", "acceleration")).toBe("m/s²");
    expect(unitOf("imu", ["angular_velocity"])).toBe("rad/s");
  });

  it("gives list items their list's unit", () => {
    expect(unitOf("robot_joint", "positions.0")).toBe("rad or m");
    expect(unitOf("robot_joint", ["efforts", "3"])).toBe("N or N·m");
  });

  it("gives nothing to covariance, header and variance fields, even inside a group with a unit", () => {
    expect(unitOf("imu", "acceleration.covariance")).toBeUndefined();
    expect(unitOf("imu", "acceleration.covariance.0")).toBeUndefined();
    expect(unitOf("imu", "acceleration.covariance_type")).toBeUndefined();
    expect(unitOf("imu", "acceleration.header.timestamp.seconds")).toBeUndefined();
    expect(unitOf("imu", "acceleration.header.sample_counter")).toBeUndefined();
    expect(unitOf("force_torque", "covariance")).toBeUndefined();
    expect(unitOf("temperature", "variance")).toBeUndefined();
    expect(unitOf("temperature", "variance_type")).toBeUndefined();
  });

  it("gives nothing where upstream states nothing", () => {
    expect(unitOf("imu", "orientation.x")).toBeUndefined();
    expect(unitOf("gps", "position.x")).toBeUndefined();
    expect(unitOf("gps", "status.hdop")).toBeUndefined();
    expect(unitOf("velocity", "linear.x")).toBeUndefined();
    expect(unitOf("pose", "position.x")).toBeUndefined();
    expect(unitOf("floating64", "data")).toBeUndefined();
    expect(unitOf("camera_info", "binning.x")).toBeUndefined();
  });

  it("gives nothing to non-numeric fields inside a group with a unit", () => {
    const Wheel = registerOntology(defineOntology({
      name: "UnitsTestWheel",
      fields: { wheel: field.struct({ speed: field.float64(), label: field.utf8(), slipping: field.bool() }) },
      units: { wheel: "rad/s" },
    }));
    expect(unitOf(Wheel.tag, "wheel.speed")).toBe("rad/s");
    expect(unitOf(Wheel.tag, "wheel.label")).toBeUndefined();
    expect(unitOf(Wheel.tag, "wheel.slipping")).toBeUndefined();
    expect(unitOf("image", "format")).toBeUndefined();
    expect(unitOf("roi", "do_rectify")).toBeUndefined();
  });

  it("gives nothing for unknown tags and paths", () => {
    expect(unitOf("no_such_tag", "acceleration.x")).toBeUndefined();
    expect(unitOf("imu", "acceleration.w")).toBeUndefined();
    expect(unitOf("imu", "acceleration.x.y")).toBeUndefined();
    expect(unitOf("imu", "accel")).toBeUndefined();
    expect(unitOf("imu", "")).toBeUndefined();
    expect(unitOf("imu", [])).toBeUndefined();
    expect(unitOf("imu", "constructor")).toBeUndefined();
    expect(unitOf("imu", "__proto__")).toBeUndefined();
    expect(unitOf("robot_joint", "positions.x")).toBeUndefined();
    expect(unitOf("camera_info", "intrinsic_parameters.9")).toBeUndefined();
  });
});

describe("defineOntology units option", () => {
  const fields = { left: field.float64(), right: field.float64(), note: field.optional(field.utf8()) };

  it("defaults to no units", () => {
    const model = defineOntology({ name: "UnitsTestPlain", fields });
    expect(model.units).toEqual({});
    expect(Object.isFrozen(model.units)).toBe(true);
  });

  it("rejects a path that names no field", () => {
    const define = () => defineOntology({ name: "UnitsTestTypo", fields, units: { lefft: "rad/s" } });
    expect(define).toThrow(MosaicoError);
    expect(define).toThrow(/"lefft" names no field/);
    try {
      define();
    } catch (error) {
      expect((error as MosaicoError).code).toBe(Code.InvalidArgument);
    }
  });

  it("rejects a unit on a field without numbers, and an empty unit", () => {
    expect(() => defineOntology({ name: "UnitsTestText", fields, units: { note: "m" } })).toThrow(/no numeric values/);
    expect(() => defineOntology({ name: "UnitsTestEmpty", fields, units: { left: "" } })).toThrow(/non-empty string/);
  });

  it("copies the map, so later edits to the caller's object do not leak in", () => {
    const units: Record<string, string> = { left: "rad/s" };
    const model = defineOntology({ name: "UnitsTestCopy", fields, units });
    units.left = "deg/s";
    expect(model.units).toEqual({ left: "rad/s" });
  });
});

describe("units stay off the wire", () => {
  const withUnits = builtins().filter((model) => Object.keys(model.units).length > 0);

  it("covers the models that have units", () => {
    expect(withUnits.map((model) => model.tag).sort()).toEqual([...new Set(UPSTREAM.map((row) => row.tag))].sort());
  });

  it.each(withUnits.map((model) => [model.tag, model] as const))("%s: the schema is the one a model without units has", (_tag, model) => {
    const bare = withoutUnits(model);
    expect(schemaBytes(model)).toEqual(schemaBytes(bare));
    expect(model.schema.metadata).toEqual(bare.schema.metadata);
    expect(model.structType.children.map(String)).toEqual(bare.structType.children.map(String));
    expect(model.serializationFormat).toBe(bare.serializationFormat);
  });

  it("no schema or field metadata of a built-in carries a unit", () => {
    const metadataValues = (fields: readonly Field[]): string[] =>
      fields.flatMap((f) => [...f.metadata.values(), ...metadataValues(f.type.children ?? [])]);
    const units = new Set(UPSTREAM.map((row) => row.unit));
    for (const model of builtins()) {
      const values = [...model.schema.metadata.values(), ...metadataValues(model.schema.fields)];
      expect(values.filter((value) => units.has(value)), model.tag).toEqual([]);
    }
  });

  it("record batches encode to the same bytes with and without units", () => {
    const sample = { timestamp_ns: 1n, acceleration: { x: 0.1, y: 0, z: 9.81 }, angular_velocity: { x: 0, y: 0, z: 0.2 } };
    const bare = withoutUnits(IMU) as typeof IMU;
    expect(tableToIPC(new Table(IMU.toRecordBatch([sample])), "stream")).toEqual(tableToIPC(new Table(bare.toRecordBatch([sample])), "stream"));
    const info = { timestamp_ns: 2n, height: 480, width: 640, distortion_model: "plumb_bob", distortion_parameters: [0, 0, 0, 0, 0],
      intrinsic_parameters: [1, 0, 0, 0, 1, 0, 0, 0, 1], rectification_parameters: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      projection_parameters: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] };
    const bareInfo = withoutUnits(CameraInfo) as typeof CameraInfo;
    expect(tableToIPC(new Table(CameraInfo.toRecordBatch([info])), "stream")).toEqual(tableToIPC(new Table(bareInfo.toRecordBatch([info])), "stream"));
  });
});
