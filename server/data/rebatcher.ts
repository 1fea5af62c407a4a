/**
 * DoGet batch sizing: the selected rows of stored batches, re-cut into
 * batches of at most `maxRows` rows and about `targetBytes` bytes (estimated
 * from each stored batch's bytes per row). Small selections are merged
 * (concat.ts), large ones sliced; only the pending batch is held.
 */
import type { RecordBatch, Schema } from "apache-arrow";
import { canConcat, concatBatches } from "./concat.js";

export class Rebatcher {
  private pending: RecordBatch[] = [];
  private rows = 0;
  private bytes = 0;
  private readonly merge: boolean;

  constructor(
    private readonly schema: Schema,
    private readonly maxRows: number,
    private readonly targetBytes: number,
  ) {
    this.merge = canConcat(schema);
  }

  /** Adds rows `[begin, end)` of each run of `batch`; returns the batches now complete. */
  add(batch: RecordBatch, runs: readonly (readonly [number, number])[]): RecordBatch[] {
    const out: RecordBatch[] = [];
    const bytesPerRow = Math.max(1, batch.data.byteLength / Math.max(1, batch.numRows));
    for (const [begin, end] of runs) {
      let from = begin;
      while (from < end) {
        let room = Math.min(this.maxRows - this.rows, Math.floor((this.targetBytes - this.bytes) / bytesPerRow));
        if (room < 1) {
          if (this.rows > 0) {
            out.push(...this.flush());
            continue;
          }
          room = 1; // a row above the target travels alone
        }
        const to = Math.min(end, from + room);
        this.pending.push(from === 0 && to === batch.numRows ? batch : batch.slice(from, to));
        this.rows += to - from;
        this.bytes += (to - from) * bytesPerRow;
        from = to;
        if (this.rows >= this.maxRows || this.bytes + bytesPerRow > this.targetBytes) out.push(...this.flush());
      }
    }
    return out;
  }

  /** The last, partial batch (if any). */
  flush(): RecordBatch[] {
    if (this.pending.length === 0) return [];
    const pieces = this.pending;
    this.pending = [];
    this.rows = 0;
    this.bytes = 0;
    return this.merge ? [concatBatches(this.schema, pieces)] : pieces;
  }
}
