/**
 * Writing a sequence (docs/protocol.md §5.1): sequence_create (unless updating an
 * existing one), session_create, then topics, each with its DoPut, and
 * session_finalize. On failure the error policy of the Python SDK applies:
 * "delete" removes the session and its data, and the sequence too when this
 * writer created it (SequenceWriter._on_context_exit of mosaico-sdk-py 0.6+
 * sends session_delete, then sequence_delete), so a retry with the same name
 * works; "report" keeps what was uploaded, notes the error on the sequence
 * and finalizes.
 */
import type { Schema } from "apache-arrow";
import type { CallOptions } from "../options.js";
import type { ControlContext } from "../control/control-context.js";
import type { UserMetadataInput } from "../protocol/json.js";
import { topicLocator } from "../protocol/locators.js";
import { createNotification } from "../control/notifications.js";
import { createSequence, deleteSequence } from "../control/sequences.js";
import { createSession, deleteSession, finalizeSession } from "../control/sessions.js";
import { createTopic } from "../control/topics.js";
import type { SerializationFormat } from "../protocol/serialization-format.js";
import type { SessionHandle } from "../control/types.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { OntologyModelBase } from "../ontology/define-ontology.js";
import { TopicWriter, type BatchLimits, type UploadTimeouts } from "./topic-writer.js";

/** What happens to a session when writing fails (the seed's SessionLevelErrorPolicy). */
export type SessionErrorPolicy = "report" | "delete";

/** Options of client.sequenceWriter() / writeSequence(): metadata, error policy, batch limits, call options. */
export interface SequenceWriterOptions extends BatchLimits, UploadTimeouts, CallOptions {
  userMetadata?: UserMetadataInput | undefined;
  /** Default "report". */
  onError?: SessionErrorPolicy | undefined;
  /** Add a session to an existing sequence instead of creating it (the seed's sequence_update). */
  update?: boolean | undefined;
}

interface TopicWriterCommon extends BatchLimits, UploadTimeouts {
  userMetadata?: UserMetadataInput;
}

/**
 * A topic declared by its ontology model (`{ model: IMU }`: tag, schema and
 * serialization format come from the model), or spelled out.
 */
export type TopicWriterOptions =
  | (TopicWriterCommon & { model: OntologyModelBase })
  | (TopicWriterCommon & {
      ontologyTag: string;
      serializationFormat?: SerializationFormat;
      /** The topic's Arrow schema; needed to push plain rows, else taken from the first batch. */
      schema?: Schema;
    });

function topicDeclaration(options: TopicWriterOptions): { ontologyTag: string; serializationFormat?: SerializationFormat; schema?: Schema } {
  if ("model" in options) {
    return { ontologyTag: options.model.tag, serializationFormat: options.model.serializationFormat, schema: options.model.schema };
  }
  return { ontologyTag: options.ontologyTag, serializationFormat: options.serializationFormat, schema: options.schema };
}

/** Where a sequence writer is in its life. */
export type SequenceWriterState = "open" | "finalized" | "aborted";

/**
 * Writes one upload session of a sequence: open topics with topicWriter(),
 * push data into them, then finalize() (or let `await using` do it). Made by
 * client.sequenceWriter() / client.writeSequence(), not constructed directly.
 *
 * @example
 * ```ts
 * await using writer = await client.sequenceWriter("drive_42", { onError: "delete" });
 * const imu = await writer.topicWriter("/sensors/imu", { model: IMU });
 * await imu.push(rows);
 * await writer.finalize();
 * ```
 */
export class SequenceWriter implements AsyncDisposable {
  readonly name: string;
  readonly session: SessionHandle;
  readonly #ctx: ControlContext;
  readonly #options: SequenceWriterOptions;
  readonly #topics = new Map<string, TopicWriter>();
  #state: SequenceWriterState = "open";
  #error: unknown;

  private constructor(ctx: ControlContext, name: string, session: SessionHandle, options: SequenceWriterOptions) {
    this.#ctx = ctx;
    this.name = name;
    this.session = session;
    this.#options = options;
  }

  /** @internal Use client.sequenceWriter(). */
  static async open(ctx: ControlContext, name: string, options: SequenceWriterOptions = {}): Promise<SequenceWriter> {
    if (!options.update) await createSequence(ctx, name, { userMetadata: options.userMetadata, signal: options.signal, timeoutMs: options.timeoutMs });
    const session = await createSession(ctx, name, options);
    return new SequenceWriter(ctx, name, session, options);
  }

  get state(): SequenceWriterState {
    return this.#state;
  }

  /** The topic writers created so far, by topic name. */
  get topics(): ReadonlyMap<string, TopicWriter> {
    return this.#topics;
  }

