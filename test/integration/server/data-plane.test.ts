/**
 * DoPut then DoGet against the reference server, over every transport a
 * client uses: native gRPC (h2c), gRPC-Web over HTTP/1.1 streamed (chunked,
 * connect-node and fetch `duplex: "half"`) and buffered (one Content-Length
 * body, as browsers send it: the case connect-node alone answers 505).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Code } from "@connectrpc/connect";
import { CompressionType, Int64, Struct, Field, Float64, Table, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../../src/protocol/json.js";
import { encodeTicket } from "../../../server/flight/bincode-ticket.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { collect } from "../helpers/collect.js";
import { bodyCompression, doGet, doPut, putMessages, putTable, type Fetched } from "../helpers/data.js";
import { expectError } from "../helpers/expect-error.js";
import { seedSequence } from "../helpers/fixtures.js";
import {
  clientFor,
  cmdDescriptor,
  fetchGrpcWebTransport,
  json,
  transportsFor,
  type FlightClient,
} from "../helpers/flight-clients.js";
import { T0 } from "../helpers/imu-data.js";
import { batchesOf, imuTable, rowsOf, timestamps } from "../helpers/imu-table.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

const MS = 1_000_000n;

/** Fixtures built once per file (building Arrow tables from JS values is not free). */
const fixtures = new Map<string, Table>();
function fixture(rows: number): Table {
  const key = String(rows);
  if (!fixtures.has(key)) fixtures.set(key, imuTable(timestamps(rows)));
  return fixtures.get(key)!;
}

function allTransports(url: string) {
  return [
    ...transportsFor(url),
    { name: "grpc-web/1.1 fetch buffered", transport: fetchGrpcWebTransport(url, "buffered") },
    { name: "grpc-web/1.1 fetch streamed", transport: fetchGrpcWebTransport(url, "streamed") },
  ];
}

async function ticketFor(client: FlightClient, locator: string, range: Record<string, bigint> = {}) {
  const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator, ...range }));
  return info.endpoint[0]!.ticket!.ticket;
}

/** The raw `mosaico:properties` JSON (snake_case keys, i64 as bigint beyond 2^53). */
function properties(schema: Fetched["schema"]) {
  return parseJson(schema.metadata.get("mosaico:properties")!) as Record<string, unknown>;
}

describe("round trip on every transport", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ generation: "0.6", maxChunkBytes: 16 * 1024 });
  });
  afterAll(() => server.close());

  const names = allTransports("http://x").map((t) => t.name);
  it.each(names)("%s: values exact, LZ4 batches, mosaico metadata", async (name) => {
    const client = clientFor(allTransports(server.url).find((t) => t.name === name)!.transport);
    const seed = await seedSequence(client, ["imu/front"]);
    const locator = `${seed.sequence}/imu/front`;
    const table = fixture(1500);
    await putTable(client, locator, seed.topicUuids[0]!, table, 200);

    const got = await doGet(client, await ticketFor(client, locator));
    expect(rowsOf(got.batches)).toEqual(rowsOf(table));
    expect(got.schema.fields.map((f) => `${f.name}: ${f.type}`)).toEqual(
      table.schema.fields.map((f) => `${f.name}: ${f.type}`),
    );
    // Schema first, then LZ4_FRAME-compressed record batches, no app metadata.
    expect(got.messages.length).toBeGreaterThan(1);
    for (const message of got.messages.slice(1)) {
      expect(bodyCompression(message)).toBe(CompressionType.LZ4_FRAME);
      expect(message.appMetadata).toHaveLength(0);
    }
    expect(got.schema.metadata.get("mosaico:context")).toBe("topic");
    expect(got.schema.metadata.get("mosaico:user_metadata")).toBe("{}");
    expect(properties(got.schema)).toEqual({
      serialization_format: "default",
      ontology_tag: "imu",
      message_count: 1500,
      timestamp_ns_min: T0,
      timestamp_ns_max: T0 + 1499n * MS,
    });
  });

  it.each(["grpc/h2", "grpc-web/1.1", "grpc-web/1.1 fetch buffered", "grpc-web/1.1 fetch streamed"])(
    "%s: an early DoPut error reaches the client and the connection keeps working",
    async (name) => {
      const client = clientFor(allTransports(server.url).find((t) => t.name === name)!.transport);
      const seed = await seedSequence(client, ["imu"]);
      const locator = `${seed.sequence}/imu`;
      const table = fixture(3000);
      // Refused on the first message while ~1 MB of batches follow.
      const wrong = await putMessages(locator, "00000000-0000-4000-8000-000000000000", table.schema, batchesOf(table, 100));
      await expectError(doPut(client, wrong), Code.PermissionDenied, /does not match topic uuid/);
      await putTable(client, locator, seed.topicUuids[0]!, table, 500);
      expect(rowsOf((await doGet(client, await ticketFor(client, locator))).batches)).toEqual(rowsOf(table));
    },
  );

  it("answers a buffered HTTP/1.1 gRPC-Web DoPut with 200 (not connect's 505)", async () => {
    const client = clientFor(transportsFor(server.url)[0]!.transport);
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    const messages = await putMessages(locator, seed.topicUuids[0]!, imuTable([]).schema, []);
    const { toBinary } = await import("@bufbuild/protobuf");
    const { FlightDataSchema } = await import("../../../src/gen/arrow/flight/protocol/Flight_pb.js");
    const frames = messages.map((m) => {
      const bytes = toBinary(FlightDataSchema, m);
      const frame = new Uint8Array(5 + bytes.length);
      new DataView(frame.buffer).setUint32(1, bytes.length);
      frame.set(bytes, 5);
      return frame;
    });
    const body = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    frames.reduce((at, f) => (body.set(f, at), at + f.length), 0);
    const res = await fetch(`${server.url}/arrow.flight.protocol.FlightService/DoPut`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1" },
      body,
    });
    expect(res.status).toBe(200);
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("grpc-status: 0");
    // Other bidi methods keep connect's answer over HTTP/1.1.
    const exchange = await fetch(`${server.url}/arrow.flight.protocol.FlightService/DoExchange`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1" },
      body: new Uint8Array(0),
    });
    expect(exchange.status).toBe(505);
  });
});

