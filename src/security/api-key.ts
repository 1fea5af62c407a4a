/**
 * API keys (docs/protocol.md §2): the token format, its validation, and the header
 * that carries it on every call.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

/** gRPC metadata key mosaicod reads the token from. */
export const API_KEY_HEADER = "mosaico-api-key-token";

const tokenPattern = /^msco_[a-z0-9]{32}_[a-z0-9]{8}$/;

/** True when `token` has the shape `msco_<32 [a-z0-9]>_<8 [a-z0-9]>`. */
export function isWellFormedApiKey(token: string): boolean {
  return tokenPattern.test(token);
}

/** Throws INVALID_ARGUMENT for a malformed token, without echoing it. */
export function assertWellFormedApiKey(token: unknown): asserts token is string {
  if (typeof token !== "string" || !isWellFormedApiKey(token)) {
    throw new MosaicoError(
      Code.InvalidArgument,
      "malformed API key: expected msco_<32 lowercase letters or digits>_<8-character fingerprint>; check MOSAICO_API_KEY or the apiKey option",
    );
  }
}

/** The public identifier of a key: its last `_` segment (used by status/revoke). */
export function apiKeyFingerprint(token: string): string {
  assertWellFormedApiKey(token);
  return token.slice(token.lastIndexOf("_") + 1);
}

/** The headers that carry a key on every call (none without a key). */
export function apiKeyHeaders(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { [API_KEY_HEADER]: token };
}
