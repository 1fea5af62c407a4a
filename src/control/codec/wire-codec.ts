/**
 * The seam between Mosaico's wire generations and the rest of the SDK.
 *
 * Every byte layout that changed between server releases (action bodies and
 * their envelope, descriptor commands, app-metadata) is encoded and decoded
 * behind this interface. Today one implementation covers the JSON generations
 * J1-J3 (json-wire-codec.ts); a protobuf generation (P1/P2, protocol §14)
 * would be a second implementation, picked by generation detection.
 */
import type { JsonObject, JsonValue } from "../json.js";
import type { SequenceAppMetadata, TopicAppMetadata, TimeRange } from "../types.js";

/** Wire generations of mosaicod (protocol §0). */
export type ProtocolGeneration = "J1" | "J2" | "J3";

export interface WireCodec {
  readonly generation: ProtocolGeneration;
  /** Action request object -> Action.body bytes. */
  encodeActionBody(request: JsonObject): Uint8Array;
  /** All Result bodies of a unary action -> its `response` payload. */
  decodeActionResponse(action: string, bodies: Uint8Array[]): JsonValue;
  /** One Result body of a streaming (JSONL) action -> its `response` payload. */
  decodeStreamedItem(action: string, body: Uint8Array): JsonValue;
  /** GetFlightInfo descriptor command for a sequence or topic. */
  encodeFlightInfoCommand(locator: string, range?: TimeRange): Uint8Array;
  /** DoPut descriptor command for a topic. */
  encodeDoPutCommand(locator: string, topicUuid: string): Uint8Array;
  decodeSequenceAppMetadata(bytes: Uint8Array): SequenceAppMetadata | undefined;
  decodeTopicAppMetadata(bytes: Uint8Array): TopicAppMetadata | undefined;
}
