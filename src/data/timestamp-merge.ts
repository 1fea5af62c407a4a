/**
 * k-way merge of several time-ordered batch streams by `timestamp_ns`.
 *
 * Each step takes the stream whose next row is earliest and emits the longest
 * run of its rows that stays at or before every other stream's next row, as a
 * zero-copy slice of the batch. Ties go to the stream listed first, so the
 * output is deterministic. Memory: one current batch per stream.
 */
import type { RecordBatch } from "apache-arrow";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

export interface MergeSource<K> {
  key: K;
  batches: AsyncIterable<RecordBatch>;
}

export interface MergedBatch<K> {
  /** Which source the rows come from. */
  key: K;
  /** A run of consecutive rows of that source. */
  batch: RecordBatch;
}

interface Cursor<K> {
  key: K;
  iterator: AsyncIterator<RecordBatch>;
  batch?: RecordBatch;
  times?: BigInt64Array;
  row: number;
}

function timestamps(batch: RecordBatch): BigInt64Array {
  const column = batch.getChild("timestamp_ns");
  if (!column) throw new MosaicoError(Code.DataLoss, "a topic stream has no timestamp_ns column; cannot merge by time");
  const values = column.toArray();
  if (!(values instanceof BigInt64Array)) throw new MosaicoError(Code.DataLoss, "timestamp_ns is not an Int64 column");
  return values;
}

/** Loads the next non-empty batch; returns false at the end of the source. */
async function advance<K>(cursor: Cursor<K>): Promise<boolean> {
  for (;;) {
    const next = await cursor.iterator.next();
    if (next.done) {
      cursor.batch = undefined;
      return false;
    }
    if (next.value.numRows === 0) continue;
    cursor.batch = next.value;
    cursor.times = timestamps(next.value);
    cursor.row = 0;
    return true;
  }
}

export async function* mergeByTimestamp<K>(sources: Array<MergeSource<K>>): AsyncGenerator<MergedBatch<K>> {
  const cursors: Array<Cursor<K>> = sources.map((s) => ({ key: s.key, iterator: s.batches[Symbol.asyncIterator](), row: 0 }));
  try {
    const loaded = await Promise.all(cursors.map(advance));
    let live = cursors.filter((_, i) => loaded[i]);
    while (live.length > 0) {
      let best = 0;
      for (let i = 1; i < live.length; i++) {
        if (live[i]!.times![live[i]!.row]! < live[best]!.times![live[best]!.row]!) best = i;
      }
      const cursor = live[best]!;
      // The run may include rows equal to a later-listed stream's head, not an earlier one's.
      let limit: bigint | undefined;
      let limitInclusive = true;
      for (let i = 0; i < live.length; i++) {
        if (i === best) continue;
        const head = live[i]!.times![live[i]!.row]!;
        if (limit === undefined || head < limit || (head === limit && i < best)) {
          limit = head;
          limitInclusive = i > best;
        }
      }
      const times = cursor.times!;
      let end = cursor.row + 1;
      while (end < times.length && (limit === undefined || times[end]! < limit || (limitInclusive && times[end] === limit))) end++;
      yield { key: cursor.key, batch: cursor.batch!.slice(cursor.row, end) };
      cursor.row = end;
      if (cursor.row >= times.length && !(await advance(cursor))) live = live.filter((c) => c !== cursor);
    }
  } finally {
    await Promise.allSettled(cursors.map((c) => c.iterator.return?.()));
  }
}
