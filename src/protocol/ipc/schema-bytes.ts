/**
 * FlightInfo.schema / SchemaResult.schema bytes (an IPC Schema message,
 * optionally behind the 0xFFFFFFFF continuation marker) -> apache-arrow Schema.
 */
import { Message, MessageReader, type Schema } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";

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

const CONTINUATION = 0xffffffff;

/**
 * Schema -> FlightInfo.schema / SchemaResult.schema bytes: an encapsulated IPC
 * Schema message (continuation marker, int32 LE length, flatbuffer padded to
 * 8 bytes), as arrow-rs `try_with_schema` writes it.
 */
export function encodeSchemaBytes(schema: Schema): Uint8Array {
  const flatbuffer = Message.encode(Message.from(schema));
  const padded = (flatbuffer.byteLength + 7) & ~7;
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, CONTINUATION, true);
  view.setInt32(4, padded, true);
  out.set(flatbuffer, 8);
  return out;
}
