/**
 * MosaicoError: the one error type the SDK throws.
 *
 * It wraps (never extends) ConnectError: connect's own `instanceof` checks
 * reject subclasses, and wrapping lets us add the server's bare message and
 * scrub secrets. `MosaicoError.from(anything)` is applied at every public
 * boundary, so callers only ever catch this class.
 */
import { ConnectError } from "@connectrpc/connect";
import { Code, codeName } from "./code.js";

/** Optional parts of a {@link MosaicoError}. */
export interface MosaicoErrorOptions {
  /** What went wrong underneath (a ConnectError, a TypeError from fetch, ...). */
  cause?: unknown | undefined;
  /** Response headers and trailers, when the error came from a call. */
  metadata?: Headers | undefined;
}

// Tokens must never leak through an error message (security requirement).
const apiKeyPattern = /msco_[a-z0-9]{32}_[a-z0-9]{8}/gi;

/** Replaces anything shaped like an API key with a redaction marker. */
export function redactSecrets(text: string): string {
  return text.replace(apiKeyPattern, "msco_<redacted>");
}

/**
 * The one error type the SDK throws: a gRPC status `code`, the server's bare
 * `rawMessage` and the call's `metadata`, with anything shaped like an API key
 * redacted. The message reads `[CODE_NAME] text`.
 *
 * @example
 * ```ts
 * try {
 *   await client.sequenceInfo("drive_a");
 * } catch (reason) {
 *   const error = MosaicoError.from(reason);
 *   if (error.code === Code.NotFound) console.log("no such sequence");
 *   else throw error;
 * }
 * ```
 */
export class MosaicoError extends Error {
  /** Always `"MosaicoError"`. */
  override name = "MosaicoError";
  /** gRPC status code. */
  readonly code: Code;
  /** The message as the server (or the SDK) said it, without the code prefix. */
  readonly rawMessage: string;
  /** Response headers and trailers of the failed call (empty when local). */
  readonly metadata: Headers;
  /** What went wrong underneath (a ConnectError, a TypeError from fetch, ...), if anything. */
  override readonly cause: unknown;

  /** Builds an error; `message` is redacted and becomes `rawMessage`. */
  constructor(code: Code, message: string, options: MosaicoErrorOptions = {}) {
    const clean = redactSecrets(message);
    super(`[${codeName(code)}] ${clean}`);
    this.code = code;
    this.rawMessage = clean;
    this.metadata = options.metadata ?? new Headers();
    this.cause = options.cause;
  }

  /** `PERMISSION_DENIED`, `NOT_FOUND`, ... */
  get codeName(): string {
    return codeName(this.code);
  }

  /**
   * Converts anything thrown into a MosaicoError. ConnectErrors keep their code
   * and server message; aborts become CANCELLED; everything else is UNKNOWN
   * with the original kept as `cause`.
   */
  static from(reason: unknown, fallbackCode: Code = Code.Unknown): MosaicoError {
    if (reason instanceof MosaicoError) return reason;
    if (reason instanceof ConnectError) {
      return new MosaicoError(reason.code, withHint(reason.code, reason.rawMessage), {
        cause: reason,
        metadata: reason.metadata,
      });
    }
    if (isAbortError(reason)) {
      return new MosaicoError(Code.Canceled, "the call was aborted", { cause: reason });
    }
    if (isTimeoutError(reason)) {
      return new MosaicoError(Code.DeadlineExceeded, "the call timed out", { cause: reason });
    }
    const message = reason instanceof Error ? reason.message : String(reason);
    return new MosaicoError(fallbackCode, message, { cause: reason });
  }
}

// Servers started without gzip refuse compressed requests (docs/protocol.md §11).
function withHint(code: Code, message: string): string {
  if (code === Code.Unimplemented && /compress|encoding/i.test(message)) {
    return `${message} (the server does not accept this compression: start it with gzip enabled, e.g. --gzip / MOSAICOD_GZIP_ENABLED=true, or connect with GRPCCompressionAlgorithm.Null)`;
  }
  return message;
}

function isAbortError(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "AbortError";
}

function isTimeoutError(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "TimeoutError";
}
