/**
 * The state of one import, shared by the MCAP and ROS 1 bag readers: the
 * sequence writer, one TopicBatch per channel (rows not pushed yet), the
 * topic filter and time range, progress, and the DATA_LOSS error that names
 * the byte offset where a recording stops being readable.
 */
import type { SequenceWriter } from "../data/sequence-writer.js";
import type { TopicWriter } from "../data/topic-writer.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { globToRegExp } from "../protocol/glob.js";
import { planChannel, type ChannelPlan, type ChannelRecord } from "./channel-plan.js";
import type { ImportProgress, ImportRecordingOptions, ImportResult } from "./import-recording.js";
import type { RosObject } from "./ros-mappings.js";

const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** A channel's topic writer with the rows not pushed yet. */
export class TopicBatch {
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

/** The `topics` option as a predicate: globs in order, a leading `!` excludes, later rules win. */
export function topicFilter(patterns: readonly string[] | undefined): (topic: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const rules = patterns.map((p) => ({ exclude: p.startsWith("!"), re: globToRegExp(p.replace(/^!/, "")) }));
  const start = rules.every((r) => r.exclude);
  // Evaluated in order, later rules win (the Python injector's gitignore-like `channels`).
  return (topic) => rules.reduce((keep, r) => (r.re.test(topic) ? !r.exclude : keep), start);
}

/** DATA_LOSS naming the offset; `what` names the container ("MCAP recording", "ROS 1 bag"). */
export function corrupt(offset: number | bigint, reason: unknown, what = "MCAP recording"): MosaicoError {
  const detail = reason instanceof Error ? reason.message : String(reason);
  return new MosaicoError(Code.DataLoss, `the ${what} is corrupt or truncated at byte offset ${offset}: ${detail}; nothing after it can be read`, {
    cause: reason,
  });
}

/** One import in progress. */
export interface ImportRun {
  writer: SequenceWriter;
  options: ImportRecordingOptions;
  keep: (topic: string) => boolean;
  result: ImportResult;
  progress: ImportProgress;
}

/** Whether a log time is inside `[startNs, endNs)`. */
export function inRange(options: ImportRecordingOptions, logTime: bigint): boolean {
  return (options.startNs === undefined || logTime >= options.startNs) && (options.endNs === undefined || logTime < options.endNs);
}

/** The batch of a channel kept by the filter and its plan, its topic writer opened; undefined when it is skipped. */
export async function openBatch(run: ImportRun, channel: ChannelRecord): Promise<TopicBatch | undefined> {
  if (!run.keep(channel.topic)) return undefined;
  const plan = planChannel(channel, run.options.mapping?.[channel.topic] ?? "auto", run.options.topicMetadata?.[channel.topic]);
  if (!("model" in plan)) {
    run.result.skipped.push(plan);
    return undefined;
  }
  const writer = await run.writer.topicWriter(plan.topic, { model: plan.model, userMetadata: plan.userMetadata });
  return new TopicBatch(plan, writer);
}

/** Adds a finalized topic to the result. */
export function record(run: ImportRun, batch: TopicBatch): void {
  run.result.topics.push({
    channel: batch.plan.channel,
    topic: batch.plan.topic,
    ontologyTag: batch.plan.model.tag,
    mappedType: batch.plan.mappedType,
    messages: batch.messages,
  });
}

/** Decodes one message into its batch (INVALID_ARGUMENT naming the channel when it does not decode), pushing full batches. */
export async function addMessage(run: ImportRun, batch: TopicBatch, message: { data: Uint8Array; logTime: bigint; publishTime: bigint }, bytes: () => number) {
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
