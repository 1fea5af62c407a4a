/**
 * Reading the local causes of a failure: the Node and fetch errors under a
 * status, which say what happened to this connection (reset, closed, TLS
 * mismatch), as opposed to a status the server sent.
 */
import { Code } from "./code.js";
import { MosaicoError } from "./mosaico-error.js";

/**
 * Messages and Node error codes along the cause chain, innermost last. Only
 * local errors count: a status from the server (a ConnectError or
 * MosaicoError without a cause, e.g. a gateway reporting its own upstream
 * failure) says what the server saw, not what this connection did.
 */
export function localCauseTexts(error: unknown): string[] {
  const texts: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const cause = (current as { cause?: unknown }).cause;
    const isStatus = typeof (current as { code?: unknown }).code === "number";
    if (isStatus && cause === undefined) break;
    if (!isStatus && current instanceof Error) texts.push(current.message);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") texts.push(code);
    current = cause;
  }
  return texts;
}

const connectionLossPattern = /ECONNRESET|EPIPE|socket hang up|other side closed|^terminated$|ERR_HTTP2_STREAM_ERROR|ERR_HTTP2_SESSION_ERROR|ERR_HTTP2_GOAWAY_SESSION|network error|Failed to fetch|NetworkError|network connection was lost|ERR_STREAM_PREMATURE_CLOSE|premature close/im;

/** Whether a failure is the connection going away (reset, closed, cut), not an answer from the server. */
export function isConnectionLoss(error: MosaicoError): boolean {
  if (error.code !== Code.Unknown && error.code !== Code.Aborted && error.code !== Code.Internal && error.code !== Code.Unavailable) return false;
  return connectionLossPattern.test(localCauseTexts(error).join("\n"));
}

/**
 * Whether a failure is the connection going away: a reset or closed socket,
 * or an HTTP/2 stream cancelled from the server's side (a local cancel looks
 * the same, so callers ask this only when they did not cancel).
 */
export function isDroppedConnection(error: MosaicoError): boolean {
  const peerCancelled = error.code === Code.Canceled && /stream closed with error code (CANCEL|INTERNAL_ERROR|REFUSED_STREAM)|GOAWAY/.test(error.rawMessage);
  // connect's words for a response body that stopped in the middle (gRPC-Web over a closed socket).
  const cutShort = error.code === Code.Internal && /^protocol error: (missing trailer|missing status|incomplete envelope|promised \d+ bytes)/.test(error.rawMessage);
  return peerCancelled || cutShort || isConnectionLoss(error);
}

/**
 * A failure restated as UNAVAILABLE when it was the connection going away: a
 * reset or closed socket (whatever the runtime called it), or an HTTP/2
 * stream the server's side cancelled, unless the caller's own signal fired
 * (then CANCELLED stays: the caller asked for it). Other failures pass.
 */
export function asTransportFailure(error: MosaicoError, callerAborted: boolean, what: string): MosaicoError {
  if (callerAborted || !isDroppedConnection(error)) return error;
  return new MosaicoError(Code.Unavailable, `the connection to the server was lost during ${what} (${error.rawMessage}); retry when it is back`, {
    cause: error,
    metadata: error.metadata,
  });
}
