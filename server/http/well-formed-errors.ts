/**
 * Every error status the server sends carries well-formed text.
 *
 * Why: connect percent-encodes `grpc-message` with encodeURIComponent, which
 * throws URIError on a lone UTF-16 surrogate. A request may put one in a
 * name or in user metadata (`"\ud800"` is valid JSON), and errors quote
 * names, so the status could not be written and the call never ended. This
 * interceptor, outermost, replaces such surrogates with U+FFFD in every
 * error leaving a handler, unary or streamed.
 */
import { ConnectError, type Interceptor } from "@connectrpc/connect";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(reason: unknown): unknown {
  const error = ConnectError.from(reason);
  const text = error.rawMessage.replace(loneSurrogate, "\uFFFD");
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
