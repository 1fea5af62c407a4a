/**
 * exportRecording(): a sequence back to MCAP, through the SDK's sequence
 * reader (topics merged by `timestamp_ns`, about two batches per topic in
 * memory). Each topic's encoding is resolved as the Python bridges resolve
 * adapters, msgtype first and ontology tag second: `_ros_.msgtype` of a mapped
 * type, else the ROS type of the topic's ontology tag -> ROS 2 CDR with a
 * `ros2msg` schema (the kept `_ros_.msgdef`, else the bridge's own); a generic
 * topic with `_ros_.msgdef` -> CDR with that definition (its original
 * message); a topic with `_mcap_` metadata of a protobuf or json channel ->
 * its original channel, schema and encoding (mcap-original-export.ts);
 * anything else -> JSON with a JSON Schema derived from the topic's columns.
 * `log_time` and `publish_time` are each row's `timestamp_ns` (publish_time
 * the kept `publish_time_ns` of an `_mcap_` topic that has one). A topic imported
 * from a ROS 1 bag keeps a ROS 1 `msgdef` (as the Python bridge's, generated
 * with ros_version 1): a mapped type is written as ROS 2 CDR with the bridge's
 * own definition, a generic one as `ros1` messages with its `ros1msg` schema
 * (which Foxglove also opens).
 */
import { parse } from "@foxglove/rosmsg";
import { MessageWriter as Ros1Writer } from "@foxglove/rosmsg-serialization";
import { MessageWriter } from "@foxglove/rosmsg2-serialization";
import { McapWriter, type IWritable } from "@mcap/core";
import type { RecordBatch } from "apache-arrow";
import type { MosaicoClient } from "../client.js";
import type { TopicInfo } from "../control/types.js";
import type { SequenceItem } from "../data/sequence-reader.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { iterateRows } from "../ontology/row-reader.js";
import { MCAP_METADATA_KEY, ROS_METADATA_KEY } from "./channel-plan.js";
import { jsonSchemaOfArrow, rowToJson } from "./json-flatten.js";
import { originalChannelEncoder } from "./mcap-original-export.js";
import { flattenRosDefinition } from "./ros-flatten.js";
import { builtinRos2Definition } from "./ros2-definitions.js";
import { rosMappingOf, rosMappingOfTag, type RosObject } from "./ros-mappings.js";

/** Options of exportRecording(). */
export interface ExportRecordingOptions {
  /** The container written; MCAP is the only one. */
  format: "mcap";
  /** Topic names to export; all when omitted. */
  topics?: string[] | undefined;
  /** First `timestamp_ns` exported (inclusive). */
  startNs?: bigint | undefined;
  /** End of the range (exclusive). */
  endNs?: bigint | undefined;
  /** MCAP chunk size in bytes (default 1 MiB; chunks are uncompressed, which Foxglove opens directly). */
  chunkSize?: number | undefined;
  signal?: AbortSignal | undefined;
}

interface TopicEncoder {
  channelId: number;
  sequence: number;
  encode(row: RosObject): Uint8Array;
  /** The publish time of a row, when it is not its `timestamp_ns`. */
  publishTime?(row: RosObject): bigint;
}

/** Bytes the MCAP writer emits, handed to the stream as they come. */
class QueueWritable implements IWritable {
  readonly queue: Uint8Array[] = [];
  #position = 0n;
  async write(buffer: Uint8Array): Promise<void> {
    this.queue.push(buffer.slice());
    this.#position += BigInt(buffer.byteLength);
  }
  position(): bigint {
    return this.#position;
  }
}

function metadataBlock(topic: TopicInfo, key: string): RosObject | undefined {
  const meta = topic.userMetadata as RosObject | null;
  const block = meta && typeof meta === "object" ? meta[key] : undefined;
  return block && typeof block === "object" ? (block as RosObject) : undefined;
}

