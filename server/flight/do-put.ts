/**
 * DoPut (docs/protocol.md §5): one upload per topic. The first FlightData carries the
 * CMD descriptor and the schema; every later one a record batch. Batches are
 * decoded with the SDK's codec (bounded read-ahead: backpressure reaches the
 * client) and cut into chunk files; no PutResult is sent, the call ends OK
 * once the chunks are committed.
 *
 * Upload state: `none` -> `uploading` (atomic claim, the schema is recorded)
 * -> `done` (chunk rows committed in one transaction). A failed or aborted
 * upload removes its files and goes back to `none`, schema cleared, so the
 * topic can simply be uploaded again; readers never see a partial upload.
 */
import { mkdir, rm } from "node:fs/promises";
import { ConnectError } from "@connectrpc/connect";
import {
  decodeFlightData,
  MosaicoError,
  type FlightData,
  inspectIpcMessage,
  encodeSchemaBytes,
} from "../../src/protocol/index.js";
import { MessageHeader } from "apache-arrow";
import { errors } from "../core/errors.js";
import { ChunkWriter } from "../data/chunk-writer.js";
import type { TopicRow } from "../store/rows.js";
import type { FlightContext } from "./context.js";
import { parseDoPutHeader } from "./do-put-command.js";

/**
 * The request stream, with mosaicod's rules for the messages after the
 * first: a second schema or a message without IPC payload aborts the stream.
 * The first failure is kept so that it reaches the client as is, whatever
 * the decoder wraps it into.
 */
class RequestStream {
  failure: ConnectError | undefined;
  private readonly iterator: AsyncIterator<FlightData>;

  constructor(requests: AsyncIterable<FlightData>) {
    this.iterator = requests[Symbol.asyncIterator]();
  }

  private fail(error: ConnectError): never {
    this.failure ??= error;
    throw this.failure;
  }

  async next(): Promise<FlightData | undefined> {
    let result: IteratorResult<FlightData>;
    try {
      result = await this.iterator.next();
    } catch (cause) {
      this.fail(cause instanceof ConnectError ? cause : errors.streamError(String(cause)));
    }
    return result.done ? undefined : result.value;
  }

  private check(data: FlightData): void {
    if (data.dataHeader.byteLength === 0) this.fail(errors.unsupportedStreamMessage());
    let type: MessageHeader;
    try {
      type = inspectIpcMessage(data.dataHeader).headerType;
    } catch (cause) {
      this.fail(errors.streamError(cause instanceof MosaicoError ? cause.rawMessage : String(cause)));
    }
    if (type === MessageHeader.Schema) this.fail(errors.unsupportedStreamMessage());
  }

  /** `first` again, then the remaining messages, each checked. */
  async *messages(first: FlightData): AsyncGenerator<FlightData> {
    yield first;
    for (;;) {
      const data = await this.next();
      if (data === undefined) return;
      this.check(data);
      yield data;
    }
  }
}

/** Checks the topic and claims it for this upload (sync: atomic w.r.t. other calls). */
function claimTopic(ctx: FlightContext, locator: string, uuid: string, schema: Uint8Array): TopicRow {
  const topic = ctx.catalog.topics.findByLocator(locator);
  if (!topic) throw errors.notFound(locator);
  // mosaicod: `Unauthorized: received uuid does not match topic uuid.`
  if (topic.uuid !== uuid) throw errors.unauthorized("received uuid does not match topic uuid.");
  if (topic.upload_state === "uploading") throw errors.topicUploadInProgress(locator);
  if (topic.upload_state === "done") throw errors.topicAlreadyFinalized(locator);
  if (!ctx.catalog.topics.beginUpload(topic.topic_id, schema)) {
    throw errors.topicUploadInProgress(locator);
  }
  return topic;
}

function asCallError(error: unknown, stream: RequestStream): ConnectError {
  if (stream.failure) return stream.failure;
  if (error instanceof ConnectError) return error;
  if (error instanceof MosaicoError) return errors.streamError(error.rawMessage);
  return errors.internal(error instanceof Error ? error.message : String(error));
}

export async function doPut(
  ctx: FlightContext,
  requests: AsyncIterable<FlightData>,
  signal: AbortSignal,
): Promise<void> {
  const stream = new RequestStream(requests);
  const first = await stream.next();
  if (first === undefined) throw errors.missingHeader();
  const header = parseDoPutHeader(first);
  const topic = claimTopic(ctx, header.locator, header.uuid, encodeSchemaBytes(header.schema));
  const dir = ctx.catalog.topicDataDir(topic.data_path);
  try {
    // Leftovers of an upload that could not clean up after itself.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const reader = await decodeFlightData(stream.messages(first), { signal });
    const stillUploading = () => {
      // Deleted (topic/session/sequence_delete) while uploading: stop writing.
      if (ctx.catalog.topics.findById(topic.topic_id)?.upload_state !== "uploading") {
        throw errors.notFound(topic.locator);
      }
    };
    const writer = new ChunkWriter(dir, reader.schema, ctx.data.maxChunkBytes, stillUploading);
    try {
      for await (const batch of reader) await writer.write(batch);
    } finally {
      await reader.cancel();
    }
    const chunks = await writer.finish();
    if (!ctx.catalog.topics.commitUpload(topic.topic_id, chunks)) throw errors.notFound(topic.locator);
  } catch (error) {
    // Files first, state second: once `none`, a new DoPut may reuse the folder.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    try {
      ctx.catalog.topics.abortUpload(topic.topic_id);
    } catch {
      // Catalog already closed (server shutdown): start-up recovery resets it.
    }
    throw asCallError(error, stream);
  }
}
