/**
 * Verification and inspection of Arrow IPC `Message` flatbuffers (the
 * `data_header` of a FlightData), before apache-arrow is allowed to decode them.
 *
 * The walk covers every part of the header that arrow-js reads (Message.fbs and
 * Schema.fbs), so anything that passes decodes with bounded work.
 */
import type { CompressionType, MessageHeader } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { FlatbufferError, FlatbufferReader, type FbTable } from "./flatbuffer-reader.js";

/** One body buffer as the header declares it. */
export interface IpcBufferRegion {
  readonly offset: number;
  readonly length: number;
}

/** What the decoder needs to know about a verified IPC message. */
export interface IpcMessageInfo {
  readonly headerType: MessageHeader;
  readonly bodyLength: number;
  /** Body buffers (record and dictionary batches; empty otherwise). */
  readonly buffers: readonly IpcBufferRegion[];
  /** Body compression codec, or null when uncompressed. */
  readonly compression: CompressionType | null;
  /** Dictionary id (dictionary batches only). */
  readonly dictionaryId?: number;
  /** Rows the batch declares (record and dictionary batches; 0 otherwise). */
  readonly rowCount: number;
  /** Rows each field node declares, in the schema's pre-order (record and dictionary batches). */
  readonly nodeLengths: readonly number[];
}

// Field ids and type ids from Arrow's Message.fbs / Schema.fbs.
const TYPE_TIMESTAMP = 10;
const TYPE_UNION = 14;
const MAX_FIELD_DEPTH = 64;
const BODY_COMPRESSION_BUFFER = 0;

/**
 * Message.fbs header types, as apache-arrow's MessageHeader numbers them.
 * Kept here as values so that this verifier (which catalog calls use to read
 * schema metadata) does not load apache-arrow itself.
 */
export const IpcHeader = {
  Schema: 1 as MessageHeader,
  DictionaryBatch: 2 as MessageHeader,
  RecordBatch: 3 as MessageHeader,
} as const;
const HEADER_NAMES = ["NONE", "Schema", "DictionaryBatch", "RecordBatch", "Tensor", "SparseTensor"];

/** Human name of a header type, for error messages. */
export function headerTypeName(type: MessageHeader): string {
  return HEADER_NAMES[type] ?? `message type ${type}`;
}

/**
 * Verifies `header` and returns its essentials. Throws `MosaicoError`
 * (DATA_LOSS) when the bytes are not a well-formed IPC Message.
 */
export function inspectIpcMessage(header: Uint8Array): IpcMessageInfo {
  try {
    return inspect(new FlatbufferReader(header));
  } catch (cause) {
    if (cause instanceof MosaicoError) throw cause;
    const detail = cause instanceof FlatbufferError ? `: ${cause.message}` : "";
    throw new MosaicoError(
      Code.DataLoss,
      `received a malformed Arrow IPC message header (${header.byteLength} bytes)${detail}; ` +
        "the stream is corrupted, retry the request",
      { cause },
    );
  }
}

function inspect(fb: FlatbufferReader): IpcMessageInfo {
  if (fb.size < 8) throw new FlatbufferError(`a message header needs at least 8 bytes`);
  const message = fb.root();
  fb.scalarI16(message, 0); // version
  const headerType = fb.scalarU8(message, 1) as MessageHeader;
  const body = fb.scalarI64(message, 3);
  if (body < 0n || body > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new FlatbufferError(`invalid body length ${body}`);
  }
  const bodyLength = Number(body);
  verifyKeyValues(fb, message, 4);
  const headerTable = fb.subTable(message, 2);

  switch (headerType) {
    case IpcHeader.Schema:
      if (headerTable === undefined) throw new FlatbufferError("schema message without a schema");
      verifySchema(fb, headerTable);
      return { headerType, bodyLength, buffers: [], compression: null, rowCount: 0, nodeLengths: [] };
    case IpcHeader.RecordBatch: {
      if (headerTable === undefined) throw new FlatbufferError("record batch message without a header");
      return { headerType, bodyLength, ...inspectRecordBatch(fb, headerTable, bodyLength) };
    }
    case IpcHeader.DictionaryBatch: {
      if (headerTable === undefined) throw new FlatbufferError("dictionary batch message without a header");
      const id = fb.scalarI64(headerTable, 0);
      const data = fb.subTable(headerTable, 1);
      if (data === undefined) throw new FlatbufferError("dictionary batch without data");
      if (id < 0n || id > BigInt(Number.MAX_SAFE_INTEGER)) throw new FlatbufferError(`invalid dictionary id ${id}`);
      return { headerType, bodyLength, dictionaryId: Number(id), ...inspectRecordBatch(fb, data, bodyLength) };
    }
    default:
      throw new MosaicoError(
        Code.Unimplemented,
        `received an Arrow IPC ${headerTypeName(headerType)} message; only Schema, RecordBatch and ` +
          "DictionaryBatch messages can be read",
      );
  }
}

