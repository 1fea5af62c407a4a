/**
 * The HTTP/2 client of the FlightData streams (DoGet, DoPut, DoExchange):
 * what connect-node's client does for a call, on the same session manager,
 * with its two per-chunk costs removed.
 *
 * - Request bodies are written ahead up to WRITE_AHEAD_BYTES, then wait
 *   for 'drain'. connect waits for each chunk to reach the socket before
 *   pulling the next one.
 * - Response bodies are read from the stream's 'data' events into a queue
 *   that the reader takes from without a race, timer or Readable iterator
 *   per 16 KiB DATA frame; past `highWaterBytes` queued, the stream pauses
 *   (and with it the HTTP/2 window, so the server waits, as before).
 *
 * Errors, cancellation and trailers are connect's: the same ConnectError
 * codes for Node errors and RST_STREAM codes, and an aborted signal closes
 * the stream with CANCEL.
 */
import * as http2 from "node:http2";
import { Code, ConnectError } from "@connectrpc/connect";
import type { UniversalClientFn, UniversalClientRequest, UniversalClientResponse } from "@connectrpc/connect/protocol";
import type { Http2SessionManager } from "@connectrpc/connect-node";

const h2 = http2.constants;

/** Most response bytes queued ahead of the reader before the stream pauses. */
const DEFAULT_HIGH_WATER_BYTES = 4 << 20;

/**
 * Most request bytes queued in the stream before the body waits for 'drain'
 * (above Node's 16 KiB high-water mark, so write() has returned false and a
 * 'drain' will come).
 */
const WRITE_AHEAD_BYTES = 4 << 20;

/** How often, at most, a read tells the session manager that the connection is alive (its keepalive). */
const ALIVE_NOTICE_MS = 100;

/**
 * A connect UniversalClientFn for FlightData streams over `sessionManager`.
 *
 * @example
 * ```ts
 * const httpClient = createFlightHttp2Client(sessionManager);
 * const response = await httpClient({ url, method: "POST", header, body, signal });
 * for await (const chunk of response.body) console.log(chunk.byteLength);
 * ```
 */
export function createFlightHttp2Client(sessionManager: Http2SessionManager, highWaterBytes = DEFAULT_HIGH_WATER_BYTES): UniversalClientFn {
  return (request) => new FlightHttp2Call(sessionManager, request, highWaterBytes).response;
}

class FlightHttp2Call {
  readonly response: Promise<UniversalClientResponse>;
  #resolve!: (response: UniversalClientResponse) => void;
  #reject!: (reason: ConnectError) => void;
  #stream: http2.ClientHttp2Stream | undefined;
  #failure: ConnectError | undefined;
  readonly #queue: Uint8Array[] = [];
  #queueHead = 0;
  #queuedBytes = 0;
  #ended = false;
  #wake: (() => void) | undefined;
  #lastAliveNotice = 0;
  readonly #trailer = new Headers();
  readonly #onAbort = () => this.#fail(abortReason(this.request.signal!));

