/**
 * The client reads DoGet bodies laid out the way mosaicod's arrow-rs IPC
 * writer lays them out, not only the way apache-arrow JS (and so our
 * reference server) does: buffers at 64-byte offsets (arrow-rs
 * `IpcWriteOptions` default alignment), empty buffers as zero bytes with no
 * length prefix, a buffer that LZ4 would not shrink stored raw behind the
 * `-1` prefix, and every other buffer as an LZ4 frame written by liblz4
 * (Debian's `lz4` CLI) behind its uncompressed length. arrow-rs
 * `arrow-ipc/src/compression.rs` (`CompressionCodec::compress_to_vec`) is the
 * reference for the three buffer forms.
 */
import { execFileSync } from "node:child_process";
import { create } from "@bufbuild/protobuf";
import { BodyCompression, BufferRegion, Message as MessageMeta, RecordBatch as RecordBatchMeta } from "apache-arrow/ipc/metadata/message";
import { CompressionType, Field, Float64, Int64, Message, Schema, Struct, Table, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { FlightDataSchema, type FlightData } from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { FlightDataEncoder, decodeFlightData } from "../../src/protocol/index.js";

const ALIGN = 64;
const pad = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

function liblz4Frame(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(execFileSync("lz4", ["-c", "-q"], { input: bytes, maxBuffer: 256 * 1024 * 1024 }));
}

function int64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(value), true);
  return out;
}

/** Rewrites an uncompressed record-batch FlightData into arrow-rs's compressed layout; counts the buffer forms used. */
function toArrowRsLayout(data: FlightData, forms: Record<"empty" | "raw" | "lz4", number>): FlightData {
  const meta = Message.decode(data.dataHeader).header() as RecordBatchMeta;
  const parts: Uint8Array[] = [];
  const regions: BufferRegion[] = [];
  let offset = 0;
  for (const region of meta.buffers) {
    const raw = data.dataBody.subarray(Number(region.offset), Number(region.offset) + Number(region.length));
    if (raw.byteLength === 0) {
      forms.empty++;
      regions.push(new BufferRegion(offset, 0));
      continue;
    }
    const frame = liblz4Frame(raw);
    const stored = frame.byteLength < raw.byteLength ? [int64(raw.byteLength), frame] : [int64(-1), raw];
    forms[frame.byteLength < raw.byteLength ? "lz4" : "raw"]++;
    const length = stored.reduce((n, b) => n + b.byteLength, 0);
    regions.push(new BufferRegion(offset, length));
    parts.push(...stored);
    const padded = pad(offset + length);
    if (padded > offset + length) parts.push(new Uint8Array(padded - offset - length));
    offset = padded;
  }
  const body = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    body.set(part, at);
    at += part.byteLength;
  }
  const header = new RecordBatchMeta(meta.length, meta.nodes, regions, new BodyCompression(CompressionType.LZ4_FRAME));
  return create(FlightDataSchema, { dataHeader: MessageMeta.encode(MessageMeta.from(header, body.byteLength)), dataBody: body });
}

function sampleTable(rows: number): Table {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const xyz = new Struct([new Field("x", new Float64()), new Field("y", new Float64(), true)]);
  return new Table({
    timestamp_ns: vectorFromArray(Array.from({ length: rows }, (_, i) => 1_774_426_445_000_000_000n + BigInt(i) * 5_000_000n), new Int64()),
    // Random doubles: LZ4 cannot shrink them, so arrow-rs stores them raw.
    noise: vectorFromArray(Array.from({ length: rows }, random), new Float64()),
    // Repeating values: a frame much smaller than the buffer.
    pose: vectorFromArray(Array.from({ length: rows }, (_, i) => ({ x: i % 10, y: i % 4 === 0 ? null : 1.5 })), xyz),
    // No nulls, so the validity buffer is empty.
    label: vectorFromArray(Array.from({ length: rows }, (_, i) => `frame-${i % 50}`), new Utf8()),
  });
}

describe("arrow-rs DoGet body layout", () => {
  it("decodes 64-byte aligned, raw (-1), empty and liblz4-framed buffers value-exact", async () => {
    const table = sampleTable(20_000);
    const encoder = new FlightDataEncoder(table.schema as Schema, { compression: null });
    const forms = { empty: 0, raw: 0, lz4: 0 };
    const messages = [encoder.encodeSchema(), ...table.batches.flatMap((b) => encoder.encodeBatch(b)).map((m) => toArrowRsLayout(m, forms))];
    expect(forms.empty).toBeGreaterThan(0);
    expect(forms.raw).toBeGreaterThan(0);
    expect(forms.lz4).toBeGreaterThan(0);
    const reader = await decodeFlightData((async function* () {
      yield* messages;
    })());
    const copy = await reader.readTable();
    expect(copy.numRows).toBe(table.numRows);
    for (const name of ["timestamp_ns", "noise", "label"]) {
      expect(Array.from(copy.getChild(name)!.toArray() as ArrayLike<unknown>)).toEqual(Array.from(table.getChild(name)!.toArray() as ArrayLike<unknown>));
    }
    expect(copy.get(4)!.toJSON().pose!.toJSON()).toEqual({ x: 4, y: null });
    expect(copy.get(5)!.toJSON().pose!.toJSON()).toEqual({ x: 5, y: 1.5 });
  });
});
