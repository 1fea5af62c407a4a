/**
 * FlightInfo.schema / SchemaResult.schema bytes (an IPC Schema message,
 * optionally behind the 0xFFFFFFFF continuation marker) -> apache-arrow Schema.
 */
import { Message, MessageHeader, type Schema } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { ipcPrefix } from "./flight-message-source.js";
import { headerTypeName, inspectIpcMessage } from "./ipc-message.js";

const CONTINUATION = 0xffffffff;

const invalid = (what: string, cause?: unknown): MosaicoError =>
  new MosaicoError(Code.DataLoss, `the server sent a schema that is not a valid Arrow IPC schema message (${what})`, {
    ...(cause !== undefined && { cause }),
  });

/**
 * The flatbuffer of an encapsulated message: after the continuation marker
 * and its int32 length, or (the pre-1.0 form) after the length alone.
 */
function schemaHeader(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength < 4) throw invalid(`${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const marked = view.getUint32(0, true) === CONTINUATION;
  const start = marked ? 8 : 4;
  if (bytes.byteLength < start) throw invalid(`${bytes.byteLength} bytes`);
  const length = view.getInt32(start - 4, true);
  if (length <= 0 || start + length > bytes.byteLength) {
    throw invalid(`a ${length}-byte message declared in ${bytes.byteLength} bytes`);
  }
  return bytes.subarray(start, start + length);
}

/**
 * Decodes a schema message; empty bytes (no schema sent) give `undefined`.
 * The flatbuffer is verified before apache-arrow reads it: its reader trusts
 * offsets, and a corrupted one can send it into an endless loop.
 */
export function decodeSchemaBytes(bytes: Uint8Array): Schema | undefined {
  if (bytes.byteLength === 0) return undefined;
  const header = schemaHeader(bytes);
  const info = inspectIpcMessage(header);
  if (info.headerType !== MessageHeader.Schema) throw invalid(`a ${headerTypeName(info.headerType)} message`);
  try {
    return Message.decode(header).header() as Schema;
  } catch (cause) {
    throw invalid(String(cause), cause);
  }
}

/**
 * Schema -> FlightInfo.schema / SchemaResult.schema bytes: an encapsulated IPC
 * Schema message (continuation marker, int32 LE length, flatbuffer padded to
 * 8 bytes), as arrow-rs `try_with_schema` writes it.
 */
export function encodeSchemaBytes(schema: Schema): Uint8Array {
  return ipcPrefix(Message.encode(Message.from(schema)));
}
