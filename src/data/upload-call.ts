/**
 * One DoPut call (docs/protocol.md §5): FlightData messages go in through a bounded
 * channel, the server answers with no PutResult, only a final status.
 *
 * "stream" mode: the channel holds a few messages, so a producer faster than
 * the network waits in `send` (backpressure; memory stays bounded).
 * "buffered" mode (fetch runtimes that cannot stream request bodies): the
 * whole upload becomes one request body when the call is closed; its size is
 * capped so memory stays predictable.
 */
import type { FlightData } from "../gen/arrow/flight/protocol/Flight_pb.js";
import type { ControlContext } from "../control/control-context.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { createBoundedChannel, type BoundedChannel } from "./streams/bounded-channel.js";

export interface UploadCallOptions {
  mode: "stream" | "buffered";
  /** Buffered mode: the most bytes one upload may hold. */
  maxBufferedBytes: number;
  signal?: AbortSignal | undefined;
  /** Deadline of the whole DoPut call. */
  timeoutMs?: number | undefined;
  /** Longest a send() or close() may wait on the network (0: no limit). */
  idleTimeoutMs: number;
  topic: string;
}

/** How long an upload may wait on the network without progress, by default. */
export const DEFAULT_UPLOAD_IDLE_TIMEOUT_MS = 60_000;

export class UploadCall {
  readonly #channel: BoundedChannel<FlightData>;
  readonly #aborter = new AbortController();
  readonly #done: Promise<void>;
  readonly #options: UploadCallOptions;
  #failure: MosaicoError | undefined;
  #bufferedBytes = 0;

  constructor(ctx: ControlContext, options: UploadCallOptions) {
    this.#options = options;
    const channel = createBoundedChannel<FlightData>(options.mode === "stream" ? 4 : Number.POSITIVE_INFINITY);
    this.#channel = channel;
    const signal = options.signal ? AbortSignal.any([options.signal, this.#aborter.signal]) : this.#aborter.signal;
    const call = ctx.flight.doPut(channel, ctx.streamOptions({ signal, timeoutMs: options.timeoutMs }));
    this.#done = (async () => {
      try {
        // mosaicod sends no PutResult; drain whatever a server might send.
        for await (const _ of call) {
          /* ignore */
        }
      } catch (reason) {
        this.#failure = MosaicoError.from(reason);
        channel.fail(this.#failure);
        throw this.#failure;
      }
    })();
    // Failures surface through send()/close(); avoid an unhandled rejection meanwhile.
    this.#done.catch(() => {});
  }

  /** Queues one message; waits while the stream is full. Rejects once the call failed. */
  async send(message: FlightData): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (this.#options.mode === "buffered") {
      this.#bufferedBytes += message.dataHeader.byteLength + message.dataBody.byteLength;
      if (this.#bufferedBytes > this.#options.maxBufferedBytes) {
        const error = new MosaicoError(
          Code.ResourceExhausted,
          `topic ${this.#options.topic}: a buffered upload is limited to ${this.#options.maxBufferedBytes} bytes in this runtime; ` +
            "use the Node entry (native gRPC streaming), an https URL where the browser can stream uploads, or raise maxBufferedBytes",
        );
        this.abort(error);
        throw error;
      }
    }
    await this.#watch(this.#channel.push(message), "to take more data");
  }

  /** Half-closes the request and waits for the server's status. */
  async close(): Promise<void> {
    this.#channel.close();
    await this.#watch(this.#done, "to confirm the upload");
  }

  /**
   * Waits for `step` unless the network makes no progress for idleTimeoutMs:
   * a stalled connection or a server that never answers then fails the
   * upload (DEADLINE_EXCEEDED) instead of leaving push()/finalize() pending.
   */
  async #watch(step: Promise<void>, what: string): Promise<void> {
    const idleMs = this.#options.idleTimeoutMs;
    if (!(idleMs > 0)) return step;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new MosaicoError(
          Code.DeadlineExceeded,
          `topic ${this.#options.topic}: waited ${idleMs} ms for the server ${what}; the connection may be stalled (idleTimeoutMs)`,
        );
        this.abort(error);
        reject(error);
      }, idleMs);
    });
    try {
      await Promise.race([step, stalled]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Cancels the call; the server discards what it received. */
  abort(reason: MosaicoError): void {
    this.#failure ??= reason;
    this.#channel.fail(reason);
    this.#aborter.abort(reason);
  }

  get failure(): MosaicoError | undefined {
    return this.#failure;
  }
}
