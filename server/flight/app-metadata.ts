/**
 * JSON app-metadata of GetFlightInfo (docs/protocol.md §6.1) and the `mosaico:*` schema
 * metadata (§6.4). TopicAppMetadata has a J2 and a J3 shape.
 */
import { parseJson, stringifyJson, type JsonObject, type JsonValue } from "../../src/protocol/index.js";
import { windowStats, type TimeWindow } from "../data/chunk-reader.js";
import type { Generation, GenerationName } from "../generation.js";
import type { Catalog } from "../store/catalog.js";
import type { SequenceRow, TopicRow } from "../store/rows.js";

export type { TimeWindow } from "../data/chunk-reader.js";

function userMetadataValue(text: string | null): JsonValue {
  return text === null ? null : parseJson(text);
}

function dataInterval(topic: TopicRow): JsonValue {
  if (topic.min_timestamp_ns === null || topic.max_timestamp_ns === null) return null;
  return { start_ns: topic.min_timestamp_ns, end_ns: topic.max_timestamp_ns };
}

/**
 * J3 `time_window_info`: the exact row count and timestamp bounds of the rows
 * in `[start, end)` (chunks wholly inside come from the catalog, the chunks
 * straddling a bound are read).
 */
async function timeWindowInfo(
  catalog: Catalog,
  topic: TopicRow,
  window: TimeWindow,
): Promise<JsonValue> {
  const stats = await windowStats(catalog, topic, window);
  if (stats.rows === 0n || stats.min === null || stats.max === null) {
    return { interval: null, row_count: 0 };
  }
  return { interval: { start_ns: stats.min, end_ns: stats.max }, row_count: stats.rows };
}

export async function topicAppMetadata(
  generation: GenerationName,
  catalog: Catalog,
  topic: TopicRow,
  window: TimeWindow | undefined,
): Promise<JsonObject> {
  const base: JsonObject = {
    created_at_ns: topic.created_at_ns,
    completed_at_ns: topic.completed_at_ns,
    locked: topic.locked !== 0n,
    resource_locator: topic.locator,
  };
  const chunks = catalog.topics.countChunks(topic.topic_id);
  if (generation === "0.6") {
    // `info` once a DoPut completed (mosaicod fills it when the upload ends);
    // null before, never omitted (no skip_serializing_if upstream).
    base.info =
      topic.upload_state === "done"
        ? { chunks_number: chunks, total_bytes: topic.total_bytes, timestamp: dataInterval(topic) }
        : null;
    return base;
  }
  return {
    ...base,
    ontology_tag: topic.ontology_tag,
    serialization_format: topic.serialization_format,
    user_metadata: userMetadataValue(topic.user_metadata),
    data_info: {
      interval: dataInterval(topic),
      total_row_count: topic.row_count,
      total_bytes: topic.total_bytes,
      total_chunks_count: chunks,
    },
    time_window_info: window ? await timeWindowInfo(catalog, topic, window) : null,
  };
}

export function sequenceAppMetadata(
  generation: GenerationName,
  catalog: Catalog,
  sequence: SequenceRow,
): JsonObject {
  const sessions = catalog.sessions.listBySequence(sequence.sequence_id).map((session) => ({
    locator: session.locator,
    created_at_ns: session.created_at_ns,
    completed_at_ns: session.completed_at_ns,
    locked: session.completed_at_ns !== null,
    topics: catalog.topics.listBySession(session.session_id).map((topic) => topic.locator),
  }));
  const out: JsonObject = {
    resource_locator: sequence.locator,
    created_at_ns: sequence.created_at_ns,
  };
  if (generation === "0.7") out.user_metadata = userMetadataValue(sequence.user_metadata);
  out.sessions = sessions;
  return out;
}

/** Sequence schema metadata (0.6 only); mosaicod adds it only when user metadata exists. */
export function sequenceSchemaMetadata(generation: Generation, sequence: SequenceRow): Map<string, string> {
  if (!generation.schemaMetadata || sequence.user_metadata === null) return new Map();
  return new Map([
    ["mosaico:context", "sequence"],
    ["mosaico:user_metadata", sequence.user_metadata],
  ]);
}

/** Extra `mosaico:properties` of a DoGet schema when the result has rows (§6.4). */
export interface ResultInterval {
  messageCount: bigint;
  timestampNsMin: bigint;
  timestampNsMax: bigint;
}

/** Topic schema metadata (0.6 only: 0.7 moved these facts to the app-metadata, upstream PR #759). */
export function topicSchemaMetadata(generation: Generation, topic: TopicRow, result?: ResultInterval): Map<string, string> {
  if (!generation.schemaMetadata) return new Map();
  const properties: JsonObject = {
    serialization_format: topic.serialization_format,
    ontology_tag: topic.ontology_tag,
  };
  if (result) {
    properties.message_count = result.messageCount;
    properties.timestamp_ns_min = result.timestampNsMin;
    properties.timestamp_ns_max = result.timestampNsMax;
  }
  return new Map([
    ["mosaico:context", "topic"],
    ["mosaico:properties", stringifyJson(properties)],
    ["mosaico:user_metadata", topic.user_metadata ?? "null"],
  ]);
}
