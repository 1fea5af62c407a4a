import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { CompressionType, MessageHeader, RecordBatch, RecordBatchStreamWriter, Schema } from "apache-arrow";
import {
  FlightDataEncoder,
  decodeFlightData,
  encodeFlightData,
  encodeRecordBatchFlightData,
  encodeSchemaFlightData,
  registerLz4Codec,
} from "../../../src/protocol/index.js";
import { inspectIpcMessage } from "../../../src/protocol/ipc/ipc-message.js";
import {
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
  type FlightData,
} from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { T0, collect, countingSource, dictionaryBatch, ipcToFlightData, richBatch, richSchema, rowsOf } from "./helpers.js";

async function encodeAll(...args: Parameters<typeof encodeFlightData>): Promise<FlightData[]> {
  return collect(encodeFlightData(...args));
}

async function roundTrip(schema: Schema, batches: RecordBatch[], compression: "lz4_frame" | null = null) {
  const messages = await encodeAll(schema, batches, { compression });
  const reader = await decodeFlightData(countingSource(messages));
  return { messages, reader, decoded: await collect(reader) };
}

describe("FlightData round trip", () => {
  it("keeps every value: int64 beyond 2^53, nested structs, lists, binary, utf8, nulls", async () => {
    const schema = richSchema(new Map([["mosaico:context", "topic"]]));
    const batch = richBatch(schema, 40);
    const { reader, decoded } = await roundTrip(schema, [batch]);

    expect(reader.schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable}`)).toEqual(
      schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable}`),
    );
    expect(reader.schema.metadata.get("mosaico:context")).toBe("topic");
    expect(decoded).toHaveLength(1);
    expect(rowsOf(decoded)).toEqual(rowsOf([batch]));
    const ts = decoded[0]!.getChild("timestamp_ns")!;
    expect(ts.get(0)).toBe(T0);
    expect(ts.get(39)).toBe(T0 + 39n * 1_000_001n);
    expect(decoded[0]!.getChild("pose")!.get(4)).toBeNull();
  });

  it("carries the descriptor on the first message only", async () => {
    const descriptor = create(FlightDescriptorSchema, {
      type: FlightDescriptor_DescriptorType.CMD,
      cmd: new TextEncoder().encode('{"resource_locator":"a/b"}'),
    });
    const schema = richSchema();
    const messages = await collect(encodeFlightData(schema, [richBatch(schema, 3), richBatch(schema, 3)], { descriptor }));
    expect(messages).toHaveLength(3);
    expect(messages[0]!.flightDescriptor?.cmd).toEqual(descriptor.cmd);
    expect(messages.slice(1).every((m) => m.flightDescriptor === undefined)).toBe(true);
    expect(inspectIpcMessage(messages[0]!.dataHeader).headerType).toBe(MessageHeader.Schema);
    expect(encodeSchemaFlightData(schema, descriptor).flightDescriptor?.type).toBe(FlightDescriptor_DescriptorType.CMD);
  });

  it("handles zero-row batches and many batches in order", async () => {
    const schema = richSchema();
    const batches = [richBatch(schema, 0), ...Array.from({ length: 60 }, (_, i) => richBatch(schema, 1 + (i % 5), i * 10))];
    const { decoded } = await roundTrip(schema, batches);
    expect(decoded.map((b) => b.numRows)).toEqual(batches.map((b) => b.numRows));
    expect(rowsOf(decoded)).toEqual(rowsOf(batches));
  });

  it("yields zero batches for a schema-only stream", async () => {
    const schema = richSchema(new Map([["k", "v"]]));
    const { reader, decoded } = await roundTrip(schema, []);
    expect(reader.schema.metadata.get("k")).toBe("v");
    expect(decoded).toEqual([]);
  });

  it("reads everything into a Table with readTable", async () => {
    const schema = richSchema();
    const messages = await encodeAll(schema, [richBatch(schema, 5), richBatch(schema, 7, 5)]);
    const table = await (await decodeFlightData(countingSource(messages))).readTable();
    expect(table.numRows).toBe(12);
    expect(table.getChild("timestamp_ns")!.get(11)).toBe(T0 + 11n * 1_000_001n);
  });

  it("round-trips dictionary-encoded columns, compressed or not", async () => {
    const batch = dictionaryBatch();
    for (const compression of [null, "lz4_frame"] as const) {
      const { messages, decoded } = await roundTrip(batch.schema, [batch, batch], compression);
      expect(inspectIpcMessage(messages[1]!.dataHeader).headerType).toBe(MessageHeader.DictionaryBatch);
      expect(decoded.map((b) => [...b.getChild("sensor")!])).toEqual([
        ["imu", "gps", "imu", null, "lidar"],
        ["imu", "gps", "imu", null, "lidar"],
      ]);
    }
  });

  it("encodes single batches statelessly", async () => {
    const schema = richSchema();
    const batch = richBatch(schema, 9);
    const messages = [encodeSchemaFlightData(schema), ...encodeRecordBatchFlightData(batch)];
    const decoded = await collect(await decodeFlightData(countingSource(messages)));
    expect(rowsOf(decoded)).toEqual(rowsOf([batch]));
  });

  it("rejects a batch whose schema differs from the stream's", () => {
    const encoder = new FlightDataEncoder(richSchema());
    const other = dictionaryBatch();
    expect(() => encoder.encodeBatch(other)).toThrowError(/does not match the stream schema/);
  });
});

