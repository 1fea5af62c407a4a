/**
 * importRecording(): an MCAP recording or a ROS 1 bag (told apart by their
 * magic bytes) into one new sequence, one topic per channel (a bag's
 * connections), through the SDK's own sequence and topic writers. A bag is
 * read through its index, connection by connection (ros1-bag.ts). A random-access
 * source with an index is read channel by channel through it (each topic
 * uploaded, then finalized, before the next: memory stays about one batch);
 * anything else is read front to back with all topics open at once. A corrupt
 * or truncated file stops with DATA_LOSS naming the byte offset; the writer's
 * error policy then applies (default "delete": nothing of the import stays).
 */
import { McapIndexedReader, McapStreamReader, type DecompressHandlers } from "@mcap/core";
import lz4js from "lz4js";
import type { MosaicoClient } from "../client.js";
import type { SessionErrorPolicy } from "../data/sequence-writer.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { UserMetadataInput } from "../protocol/json.js";
import type { ChannelRecord, SkippedChannel, TopicMapping } from "./channel-plan.js";
import { addMessage, corrupt, inRange, openBatch, record, topicFilter, type ImportRun, type TopicBatch } from "./import-run.js";
import { FORMAT_SNIFF_BYTES, recordingFormatOf, type RecordingFormat } from "./recording-format.js";
import { randomAccessOf, sequentialChunks, streamChunks, type RandomAccessSource, type RecordingSource } from "./recording-source.js";
import { importBag } from "./ros1-bag.js";

/** Progress of an import: source bytes read (message payload bytes on the indexed path) and messages written. */
export interface ImportProgress {
  bytes: number;
  messages: number;
}

