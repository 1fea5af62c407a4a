/**
 * Per-call permission, set by the API-key interceptor and read by handlers.
 * The default (no interceptor: keys disabled) is full permission, mirroring
 * mosaicod's permission passthrough.
 */
import { createContextKey, type HandlerContext } from "@connectrpc/connect";
import { errors } from "../core/errors.js";
import { allows, FULL_GRANT, type Grant, type Permission } from "./permissions.js";

export const permissionKey = createContextKey<Grant>(FULL_GRANT, {
  description: "what the caller's API key may do",
});

export function callerPermission(context: HandlerContext): Grant {
  return context.values.get(permissionKey);
}

/**
 * Non-action RPCs (GetFlightInfo, ListFlights, DoGet -> read; DoPut -> write).
 * mosaicod words these checks per bit, e.g. "does not have READ permissions".
 */
export function requireRpcPermission(context: HandlerContext, required: Permission): void {
  if (!allows(callerPermission(context), required)) {
    throw errors.unauthorized(
      `provided API key does not have ${required.toUpperCase()} permissions.`,
    );
  }
}

/** DoAction: "has not enough permissions to execute <Action> action." */
export function requireActionPermission(
  context: HandlerContext,
  required: Permission | null,
  actionLabel: string,
): void {
  if (required !== null && !allows(callerPermission(context), required)) {
    throw errors.unauthorized(
      `provided API key has not enough permissions to execute ${actionLabel} action.`,
    );
  }
}
