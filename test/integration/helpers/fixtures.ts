/** Catalog fixtures over raw DoAction: a sequence, its session and topics, with data. */
import type { Table } from "apache-arrow";
import type { JsonValue } from "../../../src/protocol/json.js";
import { action } from "./actions.js";
import { putTable } from "./data.js";
import type { FlightClient } from "./flight-clients.js";

let counter = 0;
/** A fresh, valid sequence name. */
export function uniqueName(prefix = "seq"): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}_${counter}`;
}

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

export interface Fixture {
  sessionUuid: string;
  sessionLocator: string;
  /** In the order of the topics. */
  topicUuids: string[];
}

/** Creates a sequence, a session and its topics, and uploads their tables. */
export async function createFixture(
  client: FlightClient,
  sequence: string,
  topics: readonly TopicFixture[],
  userMetadata: JsonValue = {},
  beforeTopic?: (topic: TopicFixture) => void,
): Promise<Fixture> {
  await action(client, "sequence_create", { locator: sequence, user_metadata: userMetadata });
  const session = (await action(client, "session_create", { locator: sequence })) as {
    uuid: string;
    locator: string;
  };
  const topicUuids: string[] = [];
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
    topicUuids.push(created.uuid);
    if (topic.table) await putTable(client, locator, created.uuid, topic.table, topic.batchRows ?? 1000);
  }
  return { sessionUuid: session.uuid, sessionLocator: session.locator, topicUuids };
}

/** A fresh sequence with an open session and empty `imu` topics; returns their identifiers. */
export async function seedSequence(
  client: FlightClient,
  topics: string[] = [],
  userMetadata: JsonValue = {},
): Promise<{ sequence: string } & Fixture> {
  const sequence = uniqueName();
  const fixture = await createFixture(client, sequence, topics.map((name) => ({ name, tag: "imu" })), userMetadata);
  return { sequence, ...fixture };
}
