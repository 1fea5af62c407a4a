/**
 * Pulls FlightData messages one at a time, verifies each IPC header against
 * its body, and frames it as encapsulated IPC bytes for apache-arrow.
 */
import { MessageHeader } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";
import type { FlightData } from "../../gen/arrow/flight/protocol/Flight_pb.js";
import { headerTypeName, inspectIpcMessage, type IpcMessageInfo } from "./ipc-message.js";

/** One verified IPC message of the stream. */
export interface FlightFrame {
  readonly info: IpcMessageInfo;
  readonly header: Uint8Array;
  /** Exactly `info.bodyLength` bytes (a view into the FlightData's body). */
  readonly body: Uint8Array;
}

const CONTINUATION = 0xffffffff;

/**
 * The encapsulated IPC form of a frame: continuation marker, int32 LE metadata
 * length (padded to 8), header, padding; the body follows as its own chunk so
 * it is never copied here.
 */
export function ipcPrefix(header: Uint8Array): Uint8Array {
  const padded = (header.byteLength + 7) & ~7;
  const prefix = new Uint8Array(8 + padded);
  const view = new DataView(prefix.buffer);
  view.setUint32(0, CONTINUATION, true);
  view.setInt32(4, padded, true);
  prefix.set(header, 8);
  return prefix;
}

/** Verifies one FlightData; undefined for a metadata-only message (no IPC payload). */
export function toFlightFrame(data: FlightData): FlightFrame | undefined {
  const header = data.dataHeader;
  const body = data.dataBody;
  if (header.byteLength === 0) {
    if (body.byteLength === 0) return undefined;
    throw new MosaicoError(
      Code.DataLoss,
      `received a FlightData with a ${body.byteLength}-byte body but no IPC header; the stream is corrupted, ` +
        "retry the request",
    );
  }
  const info = inspectIpcMessage(header);
  if (body.byteLength < info.bodyLength) {
    throw new MosaicoError(
      Code.DataLoss,
      `received a truncated Arrow ${headerTypeName(info.headerType)} message: its header declares a ` +
        `${info.bodyLength}-byte body but the FlightData carries ${body.byteLength} bytes; retry the request`,
    );
  }
  return {
    info,
    header,
    body: body.byteLength === info.bodyLength ? body : body.subarray(0, info.bodyLength),
  };
}

/** Wraps the FlightData stream; pulls only when asked (no read-ahead). */
export class FlightMessageSource {
  private readonly iterator: AsyncIterator<FlightData>;
  private readonly signal: AbortSignal | undefined;
  private done = false;
  /** RecordBatch messages handed out so far. */
  recordBatches = 0;

  constructor(stream: AsyncIterable<FlightData>, signal?: AbortSignal) {
    this.iterator = stream[Symbol.asyncIterator]();
    this.signal = signal;
  }

  /** True once the stream ended, failed or was closed. */
  get finished(): boolean {
    return this.done;
  }

  /** The next IPC message, or undefined at the end of the stream. */
  async next(): Promise<FlightFrame | undefined> {
    for (;;) {
      if (this.done) return undefined;
      if (this.signal?.aborted) {
        await this.close();
        throw MosaicoError.from(this.signal.reason ?? new DOMException("aborted", "AbortError"), Code.Canceled);
      }
      let result: IteratorResult<FlightData>;
      try {
        result = await this.iterator.next();
      } catch (cause) {
        this.done = true; // a throwing iterator is already closed
        throw MosaicoError.from(cause);
      }
      if (result.done) {
        this.done = true;
        return undefined;
      }
      const frame = toFlightFrame(result.value);
      if (frame === undefined) continue;
      if (frame.info.headerType === MessageHeader.RecordBatch) this.recordBatches++;
      return frame;
    }
  }

  /** Releases the underlying stream (cancels the call). Idempotent. */
  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.iterator.return?.();
    } catch {
      // Closing is best effort: the caller is already done with the stream.
    }
  }
}
