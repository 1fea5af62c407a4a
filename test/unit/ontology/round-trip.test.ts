import { RecordBatch, Table, tableFromIPC, tableToIPC, util } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";
import {
  CameraInfo,
  CompressedImage,
  defineOntology,
  field,
  Floating16,
  GPS,
  HeaderMixin,
  IMU,
  Integer64,
  LargeString,
  MotionState,
  RobotJoint,
  Unsigned64,
  type OntologyModelBase,
  type RowInputOf,
  type RowOf,
} from "../../../src/ontology/index.js";

/** Sends a batch through Arrow IPC, as DoPut/DoGet would. */
function overTheWire(batch: RecordBatch): RecordBatch {
  const table = tableFromIPC(tableToIPC(new Table(batch), "stream"));
  expect(table.batches).toHaveLength(1);
  return table.batches[0]!;
}

function roundTrip<M extends OntologyModelBase>(model: M, rows: readonly object[]): unknown[] {
  const batch = model.toRecordBatch(rows);
  expect(util.compareSchemas(batch.schema, model.schema)).toBe(true);
  expect(batch.numRows).toBe(rows.length);
  const back = overTheWire(batch);
  expect(util.compareSchemas(back.schema, model.schema)).toBe(true);
  return model.fromRecordBatch(back);
}

const BIG = 1767225600000000001n; // > 2^53, not representable as a double
const U64_MAX = 2n ** 64n - 1n;