function inspectRecordBatch(
  fb: FlatbufferReader,
  batch: FbTable,
  bodyLength: number,
): Pick<IpcMessageInfo, "buffers" | "compression" | "rowCount" | "nodeLengths"> {
  const rows = fb.scalarI64(batch, 0);
  if (rows < 0n || rows > BigInt(Number.MAX_SAFE_INTEGER)) throw new FlatbufferError(`invalid row count ${rows}`);
  const nodes = fb.vector(batch, 1, 16); // FieldNode structs: length, null_count
  const nodeLengths: number[] = [];
  for (let i = 0; nodes !== undefined && i < nodes.length; i++) {
    const length = fb.i64(nodes.start + i * 16);
    const nulls = fb.i64(nodes.start + i * 16 + 8);
    if (length < 0n || nulls < 0n || nulls > length || length > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new FlatbufferError(`field node ${i} claims ${nulls} nulls in ${length} rows`);
    }
    nodeLengths.push(Number(length));
  }
  fb.vector(batch, 4, 8); // variadicBufferCounts
  const vec = fb.vector(batch, 2, 16);
  const buffers: IpcBufferRegion[] = [];
  for (let i = 0; vec !== undefined && i < vec.length; i++) {
    const offset = fb.i64(vec.start + i * 16);
    const length = fb.i64(vec.start + i * 16 + 8);
    if (offset < 0n || length < 0n || offset + length > BigInt(bodyLength)) {
      throw new MosaicoError(
        Code.DataLoss,
        `an Arrow IPC buffer (offset ${offset}, length ${length}) lies outside the ${bodyLength}-byte ` +
          "message body; the stream is corrupted, retry the request",
      );
    }
    buffers.push({ offset: Number(offset), length: Number(length) });
  }
  refuseOverlaps(buffers);
  const compressionTable = fb.subTable(batch, 3);
  let compression: CompressionType | null = null;
  if (compressionTable !== undefined) {
    compression = fb.scalarU8(compressionTable, 0) as CompressionType;
    const method = fb.scalarU8(compressionTable, 1);
    if (method !== BODY_COMPRESSION_BUFFER) {
      throw new MosaicoError(Code.Unimplemented, `unsupported Arrow IPC body compression method ${method}`);
    }
  }
  return { buffers, compression, rowCount: Number(rows), nodeLengths };
}

/**
 * Every writer lays buffers out one after another; two non-empty buffers
 * sharing bytes mean a corrupted offset or length. apache-arrow would decode
 * them (two columns reading the same bytes) and its writer then produces a
 * file it cannot read back, so a server storing such a batch loses it.
 */
function refuseOverlaps(buffers: readonly IpcBufferRegion[]): void {
  const filled = buffers.filter((b) => b.length > 0).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < filled.length; i++) {
    const before = filled[i - 1]!;
    const after = filled[i]!;
    if (after.offset < before.offset + before.length) {
      throw new MosaicoError(
        Code.DataLoss,
        `two Arrow IPC buffers overlap (offset ${before.offset} length ${before.length}, and offset ` +
          `${after.offset} length ${after.length}); the stream is corrupted, retry the request`,
      );
    }
  }
}

function verifySchema(fb: FlatbufferReader, schema: FbTable): void {
  fb.scalarI16(schema, 0); // endianness
  for (const field of fb.tables(schema, 1)) verifyField(fb, field, 0);
  verifyKeyValues(fb, schema, 2);
  fb.vector(schema, 3, 8); // features
}

function verifyField(fb: FlatbufferReader, field: FbTable, depth: number): void {
  if (depth > MAX_FIELD_DEPTH) throw new FlatbufferError(`schema nests deeper than ${MAX_FIELD_DEPTH} levels`);
  fb.verifyString(field, 0); // name
  fb.scalarU8(field, 1); // nullable
  const typeType = fb.scalarU8(field, 2);
  const type = fb.subTable(field, 3);
  if (type !== undefined) {
    if (typeType === TYPE_TIMESTAMP) fb.verifyString(type, 1); // timezone
    if (typeType === TYPE_UNION) fb.vector(type, 1, 4); // typeIds
  }
  const dictionary = fb.subTable(field, 4);
  if (dictionary !== undefined) {
    fb.scalarI64(dictionary, 0);
    const indexType = fb.subTable(dictionary, 1);
    if (indexType !== undefined) fb.scalarU8(indexType, 1);
  }
  for (const child of fb.tables(field, 5)) verifyField(fb, child, depth + 1);
  verifyKeyValues(fb, field, 6);
}

function verifyKeyValues(fb: FlatbufferReader, table: FbTable, id: number): void {
  for (const kv of fb.tables(table, id)) {
    fb.verifyString(kv, 0);
    fb.verifyString(kv, 1);
  }
}
