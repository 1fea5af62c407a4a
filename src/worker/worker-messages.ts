/**
 * The messages between a page's worker readers and the reader worker. Every
 * message carries `mosaico: "reader"` so a worker that also does other work
 * can share its port; `id` names one read. Batches travel as Arrow IPC
 * stream bytes whose ArrayBuffer is in the transfer list (moved, not copied).
 *
 * A read has one stream per topic (a topic read: stream 0; a sequence
 * read: one per selected topic, merged by time on the page, where merging
 * is cheap, so each message carries a whole decoded batch rather than a run
 * of a few rows). Page `open` (with `credit` batches each stream may send at
 * once) -> worker `opened` | `error`; then per stream `progress`* and
 * `batch`* (one per credit; the page grants one more per batch its consumer
 * takes) -> `end`; or `error` for the whole read. The page may send `cancel` at any time; `close` ends a
 * connection of the worker (the client closed).
 */
import type { CompressionOption } from "../compression/compression-options.js";
import type { ProtocolGeneration } from "../protocol/codec/wire-types.js";
import type { ReadProgress } from "../data/progress.js";
import type { ResumeOptions } from "../data/resumable-read.js";
import type { TopicReadMetadata } from "../data/topic-reader.js";
import type { MosaicoSchemaMetadata } from "../protocol/ipc/schema-metadata.js";
import type { TopicInfo } from "../control/types.js";

/** Marks the messages of this protocol on a shared port. */
export const READER_PROTOCOL = "reader";

/**
 * How the worker reaches the server the client is connected to: the
 * structured-clone subset of the connect options, plus what the client's
 * probe settled (so the worker does not probe again).
 */
export interface WorkerConnection {
  /** Names this connection in the worker; one per client. */
  connectionId: string;
  /** The server's origin. */
  url: string;
  apiKey?: string | undefined;
  allowInsecure?: boolean | undefined;
  enableTls?: boolean | undefined;
  tlsCertPath?: string | undefined;
  tlsCaPem?: string | undefined;
  compression?: CompressionOption | undefined;
  compressMinBytes?: number | undefined;
  readMaxBytes?: number | undefined;
  timeoutMs?: number | undefined;
  generation: ProtocolGeneration;
  maxMessageBytes?: number | undefined;
}

/** The reader options that travel (functions, signals and workers stay on the page). */
export interface WorkerReadOptions {
  startNs?: bigint | undefined;
  endNs?: bigint | undefined;
  prefetch?: number | undefined;
  resume?: ResumeOptions | undefined;
  idleTimeoutMs?: number | undefined;
  timeoutMs?: number | undefined;
  topics?: string[] | undefined;
  /** The page has an onProgress: send `progress` messages. */
  progress?: boolean | undefined;
}

/** What to read: one topic, or a sequence merged by time. */
export type WorkerReadRequest = { type: "topic"; locator: string } | { type: "sequence"; name: string };

/** A TopicInfo with its Arrow schema as IPC bytes (a Schema does not survive structured clone). */
export type WireTopicInfo = Omit<TopicInfo, "schema"> & { schemaIpc?: Uint8Array | undefined };

/** A MosaicoError as it crosses: the code, the (already redacted) message, the call's metadata. */
export interface WireError {
  code: number;
  message: string;
  metadata: [string, string][];
}

/** Page -> worker. */
export type PageMessage =
  | {
      mosaico: typeof READER_PROTOCOL;
      kind: "open";
      id: number;
      connection: WorkerConnection;
      request: WorkerReadRequest;
      options: WorkerReadOptions;
      credit: number;
    }
  | { mosaico: typeof READER_PROTOCOL; kind: "credit"; id: number; stream: number; credit: number }
  | { mosaico: typeof READER_PROTOCOL; kind: "cancel"; id: number }
  | { mosaico: typeof READER_PROTOCOL; kind: "close"; connectionId: string };

/** What the page learns when a topic read opens. */
export interface TopicHead {
  type: "topic";
  topic: WireTopicInfo;
  schemaIpc: Uint8Array;
  metadata: TopicReadMetadata;
  schemaMetadata: MosaicoSchemaMetadata;
}

/** What the page learns when a sequence read opens. */
export interface SequenceHead {
  type: "sequence";
  topics: WireTopicInfo[];
}

/** Worker -> page. */
export type WorkerMessage =
  | { mosaico: typeof READER_PROTOCOL; kind: "opened"; id: number; head: TopicHead | SequenceHead }
  | { mosaico: typeof READER_PROTOCOL; kind: "progress"; id: number; progress: ReadProgress }
  | { mosaico: typeof READER_PROTOCOL; kind: "batch"; id: number; stream: number; ipc: Uint8Array }
  | { mosaico: typeof READER_PROTOCOL; kind: "end"; id: number; stream: number }
  | { mosaico: typeof READER_PROTOCOL; kind: "error"; id: number; error: WireError };

/** True for a message of this protocol (anything else on a shared port is ignored). */
export function isReaderMessage(data: unknown): data is { mosaico: typeof READER_PROTOCOL; kind: string } {
  return typeof data === "object" && data !== null && (data as { mosaico?: unknown }).mosaico === READER_PROTOCOL;
}
