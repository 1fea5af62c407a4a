/**
 * What one MCAP channel becomes: its topic name, model, topic metadata and
 * how its messages decode. ROS 2 channels (`cdr` messages, `ros2msg`
 * schemas) follow the Python ROS bridge: `timestamp_ns` is the log time (the
 * bag timestamp, ROSAdapterBase.translate), well-known types go to their
 * model, and the topic metadata carries `_ros_: { msgtype, msgdef, enums }`
 * (RosSchemaMetadata). JSON channels follow the Python MCAP bridge: an
 * unmodeled topic, `timestamp_ns` the publish time (MCAPAdapterBase.translate;
 * the log time when a writer left publish time at 0), and `_mcap_: {
 * channel_name, channel_encoding, schema_name, schema_encoding, schema_def }`
 * (MCAPSchemaMetadata). ROS 1 channels (`ros1` messages, `ros1msg` schemas,
 * which is also what a ROS 1 bag's connections become) are planned as ROS 2
 * ones, decoded with @foxglove/rosmsg-serialization. Protobuf channels follow
 * the Python MCAP bridge's protobuf decoder like JSON ones, with `schema_def`
 * the base64 of the FileDescriptorSet (MCAPProtobufMsgDecoder.stringify_schema_def).
 */
import { parse } from "@foxglove/rosmsg";
import { MessageReader as Ros1Reader } from "@foxglove/rosmsg-serialization";
import { MessageReader as Ros2Reader } from "@foxglove/rosmsg2-serialization";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { defineOntology, type OntologyModelBase } from "../ontology/define-ontology.js";
import type { FieldMap } from "../ontology/field-spec.js";
import { flattenJsonSchema } from "./json-flatten.js";
import { flattenProtobufSchema } from "./protobuf-flatten.js";
import { flattenRosDefinition } from "./ros-flatten.js";
import { ros2MsgType } from "./ros2-definitions.js";
import { rosMappingOf, type RosObject } from "./ros-mappings.js";

/** The reserved topic-metadata key of the Python ROS bridge (RosSchemaMetadata.KEY). */
export const ROS_METADATA_KEY = "_ros_";
/** The reserved topic-metadata key of the Python MCAP bridge (MCAPSchemaMetadata.KEY). */
export const MCAP_METADATA_KEY = "_mcap_";

/** How a channel is mapped: `"auto"` (the table), `"generic"` (flattened columns), `"skip"`, or a ROS message type of the table. */
export type TopicMapping = "auto" | "generic" | "skip" | string;

/** The MCAP records a plan is built from (the shapes of @mcap/core). */
export interface ChannelRecord {
  id: number;
  topic: string;
  messageEncoding: string;
  schema?: { name: string; encoding: string; data: Uint8Array } | undefined;
}

/** One channel, ready to write. */
export interface ChannelPlan {
  readonly channelId: number;
  /** The channel's topic as recorded. */
  readonly channel: string;
  /** The topic name in the sequence (characters Mosaico forbids replaced by `_`). */
  readonly topic: string;
  readonly model: OntologyModelBase;
  /** The ROS type mapped, or undefined for a generic topic. */
  readonly mappedType: string | undefined;
  readonly userMetadata: Record<string, unknown>;
  /** MCAP message -> sample with `timestamp_ns`. */
  sample(data: Uint8Array, logTime: bigint, publishTime: bigint): RosObject;
}

/** A channel the import leaves out, and why. */
export interface SkippedChannel {
  channel: string;
  reason: string;
}

const FORBIDDEN = /[!"'*£$%&. :]/g;

/** A channel topic as a Mosaico topic name (the Python bridge's sanitizing of channel names). */
export function topicNameOf(channel: string): string {
  const name = channel.replace(FORBIDDEN, "_").replace(/\/{2,}/g, "/").replace(/\/+$/, "");
  return name.startsWith("/") ? name : `/${name}`;
}

/** A schema name as an ontology tag (`my_pkg/msg/Custom` -> `my_pkg_msg_custom`). */
export function genericTagOf(schemaName: string): string {
  const tag = schemaName.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").toLowerCase();
  return tag || "unmodeled";
}

function genericModel(schemaName: string, fields: FieldMap): OntologyModelBase {
  return defineOntology({ name: schemaName || "Unmodeled", tag: genericTagOf(schemaName), fields });
}

function enumsOf(definition: ReturnType<typeof parse>[number] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of definition?.definitions ?? []) {
    if (f.isConstant) out[f.name] = typeof f.value === "bigint" ? Number(f.value) : f.value;
  }
  return out;
}