describe("LZ4_FRAME compressed round trip", () => {
  it("compresses bodies with conformant length prefixes and decodes identical values", async () => {
    const schema = richSchema();
    const batches = [richBatch(schema, 500), richBatch(schema, 0), richBatch(schema, 300, 500)];
    const { messages, decoded } = await roundTrip(schema, batches, "lz4_frame");
    const plainMessages = await encodeAll(schema, batches);

    const info = inspectIpcMessage(messages[1]!.dataHeader);
    expect(info.compression).toBe(CompressionType.LZ4_FRAME);
    expect(messages[1]!.dataBody.byteLength).toBeLessThan(plainMessages[1]!.dataBody.byteLength);
    // Each compressed buffer's prefix is the *uncompressed* length (IPC format),
    // i.e. the length of the same buffer in the uncompressed encoding.
    const plainInfo = inspectIpcMessage(plainMessages[1]!.dataHeader);
    const body = messages[1]!.dataBody;
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    info.buffers.forEach((region, i) => {
      if (region.length === 0) return;
      const prefix = view.getBigInt64(region.offset, true);
      // (the uncompressed encoding pads each buffer to 8 bytes)
      const padded = BigInt(plainInfo.buffers[i]!.length);
      expect(prefix === -1n || (prefix <= padded && prefix > padded - 8n)).toBe(true);
    });

    expect(rowsOf(decoded)).toEqual(rowsOf(batches));
    expect(decoded[0]!.getChild("timestamp_ns")!.get(0)).toBe(T0);
  });

  it("reads LZ4 streams written by apache-arrow's own writer (compressed length in the prefix)", async () => {
    registerLz4Codec();
    const schema = richSchema();
    const batches = [richBatch(schema, 400), richBatch(schema, 3, 400)];
    const bytes = RecordBatchStreamWriter.writeAll(batches, { compressionType: CompressionType.LZ4_FRAME }).toUint8Array(true);
    const decoded = await collect(await decodeFlightData(countingSource(ipcToFlightData(bytes))));
    expect(rowsOf(decoded)).toEqual(rowsOf(batches));
  });

  it("decodes a large IMU-like compressed batch exactly", async () => {
    const schema = richSchema();
    const batch = richBatch(schema, 20_000);
    const { decoded } = await roundTrip(schema, [batch], "lz4_frame");
    expect(rowsOf(decoded)).toEqual(rowsOf([batch]));
  });
});