describe("toRecordBatch -> fromRecordBatch", () => {
  it("IMU: nested structs, embedded covariance, header, nulls for optional fields, bigint > 2^53", () => {
    const rows: RowInputOf<typeof IMU>[] = [
      {
        timestamp_ns: BIG,
        acceleration: { x: 0.1, y: -2.5, z: 9.81, covariance: [1, 0, 0, 0, 1, 0, 0, 0, 1], covariance_type: 2 },
        angular_velocity: { x: 0, y: 0, z: 0.25, header: { frame_id: "gyro" } },
        orientation: { x: 0, y: 0, z: 0, w: 1 },
        header: { timestamp: { seconds: 1767225600n, nanoseconds: 999_999_999n }, frame_id: "imu_link", sample_counter: U64_MAX },
      },
      {
        timestamp_ns: BIG + 1n,
        acceleration: { x: 1e-300, y: Number.MAX_VALUE, z: -0 },
        angular_velocity: { x: 1, y: 2, z: 3, covariance: null },
        orientation: null,
      },
    ];
    const back = roundTrip(IMU, rows) as RowOf<typeof IMU>[];
    expect(back).toEqual([
      {
        timestamp_ns: BIG,
        acceleration: { x: 0.1, y: -2.5, z: 9.81, covariance: [1, 0, 0, 0, 1, 0, 0, 0, 1], covariance_type: 2 },
        angular_velocity: { x: 0, y: 0, z: 0.25, header: { frame_id: "gyro" } },
        orientation: { x: 0, y: 0, z: 0, w: 1 },
        header: { timestamp: { seconds: 1767225600n, nanoseconds: 999_999_999n }, frame_id: "imu_link", sample_counter: U64_MAX },
      },
      { timestamp_ns: BIG + 1n, acceleration: { x: 1e-300, y: Number.MAX_VALUE, z: -0 }, angular_velocity: { x: 1, y: 2, z: 3 } },
    ]);
    expect(back[0]!.timestamp_ns).toBe(1767225600000000001n);
    expect("orientation" in back[1]!).toBe(false);
    expect("header" in back[1]!).toBe(false);
  });

  it("GPS: optional nested model with its own optional fields", () => {
    const rows: RowInputOf<typeof GPS>[] = [
      { timestamp_ns: 1n, position: { x: 45.07, y: 7.68, z: 240 }, status: { status: 1, service: 2, satellites: 9, hdop: 0.8 } },
      { timestamp_ns: 2n, position: { x: 45.08, y: 7.69, z: 241 }, velocity: { x: 1, y: 2, z: 0 } },
    ];
    expect(roundTrip(GPS, rows)).toEqual(rows);
  });

  it("MotionState: three levels of embedded models", () => {
    const rows: RowInputOf<typeof MotionState>[] = [
      {
        timestamp_ns: 10n,
        pose: { position: { x: 1, y: 2, z: 3 }, orientation: { x: 0, y: 0, z: 0, w: 1, covariance_type: -1 } },
        velocity: { linear: { x: 1, y: 0, z: 0 } },
        target_frame_id: "map",
        acceleration: { angular: { x: 0, y: 0, z: 0.1, header: { sample_counter: 7n } } },
        covariance: [0.5, 0.25],
      },
    ];
    expect(roundTrip(MotionState, rows)).toEqual(rows);
  });

  it("RobotJoint and CameraInfo: lists, fixed-size lists, empty lists", () => {
    const joints: RowInputOf<typeof RobotJoint>[] = [
      { timestamp_ns: 1n, names: ["j1", "0.6"], positions: [0.1, 0.2], velocities: [], efforts: [1.5, -1.5] },
      { timestamp_ns: 2n, names: [], positions: [], velocities: [], efforts: [] },
    ];
    expect(roundTrip(RobotJoint, joints)).toEqual(joints);
    const k = [500, 0, 320, 0, 500, 240, 0, 0, 1];
    const info: RowInputOf<typeof CameraInfo>[] = [
      {
        timestamp_ns: 5n,
        height: 480,
        width: 640,
        distortion_model: "plumb_bob",
        distortion_parameters: [0.1, -0.2, 0, 0, 0],
        intrinsic_parameters: k,
        rectification_parameters: [1, 0, 0, 0, 1, 0, 0, 0, 1],
        projection_parameters: [...k.slice(0, 3), 0, ...k.slice(3, 6), 0, ...k.slice(6), 0],
        roi: { offset: { x: 10, y: 20 }, height: 100, width: 200, do_rectify: false },
      },
    ];
    expect(roundTrip(CameraInfo, info)).toEqual(info);
  });

  it("scalars: int64/uint64 extremes, float16, large_utf8, binary", () => {
    const i64 = [{ timestamp_ns: -(2n ** 63n), data: -(2n ** 63n) }, { timestamp_ns: 2n ** 63n - 1n, data: 2n ** 63n - 1n }];
    expect(roundTrip(Integer64, i64)).toEqual(i64);
    expect(roundTrip(Unsigned64, [{ timestamp_ns: 0n, data: U64_MAX }])).toEqual([{ timestamp_ns: 0n, data: U64_MAX }]);
    expect(roundTrip(Floating16, [{ timestamp_ns: 0n, data: 1.5 }])).toEqual([{ timestamp_ns: 0n, data: 1.5 }]);
    expect(roundTrip(LargeString, [{ timestamp_ns: 0n, data: "héllo 🌍" }])).toEqual([{ timestamp_ns: 0n, data: "héllo 🌍" }]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const [image] = roundTrip(CompressedImage, [{ timestamp_ns: 3n, data: png, format: "png" }]) as RowOf<typeof CompressedImage>[];
    expect(image!.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(image!.data)).toEqual(Array.from(png));
  });

  it("accepts safe-integer numbers for 64-bit columns and returns bigint", () => {
    const batch = Integer64.toRecordBatch([{ timestamp_ns: 5 as unknown as bigint, data: 7 as unknown as bigint }]);
    expect(Integer64.fromRecordBatch(batch)).toEqual([{ timestamp_ns: 5n, data: 7n }]);
  });

  it("encodes zero samples as an empty batch with the schema", () => {
    const batch = IMU.toRecordBatch([]);
    expect(batch.numRows).toBe(0);
    expect(util.compareSchemas(batch.schema, IMU.schema)).toBe(true);
  });

  it("rows() iterates lazily", () => {
    const batch = Integer64.toRecordBatch([{ timestamp_ns: 1n, data: 2n }, { timestamp_ns: 3n, data: 4n }]);
    const it = Integer64.rows(batch);
    expect(it.next().value).toEqual({ timestamp_ns: 1n, data: 2n });
  });

  it("user-defined models work the same way", () => {
    const WheelSpeed = defineOntology({
      name: "WheelSpeed",
      fields: { left: field.float32(), right: field.float32(), slip: field.optional(field.bool()) },
      mixins: [HeaderMixin],
    });
    expect(WheelSpeed.tag).toBe("wheel_speed");
    const rows = [{ timestamp_ns: 1n, left: 1.5, right: 1.25, slip: true }, { timestamp_ns: 2n, left: 0, right: 0 }];
    expect(roundTrip(WheelSpeed, rows)).toEqual(rows);
  });
});

describe("toRecordBatch rejects bad samples with INVALID_ARGUMENT and the field path", () => {
  const ok = { timestamp_ns: 1n, acceleration: { x: 1, y: 2, z: 3 }, angular_velocity: { x: 1, y: 2, z: 3 } };
  const cases: Array<[string, unknown, RegExp]> = [
    ["missing timestamp", { ...ok, timestamp_ns: undefined }, /sample 1\.timestamp_ns: is required/],
    ["fractional timestamp", { ...ok, timestamp_ns: 1.5 }, /timestamp_ns: expected an integer/],
    ["missing required struct", { ...ok, acceleration: undefined }, /sample 1\.acceleration: is required/],
    ["missing required leaf", { ...ok, acceleration: { x: 1, y: 2 } }, /acceleration\.z: is required/],
    ["wrong leaf type", { ...ok, acceleration: { x: "1", y: 2, z: 3 } }, /acceleration\.x: expected a number/],
    ["unknown field", { ...ok, accel: 1 }, /unknown field "accel"/],
    ["bad list item", { ...ok, acceleration: { x: 1, y: 2, z: 3, covariance: [1, "a"] } }, /covariance\[1\]: expected a number/],
    ["int16 overflow", { ...ok, acceleration: { x: 1, y: 2, z: 3, covariance_type: 40000 } }, /40000 is out of range for int16/],
    ["uint64 negative", { ...ok, header: { sample_counter: -1n } }, /-1 is out of range for uint64/],
  ];
  it.each(cases)("%s", (_name, sample, message) => {
    let error: unknown;
    try {
      IMU.toRecordBatch([ok as never, sample as never]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MosaicoError);
    expect((error as MosaicoError).code).toBe(Code.InvalidArgument);
    expect((error as MosaicoError).message).toMatch(/IMU sample 1/);
    expect((error as MosaicoError).message).toMatch(message);
  });

  it("fixed-size lists need exactly their size", () => {
    const bad = {
      timestamp_ns: 1n,
      height: 1,
      width: 1,
      distortion_model: "",
      distortion_parameters: [],
      intrinsic_parameters: [1, 2, 3],
      rectification_parameters: new Array(9).fill(0),
      projection_parameters: new Array(12).fill(0),
    };
    expect(() => CameraInfo.toRecordBatch([bad])).toThrow(/intrinsic_parameters: expected exactly 9 items, got 3/);
  });
});

describe("fromRecordBatch checks the batch fits the model", () => {
  it("rejects a batch of another model", () => {
    const batch = GPS.toRecordBatch([{ timestamp_ns: 1n, position: { x: 1, y: 2, z: 3 } }]);
    expect(() => IMU.fromRecordBatch(batch)).toThrow(/does not fit the IMU model: acceleration is missing/);
  });

  it("matches fields by name, not position", () => {
    const Reordered = defineOntology({ name: "Probe", fields: { b: field.utf8(), a: field.int32() } });
    const Original = defineOntology({ name: "Probe", fields: { a: field.int32(), b: field.utf8() } });
    const batch = Reordered.toRecordBatch([{ timestamp_ns: 1n, b: "x", a: 2 }]);
    expect(Original.fromRecordBatch(batch)).toEqual([{ timestamp_ns: 1n, a: 2, b: "x" }]);
  });
});

describe("defineOntology rejects broken definitions", () => {
  it("mixin collisions, a payload timestamp_ns and bad fixed-list sizes", () => {
    const code = { code: Code.InvalidArgument };
    expect(() => defineOntology({ name: "A", fields: { header: field.bool() }, mixins: [HeaderMixin] })).toThrow(expect.objectContaining(code));
    expect(() => defineOntology({ name: "B", fields: { timestamp_ns: field.int64() } })).toThrow(/envelope column/);
    expect(() => field.fixedList(field.float64(), 0)).toThrow(expect.objectContaining(code));
  });
});
