/**
 * JSON app-metadata of GetFlightInfo (protocol §6.1) and the `mosaico:*` schema
 * metadata (§6.4). TopicAppMetadata has a J2 and a J3 shape.
 */
import { parseJson, stringifyJson } from "../../src/control/json.js";
import type { JsonObject, JsonValue } from "../../src/control/json.js";
import type { GenerationName } from "../generation.js";
import type { Catalog } from "../store/catalog.js";
import type { SequenceRow, TopicRow } from "../store/rows.js";

export interface TimeWindow {
  start?: bigint;
  end?: bigint; // exclusive
}

function userMetadataValue(text: string | null): JsonValue {
  return text === null ? null : parseJson(text);
}

function dataInterval(topic: TopicRow): JsonValue {
  if (topic.min_timestamp_ns === null || topic.max_timestamp_ns === null) return null;
  return { start_ns: topic.min_timestamp_ns, end_ns: topic.max_timestamp_ns };
}

/**
 * J3 `time_window_info`. Exact per-window row counts need the data plane
 * (chunk contents); until then we count whole chunks lying inside the window
 * and clip the interval to it.
 */
function timeWindowInfo(catalog: Catalog, topic: TopicRow, window: TimeWindow): JsonValue {
  const lo = topic.min_timestamp_ns;
  const hi = topic.max_timestamp_ns;
  if (lo === null || hi === null) return { interval: null, row_count: 0 };
  const start = window.start !== undefined && window.start > lo ? window.start : lo;
  const end = window.end !== undefined && window.end - 1n < hi ? window.end - 1n : hi;
  if (start > end) return { interval: null, row_count: 0 };
  let rows = 0n;
  for (const chunk of catalog.topics.listChunks(topic.topic_id)) {
    const cMin = chunk.min_timestamp_ns;
    const cMax = chunk.max_timestamp_ns;
    if (cMin !== null && cMax !== null && cMin >= start && cMax <= end) rows += chunk.row_count;
  }
  return { interval: { start_ns: start, end_ns: end }, row_count: rows };
}

export function topicAppMetadata(
  generation: GenerationName,
  catalog: Catalog,
  topic: TopicRow,
  window: TimeWindow | undefined,
): JsonObject {
  const base: JsonObject = {
    created_at_ns: topic.created_at_ns,
    completed_at_ns: topic.completed_at_ns,
    locked: topic.locked !== 0n,
    resource_locator: topic.locator,
  };
  const chunks = catalog.topics.countChunks(topic.topic_id);
  if (generation === "j2") {
    // `info` only once a DoPut stored something (mosaicod: `data_info` is Some).
    if (topic.upload_state !== "none") {
      base.info = {
        chunks_number: chunks,
        total_bytes: topic.total_bytes,
        timestamp: dataInterval(topic),
      };
    }
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
    time_window_info: window ? timeWindowInfo(catalog, topic, window) : null,
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
  if (generation === "j3") out.user_metadata = userMetadataValue(sequence.user_metadata);
  out.sessions = sessions;
  return out;
}

/** Sequence schema metadata; mosaicod adds it only when user metadata exists. */
export function sequenceSchemaMetadata(sequence: SequenceRow): Map<string, string> {
  if (sequence.user_metadata === null) return new Map();
  return new Map([
    ["mosaico:context", "sequence"],
    ["mosaico:user_metadata", sequence.user_metadata],
  ]);
}

export function topicSchemaMetadata(topic: TopicRow): Map<string, string> {
  return new Map([
    ["mosaico:context", "topic"],
    [
      "mosaico:properties",
      stringifyJson({
        serialization_format: topic.serialization_format,
        ontology_tag: topic.ontology_tag,
      }),
    ],
    ["mosaico:user_metadata", topic.user_metadata ?? "null"],
  ]);
}
