/**
 * FlightInfo.schema / SchemaResult.schema bytes (an IPC Schema message,
 * optionally behind the 0xFFFFFFFF continuation marker) -> apache-arrow Schema.
 */
import { Message, MessageHeader, type Schema } from "apache-arrow";
import { ipcPrefix } from "./flight-message-source.js";
import { headerTypeName, inspectIpcMessage } from "./ipc-message.js";
import { invalidSchemaBytes as invalid, schemaFlatbuffer } from "./schema-framing.js";

/**
 * Decodes a schema message; empty bytes (no schema sent) give `undefined`.
 * The flatbuffer is verified before apache-arrow reads it: its reader trusts
 * offsets, and a corrupted one can send it into an endless loop.
 */
export function decodeSchemaBytes(bytes: Uint8Array): Schema | undefined {
  if (bytes.byteLength === 0) return undefined;
  const header = schemaFlatbuffer(bytes);
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
