/**
 * API-key mode: authenticates every RPC before its handler runs (mosaicod's
 * tower AuthLayer) and stores the key's permission in the call's context values.
 */
import type { Interceptor } from "@connectrpc/connect";
import { errors } from "../core/errors.js";
import type { Clock } from "../core/time.js";
import type { Catalog } from "../store/catalog.js";
import { permissionKey } from "./auth-context.js";
import { grantOf, type Grant, type PermissionModel } from "./permissions.js";
import { hashPayload, parseToken, TokenError } from "./token.js";

export const API_KEY_HEADER = "mosaico-api-key-token";

/**
 * A malformed token (bad format or checksum). The protocol document leaves the
 * code open (PERMISSION_DENIED or INVALID_ARGUMENT). mosaicod's J2+ source maps
 * `ApiKeyError` parse failures through `Error::bad_request`, i.e.
 * INVALID_ARGUMENT "Bad request: <reason>." — we follow that source.
 */
function malformedToken(reason: string) {
  return errors.badRequest(reason);
}

export function authenticate(catalog: Catalog, now: Clock, headerValue: string | null, model: PermissionModel): Grant {
  const token = headerValue?.trim() ?? "";
  if (token === "") throw errors.missingApiKey();
  let parsed;
  try {
    parsed = parseToken(token);
  } catch (cause) {
    if (cause instanceof TokenError) throw malformedToken(cause.reason);
    throw cause;
  }
  const row = catalog.apiKeys.findActive(parsed.fingerprint);
  // A right fingerprint with a wrong secret is treated as an unknown key.
  if (!row || row.payload_sha256 !== hashPayload(parsed.payload)) {
    throw errors.unauthorized("API key does not exist.");
  }
  if (row.expires_at_ns !== null && row.expires_at_ns <= now()) {
    throw errors.unauthorized("API key is expired.");
  }
  const grant = grantOf(row.permission, model);
  if (!grant) throw errors.unauthorized("API key does not have permissions valid in this server mode.");
  return grant;
}

export function createAuthInterceptor(catalog: Catalog, now: Clock, model: PermissionModel): Interceptor {
  return (next) => async (req) => {
    const permission = authenticate(catalog, now, req.header.get(API_KEY_HEADER), model);
    req.contextValues.set(permissionKey, permission);
    return next(req);
  };
}
