/** Raw `query` and temporal-filter actions of the reference server, with the response shape checked. */
import { expect } from "vitest";
import { decodeJsonBytes, isJsonObject, type JsonValue } from "../../../src/protocol/json.js";
import { action, actionResults } from "./actions.js";
import type { FlightClient } from "./flight-clients.js";

export interface Item {
  sequence: string;
  topics: Array<{ locator: string; ontology_tag: string }>;
}

/** Runs `query`, checks the response shape, returns the items. */
export async function query(client: FlightClient, body: JsonValue): Promise<Item[]> {
  const response = (await action(client, "query", body)) as unknown as { items: Item[] };
  expect(Object.keys(response)).toEqual(["items"]);
  return response.items;
}

/** `sequence -> [topic names]` of a query answer (compact expectations). */
export function summary(items: readonly Item[]): Record<string, string[]> {
  return Object.fromEntries(
    items.map((item) => [item.sequence, item.topics.map((t) => t.locator.slice(item.sequence.length + 1))]),
  );
}

export interface Win {
  id: number;
  start: bigint;
  end: bigint;
}

/** Runs a temporal filter; checks every Result is one JSONL envelope line; returns the windows. */
export async function windows(client: FlightClient, type: string, body: JsonValue): Promise<Win[]> {
  const results = await actionResults(client, type, body);
  return results.map((bytes) => {
    expect(bytes[bytes.length - 1]).toBe(0x0a);
    expect(bytes.slice(0, -1).includes(0x0a)).toBe(false);
    const envelope = decodeJsonBytes(bytes);
    expect(isJsonObject(envelope)).toBe(true);
    const { action: name, response } = envelope as { action: string; response: JsonValue };
    expect(name).toBe(type);
    const { ts, id } = response as { ts: { start_ns: JsonValue; end_ns: JsonValue }; id: number };
    expect(Object.keys(response as object).sort()).toEqual(["id", "ts"]);
    return { id, start: BigInt(ts.start_ns as number), end: BigInt(ts.end_ns as number) };
  });
}
