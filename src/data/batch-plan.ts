/**
 * What a topic writer sends of one batch, and in which slices. A row that no
 * single message can carry is left out rather than failing the upload, as the
 * Python SDK 0.7 does (#731); the writer reports it (dropped-records.ts).
 */
import type { RecordBatch } from "apache-arrow";
import { rowAboveBatchLimit, splitBatch } from "./batch-builder.js";
import { rowByteSizes } from "./row-sizes.js";

/** The limits a plan keeps to. */
export interface PlanLimits {
  /** Most rows per slice (maxBatchRows). */
  maxRows: number;
  /** Most bytes per slice (maxBatchBytes). */
  maxBytes: number;
  /** Most bytes one message may carry: 90% of the server's decode limit. */
  messageBytes: number;
}

/** A row left out of the upload: alone it is larger than one message may carry. */
export interface OversizedRow {
  /** Its index in the batch. */
  index: number;
  /** Its `timestamp_ns`. */
  timestampNs: bigint;
  /** Its bytes in an IPC body (rowByteSizes), rounded up. */
  bytes: number;
}

/** The slices to send, in order, and the rows left out. */
export interface BatchPlan {
  slices: RecordBatch[];
  oversized: OversizedRow[];
}

/**
 * Plans one batch. Refuses (before anything is sent) a row that one message
 * could carry but `maxBytes` does not allow, as splitBatch does.
 */
export function planBatch(batch: RecordBatch, limits: PlanLimits, topic: string): BatchPlan {
  // No row is larger than its whole batch: most batches stop here, measured once.
  if (batch.data.byteLength <= limits.messageBytes) {
    return { slices: splitBatch(batch, limits.maxRows, limits.maxBytes, topic), oversized: [] };
  }
  const sizes = rowByteSizes(batch);
  const timestamps = batch.getChild("timestamp_ns");
  const slices: RecordBatch[] = [];
  const oversized: OversizedRow[] = [];
  let start = 0;
  let bytes = 0;
  const cut = (end: number) => {
    if (end > start) slices.push(batch.slice(start, end));
    start = end;
    bytes = 0;
  };
  for (let i = 0; i < batch.numRows; i++) {
    const size = sizes[i]!;
    if (size > limits.messageBytes) {
      cut(i);
      start = i + 1;
      oversized.push({ index: i, timestampNs: BigInt(timestamps?.get(i) ?? 0), bytes: Math.ceil(size) });
      continue;
    }
    if (size > limits.maxBytes) throw rowAboveBatchLimit(topic, size, limits.maxBytes);
    if (i - start >= limits.maxRows || bytes + size > limits.maxBytes) cut(i);
    bytes += size;
  }
  cut(batch.numRows);
  return { slices, oversized };
}
