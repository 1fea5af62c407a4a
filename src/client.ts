/**
 * The client facade: connect (probe first, then one read-only context) and a
 * typed method per Mosaico call, each delegating to its verb file.
 */
import { setUpConnection, normalizeConnectArgs, webRuntimeHooks, type RuntimeHooks } from "./client-setup.js";
import * as apiKeys from "./control/api-keys.js";
import * as catalog from "./control/catalog.js";
import { createControlContext, type ControlContext } from "./control/control-context.js";
import * as notifications from "./control/notifications.js";
import { runQuery, runTemporalFilter, type QueryResultItem, type TimeWindow } from "./control/query-actions.js";
import * as sequences from "./control/sequences.js";
import { fetchServerVersion, probeServer, type ServerProbe } from "./control/server-info.js";
import * as sessions from "./control/sessions.js";
import * as topics from "./control/topics.js";
import type {
  ApiKeyStatus,
  NotificationItem,
  SequenceInfo,
  SessionHandle,
  TopicInfo,
} from "./control/types.js";
import type { SequenceReader, SequenceReaderOptions } from "./data/sequence-reader.js";
import type { SequenceWriter, SequenceWriterOptions } from "./data/sequence-writer.js";
import type { TopicReader, TopicReaderOptions } from "./data/topic-reader.js";
import type { ProtocolGeneration, ServerVersion, TimeRange } from "./protocol/codec/wire-types.js";
import type { JsonObject } from "./protocol/json.js";
import { resolveTopicLocator } from "./protocol/locators.js";
import type { QueryPart } from "./query/query.js";
import type {
  ClusterizeOptions,
  IntersectOptions,
} from "./query/temporal-filter.js";
import { Code } from "./errors/code.js";
import { MosaicoError } from "./errors/mosaico-error.js";
import {
  defaultConnectTimeoutMs,
  type CallOptions,
  type ConnectOptions,
  type ConnectUrlOptions,
  type FromEnvOptions,
} from "./options.js";
import { readEnv } from "./runtime/env.js";
import type { MosaicoTransport } from "./transport/transport-config.js";
import { explainConnectFailure } from "./transport/connect-failure.js";
import type { ReaderWorkerOption } from "./data/reader-worker-option.js";
import { workerConnectionOf } from "./worker/worker-connection.js";
import type { ReaderWorkerLink } from "./worker/worker-link.js";
import type { WorkerConnection } from "./worker/worker-messages.js";

/**
 * Readers, writers and the reader worker are loaded on first use: a page
 * that only browses the catalog does not pull in Arrow decoding or LZ4 when
 * its bundler splits on import() (see data/data-layer.ts).
 */
const dataLayer = () => import("./data/data-layer.js");
const workerLayer = () => import("./worker/worker-layer.js");
/** Query builders' serialization, loaded by the first query() or temporal filter. */
const queryLayer = () => import("./query/query-layer.js");

/** A plain JSON filter object (not a query builder instance). */
function isRawFilter(value: unknown): value is JsonObject {
  // An OntologyExpression (IMU.Q.x.gt(5)) is a plain object too; it carries kind "ontology-expression".
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    (value as { kind?: unknown }).kind !== "ontology-expression"
  );
}

/** Runs the connect probe on the bare transport; failures say what connect could not do. */
async function probe(transport: MosaicoTransport, url: URL, options: ConnectOptions): Promise<ServerProbe> {
  const timeoutMs = options.timeoutMs ?? defaultConnectTimeoutMs;
  try {
    return await probeServer(transport.transport, { signal: options.signal ?? new AbortController().signal, timeoutMs });
  } catch (reason) {
    const error = MosaicoError.from(reason);
    const { code, hint } = explainConnectFailure(error, url, timeoutMs, options.signal?.aborted === true);
    throw new MosaicoError(code, `cannot connect to Mosaico at ${url.origin}: ${hint}`, { cause: error, metadata: error.metadata });
  }
}

/**
 * One connection to a Mosaico server, with every control action as a typed
 * method and the data layer's readers and writers.
 *
 * @example
 * ```ts
 * await using client = await MosaicoClient.connect("127.0.0.1", 6726, { apiKey });
 * console.log((await client.version()).version);
 * for (const name of await client.listSequences()) console.log(name);
 * ```
 */
export class MosaicoClient implements AsyncDisposable {
  /** Runtime hooks; the Node entry's subclass replaces them. */
  protected static runtimeHooks: RuntimeHooks = webRuntimeHooks;

