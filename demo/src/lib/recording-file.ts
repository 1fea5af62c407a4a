/**
 * Reading a dropped recording before importing it: an MCAP file's channels
 * (from its summary, or by a front-to-back scan when it has no index), with
 * what the bridge's planChannel() makes of each under "auto" and "generic",
 * so that the page shows the mapping importRecording() will apply. A ROS 1
 * bag's connections come from the bridge's listBagChannels() (its index), as
 * the same channels; a bag whose index does not read is still offered to
 * importRecording(), whose error then says what is wrong.
 */
import { loadBridge, type ChannelRecord } from "../sdk.js";

/** What one mapping choice makes of a channel: the topic written, or why nothing is. */
export type ChannelOutcome = { topic: string; tag: string; mappedType: string | undefined } | { reason: string };

export interface RecordingChannel {
  /** The channel's topic as recorded (the key of importRecording's `mapping`). */
  topic: string;
  schemaName: string;
  messageEncoding: string;
  schemaEncoding: string;
  /** From the summary's statistics or the scan; undefined when the file does not say. */
  messages: number | undefined;
  auto: ChannelOutcome;
  generic: ChannelOutcome;
}

export type RecordingFile =
  | { kind: "mcap"; file: File; indexed: boolean; channels: RecordingChannel[] }
  /** `problem`: why the bag's connections could not be listed (then `channels` is empty). */
  | { kind: "bag"; file: File; channels: RecordingChannel[]; problem?: string };

const MCAP_MAGIC = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a]; // "\x89MCAP0\r\n"
const BAG_MAGIC = "#ROSBAG V2.0\n";

/** True for the file names the upload page hands to the bridge. */
export function isRecordingName(name: string): boolean {
  return /\.(mcap|bag)$/i.test(name);
}

/** The planned outcome of a channel under one mapping; a definition that does not parse is a reason too. */
async function outcome(channel: ChannelRecord, mapping: "auto" | "generic"): Promise<ChannelOutcome> {
  const { planChannel } = await loadBridge();
  try {
    const plan = planChannel(channel, mapping);
    return "model" in plan ? { topic: plan.topic, tag: plan.model.tag, mappedType: plan.mappedType } : { reason: plan.reason };
  } catch (reason) {
    return { reason: reason instanceof Error ? reason.message : String(reason) };
  }
}

async function describe(record: ChannelRecord, messages: number | undefined): Promise<RecordingChannel> {
  return {
    topic: record.topic,
    schemaName: record.schema?.name ?? "",
    schemaEncoding: record.schema?.encoding ?? "",
    messageEncoding: record.messageEncoding,
    messages,
    auto: await outcome(record, "auto"),
    generic: await outcome(record, "generic"),
  };
}

type Schema = NonNullable<ChannelRecord["schema"]>;
type Channels = Array<{ record: ChannelRecord; messages: number | undefined }>;

/** Channels of an MCAP file through its summary; undefined when it has no usable index. */
async function summaryChannels(file: File): Promise<Channels | undefined> {
  const { McapIndexedReader } = await import("@mcap/core");
  const readable = {
    size: async () => BigInt(file.size),
    read: async (offset: bigint, size: bigint) => new Uint8Array(await file.slice(Number(offset), Number(offset + size)).arrayBuffer()),
  };
  let reader;
  try {
    reader = await McapIndexedReader.Initialize({ readable });
  } catch {
    return undefined;
  }
  if (reader.chunkIndexes.length === 0 && (reader.statistics?.messageCount ?? 0n) > 0n) return undefined;
  return [...reader.channelsById.values()]
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const count = reader.statistics?.channelMessageCounts.get(c.id);
      return { record: { ...c, schema: reader.schemasById.get(c.schemaId) }, messages: count === undefined ? undefined : Number(count) };
    });
}

/** Channels of an MCAP file without an index, by reading it front to back (counting messages, keeping none). */
async function scannedChannels(file: File): Promise<Channels> {
  const [{ McapStreamReader }, { default: lz4js }] = await Promise.all([import("@mcap/core"), import("lz4js")]);
  const reader = new McapStreamReader({ decompressHandlers: { lz4: (buffer) => lz4js.decompress(buffer) } });
  const schemas = new Map<number, Schema>();
  const channels = new Map<number, { record: ChannelRecord; messages: number }>();
  const stream = file.stream().getReader();
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    reader.append(value);
    for (let rec = reader.nextRecord(); rec; rec = reader.nextRecord()) {
      if (rec.type === "Schema") schemas.set(rec.id, rec);
      else if (rec.type === "Channel") channels.set(rec.id, { record: { ...rec, schema: schemas.get(rec.schemaId) }, messages: 0 });
      else if (rec.type === "Message") {
        const channel = channels.get(rec.channelId);
        if (channel) channel.messages++;
      }
    }
  }
  return [...channels.values()];
}

/** A ROS 1 bag's connections through the bridge (its index only), or why they could not be read. */
async function readBag(file: File): Promise<RecordingFile> {
  const { listBagChannels } = await loadBridge();
  try {
    const listed = await listBagChannels(file);
    return { kind: "bag", file, channels: await Promise.all(listed.map((c) => describe(c.channel, c.messages))) };
  } catch (reason) {
    // The bridge's own words (a MosaicoError's message also carries its code, which the notice need not repeat).
    const problem = (reason as { rawMessage?: unknown } | undefined)?.rawMessage;
    return { kind: "bag", file, channels: [], problem: typeof problem === "string" ? problem : reason instanceof Error ? reason.message : String(reason) };
  }
}

/** Reads what the upload page shows of a recording; throws for a file that is neither MCAP nor a ROS 1 bag. */
export async function readRecordingFile(file: File): Promise<RecordingFile> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (new TextDecoder().decode(head.subarray(0, BAG_MAGIC.length)) === BAG_MAGIC) return readBag(file);
  if (!MCAP_MAGIC.every((b, i) => head[i] === b)) {
    throw new Error(`${file.name} does not start with the MCAP magic bytes nor a ROS 1 bag header (#ROSBAG V2.0): it is not a recording this page can read.`);
  }
  const indexed = await summaryChannels(file);
  const found = indexed ?? (await scannedChannels(file));
  return { kind: "mcap", file, indexed: indexed !== undefined, channels: await Promise.all(found.map((c) => describe(c.record, c.messages))) };
}
