import { describe, expect, it } from "vitest";
import { stringifyJson } from "../../../src/protocol/json.js";
import {
  BooleanValue,
  Floating16,
  Floating32,
  GPS,
  Image,
  IMU,
  LargeString,
  NMEASentence,
  Range,
  ROI,
  Unsigned64,
} from "../../../src/ontology/index.js";
import { ontologyField, Query, type OntologyExpression } from "../../../src/query/index.js";

const T0 = 1767225600000000001n; // > 2^53: must be written exactly
const T1 = 1767225700000000000n;

function text(expr: OntologyExpression): string {
  return stringifyJson(expr.toJSON());
}

describe("ontology operators produce the exact JSON of docs/protocol.md §8.2", () => {
  const cases: Array<[string, () => OntologyExpression, string]> = [
    // float64 (numbers)
    ["float $eq", () => IMU.Q.acceleration.x.eq(5.5), '{"imu.acceleration.x":{"$eq":5.5}}'],
    ["float $neq", () => IMU.Q.acceleration.y.neq(-0.25), '{"imu.acceleration.y":{"$neq":-0.25}}'],
    ["float $lt", () => IMU.Q.acceleration.z.lt(9.81), '{"imu.acceleration.z":{"$lt":9.81}}'],
    ["float $leq", () => IMU.Q.angular_velocity.x.leq(1e-9), '{"imu.angular_velocity.x":{"$leq":1e-9}}'],
    ["float $gt", () => IMU.Q.acceleration.x.gt(5), '{"imu.acceleration.x":{"$gt":5}}'],
    ["float $geq", () => IMU.Q.orientation.w.geq(0.5), '{"imu.orientation.w":{"$geq":0.5}}'],
    ["float $between", () => IMU.Q.acceleration.x.between(-1.5, 2), '{"imu.acceleration.x":{"$between":[-1.5,2]}}'],
    ["float $between tuple", () => IMU.Q.acceleration.x.between([-1.5, 2]), '{"imu.acceleration.x":{"$between":[-1.5,2]}}'],
    ["float $outside", () => IMU.Q.acceleration.x.outside(-3, 3), '{"imu.acceleration.x":{"$outside":[-3,3]}}'],
    ["float $in", () => IMU.Q.acceleration.x.in([0, 1.5]), '{"imu.acceleration.x":{"$in":[0,1.5]}}'],
    ["float32", () => Range.Q.range.gt(0.25), '{"range.range":{"$gt":0.25}}'],
    ["float16", () => Floating16.Q.data.leq(1.5), '{"floating16.data":{"$leq":1.5}}'],
    ["float32 scalar", () => Floating32.Q.data.eq(3), '{"floating32.data":{"$eq":3}}'],
    // small integers
    ["int8 $geq", () => GPS.Q.status.satellites.geq(4), '{"gps.status.satellites":{"$geq":4}}'],
    ["int8 $in", () => GPS.Q.status.status.in([0, 1, 2]), '{"gps.status.status":{"$in":[0,1,2]}}'],
    ["uint16 $eq", () => GPS.Q.status.service.eq(2), '{"gps.status.service":{"$eq":2}}'],
    ["uint8 $neq", () => Range.Q.radiation_type.neq(1), '{"range.radiation_type":{"$neq":1}}'],
    ["uint32 $between", () => ROI.Q.height.between(10, 20), '{"roi.height":{"$between":[10,20]}}'],
    ["int16 $outside", () => IMU.Q.acceleration.covariance_type.outside(0, 3), '{"imu.acceleration.covariance_type":{"$outside":[0,3]}}'],
    ["int32 $lt", () => Image.Q.width.lt(1920), '{"image.width":{"$lt":1920}}'],
    // int64/uint64/timestamps: exact integers
    ["timestamp $between bigint", () => IMU.Q.timestamp_ns.between(T0, T1), `{"imu.timestamp_ns":{"$between":[${T0},${T1}]}}`],
    ["timestamp $gt bigint", () => IMU.Q.timestamp_ns.gt(T0), '{"imu.timestamp_ns":{"$gt":1767225600000000001}}'],
    ["timestamp $leq number", () => IMU.Q.timestamp_ns.leq(1000), '{"imu.timestamp_ns":{"$leq":1000}}'],
    ["timestamp $in", () => IMU.Q.timestamp_ns.in([T0, 5n]), '{"imu.timestamp_ns":{"$in":[1767225600000000001,5]}}'],
    ["timestamp $outside", () => IMU.Q.timestamp_ns.outside([1n, T0]), '{"imu.timestamp_ns":{"$outside":[1,1767225600000000001]}}'],
    ["int64 header seconds", () => IMU.Q.header.timestamp.seconds.geq(1767225600n), '{"imu.header.timestamp.seconds":{"$geq":1767225600}}'],
    ["uint64 nanoseconds", () => IMU.Q.header.timestamp.nanoseconds.lt(500_000_000), '{"imu.header.timestamp.nanoseconds":{"$lt":500000000}}'],
    ["uint64 max", () => Unsigned64.Q.data.eq(2n ** 64n - 1n), '{"unsigned64.data":{"$eq":18446744073709551615}}'],
    ["uint64 $neq", () => IMU.Q.header.sample_counter.neq(0n), '{"imu.header.sample_counter":{"$neq":0}}'],
    // strings
    ["utf8 $eq", () => IMU.Q.header.frame_id.eq("imu_link"), '{"imu.header.frame_id":{"$eq":"imu_link"}}'],
    ["utf8 $neq", () => IMU.Q.header.frame_id.neq('quote"d'), '{"imu.header.frame_id":{"$neq":"quote\\"d"}}'],
    ["utf8 $match", () => NMEASentence.Q.sentence.match("$GPGGA*"), '{"nmea_sentence.sentence":{"$match":"$GPGGA*"}}'],
    ["utf8 $in", () => Image.Q.encoding.in(["rgb8", "bgr8"]), '{"image.encoding":{"$in":["rgb8","bgr8"]}}'],
    ["utf8 $lt", () => Image.Q.format.lt("q"), '{"image.format":{"$lt":"q"}}'],
    ["utf8 $leq", () => Image.Q.format.leq("q"), '{"image.format":{"$leq":"q"}}'],
    ["utf8 $gt", () => Image.Q.format.gt("a"), '{"image.format":{"$gt":"a"}}'],
    ["utf8 $geq", () => Image.Q.format.geq("a"), '{"image.format":{"$geq":"a"}}'],
    ["utf8 $between", () => Image.Q.format.between("a", "q"), '{"image.format":{"$between":["a","q"]}}'],
    ["utf8 $outside", () => Image.Q.format.outside(["a", "q"]), '{"image.format":{"$outside":["a","q"]}}'],
    ["large_utf8 $match", () => LargeString.Q.data.match("log_#"), '{"large_string.data":{"$match":"log_#"}}'],
    // booleans
    ["bool $eq", () => BooleanValue.Q.data.eq(true), '{"boolean.data":{"$eq":true}}'],
    ["bool $neq", () => Image.Q.is_bigendian.neq(false), '{"image.is_bigendian":{"$neq":false}}'],
    ["bool $in", () => ROI.Q.do_rectify.in([true]), '{"roi.do_rectify":{"$in":[true]}}'],
    // untyped path (unmodeled topic)
    ["untyped $gt bigint", () => ontologyField("lidar", "scan.count").gt(T0), '{"lidar.scan.count":{"$gt":1767225600000000001}}'],
    ["untyped $match", () => ontologyField("lidar", "frame").match("front_*"), '{"lidar.frame":{"$match":"front_*"}}'],
    ["untyped $in mixed", () => ontologyField("lidar", "mode").in(["a", 1, true]), '{"lidar.mode":{"$in":["a",1,true]}}'],
    ["Query.field", () => Query.field("lidar", "x").between(1, 2), '{"lidar.x":{"$between":[1,2]}}'],
  ];

  it.each(cases)("%s", (_name, build, json) => {
    expect(text(build())).toBe(json);
  });

  it("exposes tag, path, key, op and value", () => {
    const e = IMU.Q.header.timestamp.seconds.gt(T0);
    expect(e).toMatchObject({ kind: "ontology-expression", tag: "imu", path: "header.timestamp.seconds", key: "imu.header.timestamp.seconds", op: "$gt", value: T0 });
    expect(Object.isFrozen(e)).toBe(true);
  });
});

