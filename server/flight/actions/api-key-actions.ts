/** J1 key management over Flight (docs/protocol.md §2.5); needs `manage`. */
import { errors } from "../../core/errors.js";
import { isPermission } from "../../auth/permissions.js";
import { generateToken, hashPayload, isFingerprint } from "../../auth/token.js";
import type { ApiKeyRow } from "../../store/rows.js";
import type { FlightContext } from "../context.js";
import { defineAction } from "./action.js";
import { optionalI64, requireString } from "./body.js";

function loadKey(ctx: FlightContext, fingerprint: string): ApiKeyRow {
  if (!isFingerprint(fingerprint)) throw errors.invalidFingerprint(fingerprint);
  const row = ctx.catalog.apiKeys.findActive(fingerprint);
  if (!row) throw errors.notFound(`API key \`${fingerprint}\``);
  return row;
}

const parseFingerprint = (body: Parameters<typeof requireString>[0]) => ({
  api_key_fingerprint: requireString(body, "api_key_fingerprint"),
});

export const apiKeyActions = [
  defineAction({
    name: "api_key_create",
    label: "ApiKeyCreate",
    permission: "manage",
    parse: (body) => ({
      permissions: requireString(body, "permissions"),
      description: requireString(body, "description"),
      expires_at_ns: optionalI64(body, "expires_at_ns"),
    }),
    run(ctx, req) {
      if (!isPermission(req.permissions)) {
        throw errors.badRequest("invalid string to permission cast");
      }
      let minted = generateToken();
      // A CRC-32 fingerprint can collide; mint again rather than shadow a key.
      while (ctx.catalog.apiKeys.find(minted.fingerprint)) minted = generateToken();
      ctx.catalog.apiKeys.insert({
        fingerprint: minted.fingerprint,
        payload_sha256: hashPayload(minted.payload),
        permission: req.permissions,
        description: req.description,
        created_at_ns: ctx.now(),
        expires_at_ns: req.expires_at_ns ?? null,
      });
      return { api_key_token: minted.token };
    },
  }),
  defineAction({
    name: "api_key_status",
    label: "ApiKeyStatus",
    permission: "manage",
    parse: parseFingerprint,
    run(ctx, req) {
      const row = loadKey(ctx, req.api_key_fingerprint);
      return {
        api_key_fingerprint: row.fingerprint,
        description: row.description,
        created_at_ns: row.created_at_ns,
        expires_at_ns: row.expires_at_ns,
      };
    },
  }),
  defineAction({
    name: "api_key_revoke",
    label: "ApiKeyRevoke",
    permission: "manage",
    parse: parseFingerprint,
    run(ctx, req) {
      const row = loadKey(ctx, req.api_key_fingerprint);
      ctx.catalog.apiKeys.revoke(row.fingerprint);
      return null;
    },
  }),
];
