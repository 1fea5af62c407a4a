/**
 * A record batch whose header claims more rows than its columns hold, or
 * whose offsets or dictionary indices point outside their buffers, is
 * refused by decodeFlightData (DATA_LOSS), on the client and in the
 * reference server's DoPut alike; a consistent batch passes untouched.
 */
import { create } from "@bufbuild/protobuf";
import { Dictionary, Field, Float64, Int32, Int64, Message, Schema, Table, Utf8, vectorFromArray } from "apache-arrow";
import { BufferRegion, Message as MessageMeta, RecordBatch as RecordBatchMeta, FieldNode } from "apache-arrow/ipc/metadata/message";
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

  // Fuzz regressions (seed 7, doput cases 1610 and 1645): both were accepted by the server and stored unreadable.
  it("refuses a negative row count or node length", async () => {
    const negativeRows = await refusal(withHeader(encoded(), (m) => new RecordBatchMeta(-1, m.nodes, m.buffers, m.compression)));
    expect(negativeRows.message).toMatch(/invalid row count -1/);
    const negativeNode = (m: RecordBatchMeta) =>
      new RecordBatchMeta(m.length, m.nodes.map((n, i) => (i === 0 ? new FieldNode(-1, 0) : n)), m.buffers, m.compression);
    expect((await refusal(withHeader(encoded(), negativeNode))).message).toMatch(/field node 0 claims 0 nulls in -1 rows/);
    const tooManyNulls = (m: RecordBatchMeta) =>
      new RecordBatchMeta(m.length, m.nodes.map((n, i) => (i === 0 ? new FieldNode(n.length, n.length + 1) : n)), m.buffers, m.compression);
    expect((await refusal(withHeader(encoded(), tooManyNulls))).message).toMatch(/field node 0 claims 51 nulls in 50 rows/);
  });

  it("refuses two buffers that share bytes (a lying offset making two columns read the same values)", async () => {
    const aliased = (m: RecordBatchMeta) => {
      const buffers = [...m.buffers];
      buffers[3] = new BufferRegion(Number(buffers[1]!.offset), Number(buffers[3]!.length)); // x's values -> timestamp_ns's
      return new RecordBatchMeta(m.length, m.nodes, buffers, m.compression);
    };
    const error = await refusal(withHeader(encoded(), aliased));
    expect(error.code).toBe(Code.DataLoss);
    expect(error.message).toMatch(/two Arrow IPC buffers overlap/);
  });

  // Fuzz regression (seed 7, doput case 907): apache-arrow padded a short column with nulls and marked its
  // field nullable, so the stored batch no longer matched the topic's schema and DoGet refused it.
  it("refuses a column node shorter or longer than the batch, before apache-arrow pads it", async () => {
    for (const length of [ROWS - 8, ROWS + 8]) {
      const resized = (m: RecordBatchMeta) =>
        new RecordBatchMeta(m.length, m.nodes.map((n, i) => (i === 1 ? new FieldNode(length, 0) : n)), m.buffers, m.compression);
      const error = await refusal(withHeader(encoded(), resized));
      expect(error.code).toBe(Code.DataLoss);
      expect(error.message).toMatch(new RegExp(`column x: ${length} rows where ${ROWS} are declared`));
    }
  });

  it("refuses nulls in a field the schema declares non-nullable", async () => {
    const values = vectorFromArray([1, null, 3, null], new Float64());
    const nullable = new Table({ v: values });
    const strict = new Schema([new Field("v", new Float64(), false)]);
    const messages = [new FlightDataEncoder(strict).encodeSchema(), ...new FlightDataEncoder(nullable.schema as Schema).encodeBatch(nullable.batches[0]!)];
    const error = await refusal(messages);
    expect(error.message).toMatch(/column v: declared non-nullable, but it holds 2 nulls/);
  });
});
