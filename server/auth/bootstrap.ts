/**
 * Bootstrap of API-key mode: with keys on and no usable `manage` key, the
 * server mints one (or imports the token given by --bootstrap-key /
 * MOSAICOD_BOOTSTRAP_API_KEY) so that someone can create the other keys.
 */
import type { Clock } from "../core/time.js";
import type { Catalog } from "../store/catalog.js";
import { generateToken, hashPayload, parseToken } from "./token.js";

export interface BootstrapResult {
  /** The manage token, when known in this run. */
  token?: string;
  /** True when the key was written to the catalog during this start. */
  created: boolean;
}

const DESCRIPTION = "bootstrap manage key";

/** Writes the bootstrap `manage` key (no expiry) for a token's fingerprint and payload. */
function insertManageKey(catalog: Catalog, now: Clock, fingerprint: string, payload: string): void {
  catalog.apiKeys.insert({
    fingerprint,
    payload_sha256: hashPayload(payload),
    permission: "manage",
    description: DESCRIPTION,
    created_at_ns: now(),
    expires_at_ns: null,
  });
}

export function ensureBootstrapKey(
  catalog: Catalog,
  now: Clock,
  given: string | undefined,
): BootstrapResult {
  if (given !== undefined) {
    // Throws TokenError for a malformed token: refuse to start with it.
    const { payload, fingerprint } = parseToken(given);
    const existing = catalog.apiKeys.find(fingerprint);
    if (existing) {
      if (existing.revoked !== 0n) {
        throw new Error(`bootstrap key ${fingerprint} was revoked; choose another token`);
      }
      if (existing.payload_sha256 !== hashPayload(payload)) {
        throw new Error(`bootstrap key fingerprint ${fingerprint} collides with another key`);
      }
      return { token: given, created: false };
    }
    insertManageKey(catalog, now, fingerprint, payload);
    return { token: given, created: true };
  }
  if (catalog.apiKeys.hasUsableKey(now(), "manage")) return { created: false };
  const { token, payload, fingerprint } = generateToken();
  insertManageKey(catalog, now, fingerprint, payload);
  return { token, created: true };
}
