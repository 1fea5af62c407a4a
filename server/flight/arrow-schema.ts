/**
 * Arrow schemas on the wire: FlightInfo.schema and SchemaResult.schema carry
 * an encapsulated IPC Schema message (0xFFFFFFFF, int32 LE length, flatbuffer
 * padded to 8 bytes), exactly what arrow-rs `try_with_schema` produces.
 */
import { Message, Schema } from "apache-arrow";
import type { Field } from "apache-arrow";

const CONTINUATION = 0xffffffff;

export function encodeSchemaMessage(schema: Schema): Uint8Array {
  const flatbuffer = Message.encode(Message.from(schema));
  const padded = (flatbuffer.byteLength + 7) & ~7;
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, CONTINUATION, true);
  view.setInt32(4, padded, true);
  out.set(flatbuffer, 8);
  return out;
}

/** Reads an encapsulated (or legacy, length-only) IPC Schema message. */
export function decodeSchemaMessage(bytes: Uint8Array): Schema {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  if (bytes.byteLength >= 4 && view.getUint32(0, true) === CONTINUATION) offset = 4;
  const length = view.getInt32(offset, true);
  const message = Message.decode(bytes.subarray(offset + 4, offset + 4 + length));
  if (!message.isSchema()) throw new Error("IPC message is not a Schema");
  return message.header();
}

/** The stored topic fields (none before the first DoPut) with new metadata. */
export function schemaWithMetadata(
  stored: Uint8Array | null,
  metadata: ReadonlyMap<string, string>,
): Uint8Array {
  const fields: Field[] = stored ? decodeSchemaMessage(stored).fields : [];
  return encodeSchemaMessage(new Schema(fields, new Map(metadata)));
}
