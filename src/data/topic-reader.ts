/**
 * Reading one topic: GetFlightInfo for the range, then DoGet on the
 * endpoint's ticket, decoded into Arrow record batches as they arrive
 * (docs/protocol.md §6.1-6.2).
 *
 * @example
 * ```ts
 * const reader = await client.topicReader("drive/sensors/imu", { startNs, endNs });
 * for await (const batch of reader) plot(batch.getChild("timestamp_ns"));
 * ```
 */
import { Table, type RecordBatch, type Schema } from "apache-arrow";
import { create } from "@bufbuild/protobuf";
import { TicketSchema, type FlightData } from "../gen/arrow/flight/protocol/Flight_pb.js";
import type { CallOptions } from "../options.js";
import { topicInfo } from "../control/catalog.js";
import type { ControlContext } from "../control/control-context.js";
import type { TopicInfo } from "../control/types.js";
import type { TimeInterval, TimeRange } from "../protocol/codec/wire-types.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { decodeFlightData, type FlightDataReader } from "../protocol/ipc/flight-data-decoder.js";
import type { ReadProgress } from "./progress.js";
import { parseMosaicoSchemaMetadata, type MosaicoSchemaMetadata } from "../protocol/ipc/schema-metadata.js";
import { readAhead } from "./streams/read-ahead.js";
import { isDroppedConnection } from "../errors/local-causes.js";
import { openResumableRead, type ResumeOptions } from "./resumable-read.js";
import type { ReaderWorkerOption } from "./reader-worker-option.js";

/** Options of client.topicReader(): the time range, read-ahead, progress and call options. */
export interface TopicReaderOptions extends CallOptions, TimeRange {
  /**
   * Batches decoded ahead of the consumer (default 2). Memory held by the
   * reader is about this many batches plus the transport's own buffers.
   */
  prefetch?: number | undefined;
  /** Called after each batch is delivered. */
  onProgress?: ((progress: ReadProgress) => void) | undefined;
  /**
   * Reopen the stream when it fails mid-read with UNAVAILABLE,
   * DEADLINE_EXCEEDED or DATA_LOSS, from the last delivered `timestamp_ns`,
   * up to `attempts` times with doubling `backoffMs`; no row is delivered
   * twice or left out. `onProgress` counts the reopenings (`retries`).
   */
  resume?: ResumeOptions | undefined;
  /**
   * Longest wait for the next message of the stream while the reader is
   * waiting for it; then DEADLINE_EXCEEDED (retried with `resume`).
   * Default 60 s; 0 waits as long as the call's own deadline allows.
   */
  idleTimeoutMs?: number | undefined;
  /**
   * Run the DoGet and its decoding in a Web Worker (browsers, Deno), so a
   * large read leaves the page's main thread free: decoded batches cross to
   * the calling thread as moved (transferred) Arrow IPC buffers and are
   * rebuilt there without copying. Every other option keeps its meaning;
   * `signal`, cancel() and leaving a `for await` loop stop the worker's
   * DoGet; errors keep their `code`. Default: read on the calling thread.
   * See {@link ReaderWorkerOption} for what to pass.
   */
  worker?: ReaderWorkerOption | undefined;
}

/**
 * What the server says about the data a reader delivers, the same fields on
 * every generation: 0.7 sends them in the FlightInfo app-metadata
 * (`time_window_info` for the range, `data_info` for the topic), 0.6 in the
 * DoGet schema's `mosaico:properties`.
 */
export interface TopicReadMetadata {
  /** Rows in the requested range (the whole topic without a range). */
  rowCount?: bigint;
  /** First and last `timestamp_ns` in the requested range; null when it holds no rows, undefined when not reported. */
  interval?: TimeInterval | null;
  /** Stored bytes of the whole topic (0.7: `data_info.total_bytes`; 0.6: the topic's `info`). */
  totalBytes?: bigint;
  /** Stored chunks of the whole topic. */
  chunks?: number;
  /** Where the facts came from. */
  source: "app-metadata" | "schema" | "none";
}

