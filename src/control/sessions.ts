/** Session actions (docs/protocol.md §4.4). */
import { runAction } from "./action-runner.js";
import type { CallOptions } from "../options.js";
import { asObject, readOptionalString, readString } from "../protocol/json-fields.js";
import type { ControlContext } from "./control-context.js";
import { assertSequenceName } from "../protocol/locators.js";
import type { SessionRef } from "../protocol/codec/wire-types.js";
import type { SessionHandle } from "./types.js";

/** Opens an upload session on a sequence; keep the uuid, it is a capability. */
export async function createSession(ctx: ControlContext, sequence: string, options?: CallOptions): Promise<SessionHandle> {
  assertSequenceName(sequence);
  const response = asObject(await runAction(ctx, "session_create", { locator: sequence }, options), "session_create");
  return { uuid: readString(response, "uuid", "session_create"), locator: readOptionalString(response, "locator") };
}

/** Locks every topic of the session. */
export async function finalizeSession(ctx: ControlContext, sessionUuid: string, options?: CallOptions): Promise<void> {
  await runAction(ctx, "session_finalize", { session_uuid: sessionUuid }, options);
}

/**
 * Deletes a session and its topics. J2+ servers address it by locator
 * (`seq:ulid`), J1 servers by uuid.
 */
export async function deleteSession(ctx: ControlContext, session: SessionHandle | string, options?: CallOptions): Promise<void> {
  const ref: SessionRef = typeof session === "string" ? (session.includes(":") ? { locator: session } : { uuid: session }) : session;
  await runAction(ctx, "session_delete", ctx.codec.encodeSessionDeleteRequest(ref), options);
}
