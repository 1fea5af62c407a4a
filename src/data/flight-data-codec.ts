/**
 * The FlightData <-> Arrow codec: decoding (flight-data-decoder.ts) and
 * encoding (flight-data-encoder.ts), pure functions over message streams with
 * no network access.
 */
export { decodeFlightData } from "./flight-data-decoder.js";
export type { DecodeFlightDataOptions, FlightDataReader } from "./flight-data-decoder.js";
export {
  FlightDataEncoder,
  encodeFlightData,
  encodeRecordBatchFlightData,
  encodeSchemaFlightData,
} from "./flight-data-encoder.js";
export type { EncodeFlightDataOptions, IpcCompression } from "./flight-data-encoder.js";
