/**
 * A record batch whose header claims more rows than its columns hold, or
 * whose offsets or dictionary indices point outside their buffers, is
 * refused by decodeFlightData (DATA_LOSS), on the client and in the
 * reference server's DoPut alike; a consistent batch passes untouched.
 */
import { create } from "@bufbuild/protobuf";
import { Dictionary, Field, Float64, Int32, Int64, Message, Schema, Table, Utf8, vectorFromArray } from "apache-arrow";
import { Message as MessageMeta, RecordBatch as RecordBatchMeta, FieldNode } from "apache-arrow/ipc/metadata/message";
import { describe, expect, it } from "vitest";
import { FlightDataSchema, type FlightData } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { Code, FlightDataEncoder, MosaicoError, decodeFlightData } from "../../../src/protocol/index.js";
import { checkRecordBatch } from "../../../src/protocol/ipc/batch-consistency.js";

const ROWS = 50;
const table = new Table({
  timestamp_ns: vectorFromArray(Array.from({ length: ROWS }, (_, i) => BigInt(i)), new Int64()),
  x: vectorFromArray(Array.from({ length: ROWS }, (_, i) => i / 2), new Float64()),
  label: vectorFromArray(Array.from({ length: ROWS }, (_, i) => `row ${i}`), new Utf8()),
  mode: vectorFromArray(Array.from({ length: ROWS }, (_, i) => ["a", "b"][i % 2]!), new Dictionary(new Utf8(), new Int32())),
});

function encoded(compression: "lz4_frame" | null = null): FlightData[] {
  const encoder = new FlightDataEncoder(table.schema as Schema, { compression });
  return [encoder.encodeSchema(), ...table.batches.flatMap((b) => encoder.encodeBatch(b))];
}

/** Rewrites the last (record batch) message's header. */
function withHeader(messages: FlightData[], edit: (meta: RecordBatchMeta) => RecordBatchMeta): FlightData[] {
  const last = messages.at(-1)!;
  const meta = Message.decode(last.dataHeader).header() as RecordBatchMeta;
  const header = MessageMeta.encode(MessageMeta.from(edit(meta), last.dataBody.byteLength));
  return [...messages.slice(0, -1), create(FlightDataSchema, { dataHeader: header, dataBody: last.dataBody })];
}

async function decodeAll(messages: FlightData[]) {
  const reader = await decodeFlightData((async function* () {
    yield* messages;
  })());
  return reader.readTable();
}

async function refusal(messages: FlightData[]): Promise<MosaicoError> {
  try {
    await decodeAll(messages);
  } catch (error) {
    expect(error).toBeInstanceOf(MosaicoError);
    return error as MosaicoError;
  }
  throw new Error("expected a refusal");
}

describe("record batch consistency", () => {
  it("passes consistent batches, compressed or not", async () => {
    for (const compression of [null, "lz4_frame"] as const) expect((await decodeAll(encoded(compression))).numRows).toBe(ROWS);
    for (const batch of table.batches) expect(() => checkRecordBatch(batch)).not.toThrow();
  });

  it("refuses a header that claims more rows than the columns hold (the one-bit flip 50 -> 67,108,914)", async () => {
    for (const claimed of [67_108_914, 2 ** 40]) {
      const error = await refusal(withHeader(encoded(), (m) => new RecordBatchMeta(claimed, m.nodes, m.buffers, m.compression)));
      expect(error.code).toBe(Code.DataLoss);
      expect(error.message).toMatch(/inconsistent Arrow record batch \(column timestamp_ns: .*rows/);
    }
  });

  it("refuses nodes that claim more rows than their buffers hold", async () => {
    const grown = (m: RecordBatchMeta) =>
      new RecordBatchMeta(5000, m.nodes.map((n) => new FieldNode(5000, n.nullCount)), m.buffers, m.compression);
    const error = await refusal(withHeader(encoded(), grown));
    expect(error.code).toBe(Code.DataLoss);
    expect(error.message).toMatch(/column timestamp_ns: 50 values stored for 5000 rows/);
  });

  it("refuses string offsets past the stored characters", async () => {
    const messages = encoded();
    const last = messages.at(-1)!;
    const meta = Message.decode(last.dataHeader).header() as RecordBatchMeta;
    // Buffers: ts (validity, values), x (validity, values), label (validity, offsets, data), ...
    const offsets = meta.buffers[5]!;
    const body = last.dataBody.slice();
    new DataView(body.buffer).setInt32(Number(offsets.offset) + ROWS * 4, 1_000_000, true);
    const error = await refusal([...messages.slice(0, -1), create(FlightDataSchema, { dataHeader: last.dataHeader, dataBody: body })]);
    expect(error.message).toMatch(/column label: offsets reach 1000000, past the \d+ values stored/);
  });

  it("refuses a dictionary index past the dictionary", async () => {
    const messages = encoded();
    const last = messages.at(-1)!;
    const meta = Message.decode(last.dataHeader).header() as RecordBatchMeta;
    const indices = meta.buffers.at(-1)!;
    const body = last.dataBody.slice();
    new DataView(body.buffer).setInt32(Number(indices.offset) + 4 * 7, 9, true);
    const error = await refusal([...messages.slice(0, -1), create(FlightDataSchema, { dataHeader: last.dataHeader, dataBody: body })]);
    expect(error.message).toMatch(/column mode: row 7 points at dictionary entry 9 of 2/);
  });
});
