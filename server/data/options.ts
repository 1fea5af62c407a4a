/** Sizing of the data plane (DoPut chunks, DoGet batches). */

export interface DataPlaneOptions {
  /** DoPut: rows are cut into chunk files of about this many in-memory bytes. */
  maxChunkBytes: number;
  /** DoGet: row cap of one record batch (mosaicod `MOSAICOD_MAX_BATCH_SIZE`). */
  maxBatchRows: number;
  /** DoGet: a record batch aims at about this many (uncompressed) bytes. */
  targetBatchBytes: number;
  /**
   * DoGet: hard ceiling for one batch's estimated size, mosaicod's
   * max(2 MiB, max message size - 2 000 000); larger batches are split.
   */
  maxFlightDataBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_MAX_CHUNK_BYTES = 8 * MiB;
export const DEFAULT_MAX_BATCH_ROWS = 8192;

export function maxFlightDataBytes(maxMessageSize: number): number {
  return Math.max(2 * MiB, maxMessageSize - 2_000_000);
}

/** Throws RangeError unless `value` is a positive safe integer. */
export function requirePositiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
