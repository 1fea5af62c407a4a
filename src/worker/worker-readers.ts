/**
 * topicReader() and sequenceReader() with `worker`: the same reader
 * interfaces, fed by a reader worker. The page keeps the callbacks and the
 * signal; the worker gets the rest of the options and runs the SDK's own
 * readers, so ranges, resume and timeouts behave exactly as in-thread.
 */
import { Table, type RecordBatch, type Schema } from "apache-arrow";
import { mergeSequenceTopics, type SequenceReader, type SequenceReaderOptions, type TopicStream } from "../data/sequence-reader.js";
import type { TopicReader, TopicReaderOptions } from "../data/topic-reader.js";
import type { ReadProgress } from "../data/progress.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { ProgressDelivery, ReadChannel } from "./read-channel.js";
import { decodeBatch, decodeSchema, fromWireTopic } from "./transfer-codec.js";
import type { ReaderWorkerLink } from "./worker-link.js";
import type { SequenceHead, TopicHead, WorkerConnection, WorkerReadOptions, WorkerReadRequest } from "./worker-messages.js";

/** The caller's abort as the in-thread readers report it. */
function abortError(signal: AbortSignal): MosaicoError {
  return signal.reason instanceof MosaicoError ? signal.reason : new MosaicoError(Code.Canceled, "the call was aborted", { cause: signal.reason });
}

/** The options that travel to the worker. */
function travelling(options: SequenceReaderOptions | TopicReaderOptions): WorkerReadOptions {
  const topics = "topics" in options ? options.topics : undefined;
  const { startNs, endNs, prefetch, resume, idleTimeoutMs, timeoutMs } = options;
  return { startNs, endNs, prefetch, resume: resume && { ...resume }, idleTimeoutMs, timeoutMs, topics, progress: options.onProgress !== undefined };
}

/** Opens the read in the worker and ties it to the caller's signal; resolves with the worker's description. */
async function openRead<H extends TopicHead | SequenceHead>(
  link: ReaderWorkerLink,
  connection: WorkerConnection,
  request: WorkerReadRequest,
  options: SequenceReaderOptions | TopicReaderOptions,
  prefetch: number,
  progress: ProgressDelivery,
): Promise<{ channel: ReadChannel; head: H; release: () => void }> {
  const signal = options.signal;
  if (signal?.aborted) throw abortError(signal);
  const channel = link.open(connection, request, travelling(options), prefetch, progress);
  const onAbort = () => {
    channel.fail(abortError(signal!));
    channel.cancel();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  const release = () => signal?.removeEventListener("abort", onAbort);
  try {
    return { channel, head: (await channel.head) as H, release };
  } catch (reason) {
    release();
    channel.cancel();
    throw MosaicoError.from(reason);
  }
}

/**
 * The batches of one stream of a worker read, in order: progress (topic
 * reads) reported just before its batch as the in-thread reader does, one
 * credit back per batch taken, and the worker's DoGets cancelled when the
 * consumer stops early.
 */
async function* batchesOf(channel: ReadChannel, stream: number, prefetch: number, onProgress: ((p: ReadProgress) => void) | undefined): AsyncGenerator<RecordBatch> {
  let ended = false;
  try {
    for (;;) {
      const event = await channel.next(stream);
      if (event.kind === "end") {
        ended = true;
        return;
      }
      if (event.kind === "progress") {
        onProgress?.(event.progress);
        continue;
      }
      if (prefetch > 0) channel.grant(stream, 1);
      yield decodeBatch(event.ipc);
    }
  } finally {
    // An early exit or failure of this stream stops the whole read (other streams of a sequence too).
    if (!ended) channel.cancel();
  }
}

/** A TopicReader whose DoGet and decoding run in the worker behind `link`. Internal: client.topicReader({ worker }). */
export async function openWorkerTopicReader(
  link: ReaderWorkerLink,
  connection: WorkerConnection,
  locator: string,
  options: TopicReaderOptions,
): Promise<TopicReader> {
  const prefetch = options.prefetch ?? 2;
  const { channel, head, release } = await openRead<TopicHead>(link, connection, { type: "topic", locator }, options, prefetch, "queued");
  const schema: Schema = decodeSchema(head.schemaIpc);
  let started = false;
  async function* batches(): AsyncGenerator<RecordBatch> {
    if (started) throw new MosaicoError(Code.FailedPrecondition, "a topic reader can be iterated only once");
    started = true;
    try {
      yield* batchesOf(channel, 0, prefetch, options.onProgress);
    } finally {
      release();
    }
  }
  const iterable = batches();
  return {
    topic: fromWireTopic(head.topic),
    schema,
    metadata: head.metadata,
    schemaMetadata: head.schemaMetadata,
    [Symbol.asyncIterator]: () => iterable,
    async readTable() {
      const collected: RecordBatch[] = [];
      for await (const batch of iterable) collected.push(batch);
      return collected.length > 0 ? new Table(collected) : new Table(schema);
    },
    async cancel() {
      release();
      channel.cancel();
    },
  };
}

/**
 * A SequenceReader whose DoGets and decoding run in the worker behind
 * `link`, one stream per topic, merged here by `timestamp_ns` (the merge is
 * cheap; moving each short run of rows separately would not be).
 * `onProgress` is called as batches arrive, as in-thread.
 * Internal: client.sequenceReader({ worker }).
 */
export async function openWorkerSequenceReader(
  link: ReaderWorkerLink,
  connection: WorkerConnection,
  name: string,
  options: SequenceReaderOptions,
): Promise<SequenceReader> {
  const prefetch = options.prefetch ?? 1;
  const onProgress = options.onProgress;
  const progress: ProgressDelivery = onProgress ? (p) => onProgress(p) : "queued";
  const { channel, head, release } = await openRead<SequenceHead>(link, connection, { type: "sequence", name }, options, prefetch, progress);
  const topics = head.topics.map(fromWireTopic);
  const cancel = async () => {
    release();
    channel.cancel();
  };
  const streams: TopicStream[] = topics.map((topic, stream) => {
    // mergeSequenceTopics calls cancel() when the merge ends, early or not.
    const batches = batchesOf(channel, stream, prefetch, undefined);
    return { topic, cancel, [Symbol.asyncIterator]: () => batches };
  });
  return mergeSequenceTopics({ topics, readers: streams });
}
