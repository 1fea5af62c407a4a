/**
 * Shape of one DoAction verb. The dispatcher (do-action.ts) follows mosaicod:
 * look the name up, deserialize the body (`parse`), check the permission, run.
 */
import type { JsonObject, JsonValue } from "../../../src/control/json.js";
import type { Permission } from "../../auth/permissions.js";
import type { FlightContext } from "../context.js";

export interface ActionDef<B = unknown> {
  /** Wire name, snake_case (`sequence_create`). */
  name: string;
  /** mosaicod's Display name, used in permission errors (`SequenceCreate`). */
  label: string;
  /** Required level; null = any authenticated caller (version/info). */
  permission: Permission | null;
  /** Turns the JSON body into the request; throws BodyError on a shape mismatch. */
  parse(body: JsonObject): B;
  /** Returns the `response` payload of the envelope (null for none). */
  run(ctx: FlightContext, request: B): JsonValue;
}

/** Helper preserving the request type between parse and run. */
export function defineAction<B>(def: ActionDef<B>): ActionDef<unknown> {
  return def as ActionDef<unknown>;
}