/**
 * A topic's rows as Arrow record batches; iterate it once.
 *
 * The batches are instances of the apache-arrow that mosaico-web imports:
 * with the peer dependency that is your own copy, as ES modules resolve it.
 * A CommonJS app that `require()`s the SDK (Node's require of ES modules)
 * gets batches of apache-arrow's ESM build while its own
 * `require("apache-arrow")` is the CommonJS build: reading values
 * (`getChild`, `toArray`, `get`) works the same, and `instanceof
 * RecordBatch`/`Table` still holds (apache-arrow 21 checks across copies), but
 * functions of the other build that dispatch on type classes may not accept
 * them; use `tableToIPC`/`tableFromIPC` to move a table between the two.
 */
export interface TopicReader extends AsyncIterable<RecordBatch> {
  /** The topic as described for the requested range. */
  readonly topic: TopicInfo;
  /** Arrow schema of the stream. */
  readonly schema: Schema;
  /** Row count and time bounds of the range, and the topic's size. */
  readonly metadata: TopicReadMetadata;
  /** The `mosaico:*` schema metadata as sent (0.6; empty on 0.7, which dropped it). */
  readonly schemaMetadata: MosaicoSchemaMetadata;
  /** Reads all remaining batches into one Table. */
  readTable(): Promise<Table>;
  /** Stops reading and releases the stream. Idempotent. */
  cancel(): Promise<void>;
}

/** The reader's facts from the topic's app-metadata (0.7) or, failing that, the schema keys (0.6). */
function readMetadataOf(topic: TopicInfo, schemaMetadata: MosaicoSchemaMetadata): TopicReadMetadata {
  const size = { totalBytes: topic.dataInfo?.totalBytes, chunks: topic.dataInfo?.chunks };
  // time_window_info describes the requested range; data_info the whole topic.
  if (topic.timeWindow) return { rowCount: topic.timeWindow.rowCount, interval: topic.timeWindow.interval, ...size, source: "app-metadata" };
  if (topic.dataInfo?.rowCount !== undefined) {
    return { rowCount: topic.dataInfo.rowCount, interval: topic.dataInfo.interval, ...size, source: "app-metadata" };
  }
  const properties = schemaMetadata.properties;
  if (properties?.messageCount !== undefined) {
    const { timestampNsMin: startNs, timestampNsMax: endNs } = properties;
    const interval = startNs !== undefined && endNs !== undefined ? { startNs, endNs } : properties.messageCount === 0n ? null : undefined;
    return { rowCount: properties.messageCount, interval, ...size, source: "schema" };
  }
  return { ...size, source: topic.dataInfo ? "app-metadata" : "none" };
}

/**
 * The rows the server announced for exactly what this read asks: the
 * window's count (0.7 `time_window_info`), the DoGet schema's filtered
 * `message_count` (0.6), or, without a range, the topic's `data_info` count.
 */
function announcedRows(topic: TopicInfo, schemaMetadata: MosaicoSchemaMetadata, ranged: boolean): bigint | undefined {
  if (topic.timeWindow) return topic.timeWindow.rowCount;
  const fromSchema = schemaMetadata.properties?.messageCount;
  if (fromSchema !== undefined) return fromSchema;
  return ranged ? undefined : topic.dataInfo?.rowCount;
}

/**
 * A stream that ends cleanly with fewer (or more) rows than the server
 * announced lost data on the way: say so instead of handing back a short
 * read as complete.
 */
