/**
 * FlightData -> one gRPC length-prefixed message, as chunks that leave the
 * body where it is.
 *
 * Connect serializes a message with protobuf's BinaryWriter (the body is
 * copied into a growing buffer, then sliced out of it) and then envelopes
 * it (copied again), so a DoPut copied every body about three times before
 * the socket saw it. FlightData is four fields (Flight.proto: flight_descriptor = 1,
 * data_header = 2, app_metadata = 3, data_body = 1000), so the frame is
 * written here by hand: one small chunk with the 5-byte gRPC prefix, the
 * small fields and the body's tag and length, then the body itself, a view
 * (a body of a few KiB goes into the first chunk instead, and a body the
 * encoder allocated with room in front gets its head written there: one
 * chunk, so one write and one write callback per message).
 * The bytes are exactly those of `toBinary(FlightDataSchema, message)` in
 * its envelope (test/unit/protocol/flight-data-frame.test.ts).
 */
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { FlightDataSchema, FlightDescriptorSchema, type FlightData } from "../../gen/arrow/flight/protocol/Flight_pb.js";

/** One FlightData in gRPC framing: `chunks` concatenated are the frame; `messageBytes` is its protobuf length. */
export interface FlightDataFrame {
  /**
   * The 5-byte prefix and the small fields first, then the body (a view of
   * `dataBody`); one chunk when the body is small, or was allocated with room
   * for the head in front (allocateFlightDataBody).
   */
  readonly chunks: Uint8Array[];
  /** Bytes of the protobuf message (the frame without its 5-byte prefix), as checked against writeMaxBytes. */
  readonly messageBytes: number;
}

// Tags of the length-delimited fields (field number << 3 | wire type 2).
const TAG_DESCRIPTOR = (1 << 3) | 2;
const TAG_HEADER = (2 << 3) | 2;
const TAG_APP_METADATA = (3 << 3) | 2;
const TAG_BODY = [0xc2, 0x3e]; // 1000 << 3 | 2 = 8002, as a varint

/**
 * Bodies up to this size are copied into the first chunk: one write instead
 * of two per message (each write waits for its callback in connect-node)
 * costs less than copying a few KiB.
 */
const SMALL_BODY_BYTES = 16 * 1024;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    out[at++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  out[at++] = value;
  return at;
}

/** Size of a length-delimited field: tag + length varint + payload (0 when proto3 leaves it out). */
function fieldSize(tagBytes: number, payload: number): number {
  return tagBytes + varintSize(payload) + payload;
}

/** Bodies allocated with room for their frame head in front: the bytes reserved, and the message that uses them. */
const headroom = new WeakMap<Uint8Array, { bytes: number; owner?: FlightData }>();

function frameHeadSize(headerLength: number, bodyLength: number): number {
  return 5 + (headerLength > 0 ? fieldSize(1, headerLength) : 0) + TAG_BODY.length + varintSize(bodyLength);
}

/**
 * A buffer for a FlightData body of `length` bytes, with room in front for
 * the frame head of a message with a `headerLength`-byte data_header (and no
 * descriptor or app metadata): encodeFlightDataFrame then writes that head
 * there and sends the frame as one chunk instead of two. The encoder copies
 * bodies that span the IPC writer's chunks into such a buffer, so the copy it
 * made anyway also assembles the frame.
 *
 * @example
 * ```ts
 * const body = allocateFlightDataBody(bodyBytes.byteLength, header.byteLength);
 * body.set(bodyBytes);
 * ```
 */
export function allocateFlightDataBody(length: number, headerLength: number): Uint8Array {
  const bytes = frameHeadSize(headerLength, length);
  const body = new Uint8Array(bytes + length).subarray(bytes);
  headroom.set(body, { bytes });
  return body;
}

/**
 * The frame as one chunk, its head written into the room reserved before the
 * body, when there is such room and no other message claimed it (two
 * messages sharing one body view must not overwrite each other's head).
 */
function frameInPlace(message: FlightData, head: Uint8Array): Uint8Array | undefined {
  const body = message.dataBody;
  const room = headroom.get(body);
  if (room === undefined || room.bytes < head.byteLength || (room.owner !== undefined && room.owner !== message)) return undefined;
  room.owner = message;
  const frame = new Uint8Array(body.buffer, body.byteOffset - head.byteLength, head.byteLength + body.byteLength);
  frame.set(head);
  return frame;
}

/**
 * Encodes one FlightData as a gRPC message frame (uncompressed flag) whose
 * body is not copied. Messages with unknown fields go through protobuf's
 * own writer (they never come from this SDK's encoders).
 *
 * @example
 * ```ts
 * const { chunks } = encodeFlightDataFrame(message);
 * for (const chunk of chunks) stream.write(chunk);
 * ```
 */