async function cdrEncoder(writer: McapWriter, topic: string, msgtype: string, msgdef: string, toRos: (row: RosObject) => RosObject): Promise<TopicEncoder> {
  const cdr = new MessageWriter(parse(msgdef, { ros2: true }));
  const schemaId = await writer.registerSchema({ name: msgtype, encoding: "ros2msg", data: new TextEncoder().encode(msgdef) });
  const channelId = await writer.registerChannel({ topic, schemaId, messageEncoding: "cdr", metadata: new Map() });
  return { channelId, sequence: 0, encode: (row) => cdr.writeMessage(toRos(row)) };
}

/**
 * Whether a kept definition is ROS 1 text: ROS 1 has the primitives `time` and
 * `duration` (its Header is `uint32 seq, time stamp, string frame_id`), ROS 2
 * has builtin_interfaces/Time instead. A definition without either reads the
 * same both ways.
 */
function isRos1Definition(msgdef: string): boolean {
  try {
    return parse(msgdef).some((d) => d.definitions.some((f) => !f.isConstant && (f.type === "time" || f.type === "duration")));
  } catch {
    return false;
  }
}

async function ros1Encoder(writer: McapWriter, topic: string, msgtype: string, msgdef: string): Promise<TopicEncoder> {
  const definitions = parse(msgdef);
  const ros1 = new Ros1Writer(definitions);
  const plan = flattenRosDefinition(definitions);
  const name = msgtype.replace("/msg/", "/"); // ros1msg schema names are pkg/Type
  const schemaId = await writer.registerSchema({ name, encoding: "ros1msg", data: new TextEncoder().encode(msgdef) });
  const channelId = await writer.registerChannel({ topic, schemaId, messageEncoding: "ros1", metadata: new Map() });
  return { channelId, sequence: 0, encode: (row) => ros1.writeMessage(plan.unflatten(row)) };
}

async function encoderOf(writer: McapWriter, topic: TopicInfo, batch: RecordBatch): Promise<TopicEncoder> {
  const ros = metadataBlock(topic, ROS_METADATA_KEY);
  const mcap = metadataBlock(topic, MCAP_METADATA_KEY);
  const keptDef = typeof ros?.msgdef === "string" ? (ros.msgdef as string) : undefined;
  const msgtype = typeof ros?.msgtype === "string" ? (ros.msgtype as string) : undefined;
  const byType = msgtype ? rosMappingOf(msgtype) : undefined;
  const mapping = byType ?? (topic.ontologyTag ? rosMappingOfTag(topic.ontologyTag) : undefined);
  if (mapping) {
    const type = byType ? msgtype! : mapping.msgtypes[0]!;
    const def = (byType && keptDef && !isRos1Definition(keptDef) ? keptDef : undefined) || builtinRos2Definition(type);
    if (def) return cdrEncoder(writer, topic.name, type, def, (row) => mapping.toRos(row, type));
  }
  if (msgtype && keptDef && isRos1Definition(keptDef)) return ros1Encoder(writer, topic.name, msgtype, keptDef);
  if (msgtype && keptDef) {
    const plan = flattenRosDefinition(parse(keptDef, { ros2: true }));
    return cdrEncoder(writer, topic.name, msgtype, keptDef, (row) => plan.unflatten(row));
  }
  const original = await originalChannelEncoder(writer, mcap);
  if (original) return original;
  const keptJson = mcap?.schema_encoding === "jsonschema" && typeof mcap.schema_def === "string";
  const name = keptJson ? String(mcap.schema_name) : (topic.ontologyTag ?? topic.name);
  const schemaText = keptJson ? (mcap.schema_def as string) : jsonSchemaOfArrow(batch.schema, name);
  const schemaId = await writer.registerSchema({ name, encoding: "jsonschema", data: new TextEncoder().encode(schemaText) });
  const channel = typeof mcap?.channel_name === "string" ? (mcap.channel_name as string) : topic.name;
  const channelId = await writer.registerChannel({ topic: channel, schemaId, messageEncoding: "json", metadata: new Map() });
  const text = new TextEncoder();
  return { channelId, sequence: 0, encode: (row) => text.encode(rowToJson(row)) };
}

