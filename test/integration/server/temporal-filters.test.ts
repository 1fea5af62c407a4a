/**
 * topic_filter_clusterize / topic_filter_intersect over real sockets, on
 * square waves with hand-checked windows: several chunks, dt boundaries,
 * dt = 0, inclusive time ranges, tolerance, empty answers (zero Results),
 * out-of-order uploads, chunk skipping, refused requests, both generations.
 *
 * Time unit below: one sample = 10 ms from T0 (beyond 2^53, exact in i64).
 */
import { Code } from "@connectrpc/connect";
import { Float64, Int64, Table, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/protocol/json.js";
import type { RunningServer } from "../../../server/index.js";
import { scanStats } from "../../../server/query/scan.js";
import { actionResults } from "../helpers/actions.js";
import { collect } from "../helpers/collect.js";
import { expectError } from "../helpers/expect-error.js";
import { createFixture } from "../helpers/fixtures.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { T0 } from "../helpers/imu-data.js";
import { windows, type Win } from "../helpers/query.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

const MS = 1_000_000n;
const STEP = 10n * MS;
/** Timestamp of sample k (plus an offset in ns). */
const at = (k: number, offset = 0n) => T0 + BigInt(k) * STEP + offset;

const high = (k: number, spans: ReadonlyArray<[number, number]>) => spans.some(([a, b]) => k >= a && k <= b);
const X_HIGH: Array<[number, number]> = [[100, 199], [300, 399], [500, 599], [700, 799], [900, 999]];
const Y_HIGH: Array<[number, number]> = [[150, 249], [450, 549], [850, 949]];
const Z_HIGH: Array<[number, number]> = [[201, 260]];

function wave(spans: ReadonlyArray<[number, number]>, offset = 0n, order: "asc" | "desc" = "asc"): Table {
  const ks = Array.from({ length: 1000 }, (_, k) => (order === "asc" ? k : 999 - k));
  return new Table({
    timestamp_ns: vectorFromArray(ks.map((k) => at(k, offset)), new Int64()),
    v: vectorFromArray(ks.map((k) => (high(k, spans) ? 1 : 0)), new Float64()),
    w: vectorFromArray(ks.map((k) => k), new Float64()),
  });
}

let server: RunningServer;
let client: FlightClient;
const run = Date.now().toString(36);
const SEQ = `waves_${run}`;
const OTHER = `waves_other_${run}`;
const loc = (name: string, seq = SEQ) => `${seq}/${name}`;

beforeAll(async () => {
  // ~24 bytes per row and 2 KiB chunks: each wave spans about a dozen chunks.
  server = await startTestServer({ maxChunkBytes: 2048 });
  client = clientFor(transportsFor(server.url)[0]!.transport);
  await createFixture(client, SEQ, [
    { name: "x", tag: "sig", table: wave(X_HIGH), batchRows: 64 },
    { name: "y", tag: "sig", table: wave(Y_HIGH, 5n * MS), batchRows: 64 }, // sampled 5 ms later
    { name: "z", tag: "sig", table: wave(Z_HIGH), batchRows: 64 },
    { name: "x_reversed", tag: "sig", table: wave(X_HIGH, 0n, "desc"), batchRows: 64 },
    { name: "flat", tag: "sig", table: wave([]), batchRows: 64 },
    { name: "gps", tag: "gps", table: wave(X_HIGH) },
    { name: "nodata", tag: "sig" },
  ]);
  await createFixture(client, OTHER, [{ name: "x", tag: "sig", table: wave(X_HIGH) }]);
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});
beforeEach(() => scanStats.reset());

const up = { "sig.v": { $gt: 0.5 } };
const clusterize = (name: string, dt: bigint, extra: Record<string, JsonValue> = {}, ontology: JsonValue = up) =>
  windows(client, "topic_filter_clusterize", { locator: loc(name), clustering_dt_ns: dt, ontology, ...extra });
const spans = (list: ReadonlyArray<[number, number]>, offset = 0n): Win[] =>
  list.map(([a, b], id) => ({ id, start: at(a, offset), end: at(b, offset) }));

describe("topic_filter_clusterize", () => {
  it("one window per high interval, across chunk boundaries, ids from 0 in time order", async () => {
    const result = await clusterize("x", STEP);
    expect(result).toEqual(spans(X_HIGH));
    expect(scanStats.chunksRead).toBeGreaterThan(10);
  });

  it("a gap equal to clustering_dt_ns stays in the window; one ns less splits", async () => {
    const gap = 101n * STEP; // from sample 199 to sample 300
    expect(await clusterize("x", gap)).toEqual([{ id: 0, start: at(100), end: at(999) }]);
    expect(await clusterize("x", gap - 1n)).toEqual(spans(X_HIGH));
  });

  it("clustering_dt_ns = 0 gives one window [first, last]", async () => {
    expect(await clusterize("x", 0n)).toEqual([{ id: 0, start: at(100), end: at(999) }]);
  });

  it("a dt below the sampling period makes one window per matching sample", async () => {
    const result = await clusterize("z", STEP - 1n);
    expect(result).toHaveLength(60);
    expect(result[0]).toEqual({ id: 0, start: at(201), end: at(201) });
    expect(result[59]).toEqual({ id: 59, start: at(260), end: at(260) });
  });

  it("timestamp_range bounds are inclusive; chunks outside are not read", async () => {
    const range = { timestamp_range: { start_ns: at(150), end_ns: at(350) } };
    expect(await clusterize("x", STEP, range)).toEqual([
      { id: 0, start: at(150), end: at(199) },
      { id: 1, start: at(300), end: at(350) },
    ]);
    expect(scanStats.chunksSkipped).toBeGreaterThan(scanStats.chunksRead);
    // Both bounds, as upstream reads them (the client completes an open side to 0 / 2^63-1); null = none.
    expect(await clusterize("x", STEP, { timestamp_range: { start_ns: at(850), end_ns: 2n ** 63n - 1n } })).toEqual([{ id: 0, start: at(900), end: at(999) }]);
    expect(await clusterize("x", STEP, { timestamp_range: { start_ns: 0, end_ns: at(100) } })).toEqual([{ id: 0, start: at(100), end: at(100) }]);
    const oneSidedRanges: JsonValue[] = [{ start_ns: at(850) }, { end_ns: at(100) }];
    for (const oneSided of oneSidedRanges) {
      await expectError(clusterize("x", STEP, { timestamp_range: oneSided }), Code.InvalidArgument, /body deserialization error/);
    }
    expect(await clusterize("x", STEP, { timestamp_range: null })).toEqual(spans(X_HIGH));
  });

  it("several conditions hold on the same row (AND), envelope column included", async () => {
    const ontology = { "sig.v": { $gt: 0.5 }, "sig.w": { $outside: [350, 949] }, "sig.timestamp_ns": { $geq: at(120) } };
    expect(await clusterize("x", STEP, {}, ontology)).toEqual([
      { id: 0, start: at(120), end: at(199) },
      { id: 1, start: at(300), end: at(349) },
      { id: 2, start: at(950), end: at(999) },
    ]);
  });

  it("nothing matching answers zero Results, without reading any chunk", async () => {
    expect(await actionResults(client, "topic_filter_clusterize", { locator: loc("x"), clustering_dt_ns: 0, ontology: { "sig.v": { $gt: 5 } } })).toEqual([]);
    expect(scanStats.chunksRead).toBe(0);
    expect(await clusterize("flat", STEP)).toEqual([]);
    expect(await clusterize("x", STEP, { timestamp_range: { start_ns: at(2000), end_ns: at(3000) } })).toEqual([]);
  });

  it("rows uploaded in reverse time order give the same windows", async () => {
    expect(await clusterize("x_reversed", STEP)).toEqual(spans(X_HIGH));
    expect(await clusterize("x_reversed", 0n)).toEqual([{ id: 0, start: at(100), end: at(999) }]);
  });

  it("streams: each window is its own Result, and a client may stop early", async () => {
    const stream = client.doAction({
      type: "topic_filter_clusterize",
      body: new TextEncoder().encode(JSON.stringify({ locator: loc("x"), clustering_dt_ns: 10_000_000, ontology: up })),
    });
    const first: Uint8Array[] = [];
    for await (const result of stream) {
      first.push(result.body);
      if (first.length === 2) break;
    }
    expect(first).toHaveLength(2);
  });
});

describe("topic_filter_intersect", () => {
  const topic = (name: string, dt = STEP, ontology: JsonValue = up) => ({ locator: loc(name), clustering_dt_ns: dt, ontology });
  const intersect = (topics: JsonValue[], dt: bigint) =>
    windows(client, "topic_filter_intersect", { topics, intersect_dt_ns: dt });

  it("strict overlap (dt = 0), ids renumbered from 0", async () => {
    // x: [100,199] [300,399] [500,599] [700,799] [900,999]; y (+5 ms): [150,249] [450,549] [850,949]
    expect(await intersect([topic("x"), topic("y")], 0n)).toEqual([
      { id: 0, start: at(150, 5n * MS), end: at(199) },
      { id: 1, start: at(500), end: at(549, 5n * MS) },
      { id: 2, start: at(900), end: at(949, 5n * MS) },
    ]);
  });

  it("with a condition that is low instead of high", async () => {
    // y low: [0,149] [250,449] [550,849] [950,999] (+5 ms)
    const low = topic("y", STEP, { "sig.v": { $lt: 0.5 } });
    expect(await intersect([topic("x"), low], 0n)).toEqual([
      { id: 0, start: at(100), end: at(149, 5n * MS) },
      { id: 1, start: at(300), end: at(399) },
      { id: 2, start: at(550, 5n * MS), end: at(599) },
      { id: 3, start: at(700), end: at(799) },
      { id: 4, start: at(950, 5n * MS), end: at(999) },
    ]);
  });

  it("the tolerance bridges a gap, split around it", async () => {
    // x ends at 199, z starts at 201: a 20 ms gap.
    expect(await intersect([topic("x"), topic("z")], 0n)).toEqual([]);
    expect(await intersect([topic("x"), topic("z")], 20n * MS - 1n)).toEqual([]);
    expect(await intersect([topic("x"), topic("z")], 20n * MS)).toEqual([{ id: 0, start: at(200), end: at(200) }]);
    // Odd tolerance: ⌊dt/2⌋ before, ⌈dt/2⌉ after.
    expect(await intersect([topic("x"), topic("z")], 25n * MS + 1n)).toEqual([
      { id: 0, start: at(201) - 12_500_000n, end: at(199) + 12_500_001n },
    ]);
  });

  it("three topics, per-topic clustering_dt_ns and timestamp_range", async () => {
    const wide = topic("x", 0n); // one window [100, 999]
    // y within [0, 520]: [150, 249] and [450, 519] (+5 ms)
    const ranged = { ...topic("y"), timestamp_range: { start_ns: at(0), end_ns: at(520) } };
    expect(await intersect([wide, ranged, topic("x_reversed")], 0n)).toEqual([
      { id: 0, start: at(150, 5n * MS), end: at(199) },
      { id: 1, start: at(500), end: at(519, 5n * MS) },
    ]);
  });

  it("a topic without matches gives zero Results", async () => {
    expect(await actionResults(client, "topic_filter_intersect", { topics: [topic("x"), topic("flat")], intersect_dt_ns: 1_000_000_000 })).toEqual([]);
  });

  it("refuses fewer than two topics and topics of different sequences", async () => {
    await expectError(
      collect(client.doAction({ type: "topic_filter_intersect", body: body({ topics: [topic("x")], intersect_dt_ns: 0 }) })),
      Code.InvalidArgument,
      "Bad request: at least 2 topics are required, found 1.",
    );
    await expectError(
      collect(client.doAction({ type: "topic_filter_intersect", body: body({ topics: [topic("x"), { ...topic("x"), locator: loc("x", OTHER) }], intersect_dt_ns: 0 }) })),
      Code.InvalidArgument,
      `Bad request: all topics must belong to sequence \`${SEQ}\`, but \`${OTHER}/x\` belongs to \`${OTHER}\`.`,
    );
    // Every topic is checked before anything is sent.
    await expectError(
      collect(client.doAction({ type: "topic_filter_intersect", body: body({ topics: [topic("x"), topic("gps")], intersect_dt_ns: 0 }) })),
      Code.InvalidArgument,
      /wrong ontology tag `sig`, topic `.*\/gps` uses `gps`/,
    );
  });
});

function body(value: JsonValue): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v)),
  );
}

