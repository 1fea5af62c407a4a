/**
 * mosaico-web: the TypeScript client of the Mosaico robotics data platform.
 *
 * This entry runs in browsers, Cloudflare Workers, Deno and Node and talks
 * gRPC-Web over fetch. Under Node, the package's `node` export condition
 * serves `./node/index.js` instead, whose MosaicoClient defaults to native
 * gRPC. The wire floor (Flight messages, codecs, IPC) is `mosaico-web/protocol`.
 *
 * @example
 * ```ts
 * import { MosaicoClient, IMU, Query } from "mosaico-web";
 *
 * await using client = await MosaicoClient.connect({ url: "https://mosaico.example", apiKey });
 * const hits = await client.query([Query.topic().ontologyTag.eq(IMU.tag), IMU.Q.acceleration.x.gt(5)]);
 * for await (const batch of await client.topicReader(hits[0]!.topics[0]!.locator)) console.log(batch.numRows);
 * ```
 */

// ---- For applications: connect, browse, read, write, query ----
export { MosaicoClient } from "./client.js";
export type { CallOptions, ConnectOptions, ConnectUrlOptions, FromEnvOptions } from "./options.js";
export { MosaicoError } from "./errors/mosaico-error.js";
export { Code, codeName } from "./errors/code.js";
export { APIKeyPermission } from "./security/permission.js";
export {
  GRPCCompressionAlgorithm,
  GRPCCompressionLevel,
  type GRPCCompression,
  type CompressionOption,
} from "./compression/compression-options.js";
export { SerializationFormat } from "./protocol/serialization-format.js";
export type { CreateTopicRequest } from "./control/topics.js";
export type { CreateSequenceOptions } from "./control/sequences.js";
export type { CreateApiKeyOptions } from "./control/api-keys.js";
export type { QueryResultItem, QueryResultTopic, TimeWindow } from "./control/query-actions.js";
export type { ApiKeyStatus, NotificationItem, SequenceInfo, SessionHandle, TopicInfo } from "./control/types.js";
export type {
  ProtocolGeneration,
  SemVer,
  ServerLimits,
  ServerVersion,
  SessionAppMetadata,
  TimeInterval,
  TimeRange,
  TopicAppMetadata,
} from "./protocol/codec/wire-types.js";
export type { JsonValue, JsonObject, UserMetadataInput } from "./protocol/json.js";
export type { TopicReader, TopicReaderOptions, TopicReadMetadata } from "./data/topic-reader.js";
export type { SequenceReader, SequenceReaderOptions, SequenceItem } from "./data/sequence-reader.js";
export type {
  SequenceWriter,
  SequenceWriterOptions,
  SequenceWriterState,
  TopicWriterOptions,
  SessionErrorPolicy,
} from "./data/sequence-writer.js";
export type { TopicWriter, BatchLimits, UploadTimeouts, TopicWriterState, TopicWriterStatus } from "./data/topic-writer.js";
export type { Row } from "./data/batch-builder.js";
export type { ReadProgress, WriteProgress } from "./data/progress.js";
export type { ResumeOptions } from "./data/resumable-read.js";
export type { ReaderWorkerOption, ReaderWorkerTarget } from "./data/reader-worker-option.js";
export * from "./ontology/index.js";
export * from "./query/index.js";

// ---- For libraries and tools: transports, keys, runtimes, wire helpers ----
export { createWebTransport } from "./transport/web-transport.js";
export type { MosaicoTransport, TransportConfig, TransportFactory } from "./transport/transport-config.js";
export { API_KEY_HEADER, apiKeyFingerprint, isWellFormedApiKey } from "./security/api-key.js";
export { redactSecrets } from "./errors/mosaico-error.js";
export type { EnvSource } from "./runtime/env.js";
export { detectRuntime, type RuntimeName } from "./runtime/detect-runtime.js";
export { parseJson, stringifyJson } from "./protocol/json.js";
export { topicLocator, splitTopicLocator } from "./protocol/locators.js";
export { decodeFlightData, type FlightDataReader } from "./protocol/ipc/flight-data-decoder.js";
export { encodeFlightData, FlightDataEncoder } from "./protocol/ipc/flight-data-encoder.js";
export { registerLz4Codec } from "./protocol/lz4/lz4-codec.js";
export { lz4CodecReady } from "./protocol/lz4/lz4-codec-choice.js";
export { serveReaderWorker } from "./worker/reader-worker-host.js";
export { createReaderWorker } from "./worker/worker-link.js";
export {
  parseMosaicoSchemaMetadata,
  type MosaicoSchemaMetadata,
  type MosaicoSchemaProperties,
} from "./protocol/ipc/schema-metadata.js";
