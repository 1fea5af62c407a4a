/**
 * The custom metadata of FlightInfo.schema bytes, read without apache-arrow:
 * catalog calls (sequenceInfo, listings) need only these key/value strings,
 * so a page that never reads data does not load Arrow's decoder for them.
 */
import { FlatbufferError, FlatbufferReader } from "./flatbuffer-reader.js";
import { headerTypeName, inspectIpcMessage, IpcHeader } from "./ipc-message.js";
import { invalidSchemaBytes, schemaFlatbuffer } from "./schema-framing.js";

// Message.fbs: Message.header (id 2); Schema.fbs: Schema.custom_metadata (id 2), KeyValue.key (0), .value (1).
const MESSAGE_HEADER = 2;
const SCHEMA_CUSTOM_METADATA = 2;

/**
 * The schema's custom metadata; empty bytes (no schema sent) give `undefined`.
 * Verified as decodeSchemaBytes verifies, with the same DATA_LOSS errors.
 */
export function decodeSchemaMetadataBytes(bytes: Uint8Array): Map<string, string> | undefined {
  if (bytes.byteLength === 0) return undefined;
  const header = schemaFlatbuffer(bytes);
  const info = inspectIpcMessage(header);
  if (info.headerType !== IpcHeader.Schema) throw invalidSchemaBytes(`a ${headerTypeName(info.headerType)} message`);
  try {
    const fb = new FlatbufferReader(header);
    const schema = fb.subTable(fb.root(), MESSAGE_HEADER)!;
    const metadata = new Map<string, string>();
    for (const kv of fb.tables(schema, SCHEMA_CUSTOM_METADATA)) {
      const key = fb.string(kv, 0);
      if (key !== undefined) metadata.set(key, fb.string(kv, 1) ?? "");
    }
    return metadata;
  } catch (cause) {
    if (cause instanceof FlatbufferError) throw invalidSchemaBytes(cause.message, cause);
    throw cause;
  }
}
