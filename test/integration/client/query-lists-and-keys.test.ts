/**
 * The 0.6 query features end to end: data and metadata written with the SDK,
 * queried with the typed builder (list specifiers through `.Q`, whole-list
 * equality, untyped `Query.list`, user-metadata key wildcards, `$match` on
 * metadata) against the reference server in both release modes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineOntology, field, MosaicoClient, Query, RobotJoint, type QueryPart } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

const T0 = 1_767_225_600_000_000_000n;

const Path = defineOntology({
  name: "RobotPath",
  tag: "robot_path",
  fields: { poses: field.list(field.struct({ x: field.float64(), label: field.utf8() })) },
});

const setups = [
  ["0.6", "grpc"],
  ["0.7", "grpc-web"],
] as const;

describe.each(setups)("list and metadata-key queries on a %s server over %s", (generation, protocol) => {
  let server: RunningServer;
  let client: MosaicoClient;
  const run = `${generation.replace(".", "")}_${Date.now().toString(36)}`;
  const seq = (k: string) => `lk_${k}_${run}`;

  async function write(k: string, metadata: Record<string, unknown>, names: string[], positions: number[], poses: Array<{ x: number; label: string }>) {
    await client.writeSequence(seq(k), { userMetadata: { run, ...metadata } as never }, async (writer) => {
      const joints = await writer.topicWriter("/arm/joints", { ontologyTag: RobotJoint.tag, schema: RobotJoint.schema });
      await joints.push(RobotJoint.toRecordBatch([{ timestamp_ns: T0, names, positions, velocities: [], efforts: [] }]));
      const path = await writer.topicWriter("/plan", { ontologyTag: Path.tag, schema: Path.schema });
      await path.push(Path.toRecordBatch([{ timestamp_ns: T0, poses }]));
    });
  }

  beforeAll(async () => {
    server = await startTestServer({ generation });
    client = await MosaicoClient.connect({ url: server.url, protocol });
    await write("a", { status: { telemetry: { battery: 84 } }, tags: ["fleet-3"], site: "lab-2" }, ["arm_1", "arm_2"], [0.5, 1.5], [{ x: 1, label: "start" }, { x: 4, label: "goal" }]);
    await write("b", { battery: 12, tags: ["fleet-1"], site: "lab-10" }, ["leg_1"], [-2], [{ x: -1, label: "start" }]);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  const hits = async (parts: QueryPart[]) =>
    (await client.query([Query.sequence().userMetadata("run").eq(run), ...parts])).map((i) => `${i.sequence.split("_")[1]}:${i.topics.map((t) => t.name).join(",")}`);

  it("list elements through .Q: [?], [!], [i], struct elements", async () => {
    expect(await hits([RobotJoint.Q.positions.any().gt(1)])).toEqual(["a:/arm/joints"]);
    expect(await hits([RobotJoint.Q.positions.all().lt(0)])).toEqual(["b:/arm/joints"]);
    expect(await hits([RobotJoint.Q.names.at(1).eq("arm_2")])).toEqual(["a:/arm/joints"]);
    expect(await hits([RobotJoint.Q.names.any().match("leg_*")])).toEqual(["b:/arm/joints"]);
    expect(await hits([Path.Q.poses.any().x.geq(4)])).toEqual(["a:/plan"]);
    expect(await hits([Path.Q.poses.all().label.eq("start")])).toEqual(["b:/plan"]);
    expect(await hits([Path.Q.poses.at(0).label.eq("start")])).toEqual(["a:/plan", "b:/plan"]);
    expect(await hits([Path.Q.poses.at(1).x.gt(0)])).toEqual(["a:/plan"]);
  });

  it("whole-list equality and untyped list paths", async () => {
    expect(await hits([RobotJoint.Q.names.eq(["arm_1", "arm_2"])])).toEqual(["a:/arm/joints"]);
    expect(await hits([RobotJoint.Q.names.neq(["arm_1", "arm_2"])])).toEqual(["b:/arm/joints"]);
    expect(await hits([RobotJoint.Q.velocities.eq([])])).toEqual(["a:/arm/joints", "b:/arm/joints"]);
    expect(await hits([Query.list(Path.tag, "poses").any("x").lt(0)])).toEqual(["b:/plan"]);
    expect(await hits([Query.field(RobotJoint.tag, "positions[!]").between(0, 2)])).toEqual(["a:/arm/joints"]);
  });

  it("list conditions combine with scalar ones and with other tags", async () => {
    const both = await hits([Query.ontology(RobotJoint.Q.positions.any().gt(1), Path.Q.poses.any().label.eq("goal"))]);
    expect(both).toEqual(["a:/arm/joints,/plan"]);
    expect(await hits([Query.ontology(RobotJoint.Q.positions.any().gt(1), Path.Q.poses.all().label.eq("start"))])).toEqual([]);
  });

  it("user-metadata key wildcards", async () => {
    expect(await hits([Query.sequence().userMetadata("**.battery").gt(50)])).toEqual(["a:/arm/joints,/plan"]);
    expect(await hits([Query.sequence().userMetadata("**.battery").lt(50)])).toEqual(["b:/arm/joints,/plan"]);
    expect(await hits([Query.sequence().userMetadata("status.*.battery").ex()])).toEqual(["a:/arm/joints,/plan"]);
    expect(await hits([Query.sequence().userMetadata("tags[*]").eq("fleet-1")])).toEqual(["b:/arm/joints,/plan"]);
    expect(await hits([Query.sequence().userMetadata("tags[0]").in(["fleet-3", "x"])])).toEqual(["a:/arm/joints,/plan"]);
  });

  it("$match on metadata uses the simplified regex", async () => {
    expect(await hits([Query.sequence().userMetadata("site").match("lab-#")])).toEqual(["a:/arm/joints,/plan"]);
    expect(await hits([Query.sequence().userMetadata("site").match("lab-##")])).toEqual(["b:/arm/joints,/plan"]);
    expect(await hits([Query.sequence().userMetadata("status.telemetry.battery").match("8?")])).toEqual(["a:/arm/joints,/plan"]);
    expect(await hits([Query.sequence().userMetadata("site").match("lab")])).toEqual([]); // no wildcard: exact
  });
});