  constructor(
    private readonly sessionManager: Http2SessionManager,
    private readonly request: UniversalClientRequest,
    private readonly highWaterBytes: number,
  ) {
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    const signal = request.signal;
    if (signal?.aborted) {
      this.#fail(abortReason(signal));
      return;
    }
    signal?.addEventListener("abort", this.#onAbort);
    void this.#open();
  }

  async #open(): Promise<void> {
    const url = new URL(this.request.url);
    if (url.origin !== this.sessionManager.authority) {
      this.#fail(new ConnectError(`cannot make a request to ${url.origin}: the http2 session is connected to ${this.sessionManager.authority}`, Code.Internal));
      return;
    }
    let stream: http2.ClientHttp2Stream;
    try {
      stream = await this.sessionManager.request(this.request.method, url.pathname + url.search, toNodeHeaders(this.request.header), {});
    } catch (reason) {
      this.#fail(reason);
      return;
    }
    this.#stream = stream;
    if (this.#failure) {
      this.#closeStream();
      return;
    }
    stream.on("error", (error) => {
      // The server answered and ended the stream while the body was still being written: its status wins.
      if (stream.writableEnded && hasNodeCode(error, "ERR_STREAM_WRITE_AFTER_END")) return;
      // A reset arrives as ERR_HTTP2_STREAM_ERROR before 'close'; its code says more (REFUSED_STREAM: UNAVAILABLE, retryable).
      this.#fail((hasNodeCode(error, "ERR_HTTP2_STREAM_ERROR") && errorFromResetCode(stream.rstCode)) || error);
    });
    stream.on("close", () => {
      const error = errorFromResetCode(stream.rstCode);
      if (error) this.#fail(error);
      else if (!this.#ended) this.#fail(new ConnectError("http/2 stream closed before the response ended", Code.Internal));
    });
    stream.on("response", (headers) => {
      this.#resolve({ status: Number(headers[":status"] ?? 0), header: toWebHeaders(headers), body: this.#body(), trailer: this.#trailer });
    });
    stream.on("trailers", (headers) => toWebHeaders(headers).forEach((value, key) => this.#trailer.set(key, value)));
    stream.on("data", (chunk: Uint8Array) => this.#take(chunk));
    stream.on("end", () => {
      this.#ended = true;
      this.#wakeReader();
    });
    void this.#sendBody(stream);
  }

  /** Writes the request body, waiting while WRITE_AHEAD_BYTES or more are queued. */
  async #sendBody(stream: http2.ClientHttp2Stream): Promise<void> {
    const body = this.request.body;
    if (body === undefined) {
      stream.end();
      return;
    }
    const chunks = body[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await chunks.next();
        if (this.#failure || stream.writableEnded || stream.destroyed) {
          await chunks.return?.();
          return;
        }
        if (next.done) break;
        // Node's 16 KiB high-water mark would make every message wait for its own flush.
        stream.write(next.value);
        if (stream.writableLength >= WRITE_AHEAD_BYTES) await this.#drained(stream);
      }
      stream.end();
    } catch (reason) {
      // The body's own failure (e.g. a message over writeMaxBytes) fails the call, as connect does.
      this.#fail(reason);
    }
  }

  /** Resolves on 'drain', or when the call has failed (the body loop then stops). */
  #drained(stream: http2.ClientHttp2Stream): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        stream.off("drain", done);
        stream.off("close", done);
        resolve();
      };
      stream.on("drain", done);
      stream.on("close", done);
    });
  }

  #take(chunk: Uint8Array): void {
    this.#queue.push(chunk);
    this.#queuedBytes += chunk.byteLength;
    if (this.#queuedBytes >= this.highWaterBytes) this.#stream?.pause();
    const now = Date.now();
    if (now - this.#lastAliveNotice >= ALIVE_NOTICE_MS) {
      this.#lastAliveNotice = now;
      this.sessionManager.notifyResponseByteRead(this.#stream!);
    }
    this.#wakeReader();
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async *#body(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (this.#queueHead < this.#queue.length) {
          const chunk = this.#queue[this.#queueHead]!;
          this.#queue[this.#queueHead++] = EMPTY;
          if (this.#queueHead === this.#queue.length) {
            this.#queue.length = 0;
            this.#queueHead = 0;
          }
          this.#queuedBytes -= chunk.byteLength;
          if (this.#queuedBytes < this.highWaterBytes && this.#stream?.isPaused()) this.#stream.resume();
          yield chunk;
          continue;
        }
        if (this.#failure) throw this.#failure;
        if (this.#ended) return;
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      // A reader that stops early (or fails) releases the stream.
      if (!this.#ended && !this.#failure) this.#fail(new ConnectError("the response body was abandoned", Code.Canceled));
      this.request.signal?.removeEventListener("abort", this.#onAbort);
    }
  }

  #fail(reason: unknown): void {
    if (this.#failure) return;
    this.#failure = toConnectError(reason);
    this.request.signal?.removeEventListener("abort", this.#onAbort);
    this.#reject(this.#failure);
    this.#closeStream();
    this.#wakeReader();
  }

  /** RST_STREAM with CANCEL for a cancelled call, INTERNAL_ERROR otherwise (connect's mapping, gRPC's PROTOCOL-HTTP2). */
  #closeStream(): void {
    const stream = this.#stream;
    if (!stream || stream.closed) return;
    stream.close(this.#failure?.code === Code.Canceled ? h2.NGHTTP2_CANCEL : h2.NGHTTP2_INTERNAL_ERROR);
  }
}

const EMPTY = new Uint8Array(0);

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new ConnectError("operation was aborted", Code.Canceled);
}

function hasNodeCode(error: unknown, ...codes: string[]): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && codes.includes(code)) return true;
  }
  return false;
}