/** Options of importRecording(). */
export interface ImportRecordingOptions {
  /** Name of the sequence to create. */
  sequence: string;
  /** Channel topics to import, as `$match` globs (`/camera/*`); a leading `!` excludes. Default: all. */
  topics?: readonly string[] | undefined;
  /** First log time imported (ns, inclusive). */
  startNs?: bigint | undefined;
  /** End of the log-time range (ns, exclusive). */
  endNs?: bigint | undefined;
  /** Per channel topic: `"auto"` (default), `"generic"`, `"skip"` or a ROS type of rosMappings. */
  mapping?: Readonly<Record<string, TopicMapping>> | undefined;
  /** User metadata of the sequence. */
  userMetadata?: UserMetadataInput | undefined;
  /** Per channel topic, user metadata merged under the bridge's reserved `_ros_`/`_mcap_` block (which wins on conflict). */
  topicMetadata?: Readonly<Record<string, Record<string, unknown>>> | undefined;
  /** The writer's error policy. Default "delete": a failed import leaves nothing finalized. */
  onError?: SessionErrorPolicy | undefined;
  /** Rows per pushed batch (default 1000; a batch is also pushed once it holds 8 MiB of messages). */
  batchRows?: number | undefined;
  /** Decompressors by chunk compression, added to the built-in `lz4` (e.g. `zstd` for MCAP, `bz2` for ROS 1 bags, from a package). */
  decompressHandlers?: DecompressHandlers | undefined;
  /** Called after each pushed batch. */
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** One imported topic. */
export interface ImportedTopic {
  channel: string;
  topic: string;
  ontologyTag: string;
  /** The ROS type mapped to a model, or undefined for a generic topic. */
  mappedType: string | undefined;
  messages: number;
}

/** What importRecording() wrote. */
export interface ImportResult {
  sequence: string;
  /** The container read, from its magic bytes. */
  format: Exclude<RecordingFormat, "unknown">;
  /** True when the file was read through its index, channel by channel. */
  indexed: boolean;
  topics: ImportedTopic[];
  skipped: SkippedChannel[];
  messages: number;
}

const builtinDecompressors: DecompressHandlers = {
  lz4: (buffer) => lz4js.decompress(buffer),
};

async function importIndexed(run: ImportRun, reader: McapIndexedReader): Promise<void> {
  let payload = 0;
  for (const channel of [...reader.channelsById.values()].sort((a, b) => a.id - b.id)) {
    const batch = await openBatch(run, { ...channel, schema: reader.schemasById.get(channel.schemaId) });
    if (!batch) continue;
    let seen = 0;
    for await (const message of reader.readMessages({ topics: [channel.topic], startTime: run.options.startNs, endTime: run.options.endNs })) {
      run.options.signal?.throwIfAborted();
      if (message.channelId !== channel.id) continue;
      seen++;
      if (!inRange(run.options, message.logTime)) continue;
      payload += message.data.byteLength;
      await addMessage(run, batch, message, () => payload);
    }
    const expected = reader.statistics?.channelMessageCounts.get(channel.id);
    if (run.options.startNs === undefined && run.options.endNs === undefined && expected !== undefined && BigInt(seen) !== expected) {
      throw new MosaicoError(
        Code.DataLoss,
        `the MCAP index covers ${seen} of the ${expected} messages of ${channel.topic} (an unindexed tail?); pass the file as a ReadableStream to read it front to back`,
      );
    }
    await batch.flush();
    await batch.writer.finalize();
    record(run, batch);
    run.options.onProgress?.({ bytes: payload, messages: run.progress.messages });
  }
}

async function importStream(run: ImportRun, chunks: AsyncIterable<Uint8Array>, decompressHandlers: DecompressHandlers): Promise<void> {
  const reader = new McapStreamReader({ decompressHandlers, validateCrcs: true });
  const schemas = new Map<number, { name: string; encoding: string; data: Uint8Array }>();
  const channels = new Map<number, ChannelRecord & { schemaId: number }>();
  const batches = new Map<number, TopicBatch | undefined>();
  let appended = 0;
  for await (const chunk of chunks) {
    run.options.signal?.throwIfAborted();
    appended += chunk.byteLength;
    reader.append(chunk);
    for (;;) {
      let rec;
      try {
        rec = reader.nextRecord();
      } catch (reason) {
        throw corrupt(appended - reader.bytesRemaining(), reason);
      }
      if (!rec) break;
      if (rec.type === "Schema") schemas.set(rec.id, rec);
      else if (rec.type === "Channel") channels.set(rec.id, rec);
      else if (rec.type === "Message") {
        if (!inRange(run.options, rec.logTime)) continue;
        if (!batches.has(rec.channelId)) {
          const channel = channels.get(rec.channelId);
          if (!channel) throw corrupt(appended - reader.bytesRemaining(), new Error(`a message of channel ${rec.channelId} comes before its Channel record`));
          batches.set(rec.channelId, await openBatch(run, { ...channel, schema: schemas.get(channel.schemaId) }));
        }
        const batch = batches.get(rec.channelId);
        if (batch) await addMessage(run, batch, rec, () => appended - reader.bytesRemaining());
      }
    }
  }
  if (!reader.done()) {
    throw corrupt(appended - reader.bytesRemaining(), new Error(`the recording ends inside a record (${reader.bytesRemaining()} bytes left over, no footer)`));
  }
  for (const batch of batches.values()) {
    if (!batch) continue;
    await batch.flush();
    await batch.writer.finalize();
    record(run, batch);
  }
  run.options.onProgress?.({ bytes: appended, messages: run.progress.messages });
}

/** The index reader of a random-access source, or undefined when it has no usable index (truncated, unchunked). */
async function indexedReader(source: RandomAccessSource, decompressHandlers: DecompressHandlers): Promise<McapIndexedReader | undefined> {
  try {
    const reader = await McapIndexedReader.Initialize({ readable: source, decompressHandlers });
    const messages = reader.statistics?.messageCount ?? 0n;
    return reader.chunkIndexes.length > 0 || messages === 0n ? reader : undefined;
  } catch {
    return undefined; // No footer or summary: read it front to back, which names the offset of any damage.
  }
}

/** The first bytes of a stream, and the stream's chunks again from the start. */
async function peekStream(stream: ReadableStream<Uint8Array>): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const source = streamChunks(stream);
  const seen: Uint8Array[] = [];
  let length = 0;
  while (length < FORMAT_SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) break;
    seen.push(next.value);
    length += next.value.byteLength;
  }
  const head = new Uint8Array(length);
  seen.reduce((at, part) => (head.set(part, at), at + part.byteLength), 0);
  async function* chunks() {
    yield* seen;
    yield* source;
  }
  return { head, chunks: chunks() };
}

