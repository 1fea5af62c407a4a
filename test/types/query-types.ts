/**
 * Type-level tests, checked by `tsc -p tsconfig.json --noEmit` (not run by
 * vitest). Every `@ts-expect-error` must hide a real error: an unused one
 * fails the typecheck (TS2578).
 */
import type { RecordBatch } from "apache-arrow";
import {
  BooleanValue,
  CameraInfo,
  CompressedImage,
  defineOntology,
  field,
  GPS,
  HeaderMixin,
  IMU,
  Image,
  RobotJoint,
  type RowOf,
  type SampleOf,
} from "../../src/ontology/index.js";
import { clusterizeRequestBody, Query, toQueryJson, type OntologyExpression } from "../../src/query/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// --- .Q paths -------------------------------------------------------------
const ok1: OntologyExpression<"imu"> = IMU.Q.acceleration.x.gt(5);
const ok2: OntologyExpression<"gps"> = GPS.Q.status.satellites.geq(4);
IMU.Q.timestamp_ns.between(1767225600000000000n, 1767225700000000000n);
IMU.Q.header.timestamp.seconds.geq(10);
IMU.Q.acceleration.covariance_type.eq(1);
IMU.Q.orientation.w.lt(1);
CameraInfo.Q.roi.offset.x.gt(0);
void [ok1, ok2];

// @ts-expect-error typo in a field path
IMU.Q.acceleration.xx.gt(5);
// @ts-expect-error typo at the top level
IMU.Q.accelleration.x.gt(5);
// @ts-expect-error structs are not leaves
IMU.Q.acceleration.gt(5);
// @ts-expect-error a list is not a leaf: pick elements with any()/all()/at(i)
IMU.Q.acceleration.covariance.gt(1);
// @ts-expect-error binary fields are not queryable
CompressedImage.Q.data.eq("x");
// @ts-expect-error a whole list compares with an array
RobotJoint.Q.names.eq("j1");
// @ts-expect-error a whole fixed-size list compares with an array
CameraInfo.Q.intrinsic_parameters.eq(1);

// --- lists (mosaicod 0.6+: [?], [!], [i], whole-list $eq) -------------------
const anyName: OntologyExpression<"robot_joint"> = RobotJoint.Q.names.any().match("j*");
RobotJoint.Q.positions.all().between(-1, 1);
IMU.Q.acceleration.covariance.at(0).geq(0);
CameraInfo.Q.intrinsic_parameters.eq([1, 0, 0, 0, 1, 0, 0, 0, 1]);
RobotJoint.Q.names.neq(["j1", "j2"]);
void anyName;
// @ts-expect-error element values keep the item type
RobotJoint.Q.positions.any().gt("1");
// @ts-expect-error whole-list arrays keep the item type
RobotJoint.Q.names.eq([1, 2]);
const Path = defineOntology({
  name: "RobotPath",
  tag: "robot_path",
  fields: {
    poses: field.list(field.struct({ x: field.float64(), label: field.utf8(), marks: field.list(field.int32()) })),
    grid: field.list(field.list(field.float32())),
  },
});
Path.Q.poses.any().x.gt(1);
Path.Q.poses.all().label.match("p*");
Path.Q.poses.at(2).x.eq(0);
// @ts-expect-error one list specifier per path: no list inside a list element
Path.Q.poses.any().marks.any();
// @ts-expect-error lists of structs have no whole-list equality
Path.Q.poses.eq([1]);
// @ts-expect-error lists of lists are not queryable
Path.Q.grid.any();

// --- value types per field type --------------------------------------------
// @ts-expect-error floats take numbers
IMU.Q.acceleration.x.gt("5");
// @ts-expect-error floats take numbers, not bigint
IMU.Q.acceleration.x.gt(5n);
// @ts-expect-error 8-bit integers take numbers, not bigint
GPS.Q.status.satellites.geq(4n);
// @ts-expect-error no $match on numbers
IMU.Q.acceleration.x.match("5*");
// @ts-expect-error no $ex on ontology fields
IMU.Q.acceleration.x.ex();
// @ts-expect-error int64 takes bigint or number, not strings
IMU.Q.timestamp_ns.gt("1767225600000000000");
// @ts-expect-error between needs two bounds
IMU.Q.timestamp_ns.between(1n);
// @ts-expect-error between bounds share the type
IMU.Q.acceleration.x.between(["a", "b"]);
// @ts-expect-error strings take strings
IMU.Q.header.frame_id.eq(5);
IMU.Q.header.frame_id.match("imu_*");
// @ts-expect-error $in takes an array
IMU.Q.header.frame_id.in("imu");
// @ts-expect-error booleans have no order
BooleanValue.Q.data.gt(true);
// @ts-expect-error booleans take booleans
BooleanValue.Q.data.eq(1);
Image.Q.is_bigendian.in([true, false]);

