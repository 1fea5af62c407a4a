/**
 * importRecording(): an MCAP recording into one new sequence, one topic per
 * channel, through the SDK's own sequence and topic writers. A random-access
 * source with an index is read channel by channel through it (each topic
 * uploaded, then finalized, before the next: memory stays about one batch);
 * anything else is read front to back with all topics open at once. A corrupt
 * or truncated file stops with DATA_LOSS naming the byte offset; the writer's
 * error policy then applies (default "delete": nothing of the import stays).
 */
import { McapIndexedReader, McapStreamReader, type DecompressHandlers } from "@mcap/core";
import lz4js from "lz4js";
import type { MosaicoClient } from "../client.js";
import type { SequenceWriter, SessionErrorPolicy } from "../data/sequence-writer.js";
import type { TopicWriter } from "../data/topic-writer.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { globToRegExp } from "../protocol/glob.js";
import type { UserMetadataInput } from "../protocol/json.js";
import { planChannel, type ChannelPlan, type ChannelRecord, type SkippedChannel, type TopicMapping } from "./channel-plan.js";
import { randomAccessOf, sequentialChunks, streamChunks, type RandomAccessSource, type RecordingSource } from "./recording-source.js";
import type { RosObject } from "./ros-mappings.js";

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
  /** Decompressors by MCAP chunk compression, added to the built-in `lz4` (e.g. `zstd` from a zstd package). */
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
  /** True when the file was read through its index, channel by channel. */
  indexed: boolean;
  topics: ImportedTopic[];
  skipped: SkippedChannel[];
  messages: number;
}

const MAX_BATCH_BYTES = 8 * 1024 * 1024;

const builtinDecompressors: DecompressHandlers = {
  lz4: (buffer) => lz4js.decompress(buffer),
};

/** A channel's topic writer with the rows not pushed yet. */
class TopicBatch {
  rows: RosObject[] = [];
  bytes = 0;
  messages = 0;
  constructor(
    readonly plan: ChannelPlan,
    readonly writer: TopicWriter,
  ) {}

  async add(row: RosObject, size: number, limit: number): Promise<boolean> {
    this.rows.push(row);
    this.bytes += size;
    this.messages++;
    if (this.rows.length < limit && this.bytes < MAX_BATCH_BYTES) return false;
    await this.flush();
    return true;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.bytes = 0;
    await this.writer.push(this.plan.model.toRecordBatch(rows));
  }
}

function topicFilter(patterns: readonly string[] | undefined): (topic: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const rules = patterns.map((p) => ({ exclude: p.startsWith("!"), re: globToRegExp(p.replace(/^!/, "")) }));
  const start = rules.every((r) => r.exclude);
  // Evaluated in order, later rules win (the Python injector's gitignore-like `channels`).
  return (topic) => rules.reduce((keep, r) => (r.re.test(topic) ? !r.exclude : keep), start);
}

function corrupt(offset: number | bigint, reason: unknown): MosaicoError {
  const detail = reason instanceof Error ? reason.message : String(reason);
  return new MosaicoError(Code.DataLoss, `the MCAP recording is corrupt or truncated at byte offset ${offset}: ${detail}; nothing after it can be read`, {
    cause: reason,
  });
}

interface ImportRun {
  writer: SequenceWriter;
  options: ImportRecordingOptions;
  keep: (topic: string) => boolean;
  result: ImportResult;
  progress: ImportProgress;
}

function inRange(options: ImportRecordingOptions, logTime: bigint): boolean {
  return (options.startNs === undefined || logTime >= options.startNs) && (options.endNs === undefined || logTime < options.endNs);
}

async function openBatch(run: ImportRun, channel: ChannelRecord): Promise<TopicBatch | undefined> {
  if (!run.keep(channel.topic)) return undefined;
  const plan = planChannel(channel, run.options.mapping?.[channel.topic] ?? "auto", run.options.topicMetadata?.[channel.topic]);
  if (!("model" in plan)) {
    run.result.skipped.push(plan);
    return undefined;
  }
  const writer = await run.writer.topicWriter(plan.topic, { model: plan.model, userMetadata: plan.userMetadata });
  return new TopicBatch(plan, writer);
}

function record(run: ImportRun, batch: TopicBatch): void {
  run.result.topics.push({
    channel: batch.plan.channel,
    topic: batch.plan.topic,
    ontologyTag: batch.plan.model.tag,
    mappedType: batch.plan.mappedType,
    messages: batch.messages,
  });
}

async function addMessage(run: ImportRun, batch: TopicBatch, message: { data: Uint8Array; logTime: bigint; publishTime: bigint }, bytes: () => number) {
  let row: RosObject;
  try {
    row = batch.plan.sample(message.data, message.logTime, message.publishTime);
  } catch (reason) {
    throw new MosaicoError(Code.InvalidArgument, `cannot decode a message of ${batch.plan.channel} at log time ${message.logTime}: ${(reason as Error).message}`, {
      cause: reason,
    });
  }
  run.progress.messages++;
  run.result.messages++;
  if (await batch.add(row, message.data.byteLength, run.options.batchRows ?? 1000)) run.options.onProgress?.({ bytes: bytes(), messages: run.progress.messages });
}

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

/**
 * Imports an MCAP recording into a new sequence: one topic per channel,
 * ROS 2 well-known types as their ontology models (see rosMappings), other
 * types and JSON channels as generic topics with flattened columns.
 *
 * @example
 * ```ts
 * import { importRecording } from "mosaico-web/bridge";
 * const file = input.files[0]; // a File from <input type="file">
 * const result = await importRecording(client, file, { sequence: "drive_42", onProgress: (p) => bar.update(p.bytes / file.size) });
 * console.log(result.topics.map((t) => `${t.topic}: ${t.ontologyTag}`));
 * ```
 *
 * @throws MosaicoError DATA_LOSS for a corrupt or truncated file (the message names the offset), INVALID_ARGUMENT for a message that does not decode; the `onError` policy has then been applied.
 */
export async function importRecording(client: MosaicoClient, source: RecordingSource, options: ImportRecordingOptions): Promise<ImportResult> {
  const decompressHandlers = { ...builtinDecompressors, ...options.decompressHandlers };
  const random = randomAccessOf(source);
  const indexed = random ? await indexedReader(random, decompressHandlers) : undefined;
  const writer = await client.sequenceWriter(options.sequence, {
    userMetadata: options.userMetadata,
    onError: options.onError ?? "delete",
    signal: options.signal,
  });
  const run: ImportRun = {
    writer,
    options,
    keep: topicFilter(options.topics),
    result: { sequence: options.sequence, indexed: indexed !== undefined, topics: [], skipped: [], messages: 0 },
    progress: { bytes: 0, messages: 0 },
  };
  try {
    if (indexed) await importIndexed(run, indexed);
    else await importStream(run, random ? sequentialChunks(random) : streamChunks(source as ReadableStream<Uint8Array>), decompressHandlers);
    await writer.finalize();
  } catch (reason) {
    await writer.abort(reason).catch(() => {});
    throw MosaicoError.from(reason);
  }
  return run.result;
}