function checkRowCount(announced: bigint | undefined, rows: number, locator: string): void {
  if (announced === undefined || BigInt(rows) === announced) return;
  throw new MosaicoError(
    Code.DataLoss,
    `the read of ${locator} ended after ${rows} rows, but the server announced ${announced}; the stream was cut short or the server's count is wrong, read again`,
  );
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Counts wire bytes as FlightData passes by, and gives up when the server
 * sends nothing for `idleMs` while the reader waits for it (time the
 * consumer spends on a batch does not count: nothing is awaited then).
 */
async function* watchStream(
  source: AsyncIterable<FlightData>,
  progress: ReadProgress,
  idleMs: number,
  onIdle: () => MosaicoError,
): AsyncGenerator<FlightData> {
  const iterator = source[Symbol.asyncIterator]();
  let idle: MosaicoError | undefined;
  try {
    for (;;) {
      const timer = idleMs > 0 ? setTimeout(() => (idle = onIdle()), idleMs) : undefined;
      let result: IteratorResult<FlightData>;
      try {
        result = await iterator.next();
      } catch (reason) {
        throw idle ?? reason;
      } finally {
        clearTimeout(timer);
      }
      if (idle) throw idle;
      if (result.done) return;
      progress.bytes += result.value.dataHeader.byteLength + result.value.dataBody.byteLength;
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/** Opens DoGet on a ticket and decodes it; shared with the sequence reader. */
export async function openTicketStream(
  ctx: ControlContext,
  topic: TopicInfo,
  options: TopicReaderOptions,
): Promise<TopicReader> {
  const cancelled = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, cancelled.signal]) : cancelled.signal;
  const progress: ReadProgress = { batches: 0, rows: 0, bytes: 0 };
  let decoder: FlightDataReader;
  try {
    const call = ctx.flight.doGet(create(TicketSchema, { ticket: topic.ticket }), ctx.streamOptions({ ...options, signal }));
    const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    const onIdle = () => {
      const error = new MosaicoError(
        Code.DeadlineExceeded,
        `no data from the server for ${idleMs} ms while reading ${topic.locator} (after ${progress.rows} rows); the connection may be stalled (idleTimeoutMs)`,
      );
      cancelled.abort(error);
      return error;
    };
    decoder = await decodeFlightData(watchStream(call, progress, idleMs, onIdle), { signal });
  } catch (reason) {
    cancelled.abort();
    throw MosaicoError.from(reason);
  }
  const cancel = async () => {
    cancelled.abort(new MosaicoError(Code.Canceled, "the reader was cancelled"));
    await decoder.cancel().catch(() => {});
  };
  const schemaMetadata = parseMosaicoSchemaMetadata(decoder.schema);
  const metadata = readMetadataOf(topic, schemaMetadata);
  const announced = announcedRows(topic, schemaMetadata, options.startNs !== undefined || options.endNs !== undefined);
  let started = false;
  async function* batches(): AsyncGenerator<RecordBatch> {
    if (started) throw new MosaicoError(Code.FailedPrecondition, "a topic reader can be iterated only once");
    started = true;
    try {
      for await (const batch of readAhead(decoder, options.prefetch ?? 2)) {
        progress.batches++;
        progress.rows += batch.numRows;
        options.onProgress?.({ ...progress });
        yield batch;
      }
      checkRowCount(announced, progress.rows, topic.locator);
    } catch (reason) {
      const error = MosaicoError.from(reason);
      // A cancel of our own (reader.cancel(), the caller's signal, the idle timer) stays what it is.
      if (signal.aborted || !isDroppedConnection(error)) throw error;
      throw new MosaicoError(
        Code.Unavailable,
        `the connection was lost after ${progress.rows} rows of ${topic.locator} (${error.rawMessage}); the rows delivered are intact, read the rest again from the last timestamp`,
        { cause: error, metadata: error.metadata },
      );
    } finally {
      // Early exit or failure: release the call so the pump and socket stop.
      if (!cancelled.signal.aborted) cancelled.abort();
    }
  }
  const iterable = batches();
  return {
    topic,
    schema: decoder.schema,
    metadata,
    schemaMetadata,
    [Symbol.asyncIterator]: () => iterable,
    async readTable() {
      const collected: RecordBatch[] = [];
      for await (const batch of iterable) collected.push(batch);
      return collected.length > 0 ? new Table(collected) : new Table(decoder.schema);
    },
    cancel,
  };
}

/** Describes the topic for the range, then streams its rows; with `resume`, reopens a broken stream. */
export async function openTopicReader(ctx: ControlContext, locator: string, options: TopicReaderOptions = {}): Promise<TopicReader> {
  if (!options.resume) return openTopicReaderOnce(ctx, locator, options);
  return openResumableRead(
    ({ startNs, onBytes }) => openTopicReaderOnce(ctx, locator, { ...options, startNs, resume: undefined, onProgress: (p) => onBytes(p.bytes) }),
    options,
    options.resume,
  );
}

async function openTopicReaderOnce(ctx: ControlContext, locator: string, options: TopicReaderOptions): Promise<TopicReader> {
  const topic = await topicInfo(ctx, locator, {
    startNs: options.startNs,
    endNs: options.endNs,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
  return openTicketStream(ctx, topic, options);
}
