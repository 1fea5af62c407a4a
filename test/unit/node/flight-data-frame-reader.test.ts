/**
 * readFlightDataFrames replaces connect's split + parse stages on FlightData
 * responses over native gRPC: the same messages whatever the chunking, and
 * connect's errors for oversized, truncated, compressed and malformed ones.
 */
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { FlightDataSchema, FlightDescriptorSchema, concatBytes, encodeFlightDataFrame, type FlightData } from "../../../src/protocol/index.js";
import { readFlightDataFrames } from "../../../src/node/flight-data-frame-reader.js";
import { Rng } from "../../fuzz/prng.js";

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 13 + seed) & 0xff);

const messages: FlightData[] = [
  create(FlightDataSchema, { flightDescriptor: create(FlightDescriptorSchema, { path: ["x"] }), dataHeader: bytes(40, 1) }),
  create(FlightDataSchema, { dataHeader: bytes(200, 2), dataBody: bytes(50_000, 3) }),
  create(FlightDataSchema, {}),
  create(FlightDataSchema, { dataHeader: bytes(10, 4), dataBody: bytes(3, 5), appMetadata: bytes(2, 6) }),
  create(FlightDataSchema, {}), // an empty message last: its 5-byte prefix ends the body
];
const wire = concatBytes(messages.flatMap((m) => encodeFlightDataFrame(m).chunks));

/** `data` cut at random points (1-byte chunks included). */
async function* chunked(data: Uint8Array, rng: Rng) {
  for (let at = 0; at < data.byteLength; ) {
    const size = rng.float() < 0.2 ? 1 : 1 + Math.floor(rng.float() * 20_000);
    yield data.subarray(at, at + size);
    at += size;
  }
}

async function collect(body: AsyncIterable<Uint8Array>, readMaxBytes = 1 << 20): Promise<FlightData[]> {
  const out: FlightData[] = [];
  for await (const message of readFlightDataFrames(body, readMaxBytes)) out.push(message);
  return out;
}

async function refusal(body: AsyncIterable<Uint8Array>, readMaxBytes?: number): Promise<ConnectError> {
  try {
    await collect(body, readMaxBytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectError);
    return error as ConnectError;
  }
  throw new Error("expected a refusal");
}

describe("readFlightDataFrames", () => {
  it("yields the same messages however the body is chunked", async () => {
    const wanted = messages.map((m) => toBinary(FlightDataSchema, m));
    for (let seed = 0; seed < 200; seed++) {
      const got = (await collect(chunked(wire, new Rng(seed)))).map((m) => toBinary(FlightDataSchema, m));
      expect(got.length).toBe(wanted.length);
      got.forEach((m, i) => expect(Buffer.compare(m, wanted[i]!), `seed ${seed} message ${i}`).toBe(0));
    }
  });

  it("refuses a message above readMaxBytes, as connect does", async () => {
    const error = await refusal(chunked(wire, new Rng(1)), 40_000);
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/^message size \d+ is larger than configured readMaxBytes 40000$/);
  });

  it("refuses a body that ends inside a message or inside a frame prefix", async () => {
    for (const end of [wire.byteLength - 1, 3, 300]) {
      const error = await refusal(chunked(wire.subarray(0, end), new Rng(end)));
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).toBe("protocol error: incomplete envelope");
    }
  });

  it("refuses a compressed frame and a malformed message with INTERNAL", async () => {
    const compressed = wire.slice();
    compressed[0] = 1;
    expect((await refusal(chunked(compressed, new Rng(2)))).rawMessage).toMatch(/compressed envelope/);
    const malformed = Uint8Array.from([0, 0, 0, 0, 2, 0x10, 0x05]); // data_header as a varint
    const error = await refusal(chunked(malformed, new Rng(3)));
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toMatch(/^parse binary: /);
  });
});
