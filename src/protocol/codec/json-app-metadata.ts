/**
 * SequenceAppMetadata and TopicAppMetadata in their JSON shapes (protocol
 * §6.1). Topics come in two shapes, J2 (`info`) and J3 (`data_info`,
 * `time_window_info`); both normalize to one TopicAppMetadata.
 */
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { isJsonObject, toBigInt, type JsonObject, type JsonValue } from "../json.js";
import type { SequenceAppMetadata, SessionAppMetadata, TimeInterval, TopicAppMetadata } from "./wire-types.js";
import {
  asObject,
  readBigInt,
  readNullableBigInt,
  readOptionalString,
  readString,
} from "../json-fields.js";

function readInterval(value: JsonValue | undefined): TimeInterval | null {
  if (!isJsonObject(value)) return null;
  const startNs = toBigInt(value.start_ns ?? value.min);
  const endNs = toBigInt(value.end_ns ?? value.max);
  return startNs === undefined || endNs === undefined ? null : { startNs, endNs };
}

function readSession(value: JsonValue): SessionAppMetadata {
  const s = asObject(value, "session");
  // Early J2 revisions named the session by `uuid` instead of `locator`.
  const locator = readOptionalString(s, "locator") ?? readString(s, "uuid", "session");
  const completedAtNs = readNullableBigInt(s, "completed_at_ns");
  return {
    locator,
    createdAtNs: readBigInt(s, "created_at_ns", "session"),
    completedAtNs,
    locked: typeof s.locked === "boolean" ? s.locked : completedAtNs !== null,
    topics: Array.isArray(s.topics) ? s.topics.filter((t): t is string => typeof t === "string") : [],
  };
}

/**
 * J1-era servers (before 0.6) named times `created_timestamp` /
 * `completed_timestamp` and nested topic facts under `info.is_locked` etc.
 * (docs/protocol.md §0.1). We do not parse that layout: say so instead of reporting
 * a corrupted answer.
 */
function refuseJ1(obj: JsonObject, what: string): void {
  const info = isJsonObject(obj.info) ? obj.info : {};
  const j1 = !("created_at_ns" in obj) && ("created_timestamp" in obj || "created_timestamp" in info || "is_locked" in info);
  if (j1) {
    throw new MosaicoError(
      Code.Unimplemented,
      `the server sent ${what} in the J1 layout (mosaicod before 0.6): J1 servers are not supported, upgrade to mosaicod 0.6 or later`,
    );
  }
}

/** A sequence's FlightInfo.app_metadata (parsed JSON) -> SequenceAppMetadata; DATA_LOSS when a required field is missing. */
export function decodeSequenceAppMetadataJson(value: JsonValue): SequenceAppMetadata {
  const obj = asObject(value, "sequence app-metadata");
  refuseJ1(obj, "sequence app-metadata");
  const metadata: SequenceAppMetadata = {
    locator: readString(obj, "resource_locator", "sequence app-metadata"),
    createdAtNs: readBigInt(obj, "created_at_ns", "sequence app-metadata"),
    sessions: Array.isArray(obj.sessions) ? obj.sessions.map(readSession) : [],
  };
  if ("user_metadata" in obj) metadata.userMetadata = obj.user_metadata ?? null;
  return metadata;
}

function readJ2Info(info: JsonObject): TopicAppMetadata["dataInfo"] {
  return {
    interval: readInterval(info.timestamp),
    totalBytes: toBigInt(info.total_bytes),
    chunks: typeof info.chunks_number === "number" ? info.chunks_number : undefined,
  };
}

function readJ3DataInfo(info: JsonObject): TopicAppMetadata["dataInfo"] {
  const chunks = toBigInt(info.total_chunks_count);
  return {
    interval: readInterval(info.interval),
    rowCount: toBigInt(info.total_row_count),
    totalBytes: toBigInt(info.total_bytes),
    chunks: chunks === undefined ? undefined : Number(chunks),
  };
}

/** A topic endpoint's app_metadata (parsed JSON, J2 or J3 shape) -> TopicAppMetadata. */
export function decodeTopicAppMetadataJson(value: JsonValue): TopicAppMetadata {
  const obj = asObject(value, "topic app-metadata");
  refuseJ1(obj, "topic app-metadata");
  const completedAtNs = readNullableBigInt(obj, "completed_at_ns");
  const metadata: TopicAppMetadata = {
    locator: readString(obj, "resource_locator", "topic app-metadata"),
    createdAtNs: readBigInt(obj, "created_at_ns", "topic app-metadata"),
    completedAtNs,
    locked: typeof obj.locked === "boolean" ? obj.locked : completedAtNs !== null,
    ontologyTag: readOptionalString(obj, "ontology_tag"),
    serializationFormat: readOptionalString(obj, "serialization_format"),
  };
  if ("user_metadata" in obj) metadata.userMetadata = obj.user_metadata ?? null;
  if (isJsonObject(obj.data_info)) metadata.dataInfo = readJ3DataInfo(obj.data_info);
  else if (isJsonObject(obj.info)) metadata.dataInfo = readJ2Info(obj.info);
  if ("time_window_info" in obj) {
    const window = obj.time_window_info;
    metadata.timeWindow = isJsonObject(window)
      ? { interval: readInterval(window.interval), rowCount: toBigInt(window.row_count) ?? 0n }
      : null;
  }
  return metadata;
}