describe("refused temporal filter requests", () => {
  const call = (type: string, value: JsonValue) => collect(client.doAction({ type, body: body(value) }));
  const base = { locator: loc("x"), clustering_dt_ns: 0, ontology: up };

  it.each<[string, JsonValue, Code, string | RegExp]>([
    ["missing clustering_dt_ns", { locator: loc("x"), ontology: up }, Code.InvalidArgument, "Bad request: body deserialization error."],
    ["negative clustering_dt_ns", { ...base, clustering_dt_ns: -1 }, Code.InvalidArgument, "Bad request: body deserialization error."],
    ["ontology not an object", { ...base, ontology: [] }, Code.InvalidArgument, "Bad request: body deserialization error."],
    ["empty ontology", { ...base, ontology: {} }, Code.InvalidArgument, /At least 1 filtering condition is required/],
    ["wrong tag", { ...base, ontology: { "gps.v": { $gt: 1 } } }, Code.InvalidArgument, /`gps\.v`: wrong ontology tag `gps`, topic `.*\/x` uses `sig`/],
    ["unknown column", { ...base, ontology: { "sig.q": { $gt: 1 } } }, Code.InvalidArgument, /`sig\.q`: bad ontology field: no column `q`/],
    ["wrong value type", { ...base, ontology: { "sig.v": { $gt: "1" } } }, Code.InvalidArgument, /`sig\.v`: \$gt on a Float64 field expects a number/],
    ["reversed range", { ...base, timestamp_range: { start_ns: 5, end_ns: 4 } }, Code.InvalidArgument, /start_ns 5 is after end_ns 4/],
    ["bad locator", { ...base, locator: "no-slash" }, Code.InvalidArgument, "no-slash is not a valid locator."],
    ["unknown topic", { ...base, locator: `${SEQ}/missing` }, Code.NotFound, `${SEQ}/missing not found.`],
    ["topic without DoPut", { ...base, locator: loc("nodata"), ontology: { "sig.v": { $gt: 1 } } }, Code.FailedPrecondition, /DoPut not called/],
  ])("clusterize: %s", async (_label, value, code, message) => {
    await expectError(call("topic_filter_clusterize", value), code, message);
  });
});