describe("section operators", () => {
  const s = () => Query.sequence();
  const t = () => Query.topic();
  const cases: Array<[string, () => { toJSON(): unknown }, string]> = [
    ["sequence name $eq", () => s().name.eq("drive_a"), '{"name":{"$eq":"drive_a"}}'],
    ["sequence name $neq", () => s().name.neq("drive_a"), '{"name":{"$neq":"drive_a"}}'],
    ["sequence name $match", () => s().name.match("drive_*"), '{"name":{"$match":"drive_*"}}'],
    ["sequence name $in", () => s().name.in(["a", "b"]), '{"name":{"$in":["a","b"]}}'],
    ["sequence name $between", () => s().name.between("a", "m"), '{"name":{"$between":["a","m"]}}'],
    ["sequence created $geq bigint", () => s().createdAt.geq(T0), '{"created_at_ns":{"$geq":1767225600000000001}}'],
    ["sequence created $lt number", () => s().createdAt.lt(1000), '{"created_at_ns":{"$lt":1000}}'],
    ["sequence created $leq Date", () => s().createdAt.leq(new Date("2026-01-01T00:00:00.001Z")), '{"created_at_ns":{"$leq":1767225600001000000}}'],
    ["sequence created $gt", () => s().createdAt.gt(T0), '{"created_at_ns":{"$gt":1767225600000000001}}'],
    ["sequence created $eq", () => s().createdAt.eq(T0), '{"created_at_ns":{"$eq":1767225600000000001}}'],
    ["sequence created $neq", () => s().createdAt.neq(T0), '{"created_at_ns":{"$neq":1767225600000000001}}'],
    ["sequence created $between", () => s().createdAt.between(T0, T1), `{"created_at_ns":{"$between":[${T0},${T1}]}}`],
    ["sequence created $outside Date", () => s().createdAt.outside(new Date(0), T0), `{"created_at_ns":{"$outside":[0,${T0}]}}`],
    ["sequence created $in", () => s().createdAt.in([T0]), `{"created_at_ns":{"$in":[${T0}]}}`],
    ["metadata $eq string", () => s().userMetadata("vehicle.id").eq("veh-7"), '{"user_metadata":{"vehicle.id":{"$eq":"veh-7"}}}'],
    ["metadata $neq bool", () => s().userMetadata("test").neq(true), '{"user_metadata":{"test":{"$neq":true}}}'],
    ["metadata $lt number", () => s().userMetadata("env.visibility").lt(100), '{"user_metadata":{"env.visibility":{"$lt":100}}}'],
    ["metadata $leq float", () => s().userMetadata("a").leq(0.5), '{"user_metadata":{"a":{"$leq":0.5}}}'],
    ["metadata $gt bigint", () => s().userMetadata("a").gt(T0), '{"user_metadata":{"a":{"$gt":1767225600000000001}}}'],
    ["metadata $geq string", () => s().userMetadata("a").geq("b"), '{"user_metadata":{"a":{"$geq":"b"}}}'],
    ["metadata $between", () => s().userMetadata("calibration.focal").between(14, 24), '{"user_metadata":{"calibration.focal":{"$between":[14,24]}}}'],
    ["metadata $outside", () => s().userMetadata("a").outside([1, 2]), '{"user_metadata":{"a":{"$outside":[1,2]}}}'],
    ["metadata $in", () => s().userMetadata("site").in(["lab-1", "lab-2"]), '{"user_metadata":{"site":{"$in":["lab-1","lab-2"]}}}'],
    ["metadata $match", () => s().userMetadata("site").match("lab-?"), '{"user_metadata":{"site":{"$match":"lab-?"}}}'],
    ["metadata $ex", () => s().userMetadata("vehicle").ex(), '{"user_metadata":{"vehicle":{"$ex":null}}}'],
    ["metadata $nex", () => s().userMetadata("vehicle").nex(), '{"user_metadata":{"vehicle":{"$nex":null}}}'],
    ["topic name $match", () => t().name.match("sensors/*"), '{"name":{"$match":"sensors/*"}}'],
    ["topic tag $eq", () => t().ontologyTag.eq(IMU.tag), '{"ontology_tag":{"$eq":"imu"}}'],
    ["topic tag $in", () => t().ontologyTag.in(["imu", "gps"]), '{"ontology_tag":{"$in":["imu","gps"]}}'],
    ["topic format $eq", () => t().serializationFormat.eq("image"), '{"serialization_format":{"$eq":"image"}}'],
    ["topic format $neq", () => t().serializationFormat.neq("default"), '{"serialization_format":{"$neq":"default"}}'],
    ["topic format $in", () => t().serializationFormat.in(["ragged", "image"]), '{"serialization_format":{"$in":["ragged","image"]}}'],
    ["topic created $geq", () => t().createdAt.geq(T0), '{"created_at_ns":{"$geq":1767225600000000001}}'],
    ["topic metadata $eq", () => t().userMetadata("calibrated").eq(true), '{"user_metadata":{"calibrated":{"$eq":true}}}'],
    ["topic metadata $nex", () => t().userMetadata("deprecated").nex(), '{"user_metadata":{"deprecated":{"$nex":null}}}'],
  ];

  it.each(cases)("%s", (_name, build, json) => {
    expect(stringifyJson(build().toJSON())).toBe(json);
  });
});
