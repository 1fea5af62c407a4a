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