describe("chunks and batches", () => {
  let server: RunningServer;
  let dataDir: string;
  let client: FlightClient;
  beforeAll(async () => {
    dataDir = freshDataDir();
    server = await startTestServer({ generation: "0.6", dataDir, maxChunkBytes: 8 * 1024, maxBatchRows: 100 });
    client = clientFor(transportsFor(server.url)[0]!.transport);
  });
  afterAll(() => server.close());

  it("stores many chunk files and caps DoGet batches by rows", async () => {
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    const table = fixture(3000);
    // Odd client batch sizes: chunks and DoGet batches do not follow them.
    await putTable(client, locator, seed.topicUuids[0]!, table, 37);

    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
    const meta = json(info.endpoint[0]!.appMetadata) as { info: { chunks_number: number } };
    const folders = readdirSync(join(dataDir, "data")).filter((d) =>
      readdirSync(join(dataDir, "data", d)).length > 0,
    );
    const files = folders.flatMap((d) => readdirSync(join(dataDir, "data", d)));
    expect(files.length).toBeGreaterThan(10);
    expect(meta.info.chunks_number).toBe(files.length);
    expect(files.every((f) => /^chunk-\d{6}\.arrow$/.test(f))).toBe(true);

    const got = await doGet(client, info.endpoint[0]!.ticket!.ticket);
    expect(rowsOf(got.batches)).toEqual(rowsOf(table));
    const sizes = got.batches.map((b) => b.numRows);
    expect(sizes.every((n) => n === 100)).toBe(true); // merged across stored batches
    expect(sizes).toHaveLength(30);
  });

  it("caps DoGet batches by bytes (targetBatchBytes)", async () => {
    const small = await startTestServer({ generation: "0.6", targetBatchBytes: 2048 });
    try {
      const c = clientFor(transportsFor(small.url)[0]!.transport);
      const seed = await seedSequence(c, ["imu"]);
      const locator = `${seed.sequence}/imu`;
      const table = imuTable(timestamps(2000));
      await putTable(c, locator, seed.topicUuids[0]!, table, 500);
      const got = await doGet(c, await ticketFor(c, locator));
      expect(rowsOf(got.batches)).toEqual(rowsOf(table));
      const bytesPerRow = table.batches[0]!.data.byteLength / table.numRows;
      const cap = Math.floor(2048 / bytesPerRow);
      expect(got.batches.length).toBeGreaterThan(2000 / cap - 1);
      for (const batch of got.batches) expect(batch.numRows).toBeLessThanOrEqual(cap + 1);
    } finally {
      await small.close();
    }
  });

  it("accepts zero-row batches without making chunks", async () => {
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    const table = imuTable(timestamps(10));
    const batches = [table.batches[0]!.slice(0, 0), ...batchesOf(table, 5), table.batches[0]!.slice(3, 3)];
    expect(await doPut(client, await putMessages(locator, seed.topicUuids[0]!, table.schema, batches))).toEqual([]);
    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
    expect((json(info.endpoint[0]!.appMetadata) as { info: { chunks_number: number } }).info.chunks_number).toBe(1);
    expect(rowsOf((await doGet(client, info.endpoint[0]!.ticket!.ticket)).batches)).toEqual(rowsOf(table));
  });

  it("zero-row DoPut: the topic exists with its schema and streams just that", async () => {
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    const schema = imuTable([]).schema;
    expect(await doPut(client, await putMessages(locator, seed.topicUuids[0]!, schema, []))).toEqual([]);
    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
    expect(json(info.endpoint[0]!.appMetadata)).toMatchObject({
      locked: false,
      info: { chunks_number: 0, total_bytes: 0, timestamp: null },
    });
    const got = await doGet(client, info.endpoint[0]!.ticket!.ticket);
    expect(got.messages).toHaveLength(1);
    expect(got.batches).toHaveLength(0);
    expect(got.schema.fields.map((f) => f.name)).toEqual(schema.fields.map((f) => f.name));
    expect(properties(got.schema)).toEqual({ serialization_format: "default", ontology_tag: "imu" });
    // The session can be finalized: a DoPut happened.
    expect(await action(client, "session_finalize", { session_uuid: seed.sessionUuid })).toBeNull();
  });
});

