/**
 * DoPut frames. Starts from a valid upload (encodeFlightData of IMU batches,
 * plain or LZ4-compressed, to a fresh topic) and mutates it: bit flips and
 * interesting integers in dataHeader / dataBody, lies in the header's
 * lengths (buffer lengths, row counts, body length), truncated or extended
 * bodies, duplicated / dropped / reordered / empty messages, a second
 * schema, the descriptor moved, dropped or its JSON mutated — sometimes
 * aimed at the finalized baseline topic.
 * Asserts: the call ends within the deadline, never INTERNAL/UNKNOWN; an
 * upload the server accepts reads back with exactly the rows the SDK's
 * decoder finds in what was sent; the baseline never changes (runner).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import { DataType, type RecordBatch, type Vector } from "apache-arrow";
import { decodeFlightData, encodeFlightData } from "../../src/protocol/index.js";
import { FlightDataSchema, FlightDescriptorSchema, FlightDescriptor_DescriptorType, type FlightData } from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { encodeTicket } from "../../server/flight/bincode-ticket.js";
import { imuBatch, imuSchema } from "../integration/helpers/imu-data.js";
import { batchesOf, imuTable, timestamps } from "../integration/helpers/imu-table.js";
import { collect, createTopic, doGet, doPut, iterate } from "./fixtures.js";
import { CASE_DEADLINE_MS, type ServerFuzzer } from "./fuzzer.js";
import { applyStreamOp, copyFlightData, STREAM_OPS } from "./mutate-flight-data.js";
import { jsonBytes, mutateJson } from "./mutate-json.js";
import type { Rng } from "./prng.js";
import { judge, withDeadline } from "./server-harness.js";


/** The descriptor command, mutated or aimed elsewhere. */
function mutatedCommand(rng: Rng, locator: string, uuid: string, baseline: { locator: string; uuid: string }): Uint8Array {
  const target = rng.chance(0.3) ? baseline : { locator, uuid };
  return jsonBytes(mutateJson(rng, { resource_locator: target.locator, topic_uuid: target.uuid }, 2));
}

/** One message-level mutation of the upload, in place; returns its name. */
function mutateUpload(rng: Rng, msgs: FlightData[], ctx: { locator: string; uuid: string; baseline: { locator: string; uuid: string } }): string {
  const op = rng.weighted<string>([
    ...STREAM_OPS, [4, "descriptor-drop"], [4, "descriptor-move"], [8, "descriptor-cmd"], [3, "descriptor-path"], [4, "baseline-target"],
  ]);
  const cmd = (bytes: Uint8Array, type = FlightDescriptor_DescriptorType.CMD) =>
    create(FlightDescriptorSchema, { type, cmd: bytes, ...(type !== FlightDescriptor_DescriptorType.CMD && { path: [ctx.locator] }) });
  const bare = (m: FlightData) => create(FlightDataSchema, { dataHeader: m.dataHeader, dataBody: m.dataBody });
  switch (op) {
    case "descriptor-drop": msgs[0] = bare(msgs[0]!); break;
    case "descriptor-move": {
      const d = msgs[0]!.flightDescriptor;
      msgs[0] = bare(msgs[0]!);
      if (d && msgs.length > 1) msgs[msgs.length - 1] = copyFlightData(msgs[msgs.length - 1]!, { flightDescriptor: d });
      break;
    }
    case "descriptor-cmd": msgs[0] = copyFlightData(msgs[0]!, { flightDescriptor: cmd(mutatedCommand(rng, ctx.locator, ctx.uuid, ctx.baseline)) }); break;
    case "descriptor-path":
      msgs[0] = copyFlightData(msgs[0]!, { flightDescriptor: cmd(new Uint8Array(), rng.pick([FlightDescriptor_DescriptorType.PATH, FlightDescriptor_DescriptorType.UNKNOWN, 7 as FlightDescriptor_DescriptorType])) });
      break;
    case "baseline-target":
      msgs[0] = copyFlightData(msgs[0]!, { flightDescriptor: cmd(jsonBytes({ resource_locator: ctx.baseline.locator, topic_uuid: ctx.baseline.uuid })) });
      break;
    default: applyStreamOp(rng, msgs, op);
  }
  return op;
}

