/**
 * The framing of FlightInfo.schema / SchemaResult.schema bytes: an
 * encapsulated IPC message, after the 0xFFFFFFFF continuation marker and its
 * int32 length, or (the pre-1.0 form) after the length alone. Shared by the
 * full schema decoder and the Arrow-free metadata reader.
 */
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";

const CONTINUATION = 0xffffffff;

/** DATA_LOSS naming what is wrong with schema bytes. */
export function invalidSchemaBytes(what: string, cause?: unknown): MosaicoError {
  return new MosaicoError(Code.DataLoss, `the server sent a schema that is not a valid Arrow IPC schema message (${what})`, {
    ...(cause !== undefined && { cause }),
  });
}

/** The message flatbuffer inside schema bytes, bounds-checked. */
export function schemaFlatbuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength < 4) throw invalidSchemaBytes(`${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const marked = view.getUint32(0, true) === CONTINUATION;
  const start = marked ? 8 : 4;
  if (bytes.byteLength < start) throw invalidSchemaBytes(`${bytes.byteLength} bytes`);
  const length = view.getInt32(start - 4, true);
  if (length <= 0 || start + length > bytes.byteLength) {
    throw invalidSchemaBytes(`a ${length}-byte message declared in ${bytes.byteLength} bytes`);
  }
  return bytes.subarray(start, start + length);
}
