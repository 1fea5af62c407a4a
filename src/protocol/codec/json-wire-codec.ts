/**
 * The JSON wire codec (generations J1, J2, J3; docs/protocol.md §4.1, §5.2, §6.1).
 */
import { Code } from "../../errors/code.js";
import { concatBytes } from "../concat-bytes.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import { decodeJsonBytes, describeJsonValue, encodeJsonBytes, isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import { decodeSequenceAppMetadataJson, decodeTopicAppMetadataJson } from "./json-app-metadata.js";
import { decodeServerVersionJson } from "./json-server-version.js";
import type { WireCodec } from "./wire-codec.js";
import type { ProtocolGeneration, SessionRef, TimeRange } from "./wire-types.js";

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
  // `{"action":"empty"}` means "no data" (docs/protocol.md §4.1).
  if (envelope.action === "empty") return null;
  if (envelope.action !== action) {
    throw new MosaicoError(
      Code.DataLoss,
      `the server answered ${action} with an envelope for ${describeJsonValue(envelope.action)}`,
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

function sessionDeleteRequest(generation: ProtocolGeneration, session: SessionRef): JsonObject {
  if (generation === "J1") {
    if (!session.uuid) throw new MosaicoError(Code.InvalidArgument, "this server (J1) deletes sessions by uuid; pass the SessionHandle from createSession");
    return { session_uuid: session.uuid };
  }
  if (!session.locator) throw new MosaicoError(Code.InvalidArgument, "session_delete needs the session locator <sequence>:<id>");
  return { locator: session.locator };
}

/** The codec of one JSON generation (J1, J2 or J3). */
export function createJsonWireCodec(generation: ProtocolGeneration): WireCodec {
  return Object.freeze<WireCodec>({
    generation,
    versionAction: generation === "J3" ? "info" : "version",
    decodeServerVersion: (response) => decodeServerVersionJson(response, generation),
    encodeSessionDeleteRequest: (session) => sessionDeleteRequest(generation, session),
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
      // sending both works on every JSON server (docs/protocol.md §5.2).
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
  });
}
