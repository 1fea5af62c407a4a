/**
 * Arrow schema + record batches -> FlightData messages (DoPut uploads, and the
 * reference server's DoGet responses).
 *
 * apache-arrow's RecordBatchStreamWriter writes into a sink that keeps its
 * chunks; we cut them back into IPC messages (header = Message flatbuffer,
 * body = its buffers, copied once into one contiguous `data_body`).
 */
import { create } from "@bufbuild/protobuf";
import {
  AsyncByteQueue,
  CompressionType,
  RecordBatchStreamWriter,
  util,
  type RecordBatch,
  type Schema,
} from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { FlightDataSchema, type FlightData, type FlightDescriptor } from "../../gen/arrow/flight/protocol/Flight_pb.js";
import { registerLz4Codec } from "../lz4/lz4-codec.js";
import { allocateFlightDataBody } from "./flight-data-frame.js";

/** IPC body compression for written batches. */
export type IpcCompression = "lz4_frame";

/** Options of FlightDataEncoder and encodeFlightData(). */
export interface EncodeFlightDataOptions {
  /** Descriptor carried by the first (schema) message, e.g. a DoPut CMD descriptor. */
  descriptor?: FlightDescriptor | undefined;
  /** Compress batch bodies (mosaicod's DoGet sends LZ4_FRAME); default none. */
  compression?: IpcCompression | null | undefined;
  /** The topic being written, named in errors (a topic writer's stream); default none. */
  topic?: string | undefined;
}

/** Collects the writer's output chunks instead of streaming them. */
class ChunkSink extends AsyncByteQueue {
  private chunks: Uint8Array[] = [];

  override write(value: Parameters<AsyncByteQueue["write"]>[0]): void {
    // The writer always hands over Uint8Array views of the batch's own memory.
    if (value instanceof Uint8Array && value.byteLength > 0) this.chunks.push(value);
  }

  take(): Uint8Array[] {
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }
}

/**
 * RecordBatchStreamWriter with a conformant compressed-buffer prefix.
 *
 * The IPC format puts each compressed buffer's *uncompressed* length in its
 * 8-byte prefix (-1 = stored raw). apache-arrow 21.2's writer puts the
 * compressed length there, which Arrow C++/pyarrow reject ("failed to fully
 * decompress") and our strict codec rejects too, so we correct it. Every
 * input buffer maps to one [prefix, data] pair of the result.
 */
class ConformantStreamWriter extends RecordBatchStreamWriter {
  /** Body length of each message written since the last take, in order. */
  private bodyLengths: number[] = [];

  protected override _writeMessage(message: Parameters<RecordBatchStreamWriter["_writeMessage"]>[0], alignment?: number) {
    this.bodyLengths.push(Number(message.bodyLength));
    return super._writeMessage(message, alignment);
  }

  takeBodyLengths(): number[] {
    const lengths = this.bodyLengths;
    this.bodyLengths = [];
    return lengths;
  }

  protected override _compressBodyBuffers(buffers: ArrayBufferView[]) {
    const result = super._compressBodyBuffers(buffers);
    buffers.forEach((buffer, i) => {
      const prefix = result.buffers[2 * i]!;
      if (prefix.byteLength !== 8) return; // empty buffer
      const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
      if (view.getBigInt64(0, true) !== -1n) view.setBigInt64(0, BigInt(buffer.byteLength), true);
    });
    return result;
  }
}

/** Reads sizes and byte ranges across a list of chunks. */
class ChunkCursor {
  private index = 0;
  private offset = 0;

  constructor(private readonly chunks: Uint8Array[]) {}

  get atEnd(): boolean {
    while (this.index < this.chunks.length && this.offset >= this.chunks[this.index]!.byteLength) {
      this.index++;
      this.offset = 0;
    }
    return this.index >= this.chunks.length;
  }

  /** `n` bytes: a view when they lie in one chunk, else one copy (into `allocate(n)` when given). */
  read(n: number, allocate: (n: number) => Uint8Array = (size) => new Uint8Array(size)): Uint8Array {
    if (n === 0) return new Uint8Array(0);
    if (this.atEnd) throw new Error("IPC writer output ended early");
    const chunk = this.chunks[this.index]!;
    if (chunk.byteLength - this.offset >= n) {
      const view = chunk.subarray(this.offset, this.offset + n);
      this.offset += n;
      return view;
    }
    const out = allocate(n);
    for (let filled = 0; filled < n; ) {
      if (this.atEnd) throw new Error("IPC writer output ended early");
      const current = this.chunks[this.index]!;
      const take = Math.min(n - filled, current.byteLength - this.offset);
      out.set(current.subarray(this.offset, this.offset + take), filled);
      this.offset += take;
      filled += take;
    }
    return out;
  }

  readInt32(): number {
    const bytes = this.read(4);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true);
  }
}

/**
 * Cuts encapsulated IPC output back into FlightData (EOS markers are dropped).
 * `bodyLengths` are the writer's own, one per message, so its output is not
 * parsed again.
 */
