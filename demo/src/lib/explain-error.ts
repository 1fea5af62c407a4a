/**
 * Turns any failure into what a person can act on: a title, what happened
 * and what to do next. The SDK's MosaicoError carries the gRPC code and the
 * server's own words (rawMessage); the title depends only on the code.
 */
import { Code, codeName, MosaicoError } from "../sdk.js";

export interface Explanation {
  title: string;
  detail: string;
  hint?: string;
  code?: string;
}

const codeText = codeName;

/** Explains a failure of `connect()` to `url`. */
export function explainConnectError(error: unknown, url: string): Explanation {
  const e = MosaicoError.from(error);
  const raw = e.rawMessage;
  const code = codeText(e.code);
  if (e.code === Code.InvalidArgument && /server URL|URL scheme/.test(raw)) {
    return { title: "That is not a server URL", detail: raw, hint: "Use http://host:port or https://host:port, e.g. http://127.0.0.1:6726.", code };
  }
  if (e.code === Code.InvalidArgument && /malformed API key/.test(raw)) {
    return {
      title: "That API key is not well-formed",
      detail: "Mosaico keys look like msco_ followed by 32 lowercase letters or digits, _ and an 8-character fingerprint.",
      hint: "Paste the whole token, as it was shown when the key was created.",
      code,
    };
  }
  if (/API key|fingerprint mismatch|Bad request/i.test(raw) && (e.code === Code.PermissionDenied || e.code === Code.Unauthenticated || e.code === Code.InvalidArgument)) {
    if (/Missing API key/i.test(raw)) {
      return { title: "This server requires an API key", detail: "It runs in API-key mode and refuses calls without a key.", hint: "Paste a key (npm start prints its manage key).", code };
    }
    if (/expired/i.test(raw)) return { title: "This API key has expired", detail: raw, hint: "Ask for a new key, or create one on the API keys page with a manage key.", code };
    return {
      title: "The server refused this API key",
      detail: /does not exist/i.test(raw) ? "No active key has this token: it was revoked, never existed, or belongs to another server." : raw,
      hint: "Check the token, or create a new key with a manage key.",
      code,
    };
  }
  if (e.code === Code.Unavailable) {
    return { title: `No server answered at ${url}`, detail: raw, hint: "Is the server running? `npm start` starts one on http://127.0.0.1:6726.", code };
  }
  if (e.code === Code.DeadlineExceeded) {
    return { title: "The server did not answer in time", detail: raw, hint: "Check the URL and the network, then try again.", code };
  }
  if (e.code === Code.ResourceExhausted || e.code === Code.Internal || e.code === Code.Unknown || e.code === Code.Unimplemented) {
    return {
      title: `${url} did not answer as a Mosaico server`,
      detail: raw,
      hint: "Point the dashboard at a Mosaico server or gateway that speaks gRPC-Web (mosaicod itself speaks only native gRPC).",
      code,
    };
  }
  return { title: "Could not connect", detail: raw, code };
}

/** Explains a failure of any other call; `action` says what was being done. */
export function explainError(error: unknown, action: string): Explanation {
  const e = MosaicoError.from(error);
  const raw = e.rawMessage;
  const code = codeText(e.code);
  switch (e.code) {
    case Code.PermissionDenied:
    case Code.Unauthenticated:
      if (/not enough permissions/i.test(raw)) {
        return { title: `Your API key may not ${action}`, detail: raw, hint: "Reconnect with a key of a higher permission level (read < write < delete < manage).", code };
      }
      return { title: "The server refused the API key", detail: raw, hint: "The key may have been revoked or may have expired: reconnect with another key.", code };
    case Code.NotFound:
      return { title: "Not found", detail: raw, code };
    case Code.Unimplemented:
      return { title: `This server cannot ${action} yet`, detail: "It answered UNIMPLEMENTED.", code };
    case Code.Unavailable:
      return { title: "The server stopped answering", detail: raw, hint: "Check that it is still running, then retry.", code };
    case Code.Canceled:
      return { title: "Cancelled", detail: raw, code };
    case Code.AlreadyExists:
      return { title: "It already exists", detail: raw, hint: "Choose another name.", code };
    case Code.InvalidArgument:
      return { title: `The server rejected the request to ${action}`, detail: raw, code };
    default:
      return { title: `Could not ${action}`, detail: raw, code };
  }
}

/** True for the code the server answers for features it lacks. */
export function isUnimplemented(error: unknown): boolean {
  return error instanceof MosaicoError && error.code === Code.Unimplemented;
}
