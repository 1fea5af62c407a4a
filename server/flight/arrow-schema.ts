/**
 * Arrow schemas on the wire (FlightInfo.schema, SchemaResult.schema), through
 * the SDK's one schema-bytes codec in src/protocol.
 */
import { Schema, type Field } from "apache-arrow";
import { decodeSchemaBytes, encodeSchemaBytes } from "../../src/protocol/index.js";

/** A stored schema message -> Schema (the store only holds schemas it wrote). */
export function decodeSchemaMessage(bytes: Uint8Array): Schema {
  const schema = decodeSchemaBytes(bytes);
  if (!schema) throw new Error("the stored IPC schema message is empty");
  return schema;
}

/** The stored topic fields (none before the first DoPut) with new metadata. */
export function schemaWithMetadata(
  stored: Uint8Array | null,
  metadata: ReadonlyMap<string, string>,
): Uint8Array {
  const fields: Field[] = stored ? decodeSchemaMessage(stored).fields : [];
  return encodeSchemaBytes(new Schema(fields, new Map(metadata)));
}