/** A Node error as connect-node maps it (node-error.ts, connectErrorFromNodeReason). */
function toConnectError(reason: unknown): ConnectError {
  if (reason instanceof ConnectError) return reason;
  let code = Code.Internal;
  if (hasNodeCode(reason, "ERR_STREAM_WRITE_AFTER_END", "ERR_STREAM_DESTROYED", "ERR_HTTP2_INVALID_STREAM", "ECONNRESET")) code = Code.Aborted;
  else if (hasNodeCode(reason, "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED")) code = Code.Unavailable;
  const error = ConnectError.from(reason, code);
  if (error !== reason) error.cause = reason;
  return error;
}

/** RST_STREAM codes as connect-node maps them (gRPC's PROTOCOL-HTTP2); NO_ERROR and STREAM_CLOSED are not errors. */
const RESET_CODES: ReadonlyMap<number, readonly [string, Code]> = new Map([
  [h2.NGHTTP2_PROTOCOL_ERROR, ["PROTOCOL_ERROR", Code.Internal]],
  [h2.NGHTTP2_INTERNAL_ERROR, ["INTERNAL_ERROR", Code.Internal]],
  [h2.NGHTTP2_FLOW_CONTROL_ERROR, ["FLOW_CONTROL_ERROR", Code.Internal]],
  [h2.NGHTTP2_SETTINGS_TIMEOUT, ["SETTINGS_TIMEOUT", Code.Internal]],
  [h2.NGHTTP2_FRAME_SIZE_ERROR, ["FRAME_SIZE_ERROR", Code.Internal]],
  [h2.NGHTTP2_COMPRESSION_ERROR, ["COMPRESSION_ERROR", Code.Internal]],
  [h2.NGHTTP2_CONNECT_ERROR, ["CONNECT_ERROR", Code.Internal]],
  [h2.NGHTTP2_REFUSED_STREAM, ["REFUSED_STREAM", Code.Unavailable]],
  [h2.NGHTTP2_CANCEL, ["CANCEL", Code.Canceled]],
  [h2.NGHTTP2_ENHANCE_YOUR_CALM, ["ENHANCE_YOUR_CALM", Code.ResourceExhausted]],
  [h2.NGHTTP2_INADEQUATE_SECURITY, ["INADEQUATE_SECURITY", Code.PermissionDenied]],
  [h2.NGHTTP2_HTTP_1_1_REQUIRED, ["HTTP_1_1_REQUIRED", Code.PermissionDenied]],
]);

/** An RST_STREAM code as a ConnectError; undefined for codes that are not errors. */
function errorFromResetCode(rstCode: number | undefined): ConnectError | undefined {
  const known = rstCode === undefined ? undefined : RESET_CODES.get(rstCode);
  if (!known) return undefined;
  return new ConnectError(`http/2 stream closed with error code ${known[0]} (0x${rstCode!.toString(16)})`, known[1]);
}

function toNodeHeaders(header: Headers): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = Object.create(null);
  header.forEach((value, key) => {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [String(previous), value];
  });
  return out;
}

function toWebHeaders(headers: http2.IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [key, value] of Object.entries(headers)) {
    if (key.startsWith(":") || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.append(key, v);
    else out.append(key, String(value));
  }
  return out;
}
