/**
 * `mosaico-web/protocol`: the wire floor of mosaico-web, shared by the client,
 * the reference server and tools. Everything here encodes, decodes or names
 * what travels on the wire, and makes no calls:
 *
 * - the Arrow Flight messages and service (generated from Flight.proto);
 * - the bigint-safe JSON codec and the typed field readers;
 * - resource locators and serialization formats;
 * - the wire codec of each Mosaico generation (action envelopes, descriptor
 *   commands, app-metadata, version/info);
 * - FlightData <-> Arrow IPC, with the IPC message verifier;
 * - the LZ4_FRAME body codec;
 * - schema bytes and the `mosaico:*` schema metadata;
 * - the query grammars: `$match` globs, ontology field paths with list
 *   specifiers, user-metadata keys with wildcards.
 *
 * Applications rarely need it: MosaicoClient uses it for them.
 *
 * @example
 * ```ts
 * import { decodeFlightData, FlightDataEncoder } from "mosaico-web/protocol";
 *
 * const encoder = new FlightDataEncoder(table.schema, { compression: "lz4_frame" });
 * const messages = [encoder.encodeSchema(), ...table.batches.flatMap((b) => encoder.encodeBatch(b))];
 * const reader = await decodeFlightData(toAsync(messages));
 * const copy = await reader.readTable();
 * ```
 */

// ---- Arrow Flight (generated) ----
export * from "../gen/arrow/flight/protocol/Flight_pb.js";

// ---- errors (re-exported so a server or tool needs this entry alone) ----
export { MosaicoError } from "../errors/mosaico-error.js";
export { Code, codeName } from "../errors/code.js";

// ---- JSON ----
export {
  decodeJsonBytes,
  encodeJsonBytes,
  isJsonObject,
  MAX_JSON_DEPTH,
  nestsDeeperThan,
  parseJson,
  stringifyJson,
  toBigInt,
  type JsonObject,
  type JsonValue,
  type UserMetadataInput,
} from "./json.js";
export { asObject, readArray, readBigInt, readNullableBigInt, readOptionalString, readString } from "./json-fields.js";
export { concatBytes } from "./concat-bytes.js";

// ---- names ----
export { assertSequenceName, normalizeTopicPath, resolveTopicLocator, splitTopicLocator, topicLocator } from "./locators.js";
export { SerializationFormat } from "./serialization-format.js";

// ---- wire generations ----
export { createJsonWireCodec } from "./codec/json-wire-codec.js";
export { decodeServerVersionJson, generationOfVersion } from "./codec/json-server-version.js";
export { decodeSequenceAppMetadataJson, decodeTopicAppMetadataJson } from "./codec/json-app-metadata.js";
export type { WireCodec } from "./codec/wire-codec.js";
export type {
  ProtocolGeneration,
  SemVer,
  SequenceAppMetadata,
  ServerLimits,
  ServerVersion,
  SessionAppMetadata,
  SessionRef,
  TimeInterval,
  TimeRange,
  TopicAppMetadata,
} from "./codec/wire-types.js";

// ---- FlightData <-> Arrow IPC ----
export { decodeFlightData, type DecodeFlightDataOptions, type FlightDataReader } from "./ipc/flight-data-decoder.js";
export {
  FlightDataEncoder,
  encodeFlightData,
  encodeRecordBatchFlightData,
  encodeSchemaFlightData,
  type EncodeFlightDataOptions,
  type IpcCompression,
} from "./ipc/flight-data-encoder.js";
export { decodeFlightDataMessage, encodeFlightDataFrame, type FlightDataFrame } from "./ipc/flight-data-frame.js";
export { FlightMessageSource, ipcPrefix, toFlightFrame, type FlightFrame } from "./ipc/flight-message-source.js";
export { headerTypeName, inspectIpcMessage, type IpcBufferRegion, type IpcMessageInfo } from "./ipc/ipc-message.js";
export { decodeSchemaBytes, encodeSchemaBytes } from "./ipc/schema-bytes.js";
export {
  CONTEXT_KEY,
  PROPERTIES_KEY,
  USER_METADATA_KEY,
  parseMetadataValue,
  parseMosaicoSchemaMetadata,
  type MosaicoSchemaMetadata,
  type MosaicoSchemaProperties,
} from "./ipc/schema-metadata.js";

// ---- LZ4_FRAME ----
export {
  MAX_LZ4_BUFFER_BYTES,
  arrowUncompressedLength,
  compressLz4Frame,
  decompressLz4Frame,
  lz4FrameCodec,
  registerLz4Codec,
  type RegisterLz4CodecOptions,
} from "./lz4/lz4-codec.js";
export { lz4jsBlockCodec, type Lz4BlockCodec } from "./lz4/lz4-block-codec.js";
export {
  lz4CodecReady,
  setLz4CodecLoader,
  wasmLz4CodecLoader,
  type Lz4CodecLoader,
} from "./lz4/lz4-codec-choice.js";
export { decodeLz4Frames, scanLz4Block, Lz4FrameError, type Lz4BlockDecoder, type Lz4BlockShape } from "./lz4/lz4-frame.js";

// ---- $match glob patterns ----
export { GlobError, MAX_PATTERN_BYTES, globToRegExp, literalPrefix, matchesGlob, type GlobOptions } from "./glob.js";

// ---- query field paths and user-metadata keys ----
export {
  FieldPathError,
  formatListSpecifier,
  parseOntologyFieldPath,
  type ListSpecifier,
  type OntologyFieldPath,
} from "./ontology-field-path.js";
export { MetadataKeyError, isMetadataKeyPattern, parseMetadataKey, type MetadataKeyStep } from "./metadata-key.js";
