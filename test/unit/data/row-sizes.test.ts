/**
 * rowByteSizes: each row's share of an IPC body, checked by hand on simple
 * columns and against the encoder's own one-row messages on nested ones.
 */
import {
  Binary,
  Field,
  FixedSizeList,
  Float64,
  Int64,
  LargeBinary,
  RecordBatch,
  Schema,
  Struct,
  makeData,
  vectorFromArray,
  type Vector,
} from "apache-arrow";
import { describe, expect, it } from "vitest";
import { rowByteSizes } from "../../../src/data/row-sizes.js";
import { FlightDataEncoder } from "../../../src/protocol/index.js";
import { T0, dictionaryBatch, richBatch, richSchema } from "./helpers.js";

function batchOf(columns: Record<string, Vector>): RecordBatch {
  const fields = Object.entries(columns).map(([name, v]) => new Field(name, v.type, v.nullCount > 0));
  const schema = new Schema(fields);
  const children = Object.values(columns).map((v) => v.data[0]!);
  return new RecordBatch(schema, makeData({ type: new Struct(fields), length: children[0]!.length, children }));
}

describe("rowByteSizes", () => {
  it("counts fixed-width values per row", () => {
    const batch = batchOf({ timestamp_ns: vectorFromArray([1n, 2n, 3n], new Int64()), x: vectorFromArray([1, 2, 3], new Float64()) });
    expect([...rowByteSizes(batch)]).toEqual([16, 16, 16]);
  });

  it("counts a binary row's own bytes plus its offset, also in a slice", () => {
    const batch = batchOf({
      timestamp_ns: vectorFromArray([1n, 2n, 3n], new Int64()),
      blob: vectorFromArray([new Uint8Array(10), new Uint8Array(1000), new Uint8Array(3)], new Binary()),
    });
    expect([...rowByteSizes(batch)]).toEqual([8 + 4 + 10, 8 + 4 + 1000, 8 + 4 + 3]);
    // A slice keeps the whole values buffer (so data.byteLength over-counts); the row sizes do not.
    expect([...rowByteSizes(batch.slice(1, 3))]).toEqual([8 + 4 + 1000, 8 + 4 + 3]);
    const large = batchOf({ timestamp_ns: vectorFromArray([1n], new Int64()), blob: vectorFromArray([new Uint8Array(7)], new LargeBinary()) });
    expect([...rowByteSizes(large)]).toEqual([8 + 8 + 7]);
  });

  it("counts fixed-size lists by their elements", () => {
    const point = new FixedSizeList(3, new Field("v", new Float64(), false));
    const batch = batchOf({
      timestamp_ns: vectorFromArray([1n, 2n], new Int64()),
      p: vectorFromArray([[1, 2, 3], [4, 5, 6]], point),
    });
    expect([...rowByteSizes(batch)]).toEqual([8 + 24, 8 + 24]);
  });

  it("counts dictionary indices and validity bits, not the dictionary", () => {
    expect([...rowByteSizes(dictionaryBatch())].every((size) => size === 8 + 1 / 8 + 4)).toBe(true);
  });

  it("matches the encoder's one-row body up to its padding, for nested rows", () => {
    const schema = richSchema();
    const batch = richBatch(schema, 30);
    const sizes = rowByteSizes(batch);
    const encoder = new FlightDataEncoder(schema);
    // Per-message overhead only: the schema has 21 buffers, which apache-arrow
    // pads to 8 bytes (validity bitmaps with a null: to 64), and a one-row
    // message carries 2 offsets per offset buffer where a row counts 1.
    for (let i = 0; i < batch.numRows; i++) {
      const body = encoder.encodeBatch(batch.slice(i, i + 1)).at(-1)!.dataBody.byteLength;
      expect(body).toBeGreaterThanOrEqual(Math.floor(sizes[i]!));
      expect(body - sizes[i]!).toBeLessThan(21 * 64);
    }
  });

  it("sees the one large row among small ones", () => {
    const blobs = Array.from({ length: 100 }, (_, i) => new Uint8Array(i === 42 ? 1_000_000 : 16));
    const batch = batchOf({ timestamp_ns: vectorFromArray(blobs.map((_, i) => T0 + BigInt(i)), new Int64()), blob: vectorFromArray(blobs, new Binary()) });
    const sizes = rowByteSizes(batch);
    expect(sizes[42]).toBe(8 + 4 + 1_000_000);
    expect(Math.max(...sizes.filter((_, i) => i !== 42))).toBe(8 + 4 + 16);
  });
});