function rosPlan(channel: ChannelRecord, mapping: TopicMapping, base: Record<string, unknown>): ChannelPlan {
  const schema = channel.schema!;
  const msgdef = new TextDecoder().decode(schema.data);
  const ros2 = schema.encoding === "ros2msg";
  const definitions = parse(msgdef, { ros2 });
  const reader = ros2 ? new Ros2Reader(definitions) : new Ros1Reader(definitions);
  const msgtype = ros2MsgType(schema.name);
  const mapped = mapping === "generic" ? undefined : rosMappingOf(mapping === "auto" ? msgtype : mapping);
  if (mapping !== "auto" && mapping !== "generic" && !mapped) {
    throw new MosaicoError(Code.InvalidArgument, `no mapping for ${mapping} (topic ${channel.topic}); use "auto", "generic" or a type of rosMappings`);
  }
  const root = definitions.find((d) => !d.name) ?? definitions[0];
  const userMetadata = { ...base, [ROS_METADATA_KEY]: { msgtype, msgdef, enums: enumsOf(root) } };
  const common = { channelId: channel.id, channel: channel.topic, topic: topicNameOf(channel.topic), userMetadata };
  if (mapped) {
    return {
      ...common,
      model: mapped.model,
      mappedType: msgtype,
      sample: (data, logTime) => ({ timestamp_ns: logTime, ...mapped.fromRos(reader.readMessage(data) as RosObject) }),
    };
  }
  const plan = flattenRosDefinition(definitions);
  return {
    ...common,
    model: genericModel(msgtype, plan.fields),
    mappedType: undefined,
    sample: (data, logTime) => ({ timestamp_ns: logTime, ...plan.flatten(reader.readMessage(data) as RosObject) }),
  };
}

interface McapDecoding {
  fields: FieldMap;
  decode(data: Uint8Array): RosObject;
  schemaDef: string;
}

function jsonDecoding(channel: ChannelRecord): McapDecoding {
  const schema = channel.schema;
  const schemaDef = schema ? new TextDecoder().decode(schema.data) : "";
  const plan = flattenJsonSchema(schema?.encoding === "jsonschema" ? schemaDef : "");
  const decoder = new TextDecoder();
  return { fields: plan.fields, schemaDef, decode: (data) => plan.flatten(JSON.parse(decoder.decode(data)) as RosObject) };
}

function protobufDecoding(channel: ChannelRecord): McapDecoding {
  const schema = channel.schema!;
  const plan = flattenProtobufSchema(schema.name, schema.data);
  return { fields: plan.fields, schemaDef: toBase64(schema.data), decode: plan.decode };
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A channel of the Python MCAP bridge (JSON, protobuf): unmodeled, `timestamp_ns` the publish time, `_mcap_` metadata. */
function mcapPlan(channel: ChannelRecord, base: Record<string, unknown>, decoding: McapDecoding): ChannelPlan {
  const schema = channel.schema;
  const meta = {
    channel_name: channel.topic,
    channel_encoding: channel.messageEncoding,
    schema_name: schema?.name ?? "",
    schema_encoding: schema?.encoding ?? "",
    schema_def: decoding.schemaDef,
  };
  return {
    channelId: channel.id,
    channel: channel.topic,
    topic: topicNameOf(channel.topic),
    model: genericModel(schema?.name ?? "", decoding.fields),
    mappedType: undefined,
    userMetadata: { ...base, [MCAP_METADATA_KEY]: meta },
    sample: (data, logTime, publishTime) => ({ timestamp_ns: publishTime > 0n ? publishTime : logTime, ...decoding.decode(data) }),
  };
}

/** The plan of a channel, or the reason it is skipped. */
export function planChannel(channel: ChannelRecord, mapping: TopicMapping, topicMetadata: Record<string, unknown> = {}): ChannelPlan | SkippedChannel {
  if (mapping === "skip") return { channel: channel.topic, reason: "skipped by the mapping option" };
  const encoding = channel.messageEncoding;
  if (encoding === "cdr" && channel.schema?.encoding === "ros2msg") return rosPlan(channel, mapping, topicMetadata);
  if (encoding === "ros1" && channel.schema?.encoding === "ros1msg") return rosPlan(channel, mapping, topicMetadata);
  if (encoding === "json") return mcapPlan(channel, topicMetadata, jsonDecoding(channel));
  if (encoding === "protobuf" && channel.schema?.encoding === "protobuf") return mcapPlan(channel, topicMetadata, protobufDecoding(channel));
  const schema = channel.schema ? `${channel.schema.encoding} schema ${channel.schema.name}` : "no schema";
  return { channel: channel.topic, reason: `message encoding ${encoding} (${schema}) is not supported: the bridge reads cdr with ros2msg schemas, ros1 with ros1msg schemas, protobuf with protobuf schemas, and json` };
}
