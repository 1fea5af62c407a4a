/** Helpers of the query-engine tests: catalog fixtures with data, raw query / filter calls. */
import type { Table } from "apache-arrow";
import { expect } from "vitest";
import { decodeJsonBytes, isJsonObject, type JsonValue } from "../../../src/protocol/json.js";
import { putTable } from "./data-helpers.js";
import { action, actionResults, type FlightClient } from "./helpers.js";

export interface TopicFixture {
  /** Topic path inside the sequence (`sensors/imu`). */
  name: string;
  tag: string;
  format?: "default" | "ragged" | "image";
  userMetadata?: JsonValue;
  /** Uploaded with one DoPut; none = the topic never receives data. */
  table?: Table;
  /** Rows per uploaded batch. */
  batchRows?: number;
}

/** Creates a sequence, a session and its topics, and uploads their tables. */
export async function createFixture(
  client: FlightClient,
  sequence: string,
  topics: readonly TopicFixture[],
  userMetadata: JsonValue = {},
  beforeTopic?: (topic: TopicFixture) => void,
): Promise<void> {
  await action(client, "sequence_create", { locator: sequence, user_metadata: userMetadata });
  const session = (await action(client, "session_create", { locator: sequence })) as { uuid: string };
  for (const topic of topics) {
    beforeTopic?.(topic);
    const locator = `${sequence}/${topic.name}`;
    const created = (await action(client, "topic_create", {
      locator,
      session_uuid: session.uuid,
      serialization_format: topic.format ?? "default",
      ontology_tag: topic.tag,
      user_metadata: topic.userMetadata ?? {},
    })) as { uuid: string };
    if (topic.table) await putTable(client, locator, created.uuid, topic.table, topic.batchRows ?? 1000);
  }
}

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
