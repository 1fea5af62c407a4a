/**
 * FlightInfo.schema / SchemaResult.schema bytes (an IPC Schema message,
 * optionally behind the 0xFFFFFFFF continuation marker) -> apache-arrow Schema.
 */
import { MessageReader, type Schema } from "apache-arrow";
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
