/**
 * API key management over Flight (J1 `api_key_*` actions, docs/protocol.md §2.5),
 * which needs a key with the manage permission.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { isApiKeyPermission, type APIKeyPermission } from "../security/permission.js";
import { runAction } from "./action-runner.js";
import type { CallOptions } from "../options.js";
import { asObject, readBigInt, readNullableBigInt, readOptionalString, readString } from "../protocol/json-fields.js";
import type { ControlContext } from "./control-context.js";
import type { ApiKeyStatus } from "./types.js";

/** Options of createApiKey(). */
export interface CreateApiKeyOptions extends CallOptions {
  permission: APIKeyPermission;
  description?: string | undefined;
  /** Expiry as nanoseconds since the epoch; never expires when omitted. */
  expiresAtNs?: bigint | undefined;
}

/**
 * mosaicod 0.6 and 0.7 have no `api_key_*` actions (they would answer "no
 * available action"): refuse before sending, and say how keys are made there.
 */
function assertKeyActions(ctx: ControlContext, action: string): void {
  if (ctx.keyActions) return;
  throw new MosaicoError(
    Code.FailedPrecondition,
    `${action}: this server (mosaicod ${ctx.codec.generation === "J3" ? "0.7" : "0.6"} line) manages API keys with its CLI, not over Flight; ` +
      "run `mosaicod api-key create --permissions \"read|write\"` (also status, revoke, list, purge) on the server, " +
      "or connect with keyActions: true to a server that serves the api_key_* actions",
  );
}

/**
 * Creates a key and returns its token. The token is shown only this once.
 * An expiry that is not in the future is refused before sending (INVALID_ARGUMENT).
 */
export async function createApiKey(ctx: ControlContext, options: CreateApiKeyOptions): Promise<string> {
  assertKeyActions(ctx, "createApiKey");
  if (!isApiKeyPermission(options.permission)) {
    throw new MosaicoError(Code.InvalidArgument, `unknown permission ${JSON.stringify(options.permission)}: use read, write, delete or manage`);
  }
  // A key that is born expired is useless, and most likely a unit mistake (ms for ns).
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  if (options.expiresAtNs !== undefined && options.expiresAtNs <= nowNs) {
    throw new MosaicoError(
      Code.InvalidArgument,
      `expiresAtNs ${options.expiresAtNs} is in the past (now is about ${nowNs}); pass nanoseconds since the epoch, e.g. BigInt(Date.now() + 30 * 86_400_000) * 1_000_000n for 30 days`,
    );
  }
  const request: Record<string, string | bigint> = { permissions: options.permission, description: options.description ?? "" };
  if (options.expiresAtNs !== undefined) request.expires_at_ns = options.expiresAtNs;
  const response = asObject(await runAction(ctx, "api_key_create", request, options), "api_key_create");
  return readString(response, "api_key_token", "api_key_create");
}

function assertFingerprint(fingerprint: string): void {
  if (!/^[a-z0-9]{8}$/.test(fingerprint)) {
    throw new MosaicoError(Code.InvalidArgument, "an API key fingerprint is 8 lowercase letters or digits (the last part of the token)");
  }
}

/** What the server knows of a key, by fingerprint (`api_key_status`). */
export async function apiKeyStatus(ctx: ControlContext, fingerprint: string, options?: CallOptions): Promise<ApiKeyStatus> {
  assertKeyActions(ctx, "apiKeyStatus");
  assertFingerprint(fingerprint);
  const response = asObject(await runAction(ctx, "api_key_status", { api_key_fingerprint: fingerprint }, options), "api_key_status");
  const expiresAtNs = readNullableBigInt(response, "expires_at_ns");
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  return {
    fingerprint: readOptionalString(response, "api_key_fingerprint") ?? fingerprint,
    description: readOptionalString(response, "description") ?? "",
    createdAtNs: readBigInt(response, "created_at_ns", "api_key_status"),
    expiresAtNs,
    isExpired: expiresAtNs !== null && expiresAtNs <= nowNs,
  };
}

/** Revokes a key by fingerprint (`api_key_revoke`); calls with it fail from then on. */
export async function revokeApiKey(ctx: ControlContext, fingerprint: string, options?: CallOptions): Promise<void> {
  assertKeyActions(ctx, "revokeApiKey");
  assertFingerprint(fingerprint);
  await runAction(ctx, "api_key_revoke", { api_key_fingerprint: fingerprint }, options);
}