export function encodeFlightDataFrame(message: FlightData): FlightDataFrame {
  if (message.$unknown !== undefined && message.$unknown.length > 0) return copiedFrame(message);
  const descriptor = message.flightDescriptor ? toBinary(FlightDescriptorSchema, message.flightDescriptor) : undefined;
  const { dataHeader: header, appMetadata: metadata, dataBody: body } = message;
  // proto3: empty bytes fields are left out; a set message field is written even when empty.
  const headLength =
    (descriptor ? fieldSize(1, descriptor.byteLength) : 0) +
    (header.byteLength > 0 ? fieldSize(1, header.byteLength) : 0) +
    (metadata.byteLength > 0 ? fieldSize(1, metadata.byteLength) : 0);
  const bodyFieldHead = body.byteLength > 0 ? TAG_BODY.length + varintSize(body.byteLength) : 0;
  const messageBytes = headLength + bodyFieldHead + body.byteLength;
  const inline = body.byteLength <= SMALL_BODY_BYTES;
  const head = new Uint8Array(5 + headLength + bodyFieldHead + (inline ? body.byteLength : 0));
  new DataView(head.buffer).setUint32(1, messageBytes); // flag byte 0: not compressed
  let at = 5;
  const field = (tag: number, payload: Uint8Array) => {
    head[at++] = tag;
    at = writeVarint(head, at, payload.byteLength);
    head.set(payload, at);
    at += payload.byteLength;
  };
  if (descriptor) field(TAG_DESCRIPTOR, descriptor);
  if (header.byteLength > 0) field(TAG_HEADER, header);
  if (metadata.byteLength > 0) field(TAG_APP_METADATA, metadata);
  if (body.byteLength === 0) return { chunks: [head], messageBytes };
  head.set(TAG_BODY, at);
  at = writeVarint(head, at + TAG_BODY.length, body.byteLength);
  if (!inline) {
    const whole = frameInPlace(message, head);
    return { chunks: whole ? [whole] : [head, body], messageBytes };
  }
  head.set(body, at);
  return { chunks: [head], messageBytes };
}

function copiedFrame(message: FlightData): FlightDataFrame {
  const bytes = toBinary(FlightDataSchema, message);
  const frame = new Uint8Array(5 + bytes.byteLength);
  new DataView(frame.buffer).setUint32(1, bytes.byteLength);
  frame.set(bytes, 5);
  return { chunks: [frame], messageBytes: bytes.byteLength };
}

/**
 * Decodes one FlightData message (the payload of a gRPC frame) with its
 * byte fields as views of `bytes`, as protobuf's fromBinary returns them,
 * without its reflection: DoGet hands hundreds of large messages to this.
 * Anything but the four known fields each written once, in their wire
 * types (unknown fields, a repeated descriptor), goes to fromBinary itself.
 *
 * @throws Error as fromBinary does, for a malformed message.
 * @example
 * ```ts
 * const message = decodeFlightDataMessage(frame.subarray(5));
 * ```
 */
export function decodeFlightDataMessage(bytes: Uint8Array): FlightData {
  const message = create(FlightDataSchema);
  let at = 0;
  let descriptor: Uint8Array | undefined;
  while (at < bytes.byteLength) {
    const tag = readVarint(bytes, at);
    if (tag === undefined) return fromBinary(FlightDataSchema, bytes);
    const length = readVarint(bytes, tag.next);
    if ((tag.value & 7) !== 2 || length === undefined || length.value > bytes.byteLength - length.next) {
      return fromBinary(FlightDataSchema, bytes); // another wire type, a bad length: fromBinary decides
    }
    const payload = bytes.subarray(length.next, length.next + length.value);
    at = length.next + length.value;
    switch (tag.value) {
      case TAG_DESCRIPTOR:
        if (descriptor) return fromBinary(FlightDataSchema, bytes); // repeated messages merge
        descriptor = payload;
        break;
      case TAG_HEADER:
        message.dataHeader = payload;
        break;
      case TAG_APP_METADATA:
        message.appMetadata = payload;
        break;
      case TAG_BODY_VALUE:
        message.dataBody = payload;
        break;
      default:
        return fromBinary(FlightDataSchema, bytes); // unknown fields are kept by fromBinary
    }
  }
  if (descriptor) message.flightDescriptor = fromBinary(FlightDescriptorSchema, descriptor);
  return message;
}

const TAG_BODY_VALUE = (1000 << 3) | 2;

/** A varint of at most 5 bytes (tags and lengths here stay below 2^32), or undefined when cut short or longer. */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (at >= bytes.byteLength) return undefined;
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return { value, next: at };
  }
  return undefined;
}
