/** Helpers of the data-plane tests: Arrow fixtures, DoPut / DoGet over real transports. */
import { create } from "@bufbuild/protobuf";
import type { Transport } from "@connectrpc/connect";
import type { UniversalClientFn, UniversalClientRequest } from "@connectrpc/connect/protocol";
import { universalClientResponseFromFetch } from "@connectrpc/connect/protocol";
import { createTransport as createGrpcWebProtocolTransport } from "@connectrpc/connect/protocol-grpc-web";
import {
  Binary,
  Bool,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Message,
  RecordBatch,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
  type Schema,
} from "apache-arrow";
import { encodeJsonBytes, type JsonValue } from "../../../src/protocol/json.js";
import { decodeFlightData, encodeFlightData } from "../../../src/protocol/index.js";
import {
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
  type FlightData,
} from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import type { FlightClient } from "./helpers.js";

export const T0 = 1_767_225_600_000_000_000n; // 2026-01-01, beyond 2^53

/** Timestamps T0 + i * step (ns). */
export function timestamps(n: number, step = 1_000_000n, first = T0): bigint[] {
  return Array.from({ length: n }, (_, i) => first + BigInt(i) * step);
}

/**
 * An IMU-like table with every kind of column the tests check: int64 beyond
 * 2^53, nested structs with nulls, lists, binary, strings, NaN, booleans.
 */
export function imuTable(ts: readonly bigint[], seed = 0): Table {
  const n = ts.length;
  const idx = (i: number) => i + seed;
  return new Table({
    timestamp_ns: vectorFromArray([...ts], new Int64()),
    counter: vectorFromArray(
      Array.from({ length: n }, (_, i) => 9_007_199_254_740_993n + BigInt(idx(i))),
      new Int64(),
    ),
    acceleration: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        idx(i) % 11 === 5
          ? null
          : {
              x: idx(i) % 13 === 0 ? Number.NaN : idx(i) * 0.5,
              y: idx(i) % 7 === 3 ? null : -idx(i),
              frame: { id: `f${idx(i) % 10}`, valid: idx(i) % 2 === 0 },
            },
      ),
      new Struct([
        new Field("x", new Float64(), true),
        new Field("y", new Int32(), true),
        new Field(
          "frame",
          new Struct([new Field("id", new Utf8(), true), new Field("valid", new Bool(), true)]),
          true,
        ),
      ]),
    ),
    samples: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        idx(i) % 9 === 4 ? null : Array.from({ length: idx(i) % 4 }, (_, j) => idx(i) * 10 + j),
      ),
      new List(new Field("item", new Int32(), true)),
    ),
    payload: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        idx(i) % 6 === 1 ? null : Uint8Array.from({ length: idx(i) % 5 }, (_, j) => (idx(i) + j) & 0xff),
      ),
      new Binary(),
    ),
    label: vectorFromArray(
      Array.from({ length: n }, (_, i) => (idx(i) % 8 === 2 ? null : `label-${idx(i)}-é`)),
      new Utf8(),
    ),
  });
}

/** Record batches of `rows` rows each (the table re-cut). */
export function batchesOf(table: Table, rows: number): RecordBatch[] {
  const out: RecordBatch[] = [];
  for (const batch of table.batches) {
    for (let i = 0; i < batch.numRows; i += rows) out.push(batch.slice(i, Math.min(batch.numRows, i + rows)));
  }
  return out;
}

/** Plain JS rows (bigint kept, Uint8Array as arrays) to compare tables exactly. */
export function rowsOf(tableOrBatches: Table | readonly RecordBatch[]): unknown[] {
  const batches = tableOrBatches instanceof Table ? tableOrBatches.batches : tableOrBatches;
  const plain = (value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (value instanceof Uint8Array) return Array.from(value);
    if (typeof value === "number" && Number.isNaN(value)) return "NaN";
    if (typeof value === "object" && value !== null && "toJSON" in value) {
      return plain((value as { toJSON(): unknown }).toJSON());
    }
    if (Array.isArray(value)) return value.map(plain);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    }
    return value;
  };
  return batches.flatMap((batch) => batch.toArray().map((row) => plain(row)));
}

