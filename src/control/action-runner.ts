/**
 * DoAction plumbing: send `{type, body}`, gather the Result stream, decode
 * the envelope with the generation's codec (docs/protocol.md §4.1).
 */
import { create } from "@bufbuild/protobuf";
import { ActionSchema } from "../gen/arrow/flight/protocol/Flight_pb.js";
import { asTransportFailure } from "../errors/local-causes.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { JsonObject, JsonValue } from "../protocol/json.js";
import type { CallOptions } from "../options.js";
import type { ActionChannel } from "./control-context.js";

/** Runs a unary Mosaico action and returns its `response` payload. */
export async function runAction(
  ctx: ActionChannel,
  action: string,
  request: JsonObject,
  options?: CallOptions,
): Promise<JsonValue> {
  try {
    const call = ctx.flight.doAction(
      create(ActionSchema, { type: action, body: ctx.codec.encodeActionBody(request) }),
      ctx.callOptions(options),
    );
    const bodies: Uint8Array[] = [];
    for await (const result of call) bodies.push(result.body);
    return ctx.codec.decodeActionResponse(action, bodies);
  } catch (reason) {
    throw asTransportFailure(MosaicoError.from(reason), options?.signal?.aborted === true, action);
  }
}

/** Runs a streaming (JSONL) action, yielding each result's payload as it arrives. */
export async function* streamAction(
  ctx: ActionChannel,
  action: string,
  request: JsonObject,
  options?: CallOptions,
): AsyncGenerator<JsonValue> {
  try {
    const call = ctx.flight.doAction(
      create(ActionSchema, { type: action, body: ctx.codec.encodeActionBody(request) }),
      ctx.callOptions(options),
    );
    for await (const result of call) yield ctx.codec.decodeStreamedItem(action, result.body);
  } catch (reason) {
    throw asTransportFailure(MosaicoError.from(reason), options?.signal?.aborted === true, action);
  }
}
