/**
 * connect-node's Http2SessionManager, with every HTTP/2 session guarded
 * against a late 'error' event.
 *
 * Why: the manager detaches its 'error' listener when a connection leaves
 * its state (an error, a close, `abort()`), but Node emits the session's
 * error once more when the socket finally closes (`emitClose` in
 * node:internal/http2/core). With no listener left, that event is an
 * uncaught exception that kills the process, seconds after the call already
 * failed cleanly, e.g. when the URL points at an HTTP/1.1 server. The
 * failure itself still reaches the caller through the stream and the
 * manager's own listeners; the guard only absorbs the repeat.
 */
import type * as http2 from "node:http2";
import { Http2SessionManager } from "@connectrpc/connect-node";

/** Options of createNodeSessionManager(). */
export interface NodeSessionManagerOptions {
  /** Idle connections close after this long and reopen on the next call (default 15 s). */
  idleConnectionTimeoutMs?: number | undefined;
  /** Passed to `http2.connect` (TLS options, settings). */
  http2SessionOptions?: http2.ClientSessionOptions | http2.SecureClientSessionOptions | undefined;
  /** The connection-level receive window, applied once per session. */
  connectionWindowBytes?: number | undefined;
  /**
   * HTTP/2 keepalive while calls are open: a PING after this much silence,
   * and the connection (with its calls) closes when no answer comes within
   * `pingTimeoutMs`. Default 30 s; 0 turns it off.
   */
  pingIntervalMs?: number | undefined;
  /** How long a keepalive PING may go unanswered (default 15 s). */
  pingTimeoutMs?: number | undefined;
}

const ignoreRepeatedSessionError = (): void => {};

/**
 * nghttp2's cap on a session's buffered data, in MB (Node's default is 10).
 * A message the server refuses on its first bytes (RESOURCE_EXHAUSTED for
 * one over its limit) leaves the rest of it queued here; past the cap Node
 * ends the whole session with ENHANCE_YOUR_CALM, so the refused call and
 * every other call on the connection failed with INTERNAL. Above mosaicod's
 * largest message limit (512 MiB), this is a ceiling, not an allocation.
 */
const MAX_SESSION_MEMORY_MB = 600;

class GuardedSessionManager extends Http2SessionManager {
  readonly #seen = new WeakSet<http2.Http2Session>();
  readonly #connectionWindowBytes: number | undefined;

  constructor(baseUrl: string, options: NodeSessionManagerOptions) {
    const pingIntervalMs = options.pingIntervalMs ?? 30_000;
    super(
      baseUrl,
      {
        idleConnectionTimeoutMs: options.idleConnectionTimeoutMs ?? 15_000,
        ...(pingIntervalMs > 0 ? { pingIntervalMs, pingTimeoutMs: options.pingTimeoutMs ?? 15_000 } : {}),
      },
      { maxSessionMemory: MAX_SESSION_MEMORY_MB, ...options.http2SessionOptions },
    );
    this.#connectionWindowBytes = options.connectionWindowBytes;
  }

  override async request(...args: Parameters<Http2SessionManager["request"]>): Promise<http2.ClientHttp2Stream> {
    const stream = await super.request(...args);
    const session = stream.session;
    if (session && !this.#seen.has(session)) {
      this.#seen.add(session);
      session.on("error", ignoreRepeatedSessionError);
      if (this.#connectionWindowBytes !== undefined) session.setLocalWindowSize(this.#connectionWindowBytes);
    }
    return stream;
  }
}

/**
 * Creates an HTTP/2 session manager for connect-node's `createGrpcTransport`
 * whose sessions can never crash the process with an unhandled 'error'
 * event; failures still reach each call as a ConnectError.
 *
 * @example
 * ```ts
 * import { createGrpcTransport } from "@connectrpc/connect-node";
 * import { createNodeSessionManager } from "mosaico-web/node";
 *
 * const baseUrl = "http://127.0.0.1:6726";
 * const transport = createGrpcTransport({ baseUrl, sessionManager: createNodeSessionManager(baseUrl) });
 * ```
 */
export function createNodeSessionManager(baseUrl: string, options: NodeSessionManagerOptions = {}): Http2SessionManager {
  return new GuardedSessionManager(baseUrl, options);
}
