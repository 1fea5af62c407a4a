/**
 * FlightData stream -> Arrow schema + record batches (DoGet responses).
 *
 * Each FlightData is verified on its own (header, body length, order,
 * compression) and then fed to apache-arrow as encapsulated IPC bytes: the
 * header behind an 8-byte prefix, the body as a separate chunk, so the body is
 * handed over without copying (arrow copies it once only if it is not 8-byte
 * aligned). Reading is pull-driven: the schema is available after the first
 * FlightData, and later messages are pulled at most one ahead of the batches
 * the consumer has taken.
 */
import { checkRecordBatch } from "./batch-consistency.js";
import {
  compressionRegistry,
  CompressionType,
  DataType,
  Message,
  MessageHeader,
  RecordBatchReader,
  Table,
  type AsyncRecordBatchStreamReader,
  type Field,
  type RecordBatch,
  type Schema,
} from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import type { FlightData } from "../../gen/arrow/flight/protocol/Flight_pb.js";
import { FlightMessageSource, ipcPrefix, type FlightFrame } from "./flight-message-source.js";
import { headerTypeName, type IpcMessageInfo } from "./ipc-message.js";
import { MAX_LZ4_BUFFER_BYTES, registerLz4Codec } from "../lz4/lz4-codec.js";

/** Options of decodeFlightData(). */
export interface DecodeFlightDataOptions {
  /** Stops reading (CANCELLED) when aborted; checked before each message. */
  signal?: AbortSignal | undefined;
  /**
   * Largest decompressed body one compressed batch may claim (default 1 GiB).
   * Compressed buffers declare their own size; this keeps a corrupted length
   * from exhausting memory.
   */
  maxBatchBytes?: number | undefined;
}

/** A decoded stream: the schema now, the batches as they are pulled. */
export interface FlightDataReader extends AsyncIterable<RecordBatch> {
  /** The stream's Arrow schema (with its metadata, see parseMosaicoSchemaMetadata). */
  readonly schema: Schema;
  /** The record batches, in order; can be iterated once. */
  readonly batches: AsyncIterable<RecordBatch>;
  /** Reads every remaining batch into a Table. */
  readTable(): Promise<Table>;
  /** Stops reading and releases the source stream. Idempotent. */
  cancel(): Promise<void>;
}

const DEFAULT_MAX_BATCH_BYTES = 1 << 30;

/**
 * Decodes a Flight DoGet-style stream: the first FlightData must be the Arrow
 * schema, the rest record (or dictionary) batches. LZ4_FRAME-compressed batches
 * are supported out of the box. Resolves once the schema is read; every
 * failure is a MosaicoError (DATA_LOSS for a malformed or truncated stream).
 *
 * @example
 * ```ts
 * const reader = await decodeFlightData(flight.doGet(ticket, { signal }));
 * console.log(reader.schema.fields.map((f) => f.name));
 * for await (const batch of reader) console.log(batch.numRows);
 * ```
 */
export async function decodeFlightData(
  stream: AsyncIterable<FlightData>,
  options: DecodeFlightDataOptions = {},
): Promise<FlightDataReader> {
  registerLz4Codec();
  const source = new FlightMessageSource(stream, options.signal);
  try {
    const first = await source.next();
    if (first === undefined) {
      throw new MosaicoError(
        Code.DataLoss,
        "the Flight stream ended without any message; expected the Arrow schema first " +
          "(the server sent nothing for this ticket, retry the request)",
      );
    }
    if (first.info.headerType !== MessageHeader.Schema) {
      throw new MosaicoError(
        Code.DataLoss,
        `the Flight stream starts with an Arrow ${headerTypeName(first.info.headerType)} message; ` +
          "the schema must come first, so the stream cannot be decoded",
      );
    }
    // Decoded here (the header is verified) so the schema is available before
    // any batch arrives: arrow's reader is opened on the first iteration.
    const schema = Message.decode(first.header).header() as Schema;
    return new Reader(schema, first, source, new FrameChecker(options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES));
  } catch (error) {
    await source.close();
    throw asDecodeError(error);
  }
}

/** Order, dictionary and compression rules for every message after the schema. */
class FrameChecker {
  constructor(private readonly maxBatchBytes: number) {}

  check(frame: FlightFrame, schema: Schema): void {
    const { info, body } = frame;
    if (info.headerType === MessageHeader.Schema) {
      throw new MosaicoError(
        Code.DataLoss,
        "the Flight stream carries a second Arrow schema message; a stream has exactly one schema, " +
          "so it cannot be decoded",
      );
    }
    if (info.headerType === MessageHeader.DictionaryBatch && !schema.dictionaries.has(info.dictionaryId!)) {
      throw new MosaicoError(
        Code.DataLoss,
        `the Flight stream carries a dictionary batch for dictionary id ${info.dictionaryId}, which no field ` +
          "of the schema uses; the stream cannot be decoded",
      );
    }
    if (info.headerType === MessageHeader.RecordBatch) checkNodeLengths(info, schema);
    if (info.compression === null) return;
    if (!compressionRegistry.get(info.compression)?.decode) {
      const name = CompressionType[info.compression] ?? `codec ${info.compression}`;
      throw new MosaicoError(
        Code.Unimplemented,
        `the batch uses ${name} IPC body compression, which mosaico-web has no codec for; register one ` +
          "with apache-arrow's compressionRegistry before reading",
      );
    }
    this.checkDeclaredSizes(frame, body);
  }

