/** The writer's order rule: timestamp_ns strictly increases within a topic, checked before anything is sent. */
import { Int64, makeData, RecordBatch, Schema, Field, Struct, Table, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { checkRowOrder, checkTimestampOrder } from "../../../src/data/timestamp-order.js";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";

const batchOf = (values: (bigint | null)[]) => new Table({ timestamp_ns: vectorFromArray(values, new Int64()) }).batches[0]!;

function refused(run: () => unknown): MosaicoError {
  try {
    run();
  } catch (error) {
    return error as MosaicoError;
  }
  throw new Error("expected a refusal");
}

describe("checkTimestampOrder", () => {
  it("passes strictly increasing rows and returns the last value", () => {
    expect(checkTimestampOrder(batchOf([1n, 2n, 10n]), undefined, "t")).toBe(10n);
    expect(checkTimestampOrder(batchOf([11n]), 10n, "t")).toBe(11n);
    expect(checkTimestampOrder(batchOf([]), 10n, "t")).toBe(10n);
  });

  it("refuses a row that goes back, naming the row and both values", () => {
    const error = refused(() => checkTimestampOrder(batchOf([1n, 5n, 3n]), undefined, "seq/imu"));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.message).toMatch(/seq\/imu: row 2 of the batch has timestamp_ns 3, which goes back before the previous row's 5/);
  });

  it("refuses a repeated instant, and a batch that starts before the previous one ended", () => {
    expect(refused(() => checkTimestampOrder(batchOf([1n, 1n]), undefined, "t")).message).toMatch(/row 1 .* repeats/);
    expect(refused(() => checkTimestampOrder(batchOf([7n, 8n]), 7n, "t")).message).toMatch(/row 0 .* repeats the previous row's 7/);
  });

  it("refuses a null timestamp", () => {
    expect(refused(() => checkTimestampOrder(batchOf([1n, null]), undefined, "t")).message).toMatch(/row 1 .* no timestamp_ns/);
  });

  it("reads sliced batches from their own offset", () => {
    const batch = batchOf([5n, 1n, 2n, 3n]).slice(1, 4);
    expect(checkTimestampOrder(batch, undefined, "t")).toBe(3n);
  });

  it("leaves a batch without the column to the schema check", () => {
    const schema = new Schema([new Field("x", new Int64())]);
    const data = makeData({ type: new Struct(schema.fields), length: 0, nullCount: 0, children: [makeData({ type: new Int64(), length: 0 })] });
    expect(checkTimestampOrder(new RecordBatch(schema, data), 4n, "t")).toBe(4n);
  });
});

describe("checkRowOrder", () => {
  it("takes a later row and refuses an earlier or equal one", () => {
    expect(checkRowOrder(3n, 2n, 0, "t")).toBe(3n);
    expect(refused(() => checkRowOrder(2n, 2n, 4, "t")).message).toMatch(/row 4 of the push has timestamp_ns 2, which repeats/);
  });
});

describe("checkTimestampOrder on 32-bit halves", () => {
  // The fast path compares high and low words; these pairs differ only in one of them, or across the sign.
  const pairs: [bigint, bigint][] = [
    [0n, 1n],
    [0xffffffffn, 0x100000000n],
    [0x7fffffffn, 0x80000000n],
    [-1n, 0n],
    [-0x100000000n, -0xffffffffn],
    [-(2n ** 63n), 2n ** 63n - 1n],
    [1_700_000_000_000_000_000n, 1_700_000_000_000_000_001n],
  ];

  it("passes each increasing pair and refuses it reversed or repeated, as BigInt comparison does", () => {
    for (const [a, b] of pairs) {
      expect(checkTimestampOrder(batchOf([a, b]), undefined, "t")).toBe(b);
      expect(refused(() => checkTimestampOrder(batchOf([b, a]), undefined, "t")).message).toMatch(new RegExp(`row 1 .* timestamp_ns ${a}, which goes back before the previous row's ${b}`));
      expect(refused(() => checkTimestampOrder(batchOf([b, b]), undefined, "t")).message).toMatch(/row 1 .* repeats/);
    }
  });

  it("names the first row out of order in a long batch, counting rows across slices", () => {
    const values = Array.from({ length: 5000 }, (_, i) => BigInt(i) * 0x1_0000_0001n);
    values[3210] = values[3209]!;
    const error = refused(() => checkTimestampOrder(batchOf(values).slice(10), values[9], "t"));
    expect(error.message).toMatch(/row 3200 of the batch .* repeats/);
  });
});
