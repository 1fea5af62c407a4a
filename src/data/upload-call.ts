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
  signal?: AbortSignal;
  topic: string;
}

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
    const call = ctx.flight.doPut(channel, ctx.streamOptions({ signal }));
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
    await this.#channel.push(message);
  }

  /** Half-closes the request and waits for the server's status. */
  async close(): Promise<void> {
    this.#channel.close();
    await this.#done;
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