  readonly #ctx: ControlContext;
  readonly #transport: MosaicoTransport;
  readonly #lifetime: AbortController;
  readonly #url: URL;
  readonly #serverVersion: ServerVersion;
  /** How a reader worker reaches this server, or why it cannot. */
  readonly #workerConnection: WorkerConnection | string;
  /** Reader workers in use, by what the `worker` option named (`true`, a URL's href, a target). */
  readonly #workers = new Map<unknown, ReaderWorkerLink>();

  protected constructor(
    ctx: ControlContext,
    transport: MosaicoTransport,
    lifetime: AbortController,
    url: URL,
    version: ServerVersion,
    workerConnection: WorkerConnection | string = "this client cannot hand its connection to a worker",
  ) {
    this.#ctx = ctx;
    this.#transport = transport;
    this.#lifetime = lifetime;
    this.#url = url;
    this.#serverVersion = version;
    this.#workerConnection = workerConnection;
  }

  /**
   * Connects and probes the server (version/info within `timeoutMs`), which
   * also detects the wire generation. Unreachable servers, TLS mismatches and
   * refused keys reject with a MosaicoError; nothing hangs past the timeout.
   */
  static async connect(host: string, port: number, options?: ConnectOptions): Promise<MosaicoClient>;
  static async connect(options: ConnectUrlOptions): Promise<MosaicoClient>;
  static async connect(hostOrOptions: string | ConnectUrlOptions, port?: number, options?: ConnectOptions): Promise<MosaicoClient> {
    const normalized = normalizeConnectArgs(hostOrOptions, port, options);
    const setup = await setUpConnection(normalized.url, normalized.options, this.runtimeHooks);
    try {
      const { codec, version } = await probe(setup.transport, setup.url, normalized.options);
      const lifetime = new AbortController();
      const ctx = createControlContext({
        transport: setup.transport.transport,
        codec,
        lifetime: lifetime.signal,
        defaultTimeoutMs: normalized.options.timeoutMs ?? defaultConnectTimeoutMs,
        uploadMode: setup.transport.uploadMode,
        maxMessageBytes: version.config?.maxDecodeMessageBytes || undefined,
        keyActions: normalized.options.keyActions ?? codec.generation === "J1",
      });
      const workerConnection = workerConnectionOf(setup.url, normalized.options, codec.generation, version.config?.maxDecodeMessageBytes || undefined);
      return new this(ctx, setup.transport, lifetime, setup.url, version, workerConnection);
    } catch (error) {
      setup.transport.close();
      throw error;
    }
  }

  /**
   * Like connect(), with the API key from `MOSAICO_API_KEY` and the CA file
   * from `MOSAICO_TLS_CERT_FILE`, read from `options.env` (e.g. a Workers
   * binding), Deno.env or process.env.
   */
  static async fromEnv(host: string, port: number, options: FromEnvOptions = {}): Promise<MosaicoClient> {
    const { env, ...rest } = options;
    return this.connect(host, port, {
      ...rest,
      apiKey: readEnv("MOSAICO_API_KEY", env),
      tlsCertPath: readEnv("MOSAICO_TLS_CERT_FILE", env),
    });
  }

  /** The server's base URL. */
  get url(): string {
    return this.#url.origin;
  }

  /** "grpc" or "grpc-web". */
  get protocol(): string {
    return this.#transport.protocol;
  }

  /** Wire generation detected at connect (J1, J2 or J3). */
  get generation(): ProtocolGeneration {
    return this.#ctx.codec.generation;
  }

  /** True when key management over Flight (createApiKey, ...) is available: J1 servers, or `keyActions: true`. */
  get keyActions(): boolean {
    return this.#ctx.keyActions;
  }

  /** True once close() was called. */
  get closed(): boolean {
    return this.#lifetime.signal.aborted;
  }

