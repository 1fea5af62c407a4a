/**
 * mosaico-web: the TypeScript client of the Mosaico robotics data platform.
 *
 * This entry runs in browsers, Cloudflare Workers, Deno and Node and talks
 * gRPC-Web over fetch. Under Node, the package's `node` export condition
 * serves `./node/index.js` instead, whose MosaicoClient defaults to native gRPC.
 */
export { MosaicoClient } from "./client.js";
export type { ConnectOptions, ConnectUrlOptions, FromEnvOptions } from "./options.js";
export type { CallOptions } from "./control/call-options.js";
export { MosaicoError, redactSecrets } from "./errors/mosaico-error.js";
export { Code, codeName } from "./errors/code.js";
export { APIKeyPermission } from "./security/permission.js";
export { API_KEY_HEADER, apiKeyFingerprint, isWellFormedApiKey } from "./security/api-key.js";
export {
  GRPCCompressionAlgorithm,
  GRPCCompressionLevel,
  type GRPCCompression,
  type CompressionOption,
} from "./compression/compression-options.js";
export { SerializationFormat, type CreateTopicRequest } from "./control/topics.js";
export type { CreateSequenceOptions } from "./control/sequences.js";
export type { CreateApiKeyOptions } from "./control/api-keys.js";
export type { QueryResultItem, QueryResultTopic } from "./control/raw-query.js";
export type { ProtocolGeneration } from "./control/codec/wire-codec.js";
export type {
  ApiKeyStatus,
  NotificationItem,
  SemVer,
  SequenceInfo,
  ServerVersion,
  SessionAppMetadata,
  SessionHandle,
  TimeInterval,
  TimeRange,
  TopicAppMetadata,
  TopicInfo,
} from "./control/types.js";
export type { JsonValue, JsonObject, UserMetadataInput } from "./control/json.js";
export { parseJson, stringifyJson } from "./control/json.js";
export { topicLocator, splitTopicLocator } from "./control/locators.js";
export { createWebTransport } from "./transport/web-transport.js";
export type { MosaicoTransport, TransportConfig, TransportFactory } from "./transport/transport-config.js";
export type { EnvSource } from "./runtime/env.js";
export { detectRuntime, type RuntimeName } from "./runtime/detect-runtime.js";
export type { TopicReader, TopicReaderOptions } from "./data/topic-reader.js";
export type { SequenceReader, SequenceReaderOptions, SequenceItem } from "./data/sequence-reader.js";
export { SequenceWriter, type SequenceWriterOptions, type TopicWriterOptions, type SessionErrorPolicy } from "./data/sequence-writer.js";
export { TopicWriter, type BatchLimits, type TopicWriterState } from "./data/topic-writer.js";
export type { Row } from "./data/batch-builder.js";
export type { ReadProgress, WriteProgress } from "./data/progress.js";
export {
  decodeFlightData,
  encodeFlightData,
  FlightDataEncoder,
  registerLz4Codec,
  parseMosaicoSchemaMetadata,
  type FlightDataReader,
  type MosaicoSchemaMetadata,
  type MosaicoSchemaProperties,
} from "./data/index.js";
export * from "./ontology/index.js";
export * from "./query/index.js";
export type { TimeWindow } from "./control/temporal-filters.js";