export function putDescriptor(cmd: JsonValue) {
  return create(FlightDescriptorSchema, {
    type: FlightDescriptor_DescriptorType.CMD,
    cmd: encodeJsonBytes(cmd),
  });
}

/** The FlightData of a whole DoPut (schema with descriptor, then batches). */
export async function putMessages(
  locator: string,
  uuid: string,
  schema: Schema,
  batches: readonly RecordBatch[],
  cmd: JsonValue = { resource_locator: locator, topic_uuid: uuid },
): Promise<FlightData[]> {
  const out: FlightData[] = [];
  for await (const data of encodeFlightData(schema, batches, { descriptor: putDescriptor(cmd) })) out.push(data);
  return out;
}

export async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** Runs a DoPut to completion; returns the (expected empty) responses. */
export async function doPut(
  client: FlightClient,
  messages: readonly FlightData[] | AsyncIterable<FlightData>,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<unknown[]> {
  const requests = Array.isArray(messages) ? iterate(messages as FlightData[]) : (messages as AsyncIterable<FlightData>);
  const out: unknown[] = [];
  for await (const result of client.doPut(requests, options)) out.push(result);
  return out;
}

/** Uploads a table as one DoPut. */
export async function putTable(
  client: FlightClient,
  locator: string,
  uuid: string,
  table: Table,
  batchRows = 1000,
): Promise<void> {
  const responses = await doPut(client, await putMessages(locator, uuid, table.schema, batchesOf(table, batchRows)));
  if (responses.length !== 0) throw new Error(`DoPut answered ${responses.length} PutResult(s)`);
}

export interface Fetched {
  messages: FlightData[];
  schema: Schema;
  batches: RecordBatch[];
}

/** DoGet: the raw messages and their decoding (with the SDK's codec). */
export async function doGet(
  client: FlightClient,
  ticket: Uint8Array,
  headers?: Record<string, string>,
): Promise<Fetched> {
  const messages: FlightData[] = [];
  for await (const data of client.doGet({ ticket }, headers ? { headers } : {})) messages.push(data);
  const reader = await decodeFlightData(iterate(messages));
  const batches: RecordBatch[] = [];
  for await (const batch of reader) batches.push(batch);
  return { messages, schema: reader.schema, batches };
}

/** IPC body compression codec of a record batch message (null: none). */
export function bodyCompression(data: FlightData): number | null {
  const message = Message.decode(data.dataHeader);
  if (!message.isRecordBatch()) return null;
  const compression = (message.header() as { compression?: { type: number } | null }).compression;
  return compression ? compression.type : null;
}

async function collectBody(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function streamOf(body: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * gRPC-Web over Node's fetch (HTTP/1.1). "buffered": the whole request stream
 * in one Content-Length body, as a browser sends it on plain http://;
 * "streamed": a chunked body (`duplex: "half"`).
 */
export function fetchGrpcWebTransport(baseUrl: string, mode: "buffered" | "streamed"): Transport {
  const httpClient: UniversalClientFn = async (req: UniversalClientRequest) => {
    const body =
      req.body === undefined ? undefined : mode === "buffered" ? await collectBody(req.body) : streamOf(req.body);
    const response = await fetch(req.url, {
      method: req.method,
      headers: req.header,
      body: body as BodyInit | undefined,
      signal: req.signal,
      ...(mode === "streamed" ? { duplex: "half" } : {}),
    } as RequestInit);
    return universalClientResponseFromFetch(response);
  };
  return createGrpcWebProtocolTransport({
    httpClient,
    baseUrl,
    useBinaryFormat: true,
    interceptors: [],
    acceptCompression: [],
    sendCompression: null,
    compressMinBytes: 1024,
    readMaxBytes: 0xffffffff,
    writeMaxBytes: 0xffffffff,
  });
}
