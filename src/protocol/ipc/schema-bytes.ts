/**
 * FlightInfo.schema / SchemaResult.schema bytes (an IPC Schema message,
 * optionally behind the 0xFFFFFFFF continuation marker) -> apache-arrow Schema.
 */
import { Message, MessageReader, type Schema } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { ipcPrefix } from "./flight-message-source.js";

/** Decodes a schema message; empty bytes (no schema sent) give `undefined`. */
export function decodeSchemaBytes(bytes: Uint8Array): Schema | undefined {
  if (bytes.byteLength === 0) return undefined;
  try {
    const schema = new MessageReader(bytes).readSchema(true);
    return schema ?? undefined;
  } catch (cause) {
    throw new MosaicoError(Code.DataLoss, "the server sent a schema that is not a valid Arrow IPC schema message", {
      cause,
    });
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
