/**
 * DoPut storage: record batches -> Arrow IPC *file* chunks (uncompressed,
 * `chunk-000000.arrow`, ...) in the topic's folder, one record batch per file
 * (the pieces of a chunk are merged, concat.ts).
 *
 * Batches are accumulated until about `maxChunkBytes` (in-memory Arrow
 * bytes); a batch larger than the room left is cut by rows, so chunks stay
 * near the limit whatever the client's batch sizes. Only the pending chunk is
 * held in memory. Each file is written as soon as it is full; the chunk rows
 * are returned by finish() and committed to the catalog by the caller in one
 * transaction, so a failed upload never exposes a partial topic.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RecordBatchFileWriter, type RecordBatch, type Schema } from "apache-arrow";
import type { ChunkRow } from "../store/rows.js";
import { ChunkStatistics } from "./column-stats.js";
import { canConcat, concatBatches } from "./concat.js";

export type NewChunk = Omit<ChunkRow, "chunk_id" | "topic_id">;

export const TIMESTAMP_FIELD = "timestamp_ns";

export function chunkFileName(index: number): string {
  return `chunk-${index.toString().padStart(6, "0")}.arrow`;
}

/** In-memory size of a batch (its buffers; for a fresh, unsliced batch). */
export function batchBytes(batch: RecordBatch): number {
  return batch.data.byteLength;
}

export class ChunkWriter {
  private pending: RecordBatch[] = [];
  private pendingBytes = 0;
  private readonly written: NewChunk[] = [];

  /**
   * @param beforeWrite runs before each file is written (e.g. checks that the
   *   topic still exists); throwing stops the upload.
   */
  constructor(
    private readonly dir: string,
    private readonly schema: Schema,
    private readonly maxChunkBytes: number,
    private readonly beforeWrite: () => void = () => {},
  ) {}

  /** Adds a batch; may write one or more chunk files. Zero-row batches are dropped. */
  async write(batch: RecordBatch): Promise<void> {
    const rows = batch.numRows;
    if (rows === 0) return;
    const bytesPerRow = Math.max(1, batchBytes(batch) / rows);
    let offset = 0;
    while (offset < rows) {
      const room = this.maxChunkBytes - this.pendingBytes;
      let take = Math.floor(room / bytesPerRow);
      if (take < 1) {
        if (this.pending.length > 0) {
          await this.flush();
          continue;
        }
        take = 1; // one row larger than a whole chunk: it gets its own
      }
      take = Math.min(take, rows - offset);
      this.pending.push(offset === 0 && take === rows ? batch : batch.slice(offset, offset + take));
      this.pendingBytes += take * bytesPerRow;
      offset += take;
      if (this.pendingBytes >= this.maxChunkBytes) await this.flush();
    }
  }

  /** Writes what is pending and returns every chunk written, in order. */
  async finish(): Promise<NewChunk[]> {
    await this.flush();
    return this.written;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batches = this.pending;
    this.pending = [];
    this.pendingBytes = 0;

    const stats = new ChunkStatistics(this.schema);
    let rows = 0;
    for (const batch of batches) {
      stats.add(batch);
      rows += batch.numRows;
    }
    const timestamps = stats.leaf(TIMESTAMP_FIELD);
    // One batch per file when the types allow it (see concat.ts).
    const stored = canConcat(this.schema) ? [concatBatches(this.schema, batches)] : batches;
    const bytes = RecordBatchFileWriter.writeAll(stored).toUint8Array(true);
    const index = this.written.length;
    const fileName = chunkFileName(index);
    this.beforeWrite();
    // "wx": never overwrite; the folder is emptied when the upload starts.
    await writeFile(join(this.dir, fileName), bytes, { flag: "wx" });
    this.written.push({
      chunk_index: BigInt(index),
      file_name: fileName,
      row_count: BigInt(rows),
      byte_size: BigInt(bytes.byteLength),
      min_timestamp_ns: (timestamps?.min as bigint | null | undefined) ?? null,
      max_timestamp_ns: (timestamps?.max as bigint | null | undefined) ?? null,
      column_stats: stats.toJsonText(),
    });
  }
}