/**
 * A topic of the sequence's description with its ontology tag and user metadata. A 0.6 server (J2) puts them in the
 * topic's own FlightInfo only (its schema metadata), not in the sequence's endpoints, so such a topic is described
 * again; without them every topic would be exported as JSON named after its path.
 */
async function described(client: MosaicoClient, topic: TopicInfo, signal: AbortSignal | undefined): Promise<TopicInfo> {
  if (topic.ontologyTag !== undefined || topic.userMetadata != null) return topic;
  return client.topicInfo(topic.locator, { signal });
}

/**
 * Streams a sequence as MCAP bytes: ROS 2 CDR for mapped types, topics
 * imported from protobuf or JSON channels in their original encoding on their
 * original channel, JSON with JSON Schema for other generic topics,
 * `log_time` = `timestamp_ns`, topics merged
 * in time order. The stream is also an async iterable.
 *
 * @example
 * ```ts
 * import { exportRecording } from "mosaico-web/bridge";
 * const stream = exportRecording(client, "drive_42", { format: "mcap", topics: ["/imu", "/gps"] });
 * const blob = await new Response(stream).blob(); // or pipe it to a file
 * ```
 */
export function exportRecording(client: MosaicoClient, sequence: string, options: ExportRecordingOptions): ReadableStream<Uint8Array> & AsyncIterable<Uint8Array> {
  const out = new QueueWritable();
  const writer = new McapWriter({ writable: out, useChunks: true, chunkSize: options.chunkSize ?? 1024 * 1024 });
  const encoders = new Map<string, TopicEncoder>();
  let items: AsyncIterator<SequenceItem> | undefined;
  let cancel: (() => Promise<void>) | undefined;
  let infos = new Map<string, TopicInfo>();
  const drain = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    for (const chunk of out.queue.splice(0)) controller.enqueue(chunk);
  };
  const stream = new ReadableStream<Uint8Array>({
    async start() {
      try {
        const reader = await client.sequenceReader(sequence, { topics: options.topics, startNs: options.startNs, endNs: options.endNs, signal: options.signal });
        items = reader[Symbol.asyncIterator]();
        cancel = () => reader.cancel();
        infos = new Map((await Promise.all(reader.topics.map((t) => described(client, t, options.signal)))).map((t) => [t.locator, t]));
        await writer.start({ profile: "ros2", library: "mosaico-web" });
      } catch (reason) {
        throw MosaicoError.from(reason);
      }
    },
    async pull(controller) {
      try {
        while (out.queue.length === 0) {
          const next = await items!.next();
          if (next.done) {
            await writer.end();
            drain(controller);
            controller.close();
            return;
          }
          const { topic, locator, batch } = next.value;
          let encoder = encoders.get(locator);
          if (!encoder) {
            encoder = await encoderOf(writer, infos.get(locator) ?? ({ name: topic, locator, userMetadata: null } as unknown as TopicInfo), batch);
            encoders.set(locator, encoder);
          }
          for (const row of iterateRows(batch)) {
            await writer.addMessage({ channelId: encoder.channelId, sequence: encoder.sequence++, logTime: row.timestamp_ns, publishTime: encoder.publishTime?.(row) ?? row.timestamp_ns, data: encoder.encode(row) });
          }
        }
        drain(controller);
      } catch (reason) {
        await cancel?.().catch(() => {});
        throw MosaicoError.from(reason);
      }
    },
    async cancel() {
      await cancel?.();
    },
  });
  return withAsyncIterator(stream);
}

/** Gives a ReadableStream `for await` where the runtime lacks it (Chromium before 2024, Safari). */
function withAsyncIterator(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> & AsyncIterable<Uint8Array> {
  const s = stream as ReadableStream<Uint8Array> & Partial<AsyncIterable<Uint8Array>>;
  if (typeof s[Symbol.asyncIterator] !== "function") {
    Object.defineProperty(s, Symbol.asyncIterator, {
      value: async function* () {
        const reader = stream.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            yield value;
          }
        } finally {
          reader.releaseLock();
        }
      },
    });
  }
  return s as ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>;
}
