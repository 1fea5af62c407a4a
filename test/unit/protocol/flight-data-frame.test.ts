/**
 * encodeFlightDataFrame writes FlightData by hand (the Node DoPut path sends
 * bodies without copying them); its frames must be byte for byte what
 * connect sends: protobuf-es's toBinary in a gRPC envelope.
 */
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { encodeEnvelope } from "@connectrpc/connect/protocol";
import { describe, expect, it } from "vitest";
import {
  FlightDataEncoder,
  FlightDataSchema,
  FlightDescriptor_DescriptorType,
  FlightDescriptorSchema,
  concatBytes,
  decodeFlightDataMessage,
  encodeFlightDataFrame,
  type FlightData,
} from "../../../src/protocol/index.js";
import { Rng } from "../../fuzz/prng.js";
import { imuBatch, imuSchema } from "../../integration/helpers/imu-data.js";

function expected(message: FlightData): Uint8Array {
  return encodeEnvelope(0, toBinary(FlightDataSchema, message));
}

function framed(message: FlightData): Uint8Array {
  const frame = encodeFlightDataFrame(message);
  const bytes = concatBytes(frame.chunks);
  expect(frame.messageBytes).toBe(bytes.byteLength - 5);
  return bytes;
}

/** Where two byte strings first differ ("same" when they do not): toEqual on long arrays is very slow. */
function difference(actual: Uint8Array, wanted: Uint8Array): string {
  if (actual.byteLength !== wanted.byteLength) return `length ${actual.byteLength}, expected ${wanted.byteLength}`;
  for (let i = 0; i < actual.byteLength; i++) if (actual[i] !== wanted[i]) return `byte ${i}: ${actual[i]}, expected ${wanted[i]}`;
  return "same";
}

/** Lengths around the varint boundaries (1, 2 and 3 length bytes), and empty. */
function randomLength(rng: Rng): number {
  const pick = [0, 1, 127, 128, 16383, 16384, 70_000][Math.floor(rng.float() * 7)]!;
  return rng.float() < 0.5 ? pick : Math.floor(rng.float() * 300);
}

function randomBytes(rng: Rng, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(rng.float() * 256);
  return bytes;
}

function randomMessage(rng: Rng): FlightData {
  const descriptor =
    rng.float() < 0.3
      ? create(FlightDescriptorSchema, {
          type: rng.float() < 0.5 ? FlightDescriptor_DescriptorType.CMD : FlightDescriptor_DescriptorType.PATH,
          cmd: randomBytes(rng, randomLength(rng)),
          path: rng.float() < 0.5 ? ["a", "é/b"] : [],
        })
      : undefined;
  const body = randomBytes(rng, randomLength(rng));
  return create(FlightDataSchema, {
    dataHeader: randomBytes(rng, randomLength(rng)),
    appMetadata: randomBytes(rng, rng.float() < 0.7 ? 0 : randomLength(rng)),
    // Bodies are views into larger buffers, as the IPC writer's output is.
    dataBody: rng.float() < 0.5 ? body : concatBytes([new Uint8Array(3), body, new Uint8Array(5)]).subarray(3, 3 + body.byteLength),
    ...(descriptor ? { flightDescriptor: descriptor } : {}),
  });
}

