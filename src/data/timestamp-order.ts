/**
 * The order rule of a topic's rows: `timestamp_ns` strictly increases, within
 * each batch and across the batches of one topic writer. A time series with
 * a row out of order or twice at the same instant is almost always a bug
 * upstream of the writer (two clocks, a replayed buffer), and readers with
 * time ranges and merged sequence readers assume the order. So the writer
 * refuses such data before sending any of it; sort it first if the order is
 * only incidental (e.g. `table.slice` after sorting, or rows sorted by
 * `timestamp_ns`).
 */
import type { RecordBatch } from "apache-arrow";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

function outOfOrder(topic: string, where: string, value: bigint, last: bigint): MosaicoError {
  const what = value === last ? "repeats" : "goes back before";
  return new MosaicoError(
    Code.InvalidArgument,
    `topic ${topic}: ${where} has timestamp_ns ${value}, which ${what} the previous row's ${last}; timestamps must strictly increase within a topic (sort the rows by timestamp_ns first); nothing of this push was sent`,
  );
}

/** The row form of checkTimestampOrder: one `timestamp_ns` after `previous`; returns it. */
export function checkRowOrder(value: bigint, previous: bigint | undefined, index: number, topic: string): bigint {
  if (previous !== undefined && value <= previous) throw outOfOrder(topic, `row ${index} of the push`, value, previous);
  return value;
}

/**
 * Checks that `batch`'s `timestamp_ns` values strictly increase and all come
 * after `previous` (the last one this topic sent); returns the batch's last
 * value, or `previous` for an empty batch.
 *
 * @throws MosaicoError INVALID_ARGUMENT naming the first row out of order.
 */
export function checkTimestampOrder(batch: RecordBatch, previous: bigint | undefined, topic: string): bigint | undefined {
  const column = batch.getChild("timestamp_ns");
  // A batch without the column fails the schema check that follows.
  if (!column) return previous;
  let last = previous;
  let row = 0;
  for (const chunk of column.data) {
    const values = chunk.values as BigInt64Array;
    // nullCount is a getter (a type check and a cache lookup): once per chunk, not per row.
    const hasNulls = chunk.nullCount > 0;
    if (!hasNulls && chunk.length > 0 && values instanceof BigInt64Array && LITTLE_ENDIAN) {
      const first = values[0]!;
      if (last !== undefined && first <= last) throw outOfOrder(topic, `row ${row} of the batch`, first, last);
      const at = firstNotIncreasing(values, chunk.length);
      if (at >= 0) throw outOfOrder(topic, `row ${row + at} of the batch`, values[at]!, values[at - 1]!);
      last = values[chunk.length - 1]!;
      row += chunk.length;
      continue;
    }
    for (let i = 0; i < chunk.length; i++, row++) {
      if (hasNulls && !chunk.getValid(i)) {
        throw new MosaicoError(Code.InvalidArgument, `topic ${topic}: row ${row} of the batch has no timestamp_ns; every row needs one`);
      }
      const value = values[i]!;
      if (last !== undefined && value <= last) throw outOfOrder(topic, `row ${row} of the batch`, value, last);
      last = value;
    }
  }
  return last;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The first index whose value is not above the one before it, or -1. Reads
 * each int64 as its two 32-bit halves (signed high, unsigned low): reading
 * a BigInt64Array element allocates a BigInt, and 2 M of them per 128 MB
 * (plus their garbage collection) were a visible share of a DoPut's CPU
 * time in bench/read-write-ratios.ts (Node write).
 */
function firstNotIncreasing(values: BigInt64Array, length: number): number {
  const words = new Int32Array(values.buffer, values.byteOffset, length * 2);
  let high = words[1]!;
  let low = words[0]! >>> 0;
  for (let i = 1; i < length; i++) {
    const h = words[2 * i + 1]!;
    const l = words[2 * i]! >>> 0;
    if (h < high || (h === high && l <= low)) return i;
    high = h;
    low = l;
  }
  return -1;
}
