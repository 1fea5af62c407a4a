/**
 * An IMU-like Arrow table with every kind of column the data tests check,
 * and the tools to re-cut it and compare tables exactly.
 */
import { Binary, Bool, Field, Float64, Int32, Int64, List, RecordBatch, Struct, Table, Utf8, vectorFromArray } from "apache-arrow";
import { T0 } from "./imu-data.js";

/** Timestamps T0 + i * step (ns). */
export function timestamps(n: number, step = 1_000_000n, first = T0): bigint[] {
  return Array.from({ length: n }, (_, i) => first + BigInt(i) * step);
}

/**
 * An IMU-like table with every kind of column the tests check: int64 beyond
 * 2^53, nested structs with nulls, lists, binary, strings, NaN, booleans.
 */
export function imuTable(ts: readonly bigint[], seed = 0): Table {
  const n = ts.length;
  const idx = (i: number) => i + seed;
  return new Table({
    timestamp_ns: vectorFromArray([...ts], new Int64()),
    counter: vectorFromArray(
      Array.from({ length: n }, (_, i) => 9_007_199_254_740_993n + BigInt(idx(i))),
      new Int64(),
    ),
    acceleration: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        idx(i) % 11 === 5
          ? null
          : {
              x: idx(i) % 13 === 0 ? Number.NaN : idx(i) * 0.5,
              y: idx(i) % 7 === 3 ? null : -idx(i),
              frame: { id: `f${idx(i) % 10}`, valid: idx(i) % 2 === 0 },
            },
      ),
      new Struct([
        new Field("x", new Float64(), true),
        new Field("y", new Int32(), true),
        new Field(
          "frame",
          new Struct([new Field("id", new Utf8(), true), new Field("valid", new Bool(), true)]),
          true,
        ),
      ]),
    ),
    samples: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        idx(i) % 9 === 4 ? null : Array.from({ length: idx(i) % 4 }, (_, j) => idx(i) * 10 + j),
      ),
      new List(new Field("item", new Int32(), true)),
    ),
    payload: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        idx(i) % 6 === 1 ? null : Uint8Array.from({ length: idx(i) % 5 }, (_, j) => (idx(i) + j) & 0xff),
      ),
      new Binary(),
    ),
    label: vectorFromArray(
      Array.from({ length: n }, (_, i) => (idx(i) % 8 === 2 ? null : `label-${idx(i)}-é`)),
      new Utf8(),
    ),
  });
}

/** Record batches of `rows` rows each (the table re-cut). */
export function batchesOf(table: Table, rows: number): RecordBatch[] {
  const out: RecordBatch[] = [];
  for (const batch of table.batches) {
    for (let i = 0; i < batch.numRows; i += rows) out.push(batch.slice(i, Math.min(batch.numRows, i + rows)));
  }
  return out;
}

/** Plain JS rows (bigint kept, Uint8Array as arrays) to compare tables exactly. */
export function rowsOf(tableOrBatches: Table | readonly RecordBatch[]): unknown[] {
  const batches = tableOrBatches instanceof Table ? tableOrBatches.batches : tableOrBatches;
  const plain = (value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (value instanceof Uint8Array) return Array.from(value);
    if (typeof value === "number" && Number.isNaN(value)) return "NaN";
    if (typeof value === "object" && value !== null && "toJSON" in value) {
      return plain((value as { toJSON(): unknown }).toJSON());
    }
    if (Array.isArray(value)) return value.map(plain);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    }
    return value;
  };
  return batches.flatMap((batch) => batch.toArray().map((row) => plain(row)));
}