describe("time ranges: [start, end)", () => {
  let server: RunningServer;
  let client: FlightClient;
  let locator: string;
  let table: Table;
  // Rows 0..499 at T0 + i ms, rows 500..999 at T0 + 10 s + i ms: a gap between chunks.
  const ts = [...timestamps(500), ...timestamps(500, MS, T0 + 10_000n * MS)];
  const at = (i: number) => ts[i]!;

  beforeAll(async () => {
    server = await startTestServer({ generation: "0.7", maxChunkBytes: 8 * 1024, maxBatchRows: 64 });
    client = clientFor(transportsFor(server.url)[0]!.transport);
    const seed = await seedSequence(client, ["imu"]);
    locator = `${seed.sequence}/imu`;
    table = imuTable(ts);
    await putTable(client, locator, seed.topicUuids[0]!, table, 100);
  });
  afterAll(() => server.close());

  const expectRange = async (range: Record<string, bigint>, first: number, last: number) => {
    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator, ...range }));
    const got = await doGet(client, info.endpoint[0]!.ticket!.ticket);
    const expected = rowsOf(table).slice(first, last);
    expect(rowsOf(got.batches)).toEqual(expected);
    for (const batch of got.batches) expect(batch.numRows).toBeLessThanOrEqual(64);
    const window = (json(info.endpoint[0]!.appMetadata) as { time_window_info: unknown }).time_window_info;
    // 0.7 reports the range's rows and bounds in time_window_info only; its DoGet schema has no mosaico:* keys.
    expect([...got.schema.metadata.keys()].filter((key) => key.startsWith("mosaico:"))).toEqual([]);
    if (expected.length === 0) {
      expect(window).toEqual({ interval: null, row_count: 0 });
      expect(got.messages).toHaveLength(1);
    } else {
      expect(window).toEqual({ interval: { start_ns: at(first), end_ns: at(last - 1) }, row_count: last - first });
    }
  };

  it("start inclusive, end exclusive", () =>
    expectRange({ timestamp_ns_start: at(100), timestamp_ns_end: at(200) }, 100, 200));
  it("a range ending one ns after a row includes it", () =>
    expectRange({ timestamp_ns_start: at(100) + 1n, timestamp_ns_end: at(200) + 1n }, 101, 201));
  it("start only", () => expectRange({ timestamp_ns_start: at(950) }, 950, 1000));
  it("end only", () => expectRange({ timestamp_ns_end: at(10) }, 0, 10));
  it("after the data: empty", () => expectRange({ timestamp_ns_start: at(999) + 1n }, 0, 0));
  it("before the data: empty", () => expectRange({ timestamp_ns_end: T0 }, 0, 0));
  it("inside the gap between chunks: empty", () =>
    expectRange({ timestamp_ns_start: at(499) + 1n, timestamp_ns_end: at(500) }, 0, 0));
  it("across the gap", () => expectRange({ timestamp_ns_start: at(450), timestamp_ns_end: at(560) }, 450, 560));
  it("the whole topic", () => expectRange({ timestamp_ns_start: T0, timestamp_ns_end: at(999) + 1n }, 0, 1000));

  it("a hand-made ticket with start >= end selects nothing", async () => {
    const got = await doGet(client, encodeTicket({ locator, start: at(10), end: at(10) }));
    expect(got.batches).toHaveLength(0);
  });

  it("unsorted timestamps: matching rows in stored order", async () => {
    const seed = await seedSequence(client, ["shuffled"]);
    const shuffledLocator = `${seed.sequence}/shuffled`;
    const order = Array.from({ length: 400 }, (_, i) => (i * 37) % 400); // a permutation
    const shuffled = imuTable(order.map((i) => T0 + BigInt(i) * MS));
    await putTable(client, shuffledLocator, seed.topicUuids[0]!, shuffled, 50);
    const info = await client.getFlightInfo(
      cmdDescriptor({ resource_locator: shuffledLocator, timestamp_ns_start: T0 + 100n * MS, timestamp_ns_end: T0 + 300n * MS }),
    );
    const got = await doGet(client, info.endpoint[0]!.ticket!.ticket);
    const keep = order.map((v, i) => [v, i] as const).filter(([v]) => v >= 100 && v < 300).map(([, i]) => i);
    const all = rowsOf(shuffled);
    expect(rowsOf(got.batches)).toEqual(keep.map((i) => all[i]));
    expect((json(info.endpoint[0]!.appMetadata) as { time_window_info: unknown }).time_window_info).toEqual({
      interval: { start_ns: T0 + 100n * MS, end_ns: T0 + 299n * MS },
      row_count: 200,
    });
  });
});

