/**
 * The `mosaico:*` keys of an Arrow schema's metadata (docs/protocol.md §6.4), as sent
 * on GetFlightInfo topic/sequence schemas and DoGet schemas.
 *
 * Like the Python SDK, every value is read as JSON and kept as the raw string
 * when it is not JSON. i64 values (counts, nanosecond timestamps) stay exact.
 */
import type { Schema } from "apache-arrow";
import { isJsonObject, parseJson, toBigInt, type JsonObject, type JsonValue } from "../json.js";

/** `mosaico:properties`, typed where the protocol defines the key. */
export interface MosaicoSchemaProperties {
  /** `serialization_format`, e.g. "default". */
  serializationFormat?: string;
  /** `ontology_tag`, e.g. "imu". */
  ontologyTag?: string;
  /** `message_count` (DoGet, when the result has data). */
  messageCount?: bigint;
  /** `timestamp_ns_min` (DoGet, when the result has data). */
  timestampNsMin?: bigint;
  /** `timestamp_ns_max` (DoGet, when the result has data). */
  timestampNsMax?: bigint;
  /** Any other key, under its wire name, as parsed (also a known key with an unexpected type). */
  [key: string]: JsonValue | undefined;
}

/** What parseMosaicoSchemaMetadata returns; absent keys stay undefined. */
export interface MosaicoSchemaMetadata {
  /** `mosaico:context`: "topic" or "sequence" (other strings are passed through). */
  context?: "topic" | "sequence" | (string & {});
  /** `mosaico:properties` when it is a JSON object. */
  properties?: MosaicoSchemaProperties;
  /**
   * `mosaico:user_metadata` (JSON, or the raw string when not JSON); undefined
   * when absent or `null`. Top-level keys containing `ros:` (internal ROS
   * bridge keys) are dropped, as the Python SDK does.
   */
  userMetadata?: JsonValue;
}

/** Schema metadata key: "topic" or "sequence". */
export const CONTEXT_KEY = "mosaico:context";
/** Schema metadata key: platform properties (JSON). */
export const PROPERTIES_KEY = "mosaico:properties";
/** Schema metadata key: the user's metadata (JSON). */
export const USER_METADATA_KEY = "mosaico:user_metadata";

/** JSON when it parses, else the raw text (Python SDK behaviour). */
export function parseMetadataValue(text: string): JsonValue {
  try {
    return parseJson(text);
  } catch {
    return text;
  }
}

const STRING_PROPERTIES = { serialization_format: "serializationFormat", ontology_tag: "ontologyTag" } as const;
const I64_PROPERTIES = {
  message_count: "messageCount",
  timestamp_ns_min: "timestampNsMin",
  timestamp_ns_max: "timestampNsMax",
} as const;

function parseProperties(raw: JsonObject): MosaicoSchemaProperties {
  const out: MosaicoSchemaProperties = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key in STRING_PROPERTIES && typeof value === "string") {
      out[STRING_PROPERTIES[key as keyof typeof STRING_PROPERTIES]] = value;
      continue;
    }
    const exact = key in I64_PROPERTIES ? toBigInt(value) : undefined;
    if (exact !== undefined) {
      out[I64_PROPERTIES[key as keyof typeof I64_PROPERTIES]] = exact;
      continue;
    }
    out[key] = value;
  }
  return out;
}

function withoutRosKeys(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.includes("ros:")));
}

/**
 * Reads the `mosaico:context`, `mosaico:properties` and `mosaico:user_metadata`
 * keys of a schema (or of its metadata map). Never throws: malformed values
 * are passed through as strings or left out.
 */
export function parseMosaicoSchemaMetadata(source: Schema | ReadonlyMap<string, string>): MosaicoSchemaMetadata {
  const metadata = source instanceof Map ? source : (source as Schema).metadata;
  const result: MosaicoSchemaMetadata = {};

  const context = metadata.get(CONTEXT_KEY);
  if (context !== undefined) {
    const value = parseMetadataValue(context);
    result.context = typeof value === "string" ? value : context;
  }

  const properties = metadata.get(PROPERTIES_KEY);
  if (properties !== undefined) {
    const value = parseMetadataValue(properties);
    if (isJsonObject(value)) result.properties = parseProperties(value);
  }

  const user = metadata.get(USER_METADATA_KEY);
  if (user !== undefined) {
    const value = parseMetadataValue(user);
    if (value !== null) result.userMetadata = withoutRosKeys(value);
  }
  return result;
}
