/**
 * Writers take Arrow data from any apache-arrow instance: the CommonJS build
 * beside our ESM one (what a `require("apache-arrow")` app holds), an older
 * version (19), and IPC stream/file bytes. The adopted batches must encode
 * through the SDK's FlightData encoder and decode to the same values; what
 * is not Arrow gets INVALID_ARGUMENT, never DATA_LOSS.
 */
import { createRequire } from "node:module";
import * as esm from "apache-arrow";
import { describe, expect, it } from "vitest";
import { toRecordBatches } from "../../../src/data/arrow-input.js";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";
import { decodeFlightData, encodeFlightData } from "../../../src/protocol/index.js";
import { collect } from "./helpers.js";

type ArrowModule = typeof esm;
const require = createRequire(import.meta.url);
const cjs = require("apache-arrow") as ArrowModule;
const arrow19 = require("apache-arrow-19") as ArrowModule;

const ROWS = 300;

/** A table of nested and nullable columns, built entirely with `arrow`. */
function richTable(arrow: ArrowModule) {
  const ts = Array.from({ length: ROWS }, (_, i) => 1_774_426_445_000_000_000n + BigInt(i) * 5_000_000n);
  const xyz = new arrow.Struct([
    new arrow.Field("x", new arrow.Float64()),
    new arrow.Field("y", new arrow.Float64()),
    new arrow.Field("z", new arrow.Float64(), true),
  ]);
  const columns = {
    timestamp_ns: arrow.vectorFromArray(ts, new arrow.Int64()),
    acceleration: arrow.vectorFromArray(
      ts.map((_, i) => ({ x: i / 3, y: -i, z: i % 7 === 0 ? null : i * 2 })),
      xyz,
    ),
    label: arrow.vectorFromArray(ts.map((_, i) => (i % 5 === 0 ? null : `row ${i} ✓`)), new arrow.Utf8()),
    mode: arrow.vectorFromArray(ts.map((_, i) => ["idle", "drive", "park"][i % 3]!), new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
    joints: arrow.vectorFromArray(ts.map((_, i) => (i % 11 === 0 ? null : [i, i + 0.5, -i])), new arrow.List(new arrow.Field("item", new arrow.Float32(), true))),
    ok: arrow.vectorFromArray(ts.map((_, i) => (i % 4 === 0 ? null : i % 2 === 0)), new arrow.Bool()),
    stamp: arrow.vectorFromArray(ts.map((t) => Number(t / 1_000_000n)), new arrow.TimestampMillisecond()),
    seq: arrow.vectorFromArray(ts.map((_, i) => i), new arrow.Uint16()),
  };
  const table = new arrow.Table(columns);
  // Two batches, so Table inputs keep their batching.
  return new arrow.Table([...table.slice(0, 120).batches, ...table.slice(120).batches]);
}

const plain = (rows: unknown[]) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));

async function throughTheWire(batches: esm.RecordBatch[]) {
  const reader = await decodeFlightData((async function* () {
    yield* encodeFlightData(batches[0]!.schema, batches, { compression: "lz4_frame" });
  })());
  return collect(reader);
}

function refusal(run: () => unknown): MosaicoError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MosaicoError);
    return error as MosaicoError;
  }
  throw new Error("expected a refusal");
}

describe("toRecordBatches", () => {
  it("has two foreign instances to test with", () => {
    expect(cjs.Table).not.toBe(esm.Table);
    expect(arrow19.Table).not.toBe(esm.Table);
    // Since 21.x, instanceof says yes across instances, but the classes differ.
    expect(Object.getPrototypeOf(richTable(cjs))).not.toBe(esm.Table.prototype);
  });

  it.each([
    ["the CommonJS build", cjs],
    ["apache-arrow 19", arrow19],
  ])("takes a Table of %s over the same buffers and sends it value-exact", async (_label, arrow) => {
    const foreign = richTable(arrow);
    const batches = toRecordBatches(foreign, "t/imu");
    expect(batches).toHaveLength(2);
    for (const batch of batches) expect(batch).toBeInstanceOf(esm.RecordBatch);
    expect(batches[0]!.schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable}`)).toEqual(
      foreign.schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable}`),
    );
    // Zero copy: the timestamp column is the very same buffer.
    expect(batches[0]!.getChild("timestamp_ns")!.data[0]!.values).toBe(foreign.batches[0]!.getChild("timestamp_ns")!.data[0]!.values);
    const decoded = await throughTheWire(batches);
    const rows = decoded.flatMap((b) => b.toArray().map((r) => r.toJSON()));
    expect(plain(rows)).toEqual(plain(foreign.toArray().map((r) => r.toJSON())));
    expect(rows).toHaveLength(ROWS);
  });

  it("takes a single foreign RecordBatch", () => {
    const batch = richTable(cjs).batches[1]!;
    const [adopted] = toRecordBatches(batch, "t/imu");
    expect(adopted).toBeInstanceOf(esm.RecordBatch);
    expect(adopted!.numRows).toBe(batch.numRows);
    expect(adopted!.getChild("label")!.get(1)).toBe(batch.getChild("label")!.get(1));
  });

  it.each([
    ["stream", (t: esm.Table) => cjs.tableToIPC(t as never, "stream")],
    ["file", (t: esm.Table) => cjs.tableToIPC(t as never, "file")],
  ])("takes Arrow IPC %s bytes", (_format, write) => {
    const foreign = richTable(cjs);
    const batches = toRecordBatches(write(foreign as never), "t/imu");
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(ROWS);
    expect(batches[0]).toBeInstanceOf(esm.RecordBatch);
    expect(String(batches[0]!.getChild("mode")!.get(2))).toBe("park");
  });

  it("passes its own instances through untouched", () => {
    const table = richTable(esm);
    expect(toRecordBatches(table, "t")).toBe(table.batches);
    expect(toRecordBatches(table.batches[0], "t")[0]).toBe(table.batches[0]);
  });

  it("refuses what is not Arrow with INVALID_ARGUMENT naming the fix", () => {
    const bytes = refusal(() => toRecordBatches(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), "t/imu"));
    expect(bytes.code).toBe(Code.InvalidArgument);
    expect(bytes.message).toMatch(/t\/imu.*not a readable Arrow IPC/);
    const empty = refusal(() => toRecordBatches(new Uint8Array(0), "t/imu"));
    expect(empty.code).toBe(Code.InvalidArgument);
    const object = refusal(() => toRecordBatches({ rows: [] }, "t/imu"));
    expect(object.code).toBe(Code.InvalidArgument);
    const broken = refusal(() => toRecordBatches({ schema: { fields: [{ name: "a", type: { typeId: 999 } }] }, batches: [{}] }, "t/imu"));
    expect(broken.code).toBe(Code.InvalidArgument);
    expect(broken.message).toMatch(/another apache-arrow.*IPC bytes/);
  });
});
