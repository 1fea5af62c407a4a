/**
 * Shape of one DoAction verb. The dispatcher (do-action.ts) follows mosaicod:
 * look the name up, deserialize the body (`parse`), check the permission, run.
 */
import type { JsonObject, JsonValue } from "../../../src/protocol/index.js";
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
  /**
   * Returns the `response` payload of the envelope (null for none), possibly
   * asynchronously, or a JsonlStream for the verbs that answer one Result per
   * item (topic_filter_*). `signal` aborts when the call ends.
   */
  run(ctx: FlightContext, request: B, signal: AbortSignal): ActionOutput;
}

/**
 * The answer of a streaming verb (docs/protocol.md §4.1): one Result per item, each
 * body = envelope + "\n" (JSONL), zero Results when there is none. Errors
 * thrown before the first item end the call with no Result.
 */
export class JsonlStream {
  constructor(readonly items: AsyncIterable<JsonValue>) {}
}

export type ActionOutput = JsonValue | Promise<JsonValue> | JsonlStream;

/** Helper preserving the request type between parse and run. */
export function defineAction<B>(def: ActionDef<B>): ActionDef<unknown> {
  return def as ActionDef<unknown>;
}
