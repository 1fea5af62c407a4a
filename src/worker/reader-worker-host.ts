/**
 * The worker side of worker readers: answers the page's `open` messages
 * with the SDK's own topic and sequence readers, on a connection of its own
 * to the client's server, and sends each decoded batch back as moved IPC
 * bytes, one per credit the page granted.
 */
import type { RecordBatch } from "apache-arrow";
import { setUpConnection, webRuntimeHooks } from "../client-setup.js";
import { createControlContext, type ControlContext } from "../control/control-context.js";
import { openSequenceTopics } from "../data/sequence-reader.js";
import { openTopicReader, type TopicReader } from "../data/topic-reader.js";
import type { ReaderWorkerTarget } from "../data/reader-worker-option.js";
import type { ReadProgress } from "../data/progress.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { defaultConnectTimeoutMs } from "../options.js";
import { createJsonWireCodec } from "../protocol/codec/json-wire-codec.js";
import { encodeBatch, encodeSchema, toWireError, toWireTopic } from "./transfer-codec.js";
import {
  isReaderMessage,
  READER_PROTOCOL,
  type PageMessage,
  type SequenceHead,
  type TopicHead,
  type WorkerConnection,
  type WorkerMessage,
} from "./worker-messages.js";

interface Connection {
  ctx: ControlContext;
  close(): void;
}

/** Builds the worker's own connection from what the client settled at connect (no second probe). */
async function connect(connection: WorkerConnection): Promise<Connection> {
  const { connectionId: _id, url, generation, maxMessageBytes, ...options } = connection;
  const setup = await setUpConnection(new URL(url), { ...options, protocol: "grpc-web" }, webRuntimeHooks);
  const lifetime = new AbortController();
  const ctx = createControlContext({
    transport: setup.transport.transport,
    codec: createJsonWireCodec(generation),
    lifetime: lifetime.signal,
    defaultTimeoutMs: options.timeoutMs ?? defaultConnectTimeoutMs,
    uploadMode: setup.transport.uploadMode,
    maxMessageBytes,
    keyActions: false,
  });
  return {
    ctx,
    close() {
      lifetime.abort(new MosaicoError(Code.Canceled, "the client was closed"));
      setup.transport.close();
    },
  };
}

/** One read: its streams' readers, the page's credit per stream, and how it stops. */
class WorkerRead {
  readonly abort = new AbortController();
  readonly #initialCredit: number;
  readonly #credit = new Map<number, number>();
  readonly #wake = new Map<number, () => void>();
  #readers: { cancel(): Promise<void> }[] = [];
  cancelled = false;

  constructor(credit: number) {
    this.#initialCredit = credit;
  }

  grant(stream: number, credit: number): void {
    this.#credit.set(stream, (this.#credit.get(stream) ?? this.#initialCredit) + credit);
    this.#wake.get(stream)?.();
  }

