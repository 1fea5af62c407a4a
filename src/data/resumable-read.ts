/**
 * A topic read that survives a dropped connection: when the stream fails
 * with UNAVAILABLE, DEADLINE_EXCEEDED or DATA_LOSS (a short or corrupted
 * stream) after the last delivered row, the read is opened again from that
 * row's `timestamp_ns` (GetFlightInfo with a new start bound) and goes on.
 *
 * Nothing is delivered twice: the new stream starts at the last delivered
 * timestamp, inclusive, and the rows at that instant that were already
 * delivered are skipped, so rows sharing a timestamp are not lost either.
 * (Stored order is the order of upload, which mosaicod keeps.)
 */
import { Table, type RecordBatch } from "apache-arrow";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { ReadProgress } from "./progress.js";
import type { TopicReader, TopicReaderOptions } from "./topic-reader.js";

/** How a reader retries a stream that broke off (see TopicReaderOptions.resume). */
export interface ResumeOptions {
  /** Reopenings allowed in one read (each failure uses one). */
  attempts: number;
  /** Wait before the first reopening, doubled for each next one; default 250 ms. */
  backoffMs?: number | undefined;
}

const retryable = new Set([Code.Unavailable, Code.DeadlineExceeded, Code.DataLoss]);

/** Opens one stream of the read from `startNs` (inclusive), reporting its wire bytes. */
export type OpenStream = (from: { startNs: bigint | undefined; onBytes: (bytes: number) => void }) => Promise<TopicReader>;

/** The last delivered timestamp and how many delivered rows carry it. */
interface Position {
  lastNs: bigint;
  atLast: number;
}

function advance(position: Position | undefined, batch: RecordBatch): Position | undefined {
  const column = batch.getChild("timestamp_ns");
  if (!column || batch.numRows === 0) return position;
  const values = column.toArray() as BigInt64Array;
  const lastNs = values[values.length - 1]!;
  let atLast = 0;
  for (let i = values.length - 1; i >= 0 && values[i] === lastNs; i--) atLast++;
  if (atLast === values.length && position?.lastNs === lastNs) atLast += position.atLast;
  return { lastNs, atLast };
}

/** Drops the first `skip` rows of a reopened stream when they sit at the resume instant. */
function skipDelivered(batch: RecordBatch, position: Position, skip: { left: number }): RecordBatch {
  if (skip.left === 0) return batch;
  const values = batch.getChild("timestamp_ns")?.toArray() as BigInt64Array | undefined;
  let drop = 0;
  while (values && drop < values.length && drop < skip.left && values[drop] === position.lastNs) drop++;
  skip.left = values && drop === values.length ? skip.left - drop : 0;
  return drop === 0 ? batch : batch.slice(drop);
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(MosaicoError.from(signal.reason));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(MosaicoError.from(signal.reason));
    }, { once: true });
  });

/**
 * The batches of a read that reopens itself on transport failures; the
 * first reader's description stands for the whole read.
 */
export async function openResumableRead(open: OpenStream, options: TopicReaderOptions, resume: ResumeOptions): Promise<TopicReader> {
  const progress: ReadProgress = { batches: 0, rows: 0, bytes: 0, retries: 0 };
  let bytesBefore = 0;
  const report = (bytes: number) => (progress.bytes = bytesBefore + bytes);
  const first = await open({ startNs: options.startNs, onBytes: report });
  let current = first;
  let cancelled = false;
  async function* batches(): AsyncGenerator<RecordBatch> {
    let position: Position | undefined;
    for (let attempt = 0; ; ) {
      const skip = { left: position?.atLast ?? 0 };
      try {
        for await (const raw of current) {
          const batch = position ? skipDelivered(raw, position, skip) : raw;
          if (batch.numRows === 0) continue;
          position = advance(position, batch);
          progress.batches++;
          progress.rows += batch.numRows;
          options.onProgress?.({ ...progress });
          yield batch;
        }
        return;
      } catch (reason) {
        let error = MosaicoError.from(reason);
        // Reopen until a stream opens or the attempts run out; a reopening that fails counts as one.
        for (;;) {
          if (cancelled || !retryable.has(error.code) || attempt >= resume.attempts) throw error;
          await sleep((resume.backoffMs ?? 250) * 2 ** attempt, options.signal);
          progress.retries = ++attempt;
          options.onProgress?.({ ...progress });
          bytesBefore = progress.bytes;
          try {
            current = await open({ startNs: position?.lastNs ?? options.startNs, onBytes: report });
            break;
          } catch (failed) {
            error = MosaicoError.from(failed);
          }
        }
      }
    }
  }
  const iterable = batches();
  return {
    topic: first.topic,
    schema: first.schema,
    metadata: first.metadata,
    schemaMetadata: first.schemaMetadata,
    [Symbol.asyncIterator]: () => iterable,
    async readTable() {
      const collected: RecordBatch[] = [];
      for await (const batch of iterable) collected.push(batch);
      return collected.length > 0 ? new Table(collected) : new Table(first.schema);
    },
    async cancel() {
      cancelled = true;
      await current.cancel();
    },
  };
}
