/**
 * What the mapping tests share: a ROS 2 test recording written from channel
 * specs, the rows a model reads from a topic, a ROS header of the fixtures'
 * clock, and an exported MCAP decoded back per topic
 * (ROS 2 CDR with each channel's own schema), typed arrays as plain arrays so
 * that decoded messages compare with the fixtures' objects.
 */
import { parse } from "@foxglove/rosmsg";
import { MessageReader, MessageWriter } from "@foxglove/rosmsg2-serialization";
import { McapIndexedReader, McapWriter, TempBuffer } from "@mcap/core";
import type { MosaicoClient } from "../../../src/node/index.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/** The fixtures' clock: the first message's log time, in ns, and the step between messages (50 Hz). */
export const T0 = 1_800_000_000_000_000_000n;
export const STEP = 20_000_000n;

/** One ROS 2 channel of a test recording: topic, message type, its definition and its i-th message. */
export interface CdrChannel {
  topic: string;
  type: string;
  definition: string;
  message: (i: number) => Record<string, unknown>;
}

/** The fixtures' clock: `count` messages per channel, the first at `t0`, one every `step` ns. */
export interface RecordingClock {
  count: number;
  t0: bigint;
  step: bigint;
}

/** Registers each channel's ros2msg schema and cdr channel; returns each with its id and a CDR writer for its messages. */
export async function registerCdrChannels<C extends Pick<CdrChannel, "topic" | "type" | "definition">>(writer: McapWriter, channels: readonly C[]): Promise<Array<{ id: number; spec: C; cdr: MessageWriter }>> {
  const registered: Array<{ id: number; spec: C; cdr: MessageWriter }> = [];
  for (const spec of channels) {
    const schemaId = await writer.registerSchema({ name: spec.type, encoding: "ros2msg", data: new TextEncoder().encode(spec.definition) });
    const id = await writer.registerChannel({ topic: spec.topic, schemaId, messageEncoding: "cdr", metadata: new Map() });
    registered.push({ id, spec, cdr: new MessageWriter(parse(spec.definition, { ros2: true })) });
  }
  return registered;
}

/** A ros2 MCAP of `channels` (cdr, small chunks): every channel's messages interleaved by log time (= publish time). */
export async function cdrRecording(channels: readonly CdrChannel[], clock: RecordingClock): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = new TempBuffer();
  const writer = new McapWriter({ writable: buffer, useChunks: true, chunkSize: 4 * 1024 });
  await writer.start({ profile: "ros2", library: "mosaico-web tests" });
  const registered = await registerCdrChannels(writer, channels);
  for (let i = 0; i < clock.count; i++) {
    const t = clock.t0 + BigInt(i) * clock.step;
    for (const { id, spec, cdr } of registered) await writer.addMessage({ channelId: id, sequence: i, logTime: t, publishTime: t, data: cdr.writeMessage(spec.message(i)) });
  }
  await writer.end();
  return new Uint8Array(buffer.get());
}

/** Every row of a topic, as a model reads it. */
export async function rowsOf(client: MosaicoClient, locator: string, model: { rows(batch: never): Iterable<Row> }): Promise<Row[]> {
  const out: Row[] = [];
  for await (const batch of await client.topicReader(locator)) out.push(...model.rows(batch as never));
  return out;
}

/** The header of fixture message `i` (20 ms apart on the fixtures' sensor clock). */
export const stamp = (i: number, frame: string) => ({ timestamp: { seconds: T0 / 1_000_000_000n, nanoseconds: BigInt(i) * STEP }, frame_id: frame });

/** Typed arrays as plain arrays, so decoded CDR compares with the fixtures' messages. */
export function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** An exported MCAP's messages per topic, each decoded with its channel's ROS 2 schema. */
export async function readCdrMcap(bytes: Uint8Array) {
  const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(bytes) });
  const byTopic = new Map<string, Array<{ logTime: bigint; message: unknown }>>();
  const decoders = new Map<number, MessageReader>();
  for (const channel of reader.channelsById.values()) {
    const schema = reader.schemasById.get(channel.schemaId)!;
    decoders.set(channel.id, new MessageReader(parse(new TextDecoder().decode(schema.data), { ros2: true })));
  }
  for await (const m of reader.readMessages()) {
    const topic = reader.channelsById.get(m.channelId)!.topic;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), { logTime: m.logTime, message: plain(decoders.get(m.channelId)!.readMessage(m.data)) }]);
  }
  return { reader, byTopic };
}