// --- sequence / topic builders ---------------------------------------------
Query.sequence().name.match("drive_*").createdAt.geq(new Date()).userMetadata("vehicle.id").eq("veh-7");
Query.sequence().userMetadata("**.battery").gt(50).userMetadata("logs[*].id").eq(1);
Query.topic().ontologyTag.eq(IMU.tag).serializationFormat.in(["default", "image"]).userMetadata("x").ex();
// @ts-expect-error sequence names are strings
Query.sequence().name.eq(5);
// @ts-expect-error creation times are bigint/number/Date
Query.sequence().createdAt.geq("2026-01-01");
// @ts-expect-error no such sequence field
Query.sequence().ontologyTag.eq("imu");
// @ts-expect-error serialization formats are an enum
Query.topic().serializationFormat.eq("fast");
// @ts-expect-error serialization formats have no order
Query.topic().serializationFormat.lt("image");
// @ts-expect-error metadata values are JSON scalars
Query.sequence().userMetadata("a").eq({ nested: 1 });
// @ts-expect-error $ex takes no value
Query.sequence().userMetadata("a").ex(true);
// @ts-expect-error Query.merge() takes builders and expressions only
Query.merge({ sequence: {} });
// @ts-expect-error ontology sections take expressions
Query.ontology({ "imu.acceleration.x": { $gt: 5 } });
toQueryJson(Query.merge(Query.sequence().name.eq("a"), IMU.Q.acceleration.x.gt(1)));
// @ts-expect-error clusterize needs a locator
clusterizeRequestBody({ ontology: IMU.Q.acceleration.x.gt(1) });
// @ts-expect-error the timestamp range is in nanoseconds
clusterizeRequestBody({ locator: "a/b", ontology: IMU.Q.acceleration.x.gt(1), timestampRange: { startNs: "0", endNs: 1n } });

// --- sample types ------------------------------------------------------------
type ImuSample = SampleOf<typeof IMU>;
assertType<Equals<ImuSample["acceleration"]["x"], number>>();
assertType<Equals<ImuSample["acceleration"]["covariance"], number[] | undefined>>();
assertType<Equals<NonNullable<ImuSample["header"]>["sample_counter"], bigint | undefined>>();
assertType<Equals<NonNullable<NonNullable<ImuSample["header"]>["timestamp"]>["seconds"], bigint>>();
assertType<Equals<RowOf<typeof IMU>["timestamp_ns"], bigint>>();
assertType<Equals<SampleOf<typeof CompressedImage>["data"], Uint8Array>>();
assertType<Equals<SampleOf<typeof RobotJoint>["names"], string[]>>();
assertType<Equals<NonNullable<SampleOf<typeof GPS>["status"]>["satellites"], number | undefined>>();
// @ts-expect-error orientation is optional (nullable) and may be absent
const mustHaveOrientation: Required<Pick<ImuSample, "orientation">> = {} as ImuSample;
void mustHaveOrientation;

const vec = { x: 1, y: 2, z: 3 };
IMU.toRecordBatch([{ timestamp_ns: 1n, acceleration: vec, angular_velocity: vec, orientation: null }]);
// @ts-expect-error timestamp_ns is a bigint
IMU.toRecordBatch([{ timestamp_ns: 1, acceleration: vec, angular_velocity: vec }]);
// @ts-expect-error z is required
IMU.toRecordBatch([{ timestamp_ns: 1n, acceleration: { x: 1, y: 2 }, angular_velocity: vec }]);
// @ts-expect-error unknown fields are rejected
IMU.toRecordBatch([{ timestamp_ns: 1n, acceleration: vec, angular_velocity: vec, speed: 1 }]);

const WheelSpeed = defineOntology({
  name: "WheelSpeed",
  fields: { left: field.float32(), ticks: field.int64(), note: field.optional(field.utf8()) },
  mixins: [HeaderMixin],
});
assertType<Equals<(typeof WheelSpeed)["tag"], string>>();
const Tagged = defineOntology({ name: "Tagged", tag: "tagged", fields: { v: field.bool() } });
assertType<Equals<(typeof Tagged)["tag"], "tagged">>();
assertType<Equals<SampleOf<typeof WheelSpeed>, { left: number; ticks: bigint; note?: string; header?: SampleOf<typeof IMU>["header"] }>>();
WheelSpeed.Q.ticks.gt(10n);
WheelSpeed.Q.header.frame_id.eq("base");
// @ts-expect-error no such field
WheelSpeed.Q.right.gt(1);
declare const batch: RecordBatch;
const rows: Array<{ timestamp_ns: bigint; left: number }> = WheelSpeed.fromRecordBatch(batch);
void rows;
