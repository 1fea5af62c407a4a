import { Field, Int64, makeBuilder, makeData, RecordBatch, Schema, Struct, Utf8, Float32, List, Map_, Int32 } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { Code } from "../../../src/errors/code.js";
import {
  defineOntology,
  field,
  IMU,
  isModeledTag,
  ontologyByTag,
  readRows,
  registerOntology,
} from "../../../src/ontology/index.js";

function batchOf(schema: Schema, rows: Array<Record<string, unknown>>): RecordBatch {
  const children = schema.fields.map((f) => {
    const b = makeBuilder({ type: f.type, nullValues: [null, undefined] });
    for (const r of rows) b.append(r[f.name] as never);
    return b.finish().flush();
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }));
}

describe("unmodeled topics", () => {
  it("reads rows from whatever schema the server returned", () => {
    const schema = new Schema([
      new Field("timestamp_ns", new Int64(), false),
      new Field("label", new Utf8(), true),
      new Field("points", new List(new Field("item", new Struct([new Field("x", new Float32(), true), new Field("id", new Int64(), true)]), true)), true),
      new Field("tags", new Map_(new Field<Struct>("entries", new Struct([new Field("key", new Utf8(), false), new Field("value", new Int32(), true)]), false)), true),
    ]);
    const batch = batchOf(schema, [
      { timestamp_ns: 9007199254740993n, label: "a", points: [{ x: 1.5, id: 2n ** 60n }, null], tags: new Map([["k", 1]]) },
      { timestamp_ns: 2n, label: null, points: null, tags: null },
    ]);
    expect(readRows(batch)).toEqual([
      { timestamp_ns: 9007199254740993n, label: "a", points: [{ x: 1.5, id: 2n ** 60n }, null], tags: { k: 1 } },
      { timestamp_ns: 2n },
    ]);
  });

  it("reads a modeled batch generically too", () => {
    const batch = IMU.toRecordBatch([{ timestamp_ns: 1n, acceleration: { x: 1, y: 2, z: 3 }, angular_velocity: { x: 4, y: 5, z: 6 } }]);
    expect(readRows(batch)).toEqual(IMU.fromRecordBatch(batch));
  });

  it("maps tags to models; unknown tags are unmodeled", () => {
    expect(ontologyByTag("imu")).toBe(IMU);
    expect(ontologyByTag("lidar_summary")).toBeUndefined();
    expect(isModeledTag("lidar_summary")).toBe(false);
  });

  it("registers user models and refuses a taken tag", () => {
    const Lidar = defineOntology({ name: "LidarSummary", fields: { count: field.uint32() } });
    expect(registerOntology(Lidar)).toBe(Lidar);
    expect(registerOntology(Lidar)).toBe(Lidar);
    expect(ontologyByTag("lidar_summary")).toBe(Lidar);
    const Impostor = defineOntology({ name: "Impostor", tag: "imu", fields: { a: field.bool() } });
    expect(() => registerOntology(Impostor)).toThrow(expect.objectContaining({ code: Code.AlreadyExists }));
  });
});