function unknownFormat(head: Uint8Array): MosaicoError {
  const text = Array.from(head.subarray(0, FORMAT_SNIFF_BYTES), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
  return new MosaicoError(
    Code.InvalidArgument,
    `the recording is neither MCAP nor a ROS 1 bag (format 2.0): it starts with "${text}"; convert ROS 2 .db3 bags and older bags to MCAP first (ros2 bag convert, rosbag fix)`,
  );
}

/** The source as a random-access one with its format; a ROS 1 bag given as a stream is gathered into a Blob (its index is at the end). */
async function openSource(source: RecordingSource): Promise<{ format: RecordingFormat; random?: RandomAccessSource; chunks?: AsyncIterable<Uint8Array> }> {
  const random = randomAccessOf(source);
  if (random) {
    const size = await random.size();
    const head = await random.read(0n, size < BigInt(FORMAT_SNIFF_BYTES) ? size : BigInt(FORMAT_SNIFF_BYTES));
    const format = recordingFormatOf(head);
    if (format === "unknown") throw unknownFormat(head);
    return { format, random };
  }
  const { head, chunks } = await peekStream(source as ReadableStream<Uint8Array>);
  const format = recordingFormatOf(head);
  if (format === "unknown") throw unknownFormat(head);
  if (format === "mcap") return { format, chunks };
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of chunks) parts.push(new Uint8Array(chunk));
  return { format, random: randomAccessOf(new Blob(parts)) };
}

/**
 * Imports an MCAP recording or a ROS 1 bag into a new sequence: one topic per
 * channel, ROS 1 and ROS 2 well-known types as their ontology models (see
 * rosMappings), other types and JSON and protobuf channels as generic topics
 * with flattened columns.
 *
 * @example
 * ```ts
 * import { importRecording } from "mosaico-web/bridge";
 * const file = input.files[0]; // a File from <input type="file">
 * const result = await importRecording(client, file, { sequence: "drive_42", onProgress: (p) => bar.update(p.bytes / file.size) });
 * console.log(result.topics.map((t) => `${t.topic}: ${t.ontologyTag}`));
 * ```
 *
 * @throws MosaicoError DATA_LOSS for a corrupt or truncated file (the message names the offset), INVALID_ARGUMENT for a file that is neither MCAP nor a ROS 1 bag and for a message that does not decode; the `onError` policy has then been applied.
 */
export async function importRecording(client: MosaicoClient, source: RecordingSource, options: ImportRecordingOptions): Promise<ImportResult> {
  const decompressHandlers = { ...builtinDecompressors, ...options.decompressHandlers };
  const { format, random, chunks } = await openSource(source);
  const indexed = random && format === "mcap" ? await indexedReader(random, decompressHandlers) : undefined;
  const writer = await client.sequenceWriter(options.sequence, {
    userMetadata: options.userMetadata,
    onError: options.onError ?? "delete",
    signal: options.signal,
  });
  const run: ImportRun = {
    writer,
    options,
    keep: topicFilter(options.topics),
    result: { sequence: options.sequence, format: format as ImportResult["format"], indexed: format === "ros1bag" || indexed !== undefined, topics: [], skipped: [], messages: 0 },
    progress: { bytes: 0, messages: 0 },
  };
  try {
    if (format === "ros1bag") await importBag(run, random!, options.decompressHandlers ?? {});
    else if (indexed) await importIndexed(run, indexed);
    else await importStream(run, random ? sequentialChunks(random) : chunks!, decompressHandlers);
    await writer.finalize();
  } catch (reason) {
    await writer.abort(reason).catch(() => {});
    throw MosaicoError.from(reason);
  }
  return run.result;
}
