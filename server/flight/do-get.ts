/**
 * DoGet (docs/protocol.md §6.2): the ticket names a topic and a `[start, end)` window;
 * the answer is the schema message (with `mosaico:*` metadata describing the
 * filtered result), then the rows in stored order as LZ4_FRAME-compressed
 * record batches.
 *
 * Streaming: an async generator the connect handler pulls as the client
 * drains, one chunk file in memory at a time; chunks outside the window are
 * skipped by their min/max. Batches hold at most `maxBatchRows` rows and
 * about `targetBatchBytes` bytes (rows per batch from the stored bytes per
 * row, as mosaicod derives its batch size from the topic's bytes per row);
 * selected rows are sliced and merged across stored batches and chunks.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import { Schema } from "apache-arrow";
import { FlightDataEncoder, type FlightData, type Ticket } from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { parseTopicLocator } from "../core/locators.js";
import {
  chunkCoverage,
  matchingRuns,
  readChunk,
  windowStats,
  type TimeWindow,
} from "../data/chunk-reader.js";
import { Rebatcher } from "../data/rebatcher.js";
import { topicSchemaMetadata } from "./app-metadata.js";
import { decodeSchemaMessage } from "./arrow-schema.js";
import { decodeTicket, TicketDecodeError } from "./bincode-ticket.js";
import type { FlightContext } from "./context.js";

function parseTicket(bytes: Uint8Array): { locator: string; window?: TimeWindow } {
  let ticket;
  try {
    ticket = decodeTicket(bytes);
  } catch (cause) {
    if (cause instanceof TicketDecodeError) throw errors.badRequest(`invalid ticket (${cause.message})`);
    throw cause;
  }
  if (!parseTopicLocator(ticket.locator)) throw errors.badLocator(ticket.locator);
  if (ticket.start === undefined && ticket.end === undefined) return { locator: ticket.locator };
  const window: TimeWindow = {};
  if (ticket.start !== undefined) window.start = ticket.start;
  if (ticket.end !== undefined) window.end = ticket.end;
  return { locator: ticket.locator, window };
}

/**
 * The DoGet stream; a stream cut by the call's end (the client left, or the
 * server is stopping) ends with UNAVAILABLE rather than a clean, short end
 * or whatever the closing store throws.
 */
export async function* doGet(ctx: FlightContext, ticket: Ticket, signal: AbortSignal): AsyncGenerator<FlightData> {
  try {
    yield* streamTopic(ctx, ticket, signal);
  } catch (error) {
    if (signal.aborted) throw cutShort(signal);
    throw error;
  }
  if (signal.aborted) throw cutShort(signal);
}

/** The call's deadline passing keeps its own code; anything else ending the call is UNAVAILABLE. */
function cutShort(signal: AbortSignal): ConnectError {
  const reason = ConnectError.from(signal.reason);
  return reason.code === Code.DeadlineExceeded ? reason : errors.shuttingDown();
}

async function* streamTopic(
  ctx: FlightContext,
  ticket: Ticket,
  signal: AbortSignal,
): AsyncGenerator<FlightData> {
  const { locator, window } = parseTicket(ticket.ticket);
  const topic = ctx.catalog.topics.findByLocator(locator);
  if (!topic) throw errors.notFound(locator);
  // mosaicod (J2) refuses to read a topic that never received a DoPut.
  if (topic.upload_state === "none" || topic.arrow_schema === null) {
    throw errors.missingDoPut(topic.locator);
  }
  // Chunks appear only when an upload commits; a running upload shows none.
  const chunks = topic.upload_state === "done" ? ctx.catalog.topics.listChunks(topic.topic_id) : [];
  const result = await windowStats(ctx.catalog, topic, window, { chunks, signal });
  const metadata = topicSchemaMetadata(
    ctx.generation,
    topic,
    result.rows > 0n && result.min !== null && result.max !== null
      ? { messageCount: result.rows, timestampNsMin: result.min, timestampNsMax: result.max }
      : undefined,
  );
  const schema = new Schema(decodeSchemaMessage(topic.arrow_schema).fields, metadata);
  const encoder = new FlightDataEncoder(schema, { compression: "lz4_frame" });
  yield encoder.encodeSchema();

  const { maxBatchRows, targetBatchBytes, maxFlightDataBytes } = ctx.data;
  const rebatcher = new Rebatcher(schema, maxBatchRows, Math.min(targetBatchBytes, maxFlightDataBytes));
  for (const chunk of chunks) {
    const coverage = chunkCoverage(chunk, window);
    if (coverage === "none") continue;
    if (signal.aborted) return;
    for (const batch of await readChunk(ctx.catalog, topic, chunk, signal)) {
      const runs: (readonly [number, number])[] =
        coverage === "all" || !window ? [[0, batch.numRows]] : matchingRuns(batch, window);
      for (const ready of rebatcher.add(batch, runs)) {
        if (signal.aborted) return;
        yield* encoder.encodeBatch(ready);
      }
    }
  }
  for (const ready of rebatcher.flush()) yield* encoder.encodeBatch(ready);
}
