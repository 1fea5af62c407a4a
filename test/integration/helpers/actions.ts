/** Raw DoAction calls of the reference server, with the envelope checked. */
import { expect } from "vitest";
import {
  decodeJsonBytes,
  encodeJsonBytes,
  isJsonObject,
  type JsonValue,
} from "../../../src/protocol/json.js";
import type { FlightClient } from "./flight-clients.js";

export type Body = JsonValue | Uint8Array;

function bodyBytes(body: Body): Uint8Array {
  return body instanceof Uint8Array ? body : encodeJsonBytes(body);
}

/** DoAction returning the raw Result bodies. */
export async function actionResults(
  client: FlightClient,
  type: string,
  body: Body = {},
  headers?: Record<string, string>,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const result of client.doAction(
    { type, body: bodyBytes(body) },
    headers ? { headers } : {},
  )) {
    out.push(result.body);
  }
  return out;
}

/** DoAction expecting exactly one envelope for `type`; returns `response`. */
export async function action(
  client: FlightClient,
  type: string,
  body: Body = {},
  headers?: Record<string, string>,
): Promise<JsonValue> {
  const results = await actionResults(client, type, body, headers);
  expect(results).toHaveLength(1);
  const envelope = decodeJsonBytes(results[0]!);
  expect(isJsonObject(envelope)).toBe(true);
  const obj = envelope as Record<string, JsonValue>;
  expect(Object.keys(obj).sort()).toEqual(["action", "response"]);
  expect(obj.action).toBe(type);
  return obj.response!;
}