describe("encodeFlightDataFrame", () => {
  it("is byte-identical to toBinary in an envelope for 2,000 random messages", () => {
    const rng = new Rng(14);
    for (let i = 0; i < 2000; i++) {
      const message = randomMessage(rng);
      expect(difference(framed(message), expected(message)), `case ${i}`).toBe("same");
    }
  });

  it("is byte-identical for the SDK's own messages (schema with descriptor, record batches)", () => {
    const descriptor = create(FlightDescriptorSchema, { type: FlightDescriptor_DescriptorType.CMD, cmd: new TextEncoder().encode('{"x":1}') });
    const encoder = new FlightDataEncoder(imuSchema, { descriptor });
    const messages = [encoder.encodeSchema(), ...encoder.encodeBatch(imuBatch(0, 5000)), ...encoder.encodeBatch(imuBatch(5000, 1))];
    for (const message of messages) expect(difference(framed(message), expected(message))).toBe("same");
    // The encoder's bodies carry room for their frame head: one chunk each, encoded again the same.
    for (const message of messages.slice(1)) expect(encodeFlightDataFrame(message).chunks).toHaveLength(1);
    for (const message of messages) expect(difference(framed(message), expected(message))).toBe("same");
  });

  it("gives a body's room to the first message that uses it; another message with the same body gets two chunks", () => {
    const encoder = new FlightDataEncoder(imuSchema);
    const [first] = encoder.encodeBatch(imuBatch(0, 3000));
    const other = create(FlightDataSchema, { dataHeader: new Uint8Array(7).fill(1), dataBody: first!.dataBody });
    const firstBytes = framed(first!);
    expect(encodeFlightDataFrame(other).chunks).toHaveLength(2);
    expect(difference(framed(other), expected(other))).toBe("same");
    expect(difference(framed(first!), firstBytes)).toBe("same");
    expect(encodeFlightDataFrame(first!).chunks).toHaveLength(1);
  });

  it("leaves a large body uncopied, puts a small one in the first chunk, and the empty message is the prefix alone", () => {
    const body = new Uint8Array(100_000).fill(7);
    const frame = encodeFlightDataFrame(create(FlightDataSchema, { dataHeader: new Uint8Array([1]), dataBody: body }));
    expect(frame.chunks).toHaveLength(2);
    expect(frame.chunks[1]).toBe(body);
    expect(encodeFlightDataFrame(create(FlightDataSchema, { dataBody: new Uint8Array(1000) })).chunks).toHaveLength(1);
    expect(concatBytes(encodeFlightDataFrame(create(FlightDataSchema)).chunks)).toEqual(new Uint8Array(5));
  });

  it("keeps unknown fields, through protobuf's own writer", () => {
    const message = create(FlightDataSchema, { dataBody: new Uint8Array([1, 2]) });
    message.$unknown = [{ no: 77, wireType: 0, data: new Uint8Array([5]) }];
    expect(difference(framed(message), expected(message))).toBe("same");
  });
});

describe("decodeFlightDataMessage", () => {
  /** The fields as fromBinary reads them, for comparison (Uint8Array contents, not identity). */
  // A length and a hash per field: toEqual on long arrays is very slow.
  const digest = (bytes: Uint8Array) => `${bytes.byteLength}:${bytes.reduce((a, b) => (Math.imul(a, 31) + b) >>> 0, 7)}`;
  function fields(message: FlightData) {
    return {
      header: digest(message.dataHeader),
      body: digest(message.dataBody),
      metadata: digest(message.appMetadata),
      descriptor: message.flightDescriptor ? digest(toBinary(FlightDescriptorSchema, message.flightDescriptor)) : undefined,
      unknown: message.$unknown?.length ?? 0,
    };
  }

  it("reads 2,000 random messages as fromBinary does, the byte fields as views", () => {
    const rng = new Rng(1014);
    for (let i = 0; i < 2000; i++) {
      const bytes = toBinary(FlightDataSchema, randomMessage(rng));
      const decoded = decodeFlightDataMessage(bytes);
      expect(fields(decoded), `case ${i}`).toEqual(fields(fromBinary(FlightDataSchema, bytes)));
      if (decoded.dataBody.byteLength > 0) expect(decoded.dataBody.buffer).toBe(bytes.buffer);
    }
  });

  it("leaves unknown fields, repeated descriptors and other wire types to fromBinary", () => {
    const known = toBinary(FlightDataSchema, create(FlightDataSchema, { dataHeader: new Uint8Array([1]), dataBody: new Uint8Array([2, 3]) }));
    const descriptor = toBinary(FlightDataSchema, create(FlightDataSchema, { flightDescriptor: create(FlightDescriptorSchema, { path: ["a"] }) }));
    const cases = [
      concatBytes([known, Uint8Array.from([0x98, 0x05, 0x01])]), // field 83, varint
      concatBytes([descriptor, toBinary(FlightDataSchema, create(FlightDataSchema, { flightDescriptor: create(FlightDescriptorSchema, { cmd: new Uint8Array([9]) }) }))]),
      Uint8Array.from([0x10, 0x05]), // data_header as a varint: fromBinary's error
      Uint8Array.from([0x12, 0x09, 0x01]), // a length past the end
    ];
    for (const bytes of cases) {
      let wanted: unknown;
      try {
        wanted = fields(fromBinary(FlightDataSchema, bytes));
      } catch (error) {
        expect(() => decodeFlightDataMessage(bytes)).toThrow((error as Error).message);
        continue;
      }
      expect(fields(decodeFlightDataMessage(bytes))).toEqual(wanted);
    }
  });
});