describe("DoGet requests", () => {
  let server: RunningServer;
  let client: FlightClient;
  beforeAll(async () => {
    server = await startTestServer({ generation: "0.6" });
    client = clientFor(transportsFor(server.url)[1]!.transport);
  });
  afterAll(() => server.close());

  it("refuses bad tickets, ListFlights tickets, unknown topics and topics without DoPut", async () => {
    await expectError(collect(client.doGet({ ticket: new Uint8Array() })), Code.InvalidArgument);
    await expectError(collect(client.doGet({ ticket: new Uint8Array([0xff, 1, 2]) })), Code.InvalidArgument);
    const seed = await seedSequence(client, ["imu"]);
    const [listed] = (await collect(client.listFlights({}))).filter(
      (i) => i.flightDescriptor?.path[0] === seed.sequence,
    );
    await expectError(collect(client.doGet({ ticket: listed!.endpoint[0]!.ticket!.ticket })), Code.InvalidArgument);
    await expectError(
      collect(client.doGet({ ticket: encodeTicket({ locator: seed.sequence }) })),
      Code.InvalidArgument,
      `${seed.sequence} is not a valid locator.`,
    );
    await expectError(
      collect(client.doGet({ ticket: encodeTicket({ locator: `${seed.sequence}/none` }) })),
      Code.NotFound,
      `${seed.sequence}/none not found.`,
    );
    await expectError(
      collect(client.doGet({ ticket: encodeTicket({ locator: `${seed.sequence}/imu` }) })),
      Code.FailedPrecondition,
      /^DoPut not called for topic/,
    );
  });

  it("stops when the client goes away mid-stream, and keeps serving", async () => {
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    const big = new Table({
      timestamp_ns: vectorFromArray(timestamps(50_000), new Int64()),
      v: vectorFromArray(
        Array.from({ length: 50_000 }, (_, i) => ({ a: i, b: -i })),
        new Struct([new Field("a", new Float64()), new Field("b", new Float64())]),
      ),
    });
    const h2 = clientFor(transportsFor(server.url)[0]!.transport);
    await putTable(h2, locator, seed.topicUuids[0]!, big, 10_000);
    const ticket = await ticketFor(h2, locator);
    const abort = new AbortController();
    let received = 0;
    await expectError(
      (async () => {
        for await (const _ of h2.doGet({ ticket }, { signal: abort.signal })) {
          if (++received === 2) abort.abort();
        }
      })(),
      Code.Canceled,
    );
    expect(received).toBe(2);
    const again = await doGet(h2, ticket);
    expect(again.batches.reduce((n, b) => n + b.numRows, 0)).toBe(50_000);
  });
});