  /** Declares a topic in this session and opens its writer. */
  async topicWriter(topicName: string, options: TopicWriterOptions): Promise<TopicWriter> {
    this.#assertOpen();
    const locator = topicLocator(this.name, topicName);
    if (this.#topics.has(locator)) throw new MosaicoError(Code.AlreadyExists, `topic ${locator} already has a writer in this session`);
    const declared = topicDeclaration(options);
    try {
      const topicUuid = await createTopic(
        this.#ctx,
        {
          locator,
          sessionUuid: this.session.uuid,
          ontologyTag: declared.ontologyTag,
          serializationFormat: declared.serializationFormat,
          userMetadata: options.userMetadata,
        },
        { signal: this.#options.signal, timeoutMs: this.#options.timeoutMs },
      );
      const writer = new TopicWriter(this.#ctx, {
        maxBatchRows: options.maxBatchRows ?? this.#options.maxBatchRows,
        maxBatchBytes: options.maxBatchBytes ?? this.#options.maxBatchBytes,
        maxBufferedBytes: options.maxBufferedBytes ?? this.#options.maxBufferedBytes,
        onProgress: options.onProgress ?? this.#options.onProgress,
        schema: declared.schema,
        locator,
        topicUuid,
        serverMaxBatchBytes: Math.floor(this.#ctx.maxMessageBytes * 0.9),
        signal: this.#options.signal,
        timeoutMs: this.#options.timeoutMs,
        idleTimeoutMs: options.idleTimeoutMs ?? this.#options.idleTimeoutMs,
      });
      this.#topics.set(locator, writer);
      return writer;
    } catch (reason) {
      this.#error ??= reason;
      throw MosaicoError.from(reason);
    }
  }

  /** Finishes every topic's DoPut, then finalizes the session (topics become immutable). */
  async finalize(): Promise<void> {
    this.#assertOpen();
    try {
      for (const writer of this.#topics.values()) if (writer.state === "open") await writer.finalize();
      await finalizeSession(this.#ctx, this.session.uuid, this.#options);
      this.#state = "finalized";
    } catch (reason) {
      this.#error ??= reason;
      await this.abort(reason);
      throw MosaicoError.from(reason);
    }
  }

  /**
   * Stops writing and applies the error policy. "delete": cancels uploads,
   * deletes the session and, unless this writer only updates an existing
   * sequence, the sequence it created. "report": completes the uploads with
   * what was sent, adds an error notification to the sequence and finalizes.
   *
   * @throws MosaicoError when the delete policy cannot remove the sequence (e.g. the key lacks the delete permission); the message names what is left.
   */
  async abort(reason?: unknown): Promise<void> {
    if (this.#state !== "open") return;
    this.#state = "aborted";
    const message = reason === undefined ? "writing was aborted" : MosaicoError.from(reason).rawMessage;
    if ((this.#options.onError ?? "report") === "delete") {
      await Promise.allSettled([...this.#topics.values()].map((w) => w.abort(reason)));
      await deleteSession(this.#ctx, this.session, { timeoutMs: this.#options.timeoutMs });
      if (!this.#options.update) await this.#deleteCreatedSequence();
      return;
    }
    for (const writer of this.#topics.values()) {
      if (writer.state === "open") await writer.finalize().catch(() => {});
    }
    await createNotification(this.#ctx, "sequence", this.name, `session ${this.session.locator ?? this.session.uuid} failed: ${message}`, {
      timeoutMs: this.#options.timeoutMs,
    });
    // Finalize fails when a topic never completed its upload; the notification stays either way.
    await finalizeSession(this.#ctx, this.session.uuid, { timeoutMs: this.#options.timeoutMs }).catch(() => {});
  }

  /**
   * `await using writer = ...`: finalizes when nothing failed through this
   * writer, otherwise applies the error policy. (JavaScript does not tell a
   * disposer why the scope ended: for exceptions of your own code use
   * client.writeSequence(name, fn), which sees them.)
   */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#state !== "open") return;
    if (this.#error !== undefined || [...this.#topics.values()].some((w) => w.state === "failed")) await this.abort(this.#error);
    else await this.finalize();
  }

  #assertOpen(): void {
    if (this.#state !== "open") throw new MosaicoError(Code.FailedPrecondition, `sequence writer ${this.name} is ${this.#state}`);
  }

  async #deleteCreatedSequence(): Promise<void> {
    try {
      await deleteSequence(this.#ctx, this.name, { timeoutMs: this.#options.timeoutMs });
    } catch (reason) {
      const error = MosaicoError.from(reason);
      throw new MosaicoError(
        error.code,
        `the delete policy removed the session but not the sequence ${this.name} it created (${error.rawMessage}); delete it with client.deleteSequence("${this.name}") before retrying`,
        { cause: error, metadata: error.metadata },
      );
    }
  }
}

/** Runs `fn` with a writer; finalizes when it returns, applies the error policy when it throws. */
export async function writeSequence<T>(
  ctx: ControlContext,
  name: string,
  options: SequenceWriterOptions,
  fn: (writer: SequenceWriter) => Promise<T>,
): Promise<T> {
  const writer = await SequenceWriter.open(ctx, name, options);
  let result: T;
  try {
    result = await fn(writer);
  } catch (reason) {
    await writer.abort(reason).catch(() => {});
    throw MosaicoError.from(reason);
  }
  if (writer.state === "open") await writer.finalize();
  return result;
}