  /** Server version, asked again (`version` on J1/J2, `info` on J3, which also carries the server's size limits). */
  version(options?: CallOptions): Promise<ServerVersion> {
    return fetchServerVersion(this.#ctx, options);
  }

  /** What the server said at connect. */
  get serverVersion(): ServerVersion {
    return this.#serverVersion;
  }

  // ---- catalog ----
  listSequences(options?: CallOptions): Promise<string[]> {
    return catalog.listSequences(this.#ctx, options);
  }
  sequenceInfo(name: string, options?: CallOptions & TimeRange): Promise<SequenceInfo> {
    return catalog.sequenceInfo(this.#ctx, name, options);
  }
  /** `locator` is `seq/topic` (or pass the sequence and `/topic`). */
  topicInfo(locator: string, options?: CallOptions & TimeRange): Promise<TopicInfo> {
    return catalog.topicInfo(this.#ctx, locator, options);
  }
  sequenceExists(name: string, options?: CallOptions): Promise<boolean> {
    return catalog.sequenceExists(this.#ctx, name, options);
  }
  topicExists(locator: string, options?: CallOptions): Promise<boolean> {
    return catalog.topicExists(this.#ctx, locator, options);
  }

  // ---- sequences, sessions, topics ----
  createSequence(name: string, options?: sequences.CreateSequenceOptions): Promise<void> {
    return sequences.createSequence(this.#ctx, name, options);
  }
  deleteSequence(name: string, options?: CallOptions): Promise<void> {
    return sequences.deleteSequence(this.#ctx, name, options);
  }
  createSession(sequence: string, options?: CallOptions): Promise<SessionHandle> {
    return sessions.createSession(this.#ctx, sequence, options);
  }
  finalizeSession(sessionUuid: string, options?: CallOptions): Promise<void> {
    return sessions.finalizeSession(this.#ctx, sessionUuid, options);
  }
  deleteSession(session: SessionHandle | string, options?: CallOptions): Promise<void> {
    return sessions.deleteSession(this.#ctx, session, options);
  }
  createTopic(request: topics.CreateTopicRequest, options?: CallOptions): Promise<string> {
    return topics.createTopic(this.#ctx, { ...request, locator: resolveTopicLocator(request.locator) }, options);
  }
  deleteTopic(locator: string, options?: CallOptions): Promise<void> {
    return topics.deleteTopic(this.#ctx, resolveTopicLocator(locator), options);
  }

  // ---- notifications ----
  createSequenceNotification(sequence: string, message: string, options?: CallOptions): Promise<void> {
    return notifications.createNotification(this.#ctx, "sequence", sequence, message, options);
  }
  listSequenceNotifications(sequence: string, options?: CallOptions): Promise<NotificationItem[]> {
    return notifications.listNotifications(this.#ctx, "sequence", sequence, options);
  }
  purgeSequenceNotifications(sequence: string, options?: CallOptions): Promise<void> {
    return notifications.purgeNotifications(this.#ctx, "sequence", sequence, options);
  }
  createTopicNotification(locator: string, message: string, options?: CallOptions): Promise<void> {
    return notifications.createNotification(this.#ctx, "topic", resolveTopicLocator(locator), message, options);
  }
  listTopicNotifications(locator: string, options?: CallOptions): Promise<NotificationItem[]> {
    return notifications.listNotifications(this.#ctx, "topic", resolveTopicLocator(locator), options);
  }
  purgeTopicNotifications(locator: string, options?: CallOptions): Promise<void> {
    return notifications.purgeNotifications(this.#ctx, "topic", resolveTopicLocator(locator), options);
  }

  // ---- data ----
  /**
   * Streams a topic's rows in `[startNs, endNs)` as Arrow record batches.
   * With `worker: true` (browsers, Deno) the DoGet and its decoding run in a
   * Web Worker and the batches arrive as moved buffers; the reader is the same.
   *
   * The worker is an option of the readers rather than a separate
   * `createWorkerReader()`: a page that already holds a client moves a read
   * off the main thread by adding one option, with its connection, key and
   * every reader option as they are, and the readers' types stay the one
   * TopicReader/SequenceReader of the application tier.
   * @example for await (const batch of await client.topicReader("drive/imu", { worker: true })) use(batch);
   */
  async topicReader(locator: string, options?: TopicReaderOptions): Promise<TopicReader> {
    if (options?.worker) {
      const { openWorkerTopicReader } = await workerLayer();
      return this.#inWorker(options.worker, (link, connection) => openWorkerTopicReader(link, connection, locator, options));
    }
    return (await dataLayer()).openTopicReader(this.#ctx, locator, options);
  }
  /** Streams several topics of a sequence merged in `timestamp_ns` order; `worker` as for topicReader(). */
  async sequenceReader(name: string, options?: SequenceReaderOptions): Promise<SequenceReader> {
    if (options?.worker) {
      const { openWorkerSequenceReader } = await workerLayer();
      return this.#inWorker(options.worker, (link, connection) => openWorkerSequenceReader(link, connection, name, options));
    }
    return (await dataLayer()).openSequenceReader(this.#ctx, name, options);
  }

  /** Runs `open` on the reader worker the option names, started on first use. */
  async #inWorker<T>(option: ReaderWorkerOption, open: (link: ReaderWorkerLink, connection: WorkerConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new MosaicoError(Code.FailedPrecondition, "the client is closed; create a new one with MosaicoClient.connect()");
    const connection = this.#workerConnection;
    if (typeof connection === "string") throw new MosaicoError(Code.FailedPrecondition, connection);
    const key = option === true ? true : option instanceof URL ? option.href : option;
    let link = this.#workers.get(key);
    if (!link) {
      const { createReaderWorker, createReaderWorkerFrom, ReaderWorkerLink } = await workerLayer();
      if (option === true || typeof option === "string" || option instanceof URL) {
        const worker = option === true ? createReaderWorker() : createReaderWorkerFrom(option);
        link = new ReaderWorkerLink(worker, () => worker.terminate());
      } else {
        link = new ReaderWorkerLink(option as Exclude<ReaderWorkerOption, boolean | string | URL>);
      }
      this.#workers.set(key, link);
    }
    return open(link, connection);
  }
  /**
   * Creates the sequence (or, with `update: true`, a new session on an
   * existing one) and returns a writer for its topics.
   */
  async sequenceWriter(name: string, options?: SequenceWriterOptions): Promise<SequenceWriter> {
    return (await dataLayer()).SequenceWriter.open(this.#ctx, name, options);
  }
  /** Like sequenceWriter(), scoped: finalizes when `fn` returns, applies `onError` when it throws. */
  async writeSequence<T>(name: string, options: SequenceWriterOptions, fn: (writer: SequenceWriter) => Promise<T>): Promise<T> {
    return (await dataLayer()).writeSequence(this.#ctx, name, options, fn);
  }

  // ---- query ----
  /**
   * Runs a catalog query: a builder (`Query.sequence()…`, `IMU.Q.acceleration.x.gt(5)`,
   * `Query.merge(…)`), an array of parts combined with AND, or the raw JSON filter of docs/protocol.md §8.
   * Results are grouped by sequence; each topic's `locator` goes straight to topicReader().
   * @example await client.query([Query.topic().ontologyTag.eq("imu"), IMU.Q.acceleration.x.gt(5)], { timeoutMs: 10_000 })
   */
  async query(parts: QueryPart | readonly QueryPart[] | JsonObject, options?: CallOptions): Promise<QueryResultItem[]> {
    const body = isRawFilter(parts) ? parts : (await queryLayer()).toQueryJson(...(Array.isArray(parts) ? parts : [parts as QueryPart]));
    return runQuery(this.#ctx, body, options);
  }
  /** Time windows where a topic's data matches conditions, streamed as found (`topic_filter_clusterize`). */
  async *topicFilterClusterize(options: ClusterizeOptions & CallOptions): AsyncGenerator<TimeWindow> {
    const { clusterizeRequestBody } = await queryLayer();
    yield* runTemporalFilter(this.#ctx, "topic_filter_clusterize", clusterizeRequestBody(options), options);
  }
  /** Time windows where conditions on several topics of one sequence hold together (`topic_filter_intersect`). */
  async *topicFilterIntersect(options: IntersectOptions & CallOptions): AsyncGenerator<TimeWindow> {
    const { intersectRequestBody } = await queryLayer();
    yield* runTemporalFilter(this.#ctx, "topic_filter_intersect", intersectRequestBody(options), options);
  }

  // ---- API keys (manage permission) ----
  createApiKey(options: apiKeys.CreateApiKeyOptions): Promise<string> {
    return apiKeys.createApiKey(this.#ctx, options);
  }
  apiKeyStatus(fingerprint: string, options?: CallOptions): Promise<ApiKeyStatus> {
    return apiKeys.apiKeyStatus(this.#ctx, fingerprint, options);
  }
  revokeApiKey(fingerprint: string, options?: CallOptions): Promise<void> {
    return apiKeys.revokeApiKey(this.#ctx, fingerprint, options);
  }

  /** Aborts calls in flight and drops the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.#lifetime.signal.aborted) return;
    this.#lifetime.abort(new MosaicoError(Code.Canceled, "the client was closed"));
    const connectionId = typeof this.#workerConnection === "string" ? "" : this.#workerConnection.connectionId;
    for (const link of this.#workers.values()) link.close(connectionId, true);
    this.#workers.clear();
    this.#transport.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Never shows the API key. */
  toString(): string {
    return `MosaicoClient(${this.#url.origin}, ${this.#transport.protocol}, ${this.generation}${this.closed ? ", closed" : ""})`;
  }

  toJSON(): object {
    return { url: this.#url.origin, protocol: this.#transport.protocol, generation: this.generation, closed: this.closed };
  }
}
