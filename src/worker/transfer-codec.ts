/**
 * How batches, schemas, topic descriptions and errors cross between a page
 * and its reader worker. A batch becomes one Arrow IPC stream (its schema
 * message, dictionaries, the batch): one copy in the worker, while the page
 * only reads the flatbuffer headers and views the moved buffer, so arrow's
 * vectors on the page point straight into what the worker sent.
 */
import { Table, tableFromIPC, tableToIPC, type RecordBatch, type Schema } from "apache-arrow";
import type { TopicInfo } from "../control/types.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { WireError, WireTopicInfo } from "./worker-messages.js";

/** Bytes that own their whole ArrayBuffer, so that buffer can be moved. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** A record batch as a self-contained IPC stream whose buffer may be transferred. */
export function encodeBatch(batch: RecordBatch): Uint8Array {
  return owned(tableToIPC(new Table([batch]), "stream"));
}

/** The batch of an IPC stream made by encodeBatch, as a batch of this thread's apache-arrow, viewing `ipc`'s buffer. */
export function decodeBatch(ipc: Uint8Array): RecordBatch {
  const batch = tableFromIPC(ipc).batches[0];
  if (!batch) throw new MosaicoError(Code.DataLoss, "the reader worker sent a message without a record batch; read again");
  return batch;
}

/** A schema as IPC bytes (a Schema does not survive structured clone). */
export function encodeSchema(schema: Schema): Uint8Array {
  return owned(tableToIPC(new Table(schema), "stream"));
}

/** The schema of encodeSchema's bytes. */
export function decodeSchema(ipc: Uint8Array): Schema {
  return tableFromIPC(ipc).schema;
}

/** A TopicInfo ready for postMessage. */
export function toWireTopic(topic: TopicInfo): WireTopicInfo {
  const { schema, ...rest } = topic;
  return { ...rest, schemaIpc: schema ? encodeSchema(schema) : undefined };
}

/** The TopicInfo of toWireTopic's message. */
export function fromWireTopic(wire: WireTopicInfo): TopicInfo {
  const { schemaIpc, ...rest } = wire;
  return schemaIpc ? { ...rest, schema: decodeSchema(schemaIpc) } : rest;
}

/** Anything thrown in the worker, as it crosses: a MosaicoError's code, message and metadata. */
export function toWireError(reason: unknown): WireError {
  const error = MosaicoError.from(reason);
  return { code: error.code, message: error.rawMessage, metadata: [...error.metadata.entries()] };
}

/** The MosaicoError of toWireError's message, with the same `code`, message and metadata. */
export function fromWireError(wire: WireError): MosaicoError {
  return new MosaicoError(wire.code as Code, wire.message, { metadata: new Headers(wire.metadata) });
}
