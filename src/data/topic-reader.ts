/**
 * Reading one topic: GetFlightInfo for the range, then DoGet on the
 * endpoint's ticket, decoded into Arrow record batches as they arrive
 * (protocol §6.1-6.2).
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
import type { TimeRange } from "../protocol/codec/wire-types.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { decodeFlightData, type FlightDataReader } from "../protocol/ipc/flight-data-decoder.js";
import type { ReadProgress } from "./progress.js";
import { parseMosaicoSchemaMetadata, type MosaicoSchemaMetadata } from "../protocol/ipc/schema-metadata.js";
import { readAhead } from "./streams/read-ahead.js";

/** Options of client.topicReader(): the time range, read-ahead, progress and call options. */
export interface TopicReaderOptions extends CallOptions, TimeRange {
  /**
   * Batches decoded ahead of the consumer (default 2). Memory held by the
   * reader is about this many batches plus the transport's own buffers.
   */
  prefetch?: number;
  /** Called after each batch is delivered. */
  onProgress?: (progress: ReadProgress) => void;
}

/** A topic's rows as Arrow record batches; iterate it once. */
export interface TopicReader extends AsyncIterable<RecordBatch> {
  /** The topic as described for the requested range. */
  readonly topic: TopicInfo;
  /** Arrow schema of the stream (with `mosaico:*` metadata). */
  readonly schema: Schema;
  /** `mosaico:*` schema metadata, parsed (message count and time bounds of the range). */
  readonly metadata: MosaicoSchemaMetadata;
  /** Reads all remaining batches into one Table. */
  readTable(): Promise<Table>;
  /** Stops reading and releases the stream. Idempotent. */
  cancel(): Promise<void>;
}

/** Counts wire bytes as FlightData passes by. */
async function* countBytes(source: AsyncIterable<FlightData>, progress: ReadProgress): AsyncGenerator<FlightData> {
  for await (const message of source) {
    progress.bytes += message.dataHeader.byteLength + message.dataBody.byteLength;
    yield message;
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
    decoder = await decodeFlightData(countBytes(call, progress), { signal });
  } catch (reason) {
    cancelled.abort();
    throw MosaicoError.from(reason);
  }
  const cancel = async () => {
    cancelled.abort(new MosaicoError(Code.Canceled, "the reader was cancelled"));
    await decoder.cancel().catch(() => {});
  };
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
    } catch (reason) {
      throw MosaicoError.from(reason);
    } finally {
      // Early exit or failure: release the call so the pump and socket stop.
      if (!cancelled.signal.aborted) cancelled.abort();
    }
  }
  const iterable = batches();
  return {
    topic,
    schema: decoder.schema,
    metadata: parseMosaicoSchemaMetadata(decoder.schema),
    [Symbol.asyncIterator]: () => iterable,
    async readTable() {
      const collected: RecordBatch[] = [];
      for await (const batch of iterable) collected.push(batch);
      return collected.length > 0 ? new Table(collected) : new Table(decoder.schema);
    },
    cancel,
  };
}

/** Describes the topic for the range, then streams its rows. */
export async function openTopicReader(ctx: ControlContext, locator: string, options: TopicReaderOptions = {}): Promise<TopicReader> {
  const topic = await topicInfo(ctx, locator, {
    startNs: options.startNs,
    endNs: options.endNs,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
  return openTicketStream(ctx, topic, options);
}
