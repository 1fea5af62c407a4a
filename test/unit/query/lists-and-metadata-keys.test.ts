/**
 * The 0.6+ query features of the builder (upstream SDK 0.6.0: #600 lists,
 * #622 metadata key wildcards and `$match`): the exact keys and values sent,
 * and INVALID_ARGUMENT for what mosaicod would refuse or silently ignore.
 */
import { describe, expect, it } from "vitest";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";
import { CameraInfo, defineOntology, field, IMU, RobotJoint } from "../../../src/ontology/index.js";
import { stringifyJson } from "../../../src/protocol/json.js";
import { ontologyField, ontologyList, Query, toQueryJson, type OntologyExpression } from "../../../src/query/index.js";

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

const json = (expr: OntologyExpression) => stringifyJson(expr.toJSON());

const Path = defineOntology({
  name: "RobotPath",
  tag: "robot_path",
  fields: {
    poses: field.list(field.struct({ position: field.struct({ x: field.float64() }), label: field.utf8(), marks: field.list(field.int32()) })),
    grid: field.list(field.list(field.float32())),
  },
});

describe("list conditions send the SDK's specifier keys", () => {
  it.each<[string, () => OntologyExpression, string]>([
    ["[?] on scalars", () => RobotJoint.Q.positions.any().gt(1.5), '{"robot_joint.positions[?]":{"$gt":1.5}}'],
    ["[!] on scalars", () => RobotJoint.Q.positions.all().between(-1, 1), '{"robot_joint.positions[!]":{"$between":[-1,1]}}'],
    ["[i] on scalars", () => IMU.Q.acceleration.covariance.at(4).leq(0.01), '{"imu.acceleration.covariance[4]":{"$leq":0.01}}'],
    ["[?] $match on strings", () => RobotJoint.Q.names.any().match("arm_*"), '{"robot_joint.names[?]":{"$match":"arm_*"}}'],
    ["[!] $in", () => RobotJoint.Q.names.all().in(["a", "b"]), '{"robot_joint.names[!]":{"$in":["a","b"]}}'],
    ["fixed-size list", () => CameraInfo.Q.intrinsic_parameters.at(0).gt(0), '{"camera_info.intrinsic_parameters[0]":{"$gt":0}}'],
    ["[?] into a struct", () => Path.Q.poses.any().position.x.gt(1), '{"robot_path.poses[?].position.x":{"$gt":1}}'],
    ["[!] into a struct", () => Path.Q.poses.all().label.eq("p"), '{"robot_path.poses[!].label":{"$eq":"p"}}'],
    ["[i] into a struct", () => Path.Q.poses.at(2).position.x.outside(0, 1), '{"robot_path.poses[2].position.x":{"$outside":[0,1]}}'],
    ["whole list $eq", () => RobotJoint.Q.positions.eq([1, 2.5]), '{"robot_joint.positions":{"$eq":[1,2.5]}}'],
    ["whole list $neq", () => RobotJoint.Q.names.neq(["j1"]), '{"robot_joint.names":{"$neq":["j1"]}}'],
    ["whole list $eq, empty", () => RobotJoint.Q.names.eq([]), '{"robot_joint.names":{"$eq":[]}}'],
    ["untyped [?]", () => ontologyList("lidar", "ranges").any().gt(50), '{"lidar.ranges[?]":{"$gt":50}}'],
    ["untyped [!] sub-path", () => ontologyList("robot", "poses").all("position.x").geq(0), '{"robot.poses[!].position.x":{"$geq":0}}'],
    ["untyped [i] sub-path", () => ontologyList("robot", "poses").at(3, "ok").eq(true), '{"robot.poses[3].ok":{"$eq":true}}'],
    ["untyped whole list", () => ontologyList("mock", "values").eq([3, 4, 5]), '{"mock.values":{"$eq":[3,4,5]}}'],
    ["untyped path string", () => ontologyField("lidar", "ranges[!]").lt(100), '{"lidar.ranges[!]":{"$lt":100}}'],
    ["Query.list", () => Query.list("lidar", "ranges").at(0).eq(1), '{"lidar.ranges[0]":{"$eq":1}}'],
  ])("%s", (_label, build, expected) => {
    expect(json(build())).toBe(expected);
  });

  it("a list condition keeps tag and path", () => {
    const expr = Path.Q.poses.any().position.x.gt(1);
    expect([expr.tag, expr.path, expr.key]).toEqual(["robot_path", "poses[?].position.x", "robot_path.poses[?].position.x"]);
  });

  it("inside an element there is no second list, and lists of lists are left out", () => {
    expect(Object.keys(Path.Q.poses.any())).toEqual(["position", "label"]);
    expect("grid" in Path.Q).toBe(false);
  });

  it("misuse is INVALID_ARGUMENT", () => {
    invalid(() => RobotJoint.Q.positions.at(-1), /list position is a non-negative integer/);
    invalid(() => RobotJoint.Q.positions.at(1.5), /non-negative integer/);
    invalid(() => RobotJoint.Q.positions.eq(1 as never), /compared with an array of values.*any\(\)\/all\(\)\/at\(i\)/);
    invalid(() => RobotJoint.Q.positions.eq([1, "2" as never]), /\$eq\[1\]: expected a finite number/);
    invalid(() => ontologyField("lidar", "ranges[?][0]"), /list specifier/);
    invalid(() => ontologyField("lidar", "a[?].b[!]"), /at most one list specifier/);
    invalid(() => ontologyField("lidar", "ranges[x]"), /\[\?\] \(any element\)/);
    invalid(() => ontologyField("lidar", "[?]"), /empty field name/);
    invalid(() => ontologyList("lidar", "ranges[?]"), /no list specifier here/);
    invalid(() => ontologyList("robot", "poses").any("a[0]"), /no list specifier here/);
  });
});

