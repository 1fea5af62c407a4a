/**
 * Topics that carry the Python MCAP bridge's `_mcap_` metadata (imported from
 * a `json` or `protobuf` MCAP channel, by this SDK or by the Python one) are
 * exported as the Python MCAP extractor writes them: each message rebuilt in
 * its original encoding on its original channel (MCAPFileWriter.
 * register_or_get_channel_id: topic `channel_name`, encoding
 * `channel_encoding`, a schema of `schema_name`, `schema_encoding` and the
 * destringified `schema_def`), `log_time` the row's `timestamp_ns` and
 * `publish_time` its `publish_time_ns` when the topic kept one (the Python
 * UnmodeledAdapter stores it as a field and pops it in to_mcap), else the log
 * time. Rows are nested back from either layout: ours (dotted columns,
 * `center.x`) and the Python Unmodeled one (struct columns, `center: {x}`).
 */
import type { McapWriter } from "@mcap/core";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { flattenJsonSchema, jsonValue } from "./json-flatten.js";
import { protobufEncoderOf } from "./protobuf-unflatten.js";
import type { RosObject } from "./ros-mappings.js";

/** The field the Python UnmodeledAdapter adds to each row (from_dict) and pops on the way out (to_mcap). */
export const PUBLISH_TIME_COLUMN = "publish_time_ns";

/** How the rows of one topic become messages of its original channel. */
export interface OriginalChannelEncoder {
  channelId: number;
  sequence: number;
  encode(row: RosObject): Uint8Array;
  publishTime(row: RosObject): bigint;
}

const isObject = (v: unknown): v is RosObject => typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/**
 * A row as the nested message it was flattened from: dotted columns nested
 * back into objects, struct columns kept (merged with dotted siblings), the
 * envelope (`timestamp_ns`, `publish_time_ns`) left out. Null values are
 * already absent (iterateRows).
 */
export function nestRow(row: RosObject): RosObject {
  const out: RosObject = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === "timestamp_ns" || name === PUBLISH_TIME_COLUMN) continue;
    const path = name.split(".");
    let node = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = isObject(next) ? next : (node[key] = {});
    }
    const last = path[path.length - 1]!;
    const kept = node[last];
    node[last] = isObject(kept) && isObject(value) ? { ...kept, ...value } : value;
  }
  return out;
}

function publishTimeOf(row: RosObject): bigint {
  const kept = row[PUBLISH_TIME_COLUMN];
  if (typeof kept === "bigint") return kept;
  if (typeof kept === "number" && Number.isSafeInteger(kept)) return BigInt(kept);
  return row.timestamp_ns as bigint;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

function fromBase64(value: string): Uint8Array {
  try {
    return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  } catch (reason) {
    throw new MosaicoError(Code.InvalidArgument, "the topic's _mcap_ schema_def of a protobuf schema must be the base64 of its FileDescriptorSet", { cause: reason });
  }
}

/** A JSON row: the whole message, when the kept schema had no usable properties (the import's single `json` column). */
function wholeMessageColumn(schemaDef: string): boolean {
  const fields = Object.keys(flattenJsonSchema(schemaDef).fields);
  if (fields.length !== 1 || fields[0] !== "json") return false;
  try {
    return !(JSON.parse(schemaDef) as { properties?: Record<string, unknown> } | null)?.properties?.json;
  } catch {
    return true;
  }
}

async function protobufChannel(writer: McapWriter, mcap: RosObject): Promise<OriginalChannelEncoder> {
  const schemaName = text(mcap.schema_name);
  const fds = fromBase64(text(mcap.schema_def));
  const encode = protobufEncoderOf(schemaName, fds);
  const schemaId = await writer.registerSchema({ name: schemaName, encoding: "protobuf", data: fds });
  const channelId = await writer.registerChannel({ topic: text(mcap.channel_name), schemaId, messageEncoding: "protobuf", metadata: new Map() });
  return { channelId, sequence: 0, encode: (row) => encode(nestRow(row)), publishTime: publishTimeOf };
}

async function jsonChannel(writer: McapWriter, mcap: RosObject): Promise<OriginalChannelEncoder> {
  const schemaEncoding = text(mcap.schema_encoding);
  const schemaDef = text(mcap.schema_def);
  // MCAP lets a json channel go without a schema (schema id 0), as it was recorded.
  const schemaId = schemaEncoding ? await writer.registerSchema({ name: text(mcap.schema_name), encoding: schemaEncoding, data: new TextEncoder().encode(schemaDef) }) : 0;
  const channelId = await writer.registerChannel({ topic: text(mcap.channel_name), schemaId, messageEncoding: "json", metadata: new Map() });
  const utf8 = new TextEncoder();
  const whole = wholeMessageColumn(schemaEncoding === "jsonschema" ? schemaDef : "");
  const encode = (row: RosObject) => utf8.encode(whole && typeof row.json === "string" ? row.json : JSON.stringify(jsonValue(nestRow(row))));
  return { channelId, sequence: 0, encode, publishTime: publishTimeOf };
}

/**
 * The encoder of a topic with `_mcap_` metadata of a `protobuf` (with a
 * `protobuf` schema) or `json` channel, or undefined for any other topic (which
 * keeps the export's other encodings).
 */
export async function originalChannelEncoder(writer: McapWriter, mcap: RosObject | undefined): Promise<OriginalChannelEncoder | undefined> {
  if (!mcap || typeof mcap.channel_name !== "string") return undefined;
  if (mcap.channel_encoding === "protobuf" && mcap.schema_encoding === "protobuf") return protobufChannel(writer, mcap);
  if (mcap.channel_encoding === "json") return jsonChannel(writer, mcap);
  return undefined;
}
