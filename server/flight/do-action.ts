/**
 * DoAction (docs/protocol.md §4.1): look the verb up, deserialize the JSON body, check
 * the caller's permission (for bodies over 1 MiB the check comes first), run, and answer exactly one Result whose body is
 * the envelope `{"action": <name>, "response": <payload|null>}` — or, for
 * the streaming verbs (topic_filter_*), one Result per item, each body the
 * envelope followed by "\n".
 */
import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import {
  decodeJsonBytes,
  encodeJsonBytes,
  isJsonObject,
  nestsDeeperThan,
  type JsonValue,
  ResultSchema,
  type Action,
  type Result,
} from "../../src/protocol/index.js";
import { requireActionPermission } from "../auth/auth-context.js";
import { errors } from "../core/errors.js";
import { JsonlStream, type ActionDef } from "./actions/action.js";
import { BodyError } from "./actions/body.js";
import type { ActionRegistry } from "./actions/registry.js";
import type { FlightContext } from "./context.js";

function parseBody(def: ActionDef<unknown>, bytes: Uint8Array): unknown {
  let json: JsonValue;
  try {
    json = decodeJsonBytes(bytes); // an empty body is not JSON: rejected here
  } catch {
    throw errors.bodyDeserialization();
  }
  // serde_json's recursion limit (128): mosaicod cannot deserialize deeper bodies.
  if (!isJsonObject(json) || nestsDeeperThan(json)) throw errors.bodyDeserialization();
  try {
    return def.parse(json);
  } catch (cause) {
    if (cause instanceof BodyError) throw errors.bodyDeserialization();
    throw cause;
  }
}

/**
 * Bodies above this size are parsed only for callers allowed to run the
 * action, and one at a time: parsed JSON takes several times its text in
 * memory, so concurrent multi-megabyte bodies from a read-only key could
 * otherwise take the server to gigabytes. (mosaicod parses before checking;
 * for small bodies we keep that order, which decides which error comes first.)
 */
const LARGE_BODY_BYTES = 1024 * 1024;
let largeParses: Promise<unknown> = Promise.resolve();

function oneLargeParseAtATime<T>(parse: () => T): Promise<T> {
  const run = largeParses.then(parse);
  largeParses = run.catch(() => {});
  return run;
}

export function envelope(action: string, response: JsonValue): Uint8Array {
  return encodeJsonBytes({ action, response });
}

/** One JSONL line: the envelope followed by "\n" (streaming verbs). */
function jsonlLine(action: string, response: JsonValue): Uint8Array {
  const line = envelope(action, response);
  const out = new Uint8Array(line.byteLength + 1);
  out.set(line);
  out[line.byteLength] = 0x0a;
  return out;
}

export async function* doAction(
  ctx: FlightContext,
  registry: ActionRegistry,
  action: Action,
  handlerContext: HandlerContext,
): AsyncGenerator<Result> {
  const def = registry.get(action.type);
  if (!def) throw errors.noSuchAction(action.type);
  const cap = ctx.maxActionBodyBytes ?? 0;
  if (cap > 0 && action.body.byteLength > cap) throw errors.actionBodyTooLarge(action.body.byteLength, cap);
  let request: unknown;
  if (action.body.byteLength <= LARGE_BODY_BYTES) {
    // mosaicod's order: the body is deserialized before the permission check.
    request = parseBody(def, action.body);
    requireActionPermission(handlerContext, def.permission, def.label);
  } else {
    // Large bodies: permission first, then one parse at a time (see below).
    requireActionPermission(handlerContext, def.permission, def.label);
    request = await oneLargeParseAtATime(() => parseBody(def, action.body));
  }
  const output = def.run(ctx, request, handlerContext.signal);
  if (output instanceof JsonlStream) {
    for await (const item of output.items) {
      yield create(ResultSchema, { body: jsonlLine(def.name, item) });
    }
    return;
  }
  yield create(ResultSchema, { body: envelope(def.name, await output) });
}
