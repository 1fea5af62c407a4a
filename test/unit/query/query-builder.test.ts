import { describe, expect, it } from "vitest";
import { stringifyJson } from "../../../src/protocol/json.js";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";
import { GPS, IMU } from "../../../src/ontology/index.js";
import { MosaicoQuery, Query, toQueryJson } from "../../../src/query/index.js";

function invalid(fn: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MosaicoError);
  expect((error as MosaicoError).code).toBe(Code.InvalidArgument);
  expect((error as MosaicoError).rawMessage).toMatch(message);
}

describe("query bodies (docs/protocol.md §8.1)", () => {
  it("merges sequence + topic + ontology into the one JSON body", () => {
    const q = Query.merge(
      Query.sequence().name.match("drive_*").createdAt.geq(1767225600000000000n).userMetadata("vehicle.id").eq("veh-7"),
      Query.topic().ontologyTag.eq("imu").userMetadata("calibrated").eq(true),
      Query.ontology(IMU.Q.acceleration.x.gt(5), IMU.Q.timestamp_ns.between(1767225600000000000n, 1767225700000000000n)),
    );
    expect(stringifyJson(toQueryJson(q))).toBe(
      '{"sequence":{"name":{"$match":"drive_*"},"created_at_ns":{"$geq":1767225600000000000},"user_metadata":{"vehicle.id":{"$eq":"veh-7"}}},' +
        '"topic":{"ontology_tag":{"$eq":"imu"},"user_metadata":{"calibrated":{"$eq":true}}},' +
        '"ontology":{"imu.acceleration.x":{"$gt":5},"imu.timestamp_ns":{"$between":[1767225600000000000,1767225700000000000]}}}',
    );
  });

  it("keeps bigint values in the JsonObject", () => {
    const body = toQueryJson(IMU.Q.timestamp_ns.gt(1767225600000000001n));
    expect(body).toEqual({ ontology: { "imu.timestamp_ns": { $gt: 1767225600000000001n } } });
  });

  it("accepts bare expressions, several models, and builders split over parts", () => {
    const q = Query.merge(
      IMU.Q.acceleration.x.gt(5),
      GPS.Q.status.satellites.geq(4),
      Query.sequence().name.eq("a"),
      Query.sequence().userMetadata("x").ex(),
      Query.ontology(IMU.Q.acceleration.y.lt(1)),
    );
    expect(q).toBeInstanceOf(MosaicoQuery);
    expect(stringifyJson(q.toJSON())).toBe(
      '{"sequence":{"name":{"$eq":"a"},"user_metadata":{"x":{"$ex":null}}},' +
        '"ontology":{"imu.acceleration.x":{"$gt":5},"gps.status.satellites":{"$geq":4},"imu.acceleration.y":{"$lt":1}}}',
    );
    expect(Query.ontology(IMU.Q.acceleration.x.gt(5), GPS.Q.status.satellites.geq(4)).tags).toEqual(["imu", "gps"]);
  });

  it("nests merged queries and leaves empty sections out", () => {
    const inner = Query.merge(Query.topic().name.eq("sensors/imu"));
    expect(stringifyJson(toQueryJson(inner, Query.sequence()))).toBe('{"topic":{"name":{"$eq":"sensors/imu"}}}');
  });

  it("builders are immutable", () => {
    const base = Query.sequence().name.eq("a");
    const more = base.createdAt.geq(1n);
    expect(base.conditions).toHaveLength(1);
    expect(more.conditions).toHaveLength(2);
    expect(Object.isFrozen(base)).toBe(true);
    const o = Query.ontology(IMU.Q.acceleration.x.gt(1));
    o.and(IMU.Q.acceleration.y.gt(1));
    expect(o.expressions).toHaveLength(1);
  });

  it("serializes through toJSON (lossless stringify of the builder itself)", () => {
    expect(stringifyJson(Query.merge(IMU.Q.timestamp_ns.eq(2n ** 63n - 1n)))).toBe('{"ontology":{"imu.timestamp_ns":{"$eq":9223372036854775807}}}');
  });
});

describe("builder misuse -> MosaicoError INVALID_ARGUMENT", () => {
  it("between/outside need lo <= hi", () => {
    invalid(() => IMU.Q.acceleration.x.between(2, 1), /lower bound 2 is greater than the upper bound 1/);
    invalid(() => IMU.Q.timestamp_ns.outside(10n, 9n), /lower bound/);
    invalid(() => Query.sequence().createdAt.between(new Date(2000), new Date(1000)), /lower bound/);
    invalid(() => Query.topic().name.between("z", "a"), /lower bound "z"/);
    invalid(() => Query.sequence().userMetadata("a").between("a" as never, 1), /both bounds must be numbers or both strings/);
    invalid(() => (IMU.Q.acceleration.x.between as (...a: unknown[]) => unknown)(1, 2, 3), /expected two bounds/);
  });

  it("checks value types at runtime too", () => {
    invalid(() => IMU.Q.acceleration.x.gt("5" as never), /imu\.acceleration\.x \$gt: expected a finite number/);
    invalid(() => IMU.Q.acceleration.x.gt(Number.NaN), /finite number/);
    invalid(() => GPS.Q.status.satellites.eq(4.5), /expected an integer number/);
    invalid(() => IMU.Q.timestamp_ns.gt(2 ** 60), /beyond 2\^53.*pass a bigint/);
    invalid(() => IMU.Q.header.frame_id.eq(1 as never), /expected a string/);
    invalid(() => Query.sequence().createdAt.geq(new Date("nope")), /Date is invalid/);
    invalid(() => Query.sequence().userMetadata("a").eq({} as never), /expected a string, number, bigint or boolean/);
    invalid(() => Query.sequence().name.match(5 as never), /pattern string/);
  });

  it("$in needs a non-empty array", () => {
    invalid(() => IMU.Q.acceleration.x.in([]), /empty/);
    invalid(() => IMU.Q.acceleration.x.in(5 as never), /array/);
    invalid(() => IMU.Q.acceleration.x.in([1, "2" as never]), /\$in\[1\]: expected a finite number/);
  });

  it("one condition per key", () => {
    invalid(() => Query.sequence().createdAt.geq(1n).createdAt.leq(2n), /already has a condition on "created_at_ns".*between/);
    invalid(() => Query.topic().userMetadata("a").eq(1).userMetadata("a").neq(2), /"user_metadata\.a"/);
    invalid(() => Query.ontology(IMU.Q.acceleration.x.gt(1), IMU.Q.acceleration.x.lt(5)), /"imu\.acceleration\.x"/);
    invalid(() => Query.merge(Query.sequence().name.eq("a"), Query.sequence().name.eq("b")), /"name"/);
    // the same key in different sections is fine
    expect(() => Query.merge(Query.sequence().name.eq("a"), Query.topic().name.eq("a"))).not.toThrow();
  });

  it("rejects bad paths, foreign parts and empty queries", () => {
    invalid(() => Query.sequence().userMetadata(""), /user-metadata path/);
    invalid(() => Query.sequence().userMetadata("a..b"), /user-metadata path/);
    invalid(() => Query.field("", "x"), /ontology tag/);
    invalid(() => Query.field("a.b", "x"), /ontology tag/);
    invalid(() => Query.field("imu", "x."), /field path/);
    invalid(() => Query.ontology({ "imu.x": { $gt: 1 } } as never), /expressions built with/);
    invalid(() => Query.merge({ sequence: {} } as never), /cannot merge/);
    invalid(() => toQueryJson(Query.merge()), /no conditions/);
    invalid(() => toQueryJson(Query.sequence(), Query.topic()), /no conditions/);
  });
});