  /** Each compressed buffer starts with its int64 uncompressed length (-1: stored raw). */
  private checkDeclaredSizes(frame: FlightFrame, body: Uint8Array): void {
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    let total = 0;
    for (const { offset, length } of frame.info.buffers) {
      if (length === 0) continue;
      if (length < 8) {
        throw new MosaicoError(
          Code.DataLoss,
          `a compressed Arrow buffer of ${length} bytes is too short to hold its length prefix; retry the request`,
        );
      }
      const declared = view.getBigInt64(offset, true);
      if (declared === -1n) continue;
      if (declared < 0n || declared > BigInt(MAX_LZ4_BUFFER_BYTES)) {
        throw new MosaicoError(
          Code.DataLoss,
          `a compressed Arrow buffer declares an uncompressed length of ${declared} bytes; retry the request`,
        );
      }
      total += Number(declared);
    }
    if (total > this.maxBatchBytes) {
      throw new MosaicoError(
        Code.ResourceExhausted,
        `a batch would decompress to ${total} bytes, above the ${this.maxBatchBytes}-byte limit; raise ` +
          "maxBatchBytes if this is expected",
      );
    }
  }
}

/**
 * Every column of a record batch has the batch's length, and a struct's
 * children have the struct's: checked on the field nodes, before decoding,
 * because apache-arrow pads a short column with nulls (and marks its field
 * nullable) instead of refusing it. Nodes follow the schema's fields in
 * pre-order, one per field.
 */
function checkNodeLengths(info: IpcMessageInfo, schema: Schema): void {
  const lengths = info.nodeLengths;
  let next = 0;
  const walk = (field: Field, expected: number | undefined, path: string): void => {
    const index = next++;
    const length = lengths[index];
    if (length === undefined) {
      throw new MosaicoError(Code.DataLoss, `the record batch has ${lengths.length} field nodes, too few for its schema (column ${path}); the stream is corrupted, retry the request`);
    }
    if (expected !== undefined && length !== expected) {
      throw new MosaicoError(
        Code.DataLoss,
        `received an inconsistent Arrow record batch (column ${path}: ${length} rows where ${expected} are declared); the stream is corrupted, retry the request`,
      );
    }
    // A dictionary-encoded field has one node (its indices); its values come in dictionary batches.
    const children = DataType.isDictionary(field.type) ? [] : ((field.type.children ?? []) as Field[]);
    const isStruct = DataType.isStruct(field.type);
    for (const child of children) walk(child, isStruct ? length : undefined, `${path}.${child.name}`);
  };
  for (const field of schema.fields) walk(field, info.rowCount, field.name);
}

class Reader implements FlightDataReader {
  private started = false;
  private arrow: AsyncRecordBatchStreamReader | undefined;
  private failure: unknown;

  constructor(
    readonly schema: Schema,
    private readonly first: FlightFrame,
    private readonly source: FlightMessageSource,
    private readonly checker: FrameChecker,
  ) {}

  get batches(): AsyncIterable<RecordBatch> {
    return this;
  }

  /**
   * The IPC byte stream arrow reads. Its errors are kept so that the caller
   * sees our MosaicoError, not whatever arrow makes of the rejection. (Arrow
   * pulls the next chunk when a read drains its buffer, hence one message of
   * read-ahead.)
   */
  private async *bytes(): AsyncGenerator<Uint8Array> {
    try {
      for (let frame: FlightFrame | undefined = this.first; frame; frame = await this.source.next()) {
        if (frame !== this.first) this.checker.check(frame, this.schema);
        yield ipcPrefix(frame.header);
        if (frame.body.byteLength > 0) yield frame.body;
      }
    } catch (error) {
      this.failure ??= error;
      throw error;
    } finally {
      await this.source.close();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordBatch> {
    if (this.started) throw new MosaicoError(Code.FailedPrecondition, "the batches of a Flight stream can be iterated only once");
    this.started = true;
    let yielded = 0;
    try {
      if (this.source.finished) return; // cancelled before iterating
      const arrow = await this.step(async () => {
        this.arrow = (await RecordBatchReader.from(this.bytes())) as AsyncRecordBatchStreamReader;
        return this.arrow.open();
      });
      for (;;) {
        const result = await this.step(() => arrow.next());
        if (result.done) break;
        // arrow-js invents an empty placeholder batch for a stream without batches.
        if (yielded >= this.source.recordBatches) continue;
        yielded++;
        checkRecordBatch(result.value, this.schema);
        yield result.value;
      }
      if (this.failure !== undefined) throw asDecodeError(this.failure);
    } finally {
      await this.cancel();
    }
  }

  private async step<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw asDecodeError(this.failure ?? error);
    }
  }

  async readTable(): Promise<Table> {
    const batches: RecordBatch[] = [];
    for await (const batch of this) batches.push(batch);
    return new Table(this.schema, batches);
  }

  async cancel(): Promise<void> {
    await this.source.close();
    try {
      await this.arrow?.cancel();
    } catch {
      // Already closed or failed; nothing left to release.
    }
  }
}

function asDecodeError(error: unknown): MosaicoError {
  if (error instanceof MosaicoError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new MosaicoError(
    Code.DataLoss,
    `could not decode the Arrow data of the Flight stream (${detail}); the stream is corrupted, retry the request`,
    { cause: error },
  );
}
