/**
 * Every error status the server sends carries well-formed text.
 *
 * Why: connect percent-encodes `grpc-message` with encodeURIComponent, which
 * throws URIError on a lone UTF-16 surrogate. A request may put one in a
 * name or in user metadata (`"\ud800"` is valid JSON), and errors quote
 * names, so the status could not be written and the call never ended. This
 * interceptor, outermost, replaces such surrogates with U+FFFD in every
 * error leaving a handler, unary or streamed, and cuts texts past 1 KiB
 * (a multi-megabyte name quoted back would otherwise fill the trailers).
 */
import { ConnectError, type Interceptor } from "@connectrpc/connect";
import { MosaicoError } from "../../src/protocol/index.js";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Longest status text sent; a longer one (a huge name quoted back) is cut, with its length stated. */
const MAX_MESSAGE_CHARS = 1024;

function capped(text: string): string {
  if (text.length <= MAX_MESSAGE_CHARS) return text;
  return `${text.slice(0, MAX_MESSAGE_CHARS - 64)}… (message cut; ${text.length} characters in all)`;
}

function wellFormed(reason: unknown): unknown {
  // A shared protocol helper's error keeps its code (INVALID_ARGUMENT, DATA_LOSS...), not INTERNAL.
  if (reason instanceof MosaicoError) reason = new ConnectError(reason.rawMessage, reason.code, undefined, undefined, reason);
  const error = ConnectError.from(reason);
  const text = capped(error.rawMessage.replace(loneSurrogate, "\uFFFD"));
  if (text === error.rawMessage) return reason;
  return new ConnectError(text, error.code, error.metadata, error.details as never, error.cause);
}

async function* guarded<T>(messages: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* messages;
  } catch (reason) {
    throw wellFormed(reason);
  }
}

/** The interceptor; put it first so that it sees every other's errors too. */
export const wellFormedErrors: Interceptor = (next) => async (req) => {
  try {
    const res = await next(req);
    return res.stream ? { ...res, message: guarded(res.message) } : res;
  } catch (reason) {
    throw wellFormed(reason);
  }
};
