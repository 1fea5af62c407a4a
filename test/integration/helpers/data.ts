/** Raw DoPut / DoGet of the reference server: whole uploads, downloads decoded with the SDK's codec. */
import { Message, type RecordBatch, type Schema, type Table } from "apache-arrow";
import type { JsonValue } from "../../../src/protocol/json.js";
import { decodeFlightData, encodeFlightData } from "../../../src/protocol/index.js";
import type { FlightData } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { collect, iterate } from "./collect.js";
import { cmdDescriptor, type FlightClient } from "./flight-clients.js";
import { batchesOf } from "./imu-table.js";

/** The FlightData of a whole DoPut (schema with descriptor, then batches). */
export async function putMessages(
  locator: string,
  uuid: string,
  schema: Schema,
  batches: readonly RecordBatch[],
  cmd: JsonValue = { resource_locator: locator, topic_uuid: uuid },
): Promise<FlightData[]> {
  return collect(encodeFlightData(schema, batches, { descriptor: cmdDescriptor(cmd) }));
}

/** Runs a DoPut to completion; returns the (expected empty) responses. */
export async function doPut(
  client: FlightClient,
  messages: readonly FlightData[] | AsyncIterable<FlightData>,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<unknown[]> {
  const requests = Array.isArray(messages) ? iterate(messages as FlightData[]) : (messages as AsyncIterable<FlightData>);
  return collect(client.doPut(requests, options));
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
  const messages = await collect(client.doGet({ ticket }, headers ? { headers } : {}));
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
