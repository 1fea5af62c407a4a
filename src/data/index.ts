/**
 * Arrow data plane of mosaico-web: FlightData <-> Arrow record batches, the
 * LZ4_FRAME IPC codec, and the `mosaico:*` schema metadata.
 */
export {
  FlightDataEncoder,
  decodeFlightData,
  encodeFlightData,
  encodeRecordBatchFlightData,
  encodeSchemaFlightData,
} from "./flight-data-codec.js";
export type {
  DecodeFlightDataOptions,
  EncodeFlightDataOptions,
  FlightDataReader,
  IpcCompression,
} from "./flight-data-codec.js";
export { compressLz4Frame, decompressLz4Frame, registerLz4Codec } from "./lz4-codec.js";
export type { RegisterLz4CodecOptions } from "./lz4-codec.js";
export { parseMetadataValue, parseMosaicoSchemaMetadata } from "./schema-metadata.js";
export type { MosaicoSchemaMetadata, MosaicoSchemaProperties } from "./schema-metadata.js";
