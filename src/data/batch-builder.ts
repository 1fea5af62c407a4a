/**
 * Turning what a writer is given (row objects, record batches, tables) into
 * record batches of the topic's schema, and checking them before anything is
 * sent: `timestamp_ns: Int64` is mandatory (docs/protocol.md §5.3). That every batch
 * has the topic's schema is the encoder's check (FlightDataEncoder).
 */
import { makeBuilder, RecordBatch, Struct, Table, Type, type Schema } from "apache-arrow";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** One row as a plain object keyed by column name; `timestamp_ns` is a bigint. */
export type Row = { timestamp_ns: bigint | number } & Record<string, unknown>;

/** Refuses a schema without a top-level `timestamp_ns: Int64` column. */
export function assertTimestampColumn(schema: Schema, topic: string): void {
  const field = schema.fields.find((f) => f.name === "timestamp_ns");
  if (!field) {
    throw new MosaicoError(Code.InvalidArgument, `topic ${topic}: the schema has no timestamp_ns column (Int64 nanoseconds) — Mosaico indexes every row by it`);
  }
  const type = field.type as { typeId: Type; bitWidth?: number; isSigned?: boolean };
  if (type.typeId !== Type.Int || type.bitWidth !== 64 || type.isSigned !== true) {
    throw new MosaicoError(Code.InvalidArgument, `topic ${topic}: timestamp_ns must be Int64, not ${String(field.type)}`);
  }
}

/** Refuses a row without an integer `timestamp_ns`. */
export function checkRow(row: unknown, topic: string): void {
  const ts = (row as { timestamp_ns?: unknown } | null)?.timestamp_ns;
  const ok = typeof ts === "bigint" || (typeof ts === "number" && Number.isSafeInteger(ts));
  if (!ok) {
    throw new MosaicoError(Code.InvalidArgument, `topic ${topic}: every row needs an integer timestamp_ns (bigint nanoseconds)`);
  }
}

/**
 * Builds one record batch of `schema` from row objects (missing optional
 * values become null). The rows have passed checkRow already.
 */
export function rowsToRecordBatch(schema: Schema, rows: readonly Row[], topic: string): RecordBatch {
  const builder = makeBuilder({ type: new Struct(schema.fields), nullValues: [null, undefined] });
  try {
    for (const row of rows) {
      builder.append((typeof row.timestamp_ns === "number" ? { ...row, timestamp_ns: BigInt(row.timestamp_ns) } : row) as never);
    }
    const data = builder.finish().flush();
    const nonNull = schema.fields.filter((f) => !f.nullable);
    const batch = new RecordBatch(schema, data);
    for (const field of nonNull) {
      if (batch.getChild(field.name)?.nullCount) {
        throw new MosaicoError(Code.InvalidArgument, `topic ${topic}: column ${field.name} is not nullable but a row has no value for it`);
      }
    }
    return batch;
  } catch (cause) {
    if (cause instanceof MosaicoError) throw cause;
    throw new MosaicoError(Code.InvalidArgument, `topic ${topic}: a row does not fit the topic schema (${String(cause)})`, { cause });
  }
}

/** Splits a batch into slices of at most `maxRows` rows and about `maxBytes` bytes. */
export function splitBatch(batch: RecordBatch, maxRows: number, maxBytes: number, topic: string): RecordBatch[] {
  const bytes = batch.data.byteLength;
  if (batch.numRows <= maxRows && bytes <= maxBytes) return [batch];
  const bytesPerRow = bytes / Math.max(1, batch.numRows);
  if (bytesPerRow > maxBytes) throw rowAboveBatchLimit(topic, bytesPerRow, maxBytes);
  const rowsPerSlice = Math.max(1, Math.min(maxRows, Math.floor(maxBytes / bytesPerRow)));
  const slices: RecordBatch[] = [];
  for (let start = 0; start < batch.numRows; start += rowsPerSlice) slices.push(batch.slice(start, start + rowsPerSlice));
  return slices;
}

/** A row that one message could carry but `maxBatchBytes` does not allow. */
export function rowAboveBatchLimit(topic: string, rowBytes: number, maxBytes: number): MosaicoError {
  return new MosaicoError(
    Code.InvalidArgument,
    `topic ${topic}: one row takes ${Math.ceil(rowBytes)} bytes, more than the batch limit of ${maxBytes} bytes; raise maxBatchBytes (within the server's message limit)`,
  );
}
