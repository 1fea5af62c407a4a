import { afterEach, describe, expect, it } from "vitest";
import { ConnectError } from "@connectrpc/connect";
import { CompressionType, RecordBatchStreamWriter, compressionRegistry } from "apache-arrow";
import { decodeFlightData, encodeFlightData } from "../../../src/protocol/index.js";
import { inspectIpcMessage } from "../../../src/protocol/ipc/ipc-message.js";
import { Code } from "../../../src/errors/code.js";
import { MosaicoError } from "../../../src/errors/mosaico-error.js";
import type { FlightData } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { collect, countingSource, dictionaryBatch, flightData, ipcToFlightData, richBatch, richSchema } from "./helpers.js";

async function stream(batches = 2, compression: "lz4_frame" | null = null): Promise<FlightData[]> {
  const schema = richSchema();
  const list = Array.from({ length: batches }, (_, i) => richBatch(schema, 50, i * 50));
  return collect(encodeFlightData(schema, list, { compression }));
}

/** Decodes everything; the promise rejects with whatever the codec raises. */
async function decodeAll(messages: Iterable<FlightData> | AsyncIterable<FlightData>, maxBatchBytes?: number) {
  async function* source() {
    yield* messages;
  }
  const reader = await decodeFlightData(source(), maxBatchBytes ? { maxBatchBytes } : {});
  return collect(reader);
}

/** A copy of `message` whose first compressed buffer prefix is `edit(prefix)`. */
function withPrefix(message: FlightData, edit: (prefix: bigint) => bigint): FlightData {
  const body = message.dataBody.slice();
  const view = new DataView(body.buffer);
  const region = inspectIpcMessage(message.dataHeader).buffers.find(
    (r) => r.length > 0 && view.getBigInt64(r.offset, true) !== -1n,
  )!;
  view.setBigInt64(region.offset, edit(view.getBigInt64(region.offset, true)), true);
  return flightData(message.dataHeader, body);
}

const failsWith = (code: Code, pattern: RegExp) => expect.objectContaining({ code, rawMessage: expect.stringMatching(pattern) });