  /** Resolves when a batch of `stream` may be sent (or the read was cancelled). */
  async ready(stream: number): Promise<void> {
    while ((this.#credit.get(stream) ?? this.#initialCredit) <= 0 && !this.cancelled) {
      await new Promise<void>((resolve) => this.#wake.set(stream, resolve));
    }
    this.#credit.set(stream, (this.#credit.get(stream) ?? this.#initialCredit) - 1);
  }

  attach(readers: { cancel(): Promise<void> }[]): void {
    this.#readers = readers;
    if (this.cancelled) for (const reader of readers) void reader.cancel();
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.abort.abort(new MosaicoError(Code.Canceled, "the reader was cancelled"));
    for (const wake of this.#wake.values()) wake();
    for (const reader of this.#readers) void reader.cancel();
  }
}

/**
 * Serves worker readers on `port`: `self` in a worker script (what the
 * published `reader-worker.js` does), or one port of a MessageChannel.
 * Messages of other protocols on the same port are ignored, so a worker
 * of your own can serve readers beside its other work. Returns a function
 * that stops serving (cancels the reads, closes the connections).
 *
 * @example
 * ```ts
 * // my-worker.ts, bundled as a module worker
 * import { serveReaderWorker } from "mosaico-web";
 * serveReaderWorker(self);
 * // the page
 * const reader = await client.topicReader(locator, { worker: new Worker(new URL("./my-worker.js", import.meta.url), { type: "module" }) });
 * ```
 */
export function serveReaderWorker(port: ReaderWorkerTarget): () => void {
  const connections = new Map<string, Promise<Connection>>();
  const reads = new Map<number, WorkerRead>();
  /** Reads the page cancelled: it no longer listens to them. */
  const pageCancelled = new Set<number>();
  const post = (message: WorkerMessage, transfer: Transferable[] = []) => port.postMessage(message, transfer);

  const connectionFor = (connection: WorkerConnection): Promise<Connection> => {
    let opened = connections.get(connection.connectionId);
    if (!opened) {
      opened = connect(connection);
      // A failed connect is not kept: the next read tries again.
      opened.catch(() => connections.delete(connection.connectionId));
      connections.set(connection.connectionId, opened);
    }
    return opened;
  };

  /** Sends one stream's batches, one per credit, then its `end`. */
  async function pump(id: number, stream: number, reader: AsyncIterable<RecordBatch>, read: WorkerRead): Promise<void> {
    const iterator = reader[Symbol.asyncIterator]();
    try {
      for (;;) {
        await read.ready(stream);
        if (read.cancelled) return;
        const next = await iterator.next();
        if (next.done) break;
        const ipc = encodeBatch(next.value);
        post({ mosaico: READER_PROTOCOL, kind: "batch", id, stream, ipc }, [ipc.buffer]);
      }
      post({ mosaico: READER_PROTOCOL, kind: "end", id, stream });
    } finally {
      await iterator.return?.().catch(() => {});
    }
  }

  async function run(message: Extract<PageMessage, { kind: "open" }>, read: WorkerRead): Promise<void> {
    const { id, request } = message;
    const { progress: wantsProgress, ...rest } = message.options;
    const onProgress = wantsProgress ? (progress: ReadProgress) => post({ mosaico: READER_PROTOCOL, kind: "progress", id, progress }) : undefined;
    const options = { ...rest, signal: read.abort.signal, onProgress };
    let readers: TopicReader[] = [];
    try {
      const { ctx } = await connectionFor(message.connection);
      let head: TopicHead | SequenceHead;
      if (request.type === "topic") {
        const reader = await openTopicReader(ctx, request.locator, options);
        readers = [reader];
        head = { type: "topic", topic: toWireTopic(reader.topic), schemaIpc: encodeSchema(reader.schema), metadata: reader.metadata, schemaMetadata: reader.schemaMetadata };
      } else {
        const opened = await openSequenceTopics(ctx, request.name, options);
        readers = opened.readers;
        head = { type: "sequence", topics: opened.topics.map(toWireTopic) };
      }
      read.attach(readers);
      if (read.cancelled) return;
      post({ mosaico: READER_PROTOCOL, kind: "opened", id, head });
      // One failing stream fails the read: the others are cancelled.
      await Promise.all(
        readers.map((reader, stream) =>
          pump(id, stream, reader, read).catch((reason) => {
            read.cancel();
            throw reason;
          }),
        ),
      );
    } catch (reason) {
      // After the page's cancel nobody listens; a stream's own failure (the first one) is reported.
      if (!pageCancelled.has(id)) post({ mosaico: READER_PROTOCOL, kind: "error", id, error: toWireError(reason) });
    } finally {
      reads.delete(id);
      pageCancelled.delete(id);
      await Promise.allSettled(readers.map((reader) => reader.cancel()));
    }
  }

  const onMessage = (event: Event) => {
    const data = (event as MessageEvent).data;
    if (!isReaderMessage(data)) return;
    const message = data as PageMessage;
    switch (message.kind) {
      case "open": {
        const read = new WorkerRead(message.credit);
        reads.set(message.id, read);
        void run(message, read);
        break;
      }
      case "credit":
        reads.get(message.id)?.grant(message.stream, message.credit);
        break;
      case "cancel":
        if (reads.has(message.id)) pageCancelled.add(message.id);
        reads.get(message.id)?.cancel();
        break;
      case "close": {
        const opened = connections.get(message.connectionId);
        connections.delete(message.connectionId);
        void opened?.then((c) => c.close(), () => {});
        break;
      }
    }
  };
  port.addEventListener("message", onMessage);
  port.start?.();
  return () => {
    port.removeEventListener("message", onMessage);
    for (const read of reads.values()) read.cancel();
    for (const opened of connections.values()) void opened.then((c) => c.close(), () => {});
    connections.clear();
  };
}
