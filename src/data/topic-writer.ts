/**
 * Writing one topic: rows, record batches or tables are pushed, grouped into
 * batches of at most `maxBatchRows` rows / `maxBatchBytes` bytes, and sent on
 * the topic's one DoPut (docs/protocol.md §5.1: exactly one per topic, an empty one
 * when nothing was pushed). A record larger than one message may carry is
 * left out, reported and counted, and the upload goes on (batch-plan.ts).
 */
import { Field, Int64, RecordBatch, Schema, Table } from "apache-arrow";
import { create } from "@bufbuild/protobuf";
import { FlightDescriptor_DescriptorType, FlightDescriptorSchema } from "../gen/arrow/flight/protocol/Flight_pb.js";
import type { ControlContext } from "../control/control-context.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { splitTopicLocator } from "../protocol/locators.js";
import { assertTimestampColumn, checkRow, rowsToRecordBatch, type Row } from "./batch-builder.js";
import { isArrowInput, toRecordBatches, type ArrowInput } from "./arrow-input.js";
import { planBatch, type OversizedRow } from "./batch-plan.js";
import { checkRowOrder, checkTimestampOrder } from "./timestamp-order.js";
import { reportDroppedRecord } from "./dropped-records.js";
import { FlightDataEncoder } from "../protocol/ipc/flight-data-encoder.js";
import type { WriteProgress } from "./progress.js";
import { DEFAULT_UPLOAD_IDLE_TIMEOUT_MS, UploadCall } from "./upload-call.js";

/** How a topic writer groups what it is given into the batches it sends. */
export interface BatchLimits {
  /** Most rows per batch sent (default 5000, as the Python SDK). */
  maxBatchRows?: number | undefined;
  /**
   * Most bytes per batch sent. Default: derived from the server's decode limit
   * (as the Python SDK 0.7 does): 90% of it, at most 64 MiB so that batches stay
   * affordable in a browser. At most 90% of the limit when set.
   */
  maxBatchBytes?: number | undefined;
  /** Buffered uploads (fetch runtimes without request streams): bytes per topic (default 64 MiB). */
  maxBufferedBytes?: number | undefined;
  /** Called after each batch is handed to the transport. */
  onProgress?: ((progress: WriteProgress) => void) | undefined;
}

/** The fixed defaults; the byte limit per batch is derived per server (defaultMaxBatchBytes). */
export const defaultBatchLimits = { maxBatchRows: 5000, maxBufferedBytes: 64 * 1024 * 1024 };

/** Largest default batch, whatever the server allows. */
const MAX_DEFAULT_BATCH_BYTES = 64 * 1024 * 1024;

/** The default batch byte limit for a server that takes `serverMaxBatchBytes` (90% of its decode limit). */
export function defaultMaxBatchBytes(serverMaxBatchBytes: number): number {
  return Math.min(serverMaxBatchBytes, MAX_DEFAULT_BATCH_BYTES);
}

/** How long uploads may take on the network (writer-level defaults, per-topic overrides). */
export interface UploadTimeouts {
  /**
   * Longest a push() or finalize() waits on the network without progress
   * (the server taking no more data, or not confirming the upload) before
   * the upload fails with DEADLINE_EXCEEDED. Default 60 s; 0 turns it off.
   */
  idleTimeoutMs?: number | undefined;
}

export interface TopicWriterInit extends BatchLimits, UploadTimeouts {
  locator: string;
  topicUuid: string;
  /** Topic schema; taken from the first batch when omitted (needed to push rows). */
  schema?: Schema;
  /** Largest batch the server takes (derived from its message limit). */
  serverMaxBatchBytes: number;
  signal?: AbortSignal | undefined;
  /** Deadline of the topic's DoPut call as a whole. */
  timeoutMs?: number | undefined;
}

/** Where a topic writer is in its life: still taking data, done, cancelled, or failed on the wire. */
export type TopicWriterState = "open" | "finalized" | "aborted" | "failed";

/**
 * A topic writer's state, or `"record_too_large"` while it is open and its
 * last push() left out a record that alone exceeds what one message may
 * carry (the Python SDK's `TopicWriterStatus.RecordTooLarge`). The writer
 * still takes data; the next push that leaves nothing out makes it `"open"`.
 */
export type TopicWriterStatus = TopicWriterState | "record_too_large";

// A topic that received nothing and has no declared schema gets the envelope only.
const envelopeOnlySchema = new Schema([new Field("timestamp_ns", new Int64(), false)]);

/**
 * Writes one topic on its one DoPut: push() rows, record batches or tables;
 * finalize() sends the rest and waits for the server. Made by
 * SequenceWriter.topicWriter(), not constructed directly.
 */
