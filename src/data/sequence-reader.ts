/**
 * Reading a whole sequence as one time-ordered stream: one DoGet per selected
 * topic (tickets from the sequence's GetFlightInfo, which already carry the
 * time range), merged by `timestamp_ns`. Memory: about `prefetch + 1` batches
 * per topic.
 *
 * @example
 * ```ts
 * for await (const { topic, batch } of await client.sequenceReader("drive", { topics: ["/imu", "/gps"] })) {
 *   console.log(topic, batch.numRows);
 * }
 * ```
 */
import type { RecordBatch } from "apache-arrow";
import { sequenceInfo } from "../control/catalog.js";
import type { ControlContext } from "../control/control-context.js";
import { normalizeTopicPath } from "../protocol/locators.js";
import type { TopicInfo } from "../control/types.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { ReadProgress } from "./progress.js";
import { mergeByTimestamp } from "./timestamp-merge.js";
import { openTopicReader, openTicketStream, type TopicReader, type TopicReaderOptions } from "./topic-reader.js";
import { openResumableRead } from "./resumable-read.js";

/** Options of client.sequenceReader(): which topics, the time range, and the topic reader options. */
export interface SequenceReaderOptions extends Omit<TopicReaderOptions, "onProgress"> {
  /** Topic names (`/sensors/imu`) or paths to read; all topics when omitted. */
  topics?: string[] | undefined;
  /** Called as batches arrive, with totals over all topics (decoded, not yet merged). */
  onProgress?: ((progress: ReadProgress) => void) | undefined;
}

/** One run of rows of one topic, in global time order. */
export interface SequenceItem {
  /** The topic's name, with a leading slash (`/sensors/imu`). */
  topic: string;
  /** The topic's locator (`drive/sensors/imu`). */
  locator: string;
  batch: RecordBatch;
}

/** Several topics of a sequence merged in `timestamp_ns` order; iterate it with `for await`. Batches come from the same apache-arrow as TopicReader's (see there). */
export interface SequenceReader extends AsyncIterable<SequenceItem> {
  /** The selected topics, in merge priority order (ties go to the first). */
  readonly topics: TopicInfo[];
  /** Stops every topic stream. Idempotent. */
  cancel(): Promise<void>;
}

function selectTopics(all: TopicInfo[], wanted: string[] | undefined, sequence: string): TopicInfo[] {
  if (!wanted) return all;
  return wanted.map((name) => {
    const path = normalizeTopicPath(name);
    const topic = all.find((t) => t.locator === `${sequence}/${path}`);
    if (!topic) throw new MosaicoError(Code.NotFound, `sequence ${sequence} has no topic /${path}`);
    return topic;
  });
}

/** What the merge needs of a topic's stream: its description, its batches, and how to stop it. */
export type TopicStream = Pick<TopicReader, "topic" | "cancel"> & AsyncIterable<RecordBatch>;

/** The selected topics and one stream each, not merged yet (worker readers merge on the page). */
export interface SequenceTopicReaders<S extends TopicStream = TopicReader> {
  topics: TopicInfo[];
  readers: S[];
}

/** Opens one stream per selected topic (with `resume`, each resumable on its own); `onProgress` totals them. */
export async function openSequenceTopics(ctx: ControlContext, name: string, options: SequenceReaderOptions = {}): Promise<SequenceTopicReaders> {
  const info = await sequenceInfo(ctx, name, { startNs: options.startNs, endNs: options.endNs, signal: options.signal, timeoutMs: options.timeoutMs });
  const topics = selectTopics(info.topics, options.topics, info.name);
  const readers: TopicReader[] = [];
  const perTopic = topics.map((): ReadProgress => ({ batches: 0, rows: 0, bytes: 0 }));
  const report = (index: number, progress: ReadProgress) => {
    perTopic[index] = progress;
    const total = perTopic.reduce((sum, p) => ({ batches: sum.batches + p.batches, rows: sum.rows + p.rows, bytes: sum.bytes + p.bytes }));
    options.onProgress?.(total);
  };
  try {
    for (const [index, topic] of topics.entries()) {
      const onProgress = options.onProgress ? (p: ReadProgress) => report(index, p) : undefined;
      const topicOptions = { ...options, onProgress, prefetch: options.prefetch ?? 1 };
      if (!options.resume) {
        readers.push(await openTicketStream(ctx, topic, topicOptions));
        continue;
      }
      // Resume per topic: the first stream from the sequence's ticket, later ones from a fresh GetFlightInfo.
      let opened = false;
      readers.push(
        await openResumableRead(
          ({ startNs, onBytes }) => {
            const streamOptions = { ...topicOptions, startNs, resume: undefined, onProgress: (p: ReadProgress) => onBytes(p.bytes) };
            if (opened) return openTopicReader(ctx, topic.locator, streamOptions);
            opened = true;
            return openTicketStream(ctx, topic, streamOptions);
          },
          topicOptions,
          options.resume,
        ),
      );
    }
  } catch (reason) {
    await Promise.allSettled(readers.map((r) => r.cancel()));
    throw MosaicoError.from(reason);
  }
  return { topics, readers };
}

/** The topics' streams merged by `timestamp_ns`; cancel() and the end of iteration cancel every stream. */
export function mergeSequenceTopics({ topics, readers }: SequenceTopicReaders<TopicStream>): SequenceReader {
  const cancel = async () => {
    await Promise.allSettled(readers.map((r) => r.cancel()));
  };
  async function* items(): AsyncGenerator<SequenceItem> {
    try {
      const merged = mergeByTimestamp(readers.map((reader) => ({ key: reader.topic, batches: reader })));
      for await (const { key, batch } of merged) yield { topic: key.name, locator: key.locator, batch };
    } catch (reason) {
      throw MosaicoError.from(reason);
    } finally {
      await cancel();
    }
  }
  const iterable = items();
  return { topics, cancel, [Symbol.asyncIterator]: () => iterable };
}

/** Opens the selected topics of a sequence and merges them by `timestamp_ns`. */
export async function openSequenceReader(ctx: ControlContext, name: string, options: SequenceReaderOptions = {}): Promise<SequenceReader> {
  return mergeSequenceTopics(await openSequenceTopics(ctx, name, options));
}