function toFlightData(chunks: Uint8Array[], bodyLengths: number[], descriptor: FlightDescriptor | undefined): FlightData[] {
  const cursor = new ChunkCursor(chunks);
  const out: FlightData[] = [];
  while (!cursor.atEnd) {
    let length = cursor.readInt32();
    if (length === -1) length = cursor.readInt32();
    if (length === 0) continue; // end-of-stream marker
    const dataHeader = cursor.read(length);
    const bodyLength = bodyLengths[out.length];
    if (bodyLength === undefined) throw new Error("IPC writer output has more messages than it reported");
    // The copy leaves room for the gRPC frame head in front (flight-data-frame.ts): one write per message.
    const dataBody = cursor.read(bodyLength, (n) => allocateFlightDataBody(n, dataHeader.byteLength));
    const flightDescriptor = out.length === 0 ? descriptor : undefined;
    out.push(create(FlightDataSchema, { dataHeader, dataBody, ...(flightDescriptor ? { flightDescriptor } : {}) }));
  }
  return out;
}

function compressionType(compression: IpcCompression | null | undefined): CompressionType | null {
  if (compression == null) return null;
  if (compression === "lz4_frame") {
    registerLz4Codec();
    return CompressionType.LZ4_FRAME;
  }
  throw new MosaicoError(Code.InvalidArgument, `unknown IPC compression "${String(compression)}"; use "lz4_frame" or null`);
}

/**
 * Stateful encoder for one stream: send `encodeSchema()` first, then the
 * messages of `encodeBatch()` for each batch, in order (dictionary batches are
 * emitted before the record batch that first needs them).
 *
 * @example
 * ```ts
 * const encoder = new FlightDataEncoder(table.schema, { descriptor, compression: "lz4_frame" });
 * const messages = [encoder.encodeSchema(), ...table.batches.flatMap((batch) => encoder.encodeBatch(batch))];
 * ```
 */
export class FlightDataEncoder {
  readonly schema: Schema;
  private readonly sink = new ChunkSink();
  private readonly writer: ConformantStreamWriter;
  private readonly schemaMessage: FlightData;
  private readonly topic: string | undefined;

  constructor(schema: Schema, options: EncodeFlightDataOptions = {}) {
    this.schema = schema;
    this.topic = options.topic;
    this.writer = new ConformantStreamWriter({ compressionType: compressionType(options.compression) });
    try {
      this.writer.reset(this.sink, schema); // writes the schema message
    } catch (cause) {
      throw new MosaicoError(Code.InvalidArgument, `cannot encode the Arrow schema: ${errorText(cause)}`, { cause });
    }
    const [message] = toFlightData(this.sink.take(), this.writer.takeBodyLengths(), options.descriptor);
    this.schemaMessage = message!;
  }

  /** The schema message (carrying the descriptor); the first to send. */
  encodeSchema(): FlightData {
    return this.schemaMessage;
  }

  /**
   * Refuses a schema other than the stream's, as encodeBatch would, without encoding anything.
   *
   * @throws MosaicoError INVALID_ARGUMENT naming both column lists.
   */
  checkSchema(schema: Schema): void {
    if (!util.compareSchemas(this.schema, schema)) throw this.schemaMismatch(schema);
  }

  /** The messages for one batch, whose schema must match the stream's. */
  encodeBatch(batch: RecordBatch): FlightData[] {
    this.checkSchema(batch.schema);
    try {
      this.writer.write(batch);
    } catch (cause) {
      this.sink.take();
      this.writer.takeBodyLengths();
      throw new MosaicoError(Code.InvalidArgument, `cannot encode the record batch: ${errorText(cause)}`, { cause });
    }
    return toFlightData(this.sink.take(), this.writer.takeBodyLengths(), undefined);
  }

  private schemaMismatch(actual: Schema): MosaicoError {
    const found = `a record batch with columns (${describeFields(actual)})`;
    return new MosaicoError(
      Code.InvalidArgument,
      this.topic === undefined
        ? `${found} does not match the stream schema (${describeFields(this.schema)}); convert the batch to the stream schema first`
        : `topic ${this.topic}: ${found} does not match the topic schema (${describeFields(this.schema)})`,
    );
  }
}

/** Encodes a whole stream: the schema message (with descriptor), then every batch. */
export async function* encodeFlightData(
  schema: Schema,
  batches: Iterable<RecordBatch> | AsyncIterable<RecordBatch>,
  options: EncodeFlightDataOptions = {},
): AsyncGenerator<FlightData> {
  const encoder = new FlightDataEncoder(schema, options);
  yield encoder.encodeSchema();
  for await (const batch of batches) yield* encoder.encodeBatch(batch);
}

/** The schema message alone (first FlightData of a DoPut, with its descriptor). */
export function encodeSchemaFlightData(schema: Schema, descriptor?: FlightDescriptor): FlightData {
  return new FlightDataEncoder(schema, descriptor ? { descriptor } : {}).encodeSchema();
}

/**
 * The messages of one batch on its own (its dictionaries, if any, then the
 * batch). For a multi-batch stream prefer FlightDataEncoder, which sends each
 * dictionary once.
 */
export function encodeRecordBatchFlightData(
  batch: RecordBatch,
  options: Pick<EncodeFlightDataOptions, "compression"> = {},
): FlightData[] {
  return new FlightDataEncoder(batch.schema, options).encodeBatch(batch);
}

/** `name: type` per column, `?` marking nullable ones. */
export function describeFields(schema: Schema): string {
  return schema.fields.map((f) => `${f.name}: ${String(f.type)}${f.nullable ? "?" : ""}`).join(", ");
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
