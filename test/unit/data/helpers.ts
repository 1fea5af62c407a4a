/** Shared fixtures for the data codec tests. */
import {
  Binary,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
  Vector,
  makeData,
  vectorFromArray,
  type Table,
} from "apache-arrow";
import { create } from "@bufbuild/protobuf";
import { FlightDataSchema, type FlightData } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { inspectIpcMessage } from "../../../src/protocol/ipc/ipc-message.js";

/** 1.7e18-ish: far beyond 2^53, so any float round trip would show. */
export const T0 = 1_767_225_600_123_456_789n;

const poseType = new Struct([
  new Field("x", new Float64(), false),
  new Field("y", new Float64(), true),
  new Field("frame", new Struct([new Field("id", new Utf8(), true)]), true),
]);
const listType = new List(new Field("item", new Float64(), true));

/** The schema of `richBatch`: int64 index, nested struct, list, binary, utf8, all with nulls. */
export function richSchema(metadata = new Map<string, string>()): Schema {
  return new Schema(
    [
      new Field("timestamp_ns", new Int64(), false),
      new Field("pose", poseType, true),
      new Field("samples", listType, true),
      new Field("blob", new Binary(), true),
      new Field("label", new Utf8(), true),
    ],
    metadata,
  );
}

/** A batch of `rows` rows whose timestamps start at T0 + offset. */
export function richBatch(schema: Schema, rows: number, offset = 0): RecordBatch {
  const ts: bigint[] = [];
  const pose: unknown[] = [];
  const samples: unknown[] = [];
  const blob: unknown[] = [];
  const label: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    const n = offset + i;
    ts.push(T0 + BigInt(n) * 1_000_001n);
    pose.push(n % 5 === 4 ? null : { x: n * 0.5, y: n % 3 === 0 ? null : -n, frame: n % 2 ? null : { id: `f${n}` } });
    samples.push(n % 7 === 6 ? null : Array.from({ length: n % 4 }, (_, k) => k + n / 10));
    blob.push(n % 6 === 5 ? null : Uint8Array.from({ length: n % 9 }, (_, k) => (k * 31 + n) & 0xff));
    label.push(n % 4 === 3 ? null : `label-${n}-ü`);
  }
  const children = [
    vectorFromArray(ts, new Int64()),
    vectorFromArray(pose, poseType),
    vectorFromArray(samples, listType),
    vectorFromArray(blob, new Binary()),
    vectorFromArray(label, new Utf8()),
  ].map((v) => v.data[0]!);
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, children }));
}

/** A schema + batch with a dictionary-encoded utf8 column. */
export function dictionaryBatch(): RecordBatch {
  const type = new Dictionary(new Utf8(), new Int32());
  const vector = vectorFromArray(["imu", "gps", "imu", null, "lidar"], type);
  const schema = new Schema([new Field("timestamp_ns", new Int64(), false), new Field("sensor", type, true)]);
  const ts = vectorFromArray([1n, 2n, 3n, 4n, 5n].map((v) => T0 + v), new Int64());
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 5, children: [ts.data[0]!, vector.data[0]!] }));
}

/** Rows as plain values (Vectors, rows and bytes unwrapped), for deep equality. */
export function plain(value: unknown): unknown {
  if (value instanceof Vector) return [...value].map(plain);
  if (value instanceof Uint8Array) return Array.from(value);
  if (value !== null && typeof value === "object") {
    const obj = typeof (value as { toJSON?: unknown }).toJSON === "function" ? (value as { toJSON(): object }).toJSON() : value;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export function rowsOf(batches: readonly RecordBatch[] | Table): unknown[] {
  const list = Array.isArray(batches) ? batches : (batches as Table).batches;
  return list.flatMap((b: RecordBatch) => [...b].map(plain));
}

/** An async FlightData source that counts how many messages were pulled. */
export function countingSource(messages: readonly FlightData[]): AsyncIterable<FlightData> & {
  pulled: number;
  closed: boolean;
} {
  const state = {
    pulled: 0,
    closed: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (const m of messages) {
          state.pulled++;
          yield m;
        }
      } finally {
        state.closed = true;
      }
    },
  };
  return state;
}

export function flightData(header: Uint8Array, body: Uint8Array = new Uint8Array(0)): FlightData {
  return create(FlightDataSchema, { dataHeader: header, dataBody: body });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Splits an encapsulated IPC stream written by apache-arrow into FlightData. */
export function ipcToFlightData(bytes: Uint8Array): FlightData[] {
  const out: FlightData[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 8 <= bytes.byteLength) {
    const length = view.getInt32(at + 4, true);
    if (length === 0) break;
    const header = bytes.subarray(at + 8, at + 8 + length);
    const bodyLength = inspectIpcMessage(header).bodyLength;
    out.push(flightData(header, bytes.subarray(at + 8 + length, at + 8 + length + bodyLength)));
    at += 8 + length + bodyLength;
  }
  return out;
}

