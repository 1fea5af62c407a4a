/**
 * planBatch: the size decision of the topic writer. A row larger than one
 * message may carry is left out (Python SDK 0.7, #731); the others go in
 * slices within maxBatchRows / maxBatchBytes.
 */
import { Binary, Field, Int64, RecordBatch, Schema, Struct, makeData, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { planBatch } from "../../../src/data/batch-plan.js";
import { droppedRecordMessage } from "../../../src/data/dropped-records.js";
import { Code } from "../../../src/index.js";
import { T0 } from "./helpers.js";

/** Rows of `timestamp_ns` + a blob of the given sizes (each row: 8 + 4 + size bytes). */
function blobBatch(sizes: number[]): RecordBatch {
  const fields = [new Field("timestamp_ns", new Int64(), false), new Field("blob", new Binary(), false)];
  const ts = vectorFromArray(sizes.map((_, i) => T0 + BigInt(i)), new Int64());
  const blob = vectorFromArray(sizes.map((n) => new Uint8Array(n)), new Binary());
  return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: sizes.length, children: [ts.data[0]!, blob.data[0]!] }));
}

const timestamps = (batch: RecordBatch) => [...batch.getChild("timestamp_ns")!].map((t) => Number((t as bigint) - T0));

describe("planBatch", () => {
  it("sends a batch that fits one message whole, as before", () => {
    const batch = blobBatch([100, 100, 100]);
    const plan = planBatch(batch, { maxRows: 5000, maxBytes: 10_000, messageBytes: 10_000 }, "s/t");
    expect(plan.oversized).toEqual([]);
    expect(plan.slices).toHaveLength(1);
    expect(plan.slices[0]).toBe(batch);
  });

  it("leaves out a row larger than one message and keeps the rows around it", () => {
    const batch = blobBatch([100, 5000, 100, 100]);
    const plan = planBatch(batch, { maxRows: 5000, maxBytes: 1000, messageBytes: 1000 }, "s/t");
    expect(plan.oversized).toEqual([{ index: 1, timestampNs: T0 + 1n, bytes: 8 + 4 + 5000 }]);
    expect(plan.slices.map(timestamps)).toEqual([[0], [2, 3]]);
  });

  it("decides on the row's own size: a row just at the limit is sent", () => {
    const limit = 8 + 4 + 2000;
    const plan = planBatch(blobBatch([2000, 2001]), { maxRows: 10, maxBytes: limit, messageBytes: limit }, "s/t");
    expect(plan.slices.map(timestamps)).toEqual([[0]]);
    expect(plan.oversized.map((r) => r.index)).toEqual([1]);
  });

  it("cuts the kept rows by maxBatchRows and maxBatchBytes", () => {
    const batch = blobBatch([300, 300, 300, 9000, 300, 300, 300, 300]);
    const byBytes = planBatch(batch, { maxRows: 100, maxBytes: 700, messageBytes: 1000 }, "s/t");
    expect(byBytes.slices.map(timestamps)).toEqual([[0, 1], [2], [4, 5], [6, 7]]);
    const byRows = planBatch(batch, { maxRows: 3, maxBytes: 1000, messageBytes: 1000 }, "s/t");
    expect(byRows.slices.map(timestamps)).toEqual([[0, 1, 2], [4, 5, 6], [7]]);
  });

  it("leaves out every row when each is too large", () => {
    const plan = planBatch(blobBatch([2000, 3000]), { maxRows: 10, maxBytes: 1000, messageBytes: 1000 }, "s/t");
    expect(plan.slices).toEqual([]);
    expect(plan.oversized.map((r) => r.index)).toEqual([0, 1]);
  });

  it("still refuses a row one message could carry but maxBatchBytes does not allow", () => {
    // The batch exceeds one message, so every row is measured; row 1 fits a message, not a batch.
    const batch = blobBatch([100, 3000, 2000]);
    let error: unknown;
    try {
      planBatch(batch, { maxRows: 10, maxBytes: 1000, messageBytes: 4000 }, "s/t");
    } catch (reason) {
      error = reason;
    }
    expect(error).toMatchObject({ code: Code.InvalidArgument });
    expect((error as Error).message).toMatch(/one row takes 3012 bytes.*raise maxBatchBytes/);
  });

  it("words the notification as upstream does", () => {
    expect(droppedRecordMessage("/camera/front")).toBe(
      "Record dropped for topic '/camera/front': its size alone exceeds the transport's message-size limit and it cannot be split further.",
    );
  });
});
