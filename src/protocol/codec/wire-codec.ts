/**
 * The seam between Mosaico's wire generations and the rest of the SDK.
 *
 * Every byte layout that changed between server releases (action bodies and
 * their envelope, descriptor commands, app-metadata, the version action and
 * the session addressing) is encoded and decoded behind this interface. Today
 * one implementation covers the JSON generations J1-J3 (json-wire-codec.ts); a
 * protobuf generation (P1/P2, docs/protocol.md §14) would be a second implementation,
 * picked by generation detection.
 */
import type { JsonObject, JsonValue } from "../json.js";
import type {
  ProtocolGeneration,
  SequenceAppMetadata,
  ServerVersion,
  SessionRef,
  TimeRange,
  TopicAppMetadata,
} from "./wire-types.js";

export type { ProtocolGeneration } from "./wire-types.js";

/** Encodes requests and decodes answers for one wire generation. */
export interface WireCodec {
  /** The generation this codec speaks. */
  readonly generation: ProtocolGeneration;
  /** The action that reports the server version: `version` (J1/J2) or `info` (J3). */
  readonly versionAction: "version" | "info";
  /** Action request object -> Action.body bytes. */
  encodeActionBody(request: JsonObject): Uint8Array;
  /** All Result bodies of a unary action -> its `response` payload. */
  decodeActionResponse(action: string, bodies: Uint8Array[]): JsonValue;
  /** One Result body of a streaming (JSONL) action -> its `response` payload. */
  decodeStreamedItem(action: string, body: Uint8Array): JsonValue;
  /** The `response` of the version action -> ServerVersion. */
  decodeServerVersion(response: JsonValue): ServerVersion;
  /** The `session_delete` request: by uuid on J1, by locator on J2+. Throws when the needed one is missing. */
  encodeSessionDeleteRequest(session: SessionRef): JsonObject;
  /** GetFlightInfo descriptor command for a sequence or topic. */
  encodeFlightInfoCommand(locator: string, range?: TimeRange): Uint8Array;
  /** DoPut descriptor command for a topic. */
  encodeDoPutCommand(locator: string, topicUuid: string): Uint8Array;
  /** FlightInfo.app_metadata of a sequence; undefined when empty. */
  decodeSequenceAppMetadata(bytes: Uint8Array): SequenceAppMetadata | undefined;
  /** FlightEndpoint.app_metadata of a topic; undefined when empty. */
  decodeTopicAppMetadata(bytes: Uint8Array): TopicAppMetadata | undefined;
}
