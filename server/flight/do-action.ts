/**
 * DoAction (protocol §4.1): look the verb up, deserialize the JSON body, check
 * the caller's permission, run, and answer exactly one Result whose body is
 * the envelope `{"action": <name>, "response": <payload|null>}`.
 */
import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { decodeJsonBytes, encodeJsonBytes, isJsonObject } from "../../src/control/json.js";
import type { JsonValue } from "../../src/control/json.js";
import {
  ResultSchema,
  type Action,
  type Result,
} from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { requireActionPermission } from "../auth/auth-context.js";
import { errors } from "../core/errors.js";
import type { ActionDef } from "./actions/action.js";
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
  if (!isJsonObject(json)) throw errors.bodyDeserialization();
  try {
    return def.parse(json);
  } catch (cause) {
    if (cause instanceof BodyError) throw errors.bodyDeserialization();
    throw cause;
  }
}

export function envelope(action: string, response: JsonValue): Uint8Array {
  return encodeJsonBytes({ action, response });
}

export async function* doAction(
  ctx: FlightContext,
  registry: ActionRegistry,
  action: Action,
  handlerContext: HandlerContext,
): AsyncGenerator<Result> {
  const def = registry.get(action.type);
  if (!def) throw errors.noSuchAction(action.type);
  const request = parseBody(def, action.body);
  requireActionPermission(handlerContext, def.permission, def.label);
  const response = def.run(ctx, request);
  yield create(ResultSchema, { body: envelope(def.name, response) });
}