export class TopicWriter {
  /** `<sequence>/<topic path>` */
  readonly locator: string;
  /** The topic uuid from topic_create. */
  readonly uuid: string;
  readonly #ctx: ControlContext;
  readonly #init: TopicWriterInit;
  readonly #limits: Required<Omit<BatchLimits, "onProgress">>;
  #schema: Schema | undefined;
  #encoder: FlightDataEncoder | undefined;
  #call: UploadCall | undefined;
  #pendingRows: Row[] = [];
  /** The last timestamp_ns accepted (queued or sent): the next must be greater. */
  #lastTimestamp: bigint | undefined;
  #state: TopicWriterState = "open";
  #progress: WriteProgress = { rows: 0, bytes: 0 };
  #droppedRecordCount = 0;
  #lastError: string | undefined;
  /** The current push()/finalize() left out a record. */
  #callDropped = false;

  constructor(ctx: ControlContext, init: TopicWriterInit) {
    this.#ctx = ctx;
    this.#init = init;
    this.locator = init.locator;
    this.uuid = init.topicUuid;
    this.#limits = {
      maxBatchRows: init.maxBatchRows ?? defaultBatchLimits.maxBatchRows,
      maxBatchBytes: init.maxBatchBytes ?? defaultMaxBatchBytes(init.serverMaxBatchBytes),
      maxBufferedBytes: init.maxBufferedBytes ?? defaultBatchLimits.maxBufferedBytes,
    };
    if (this.#limits.maxBatchBytes > init.serverMaxBatchBytes) {
      throw new MosaicoError(
        Code.InvalidArgument,
        `maxBatchBytes ${this.#limits.maxBatchBytes} is above what the server takes in one message (${init.serverMaxBatchBytes} bytes, 90% of its limit)`,
      );
    }
    if (!(this.#limits.maxBatchRows >= 1)) throw new MosaicoError(Code.InvalidArgument, "maxBatchRows must be at least 1");
    if (init.schema) {
      assertTimestampColumn(init.schema, init.locator);
      this.#schema = init.schema;
    }
  }

  /** Where the writer is in its life. */
  get state(): TopicWriterState {
    return this.#state;
  }

  /** The state, or `"record_too_large"` after a push that left out a record (see TopicWriterStatus). */
  get status(): TopicWriterStatus {
    return this.#state === "open" && this.#callDropped ? "record_too_large" : this.#state;
  }

  /**
   * Records left out so far because one alone exceeds what a message may carry
   * (90% of the server's decode limit); each was reported as a topic
   * notification (client.listTopicNotifications). Upstream: `dropped_record_count`.
   */
  get droppedRecordCount(): number {
    return this.#droppedRecordCount;
  }

  /**
   * The report of the last record left out: the notification text, the
   * record's timestamp_ns and size. Cleared by the next push that leaves
   * nothing out (as upstream's `last_error`); undefined when none was.
   */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Rows and bytes sent so far. */
  get progress(): WriteProgress {
    return { ...this.#progress };
  }

  get schema(): Schema | undefined {
    return this.#schema;
  }

  /**
   * Adds a row, rows, a record batch or a table, or Arrow IPC stream/file
   * bytes. Batches and tables may come from any apache-arrow instance (the
   * CommonJS build beside the ESM one, another supported version): they are
   * taken over their own buffers. Rows are grouped into
   * batches; batches are split to the limits. Waits when the network is
   * slower than the producer (streaming transports). A record that alone
   * exceeds what one message may carry is not sent and does not fail the
   * push: it is reported as a topic notification and counted
   * (droppedRecordCount, status `"record_too_large"`), as the Python SDK 0.7
   * does. Plain rows are measured when their batch is built (every
   * maxBatchRows rows, and at finalize()).
   */
  async push(data: Row | readonly Row[] | ArrowInput): Promise<void> {
    this.#assertOpen();
    this.#callDropped = false;
    try {
      await this.#take(data);
      if (!this.#callDropped) this.#lastError = undefined;
    } catch (reason) {
      throw this.#fail(reason);
    }
  }

  async #take(data: Row | readonly Row[] | ArrowInput): Promise<void> {
    if (isArrowInput(data)) {
      const batches = toRecordBatches(data, this.locator);
      // Schema first, then order: a batch of the wrong shape says so, whatever its times.
      let last = this.#lastTimestamp;
      for (const batch of batches) {
        if (!this.#schema) assertTimestampColumn(batch.schema, this.locator);
        this.#encoderFor(this.#schema ?? batch.schema).checkSchema(batch.schema);
        last = checkTimestampOrder(batch, last, this.locator);
      }
      this.#lastTimestamp = last;
      await this.#flushRows();
      for (const batch of batches) await this.#sendBatch(batch);
      return;
    }
    const rows = Array.isArray(data) ? (data as readonly Row[]) : [data as Row];
    if (!this.#schema) {
      throw new MosaicoError(Code.FailedPrecondition, `topic ${this.locator}: pass the topic's Arrow schema (schema option) to push plain rows`);
    }
    let last = this.#lastTimestamp;
    for (const [index, row] of rows.entries()) {
      checkRow(row, this.locator);
      last = checkRowOrder(BigInt(row.timestamp_ns as bigint | number), last, index, this.locator);
    }
    this.#lastTimestamp = last;
    for (const row of rows) {
      this.#pendingRows.push(row);
      if (this.#pendingRows.length >= this.#limits.maxBatchRows) await this.#flushRows();
    }
  }

  /** Sends what is buffered, closes the DoPut and waits for the server's OK. */
  async finalize(): Promise<void> {
    this.#assertOpen();
    this.#callDropped = false;
    try {
      await this.#flushRows();
      const call = await this.#ensureCall(this.#encoderFor(this.#schema ?? envelopeOnlySchema));
      await call.close();
      this.#state = "finalized";
    } catch (reason) {
      throw this.#fail(reason);
    }
  }

  /** Cancels the upload; the server keeps nothing of it. Idempotent. */
  async abort(reason?: unknown): Promise<void> {
    if (this.#state !== "open") return;
    this.#state = "aborted";
    this.#pendingRows = [];
    this.#call?.abort(MosaicoError.from(reason ?? new MosaicoError(Code.Canceled, `upload of ${this.locator} aborted`)));
  }

  #assertOpen(): void {
    if (this.#state !== "open") {
      throw new MosaicoError(Code.FailedPrecondition, `topic writer ${this.locator} is ${this.#state}; create a new topic to write more`);
    }
  }

  #fail(reason: unknown): MosaicoError {
    const error = MosaicoError.from(reason);
    // Errors found before sending leave the writer usable; call failures do not.
    if (this.#call?.failure) {
      this.#state = "failed";
      this.#call.abort(error);
    }
    return error;
  }

  /** The stream's encoder, made when the schema is settled (no network yet). */
  #encoderFor(schema: Schema): FlightDataEncoder {
    if (this.#encoder) return this.#encoder;
    const descriptor = create(FlightDescriptorSchema, {
      type: FlightDescriptor_DescriptorType.CMD,
      cmd: this.#ctx.codec.encodeDoPutCommand(this.locator, this.uuid),
    });
    this.#schema = schema;
    this.#encoder = new FlightDataEncoder(schema, { descriptor, topic: this.locator });
    return this.#encoder;
  }

  /** Opens the topic's one DoPut on first use and sends its schema message. */
  async #ensureCall(encoder: FlightDataEncoder): Promise<UploadCall> {
    if (this.#call) return this.#call;
    this.#call = new UploadCall(this.#ctx, {
      mode: this.#ctx.uploadMode,
      maxBufferedBytes: this.#limits.maxBufferedBytes,
      signal: this.#init.signal,
      timeoutMs: this.#init.timeoutMs,
      idleTimeoutMs: this.#init.idleTimeoutMs ?? DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
      topic: this.locator,
    });
    const call = this.#call;
    await call.send(encoder.encodeSchema());
    return call;
  }

  async #flushRows(): Promise<void> {
    if (this.#pendingRows.length === 0) return;
    const rows = this.#pendingRows;
    this.#pendingRows = [];
    await this.#sendBatch(rowsToRecordBatch(this.#schema!, rows, this.locator));
  }

  /** Counts and reports records left out; the upload goes on (upstream #731). */
  async #reportOversized(rows: readonly OversizedRow[]): Promise<void> {
    const report = {
      locator: this.locator,
      topicName: splitTopicLocator(this.locator).name,
      messageBytes: this.#init.serverMaxBatchBytes,
      signal: this.#init.signal,
    };
    for (const row of rows) {
      this.#droppedRecordCount++;
      this.#callDropped = true;
      this.#lastError = await reportDroppedRecord(this.#ctx, report, row);
    }
  }

  /** Sends one batch; the encoder refuses a batch whose schema differs from the topic's. */
  async #sendBatch(batch: RecordBatch): Promise<void> {
    if (!this.#schema) assertTimestampColumn(batch.schema, this.locator);
    const encoder = this.#encoderFor(this.#schema ?? batch.schema);
    const limits = { maxRows: this.#limits.maxBatchRows, maxBytes: this.#limits.maxBatchBytes, messageBytes: this.#init.serverMaxBatchBytes };
    const plan = planBatch(batch, limits, this.locator);
    if (plan.oversized.length > 0) await this.#reportOversized(plan.oversized);
    for (const slice of plan.slices) {
      const messages = encoder.encodeBatch(slice);
      const call = await this.#ensureCall(encoder);
      for (const message of messages) {
        await call.send(message);
        this.#progress.bytes += message.dataHeader.byteLength + message.dataBody.byteLength;
      }
      this.#progress.rows += slice.numRows;
      this.#init.onProgress?.({ ...this.#progress });
    }
  }
}