describe("both generations", () => {
  it.each(["0.6", "0.7"] as const)("%s streams JSONL windows over gRPC-Web", async (generation) => {
    const other = await startTestServer({ generation, maxChunkBytes: 2048 });
    try {
      const c = clientFor(transportsFor(other.url)[1]!.transport);
      const seq = `gen_${generation.replace(".", "")}_${run}`;
      await createFixture(c, seq, [
        { name: "x", tag: "sig", table: wave(X_HIGH) },
        { name: "y", tag: "sig", table: wave(Y_HIGH, 5n * MS) },
      ]);
      expect(await windows(c, "topic_filter_clusterize", { locator: `${seq}/x`, clustering_dt_ns: STEP, ontology: up })).toEqual(spans(X_HIGH));
      const topics = ["x", "y"].map((n) => ({ locator: `${seq}/${n}`, clustering_dt_ns: STEP, ontology: up }));
      expect(await windows(c, "topic_filter_intersect", { topics, intersect_dt_ns: 0n })).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});

describe("Clusterer (the streaming rule)", () => {
  it("closes a window as soon as the next data starts too far away, not only at the end", async () => {
    const { Clusterer } = await import("../../../server/query/temporal.js");
    const c = new Clusterer(10n);
    expect(c.push(0n)).toBeUndefined();
    expect(c.push(10n)).toBeUndefined();
    expect(c.closeBefore(15n)).toBeUndefined(); // 15 - 10 <= dt: the window may still grow
    expect(c.closeBefore(21n)).toEqual({ start: 0n, end: 10n }); // the next chunk starts after 10 + dt
    expect(c.push(30n)).toBeUndefined();
    expect(c.push(41n)).toEqual({ start: 30n, end: 30n });
    expect(c.finish()).toEqual({ start: 41n, end: 41n });
    expect(new Clusterer(0n).closeBefore(1n << 62n)).toBeUndefined(); // dt = 0: one window, closed at the end
  });
});