/**
 * One cell as plain data, by child index: a corrupted schema may give a
 * struct two fields of the same name, which apache-arrow's row proxies
 * cannot list (and `toJSON` would merge).
 */
function cell(vector: Vector, row: number): unknown {
  if (!vector.isValid(row)) return null;
  if (DataType.isStruct(vector.type)) return vector.type.children.map((_, k) => cell(vector.getChildAt(k)!, row));
  if (DataType.isList(vector.type) || DataType.isFixedSizeList(vector.type)) {
    const items = vector.get(row) as Vector;
    return Array.from({ length: items.length }, (_, k) => cell(items, k));
  }
  const value = vector.get(row) as unknown;
  if (value instanceof Uint8Array) return Array.from(value);
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return typeof value === "bigint" ? `${value}n` : value;
}

function plainRows(batches: readonly RecordBatch[]): unknown[][] {
  return batches.flatMap((batch) =>
    Array.from({ length: batch.numRows }, (_, row) => batch.schema.fields.map((_, j) => cell(batch.getChildAt(j)!, row))),
  );
}

/** Rows the SDK's decoder finds in `msgs`, or why it refuses them. */
async function localRows(msgs: FlightData[]): Promise<{ rows: unknown[][] } | { error: string }> {
  try {
    const reader = await decodeFlightData(iterate(msgs));
    return { rows: plainRows(await collect(reader)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** FUZZ_DUMP=<dir>: a data-lost case's messages, as binary FlightData protos, for offline study. */
function dumpCase(index: number, msgs: readonly FlightData[]): void {
  const dir = process.env.FUZZ_DUMP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  msgs.forEach((m, k) => writeFileSync(join(dir, `doput-${index}-${k}.bin`), toBinary(FlightDataSchema, m)));
}

/** The DoPut-frame fuzzer. */
export const doPutFuzzer: ServerFuzzer = {
  name: "doput",
  async run(ctx, rng, index) {
    const { flight } = ctx.server;
    const locator = `${ctx.fixtures.put.sequence}/c/${index}`;
    const uuid = await createTopic(flight, locator, ctx.fixtures.put.sessionUuid);
    const rich = rng.chance(0.4);
    let batches: RecordBatch[];
    if (rich) batches = batchesOf(imuTable(timestamps(rng.int(1, 120)), index), rng.int(10, 60));
    else batches = Array.from({ length: rng.int(1, 4) }, (_, i) => imuBatch(i * 50, rng.int(0, 50)));
    const schema = batches[0]?.schema ?? imuSchema;
    const descriptor = create(FlightDescriptorSchema, { type: FlightDescriptor_DescriptorType.CMD, cmd: jsonBytes({ resource_locator: locator, topic_uuid: uuid }) });
    const compression = rng.chance(0.4) ? ("lz4_frame" as const) : null;
    const msgs = await collect(encodeFlightData(schema, batches, { descriptor, compression }));
    const ops: string[] = [];
    const count = rng.chance(0.1) ? 0 : rng.int(1, 3);
    for (let i = 0; i < count; i++) ops.push(mutateUpload(rng, msgs, { locator, uuid, baseline: ctx.fixtures.baseline }));
    const input = `topic=${locator} ${rich ? "rich" : "imu"} ${compression ?? "plain"} batches=${batches.length} ops=[${ops.join(",")}] messages=${msgs.length}`;
    const settled = await withDeadline(CASE_DEADLINE_MS, (signal) => doPut(flight, msgs, signal));
    const verdict = judge(settled, input);
    if (settled.kind !== "ok") return verdict;
    // Accepted: what is stored must be what the decoder saw in the upload.
    const expected = await localRows(msgs);
    const stored = await doGet(flight, encodeTicket({ locator })).then(
      async (m) => localRows(m),
      (error: unknown) => ({ error: `DoGet: ${error instanceof Error ? error.message : String(error)}` }),
    );
    if ("error" in expected || "error" in stored || JSON.stringify(expected.rows) !== JSON.stringify(stored.rows)) {
      dumpCase(index, msgs);
      const describe = (r: typeof stored) => ("error" in r ? `unreadable (${r.error.slice(0, 160)})` : `${r.rows.length} rows`);
      return { outcome: "data-lost", status: "OK", message: `accepted upload reads back ${describe(stored)}, the decoder finds ${describe(expected)}`, input };
    }
    return verdict;
  },
};
