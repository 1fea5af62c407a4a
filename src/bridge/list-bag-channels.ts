/**
 * listBagChannels(): what a ROS 1 bag holds, from its index alone (the bag
 * header, then the connection and chunk info records at index_pos; no chunk
 * is read), in the shape an MCAP file's summary gives: each connection as
 * the channel importRecording() plans it as, with its message count from
 * the chunk infos. What an upload page shows before importing a bag.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { ChannelRecord } from "./channel-plan.js";
import { FORMAT_SNIFF_BYTES, recordingFormatOf } from "./recording-format.js";
import { randomAccessOf, type RandomAccessSource } from "./recording-source.js";
import { bagChannels, openBag } from "./ros1-bag.js";

/** One connection of a ROS 1 bag. */
export interface BagChannel {
  /** The connection as the MCAP channel importRecording() plans (`ros1` messages, `ros1msg` schema: its type and definition). */
  channel: ChannelRecord;
  /** Messages of the connection, summed over the bag's chunk info records. */
  messages: number;
}

/**
 * Lists the connections of a ROS 1 bag (format 2.0) from its index, in
 * connection id order, as the channels importRecording() imports; pass each
 * to planChannel() to see what it becomes under a mapping.
 *
 * @example
 * ```ts
 * import { listBagChannels, planChannel } from "mosaico-web/bridge";
 * for (const { channel, messages } of await listBagChannels(file)) {
 *   const plan = planChannel(channel, "auto");
 *   console.log(channel.topic, channel.schema?.name, messages, "model" in plan ? plan.model.tag : plan.reason);
 * }
 * ```
 *
 * @throws MosaicoError INVALID_ARGUMENT when the source is not a ROS 1 bag or is a stream (the index is at the end: pass a Blob or bytes); DATA_LOSS when the index is truncated or corrupt (the message names the offset) or missing (`rosbag reindex`).
 */
export async function listBagChannels(source: Uint8Array | ArrayBuffer | Blob | RandomAccessSource): Promise<BagChannel[]> {
  const random = randomAccessOf(source);
  if (!random) throw new MosaicoError(Code.InvalidArgument, "listBagChannels reads the bag's index, at its end: pass a Blob, a File, bytes or a random-access source, not a stream");
  const size = await random.size();
  const head = await random.read(0n, size < BigInt(FORMAT_SNIFF_BYTES) ? size : BigInt(FORMAT_SNIFF_BYTES));
  if (recordingFormatOf(head) !== "ros1bag") {
    throw new MosaicoError(Code.InvalidArgument, "not a ROS 1 bag (it does not start with #ROSBAG V2.0); for an MCAP file read its summary with @mcap/core's McapIndexedReader");
  }
  try {
    const { bag } = await openBag(random, {});
    const counts = new Map<number, number>();
    for (const info of bag.chunkInfos) for (const { conn, count } of info.connections) counts.set(conn, (counts.get(conn) ?? 0) + count);
    return bagChannels(bag).map((channel) => ({ channel, messages: counts.get(channel.id) ?? 0 }));
  } catch (reason) {
    throw MosaicoError.from(reason);
  }
}
