/**
 * ROS 1 bags (format 2.0) through @foxglove/rosbag's index-based Bag reader,
 * connection by connection like an indexed MCAP (each topic uploaded and
 * finalized before the next). Each connection becomes the channel an MCAP
 * file would carry for it (`ros1` messages, `ros1msg` schema: the
 * connection's type and message definition), so the plans are the MCAP
 * ones; the messages are decoded by @foxglove/rosmsg-serialization. The
 * timestamp is the bag's record time, as the Python ROS bridge's
 * `bag_timestamp_ns` (rosbags AnyReader), and msgtypes take the ROS 2
 * spelling rosbags gives them (`sensor_msgs/Imu` -> `sensor_msgs/msg/Imu`).
 */
import { Bag, type Filelike } from "@foxglove/rosbag";
import type { DecompressHandlers } from "@mcap/core";
import lz4js from "lz4js";
import type { ChannelRecord } from "./channel-plan.js";
import { addMessage, corrupt, inRange, openBatch, record, type ImportRun } from "./import-run.js";
import type { RandomAccessSource } from "./recording-source.js";

const WHAT = "ROS 1 bag";

/** The Filelike of @foxglove/rosbag over a random-access source, remembering the last offset read (the one an error names). Internal. */
export class BagFile implements Filelike {
  lastOffset = 0;
  constructor(
    private readonly source: RandomAccessSource,
    private readonly total: number,
  ) {}

  size(): number {
    return this.total;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    this.lastOffset = offset;
    // A truncated bag points its index (or a chunk) past the end of the file.
    if (offset > this.total || length < 0) throw new Error(`a record at byte ${offset} lies past the end of the file (${this.total} bytes)`);
    return this.source.read(BigInt(offset), BigInt(Math.min(offset + length, this.total) - offset));
  }
}

/** Runs a call of the bag reader, turning its failures into DATA_LOSS at the offset being read. */
async function guarded<T>(bag: Bag, file: BagFile, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (reason) {
    if (bag.header && bag.header.indexPosition === 0) {
      throw corrupt(13, new Error("the bag has no index (the recorder did not close it); run `rosbag reindex` on it first"), WHAT);
    }
    throw corrupt(file.lastOffset, reason, WHAT);
  }
}

const toNs = (t: { sec: number; nsec: number }) => BigInt(t.sec) * 1_000_000_000n + BigInt(t.nsec);
const toTime = (ns: bigint) => ({ sec: Number(ns / 1_000_000_000n), nsec: Number(ns % 1_000_000_000n) });

/** The decompressors of bag chunks: lz4 (roslz4 writes LZ4 frames) built in; `bz2` and others from `decompressHandlers`. */
function bagDecompressors(handlers: DecompressHandlers): Record<string, (buffer: Uint8Array, size: number) => Uint8Array> {
  const out: Record<string, (buffer: Uint8Array, size: number) => Uint8Array> = { lz4: (buffer) => lz4js.decompress(buffer) };
  for (const [name, handler] of Object.entries(handlers)) out[name] = (buffer, size) => handler(buffer, BigInt(size));
  return out;
}

/** A bag opened through its index (header, connection and chunk info records); a failure is DATA_LOSS at the offset read. Internal. */
export async function openBag(source: RandomAccessSource, decompressHandlers: DecompressHandlers): Promise<{ bag: Bag; file: BagFile }> {
  const file = new BagFile(source, Number(await source.size()));
  const bag = new Bag(file, { parse: false, decompress: bagDecompressors(decompressHandlers) });
  await guarded(bag, file, () => bag.open());
  return { bag, file };
}

/** The bag's connections in id order, each as the MCAP channel it would be (`ros1` messages, `ros1msg` schema). Internal. */
export function bagChannels(bag: Bag): ChannelRecord[] {
  return [...bag.connections.values()]
    .sort((a, b) => a.conn - b.conn)
    .map((connection) => ({
      id: connection.conn,
      topic: connection.topic,
      messageEncoding: "ros1",
      schema: { name: connection.type ?? "", encoding: "ros1msg", data: new TextEncoder().encode(connection.messageDefinition) },
    }));
}

/** Imports every connection of a ROS 1 bag kept by the options, one topic at a time. */
export async function importBag(run: ImportRun, source: RandomAccessSource, decompressHandlers: DecompressHandlers): Promise<void> {
  const { bag, file } = await openBag(source, decompressHandlers);
  const { startNs, endNs, signal } = run.options;
  let payload = 0;
  for (const channel of bagChannels(bag)) {
    const batch = await openBatch(run, channel);
    if (!batch) continue;
    const messages = bag.messageIterator({ topics: [channel.topic], start: startNs === undefined ? undefined : toTime(startNs) })[Symbol.asyncIterator]();
    for (;;) {
      signal?.throwIfAborted();
      const next = await guarded(bag, file, () => messages.next());
      if (next.done) break;
      const event = next.value;
      if (event.connectionId !== channel.id) continue;
      const time = toNs(event.timestamp);
      if (endNs !== undefined && time >= endNs) break; // the iterator is in time order
      if (!inRange(run.options, time)) continue;
      payload += event.data.byteLength;
      await addMessage(run, batch, { data: event.data, logTime: time, publishTime: time }, () => payload);
    }
    await batch.flush();
    await batch.writer.finalize();
    record(run, batch);
    run.options.onProgress?.({ bytes: payload, messages: run.progress.messages });
  }
}