describe("decodeFlightData rejects broken streams with a MosaicoError", () => {
  afterEach(() => {
    compressionRegistry.set(CompressionType.ZSTD, null as never);
  });

  it("an empty stream", async () => {
    await expect(decodeAll([])).rejects.toBeInstanceOf(MosaicoError);
    await expect(decodeAll([])).rejects.toEqual(failsWith(Code.DataLoss, /ended without any message/));
    // metadata-only messages carry no schema either
    await expect(decodeAll([flightData(new Uint8Array(0))])).rejects.toMatchObject({ code: Code.DataLoss });
  });

  it("a record batch before the schema", async () => {
    const [, batch] = await stream();
    await expect(decodeAll([batch!])).rejects.toEqual(failsWith(Code.DataLoss, /starts with an Arrow RecordBatch/));
  });

  it("a second schema", async () => {
    const [schema, batch] = await stream();
    await expect(decodeAll([schema!, batch!, schema!, batch!])).rejects.toEqual(
      failsWith(Code.DataLoss, /second Arrow schema/),
    );
  });

  it("malformed header bytes", async () => {
    const [schema, batch] = await stream();
    for (const header of [new Uint8Array([1, 2, 3]), new Uint8Array(64).fill(0xff), schema!.dataHeader.subarray(0, 24)]) {
      await expect(decodeAll([flightData(header)])).rejects.toEqual(failsWith(Code.DataLoss, /malformed Arrow IPC message header/));
    }
    const brokenBatch = batch!.dataHeader.slice(0, batch!.dataHeader.byteLength - 40);
    await expect(decodeAll([schema!, flightData(brokenBatch, batch!.dataBody)])).rejects.toMatchObject({ code: Code.DataLoss });
  });

  it("a body shorter than its header declares", async () => {
    const [schema, batch] = await stream();
    const truncated = flightData(batch!.dataHeader, batch!.dataBody.subarray(0, batch!.dataBody.byteLength - 1));
    await expect(decodeAll([schema!, truncated])).rejects.toEqual(failsWith(Code.DataLoss, /truncated Arrow RecordBatch/));
    const noHeader = flightData(new Uint8Array(0), batch!.dataBody);
    await expect(decodeAll([schema!, noHeader])).rejects.toEqual(failsWith(Code.DataLoss, /no IPC header/));
  });

  it("a dictionary batch for a dictionary the schema does not have", async () => {
    const dictionary = dictionaryBatch();
    const [, dictionaryMessage, batch] = await collect(encodeFlightData(dictionary.schema, [dictionary]));
    const [plainSchema] = await stream(0);
    await expect(decodeAll([plainSchema!, dictionaryMessage!, batch!])).rejects.toEqual(
      failsWith(Code.DataLoss, /dictionary id 0/),
    );
  });

  it("a compression codec we have no decoder for", async () => {
    const zstdMagic = [0x28, 0xb5, 0x2f, 0xfd];
    compressionRegistry.set(CompressionType.ZSTD, {
      encode: (d: Uint8Array) => Uint8Array.from([...zstdMagic, 0, 0, ...d]),
    });
    const schema = richSchema();
    const bytes = RecordBatchStreamWriter.writeAll([richBatch(schema, 40)], {
      compressionType: CompressionType.ZSTD,
    }).toUint8Array(true);
    await expect(decodeAll(ipcToFlightData(bytes))).rejects.toEqual(failsWith(Code.Unimplemented, /ZSTD/));
  });

  it("LZ4 buffers whose declared length does not match the frame", async () => {
    const [schema, batch] = await stream(1, "lz4_frame");
    const cases: [(p: bigint) => bigint, Code, RegExp][] = [
      [(p) => p + 1n, Code.DataLoss, /decompressed to \d+ bytes, \d+ were expected/],
      [(p) => p - 1n, Code.DataLoss, /more than the \d+ bytes expected/],
      [() => 1n << 40n, Code.DataLoss, /declares an uncompressed length/],
      [() => -7n, Code.DataLoss, /declares an uncompressed length/],
    ];
    for (const [edit, code, pattern] of cases) {
      await expect(decodeAll([schema!, withPrefix(batch!, edit)])).rejects.toEqual(failsWith(code, pattern));
    }
    await expect(decodeAll([schema!, batch!], 1000)).rejects.toEqual(failsWith(Code.ResourceExhausted, /maxBatchBytes/));
  });

  it("corrupted LZ4 data", async () => {
    const [schema, batch] = await stream(1, "lz4_frame");
    const body = batch!.dataBody.slice();
    const region = inspectIpcMessage(batch!.dataHeader).buffers.find((r) => r.length > 8)!;
    body[region.offset + 8] ^= 0xff; // the frame's magic number
    await expect(decodeAll([schema!, flightData(batch!.dataHeader, body)])).rejects.toEqual(
      failsWith(Code.DataLoss, /LZ4-compressed Arrow buffer is corrupted/),
    );
  });

  it("keeps the code of a transport error", async () => {
    const [schema] = await stream();
    async function* failing(): AsyncGenerator<FlightData> {
      yield schema!;
      throw new ConnectError("server went away", Code.Unavailable);
    }
    const reader = await decodeFlightData(failing());
    await expect(collect(reader)).rejects.toMatchObject({ code: Code.Unavailable });
  });

  it("never hangs on mutated headers (fuzz)", async () => {
    const [schema, batch] = await stream(1);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    const started = Date.now();
    for (let i = 0; i < 400; i++) {
      const target = i % 2 === 0 ? schema! : batch!;
      const header = target.dataHeader.slice();
      for (let k = 0; k < 1 + (i % 4); k++) header[random() % header.length] = random() & 0xff;
      const messages = i % 2 === 0 ? [flightData(header)] : [schema!, flightData(header, batch!.dataBody)];
      try {
        await decodeAll(messages);
      } catch (error) {
        expect(error).toBeInstanceOf(MosaicoError);
      }
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