describe("user-metadata keys with mosaicod's wildcards", () => {
  it.each([
    ["status.*", "$gt", 1],
    ["**.battery", "$gt", 1],
    ["payload_manifest.sensors.**", "$eq", "active"],
    ["tags[*]", "$eq", "fleet-3"],
    ["logs[*].id", "$eq", 2],
    ["logs[1].message", "$eq", "x"],
    ["**[*].glob_array_key", "$eq", "hello"],
    ["robot id", "$ex", null],
  ])("%s goes into user_metadata verbatim", (key, op, value) => {
    const base = Query.sequence().userMetadata(key);
    const q = op === "$ex" ? base.ex() : op === "$gt" ? base.gt(value as number) : base.eq(value as string);
    expect(toQueryJson(q)).toEqual({ sequence: { user_metadata: { [key]: { [op]: value } } } });
  });

  it("refuses keys mosaicod refuses or cannot resolve", () => {
    invalid(() => Query.sequence().userMetadata("a--b"), /invalid user-metadata path "a--b"/);
    invalid(() => Query.topic().userMetadata("a.***"), /invalid user-metadata path/);
    invalid(() => Query.sequence().userMetadata("vehicle:id"), /ASCII letters, digits/);
    invalid(() => Query.sequence().userMetadata("sensor*"), /`\*` and `\*\*` stand for a whole key/);
    invalid(() => Query.sequence().userMetadata("logs[x]"), /brackets take `\*` or an index/);
  });

  it("$match takes plain keys only (mosaicod resolves $match keys literally)", () => {
    expect(toQueryJson(Query.topic().userMetadata("site.name").match("lab-#"))).toEqual({
      topic: { user_metadata: { "site.name": { $match: "lab-#" } } },
    });
    invalid(() => Query.sequence().userMetadata("status.*").match("nominal"), /match\(\) takes a plain key/);
    invalid(() => Query.topic().userMetadata("tags[*]").match("fleet-*"), /match\(\) takes a plain key/);
  });
});
