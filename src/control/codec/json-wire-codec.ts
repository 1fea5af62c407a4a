/**
 * The JSON wire codec (generations J1, J2, J3; protocol §4.1, §5.2, §6.1).
 */
import { Code } from "../../errors/code.js";
import { concatBytes } from "../../util/concat-bytes.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { decodeJsonBytes, encodeJsonBytes, isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import type { TimeRange } from "../types.js";
import { decodeSequenceAppMetadataJson, decodeTopicAppMetadataJson } from "./json-app-metadata.js";
import type { ProtocolGeneration, WireCodec } from "./wire-codec.js";

function parseEnvelope(action: string, bytes: Uint8Array): JsonValue {
  let envelope: JsonValue;
  try {
    envelope = decodeJsonBytes(bytes);
  } catch (cause) {
    throw new MosaicoError(Code.DataLoss, `the server's answer to ${action} is not valid JSON`, { cause });
  }
  if (!isJsonObject(envelope)) {
    throw new MosaicoError(Code.DataLoss, `the server's answer to ${action} is not a JSON envelope`);
  }
  // `{"action":"empty"}` means "no data" (protocol §4.1).
  if (envelope.action === "empty") return null;
  if (envelope.action !== action) {
    throw new MosaicoError(
      Code.DataLoss,
      `the server answered ${action} with an envelope for ${String(envelope.action)}`,
    );
  }
  return envelope.response ?? null;
}

function decodeOptionalJson(bytes: Uint8Array, what: string): JsonValue | undefined {
  if (bytes.byteLength === 0) return undefined;
  try {
    return decodeJsonBytes(bytes);
  } catch (cause) {
    throw new MosaicoError(Code.DataLoss, `the server sent ${what} that is not valid JSON`, { cause });
  }
}

export function createJsonWireCodec(generation: ProtocolGeneration): WireCodec {
  return {
    generation,
    encodeActionBody: (request: JsonObject) => encodeJsonBytes(request),
    decodeActionResponse(action, bodies) {
      // An action with no Result at all is treated like a null response.
      if (bodies.length === 0) return null;
      return parseEnvelope(action, concatBytes(bodies));
    },
    decodeStreamedItem: (action, body) => parseEnvelope(action, body),
    encodeFlightInfoCommand(locator, range?: TimeRange) {
      const cmd: Record<string, unknown> = { resource_locator: locator };
      if (range?.startNs !== undefined) cmd.timestamp_ns_start = range.startNs;
      if (range?.endNs !== undefined) cmd.timestamp_ns_end = range.endNs;
      return encodeJsonBytes(cmd);
    },
    encodeDoPutCommand(locator, topicUuid) {
      // J1 reads `key`, J2/J3 read `topic_uuid`; unknown keys are ignored, so
      // sending both works on every JSON server (protocol §5.2).
      return encodeJsonBytes({ resource_locator: locator, topic_uuid: topicUuid, key: topicUuid });
    },
    decodeSequenceAppMetadata(bytes) {
      const value = decodeOptionalJson(bytes, "sequence app-metadata");
      return value === undefined ? undefined : decodeSequenceAppMetadataJson(value);
    },
    decodeTopicAppMetadata(bytes) {
      const value = decodeOptionalJson(bytes, "topic app-metadata");
      return value === undefined ? undefined : decodeTopicAppMetadataJson(value);
    },
  };
}
