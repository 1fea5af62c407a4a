/**
 * The `query` action of the reference server over real sockets: every
 * operator on every value type (float, int32, int64 beyond 2^53, string glob,
 * bool, nested struct leaves, catalog fields, user metadata paths with
 * $ex/$nex), sections combined, row-level AND, chunk skipping by statistics,
 * malformed queries, and both generations. List columns and metadata key
 * wildcards: query-lists-and-keys.test.ts.
 */
import { Code } from "@connectrpc/connect";
import {
  Bool,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/protocol/json.js";
import type { RunningServer } from "../../../server/index.js";
import { scanStats } from "../../../server/query/scan.js";
import { action } from "../helpers/actions.js";
import { expectError } from "../helpers/expect-error.js";
import { createFixture } from "../helpers/fixtures.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { T0 } from "../helpers/imu-data.js";
import { query, summary } from "../helpers/query.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

const P53 = 9_007_199_254_740_992n; // 2^53

/** One row per topic r0..r5 (tag `probe`): each query answer tells which rows match. */
const ROWS = [
  { f: 1.5, i: -3, big: P53 + 1n, s: "alpha", b: true, n: { v: 0.5, tag: "x1" } },
  { f: -2.25, i: 0, big: P53, s: "beta", b: false, n: { v: 2, tag: "x2" } },
  { f: Number.NaN, i: 7, big: P53 + 3n, s: "gamma_1", b: true, n: null },
  { f: null, i: null, big: null, s: null, b: null, n: { v: null, tag: null } },
  { f: 10, i: 100, big: -(1n << 60n), s: "Alpha", b: false, n: { v: 10, tag: "y9" } },
  { f: 1e300, i: 2_147_483_647, big: 1n << 62n, s: "delta-42", b: true, n: { v: -1, tag: "x10" } },
];

function probeTable(row: (typeof ROWS)[number], k: number): Table {
  return new Table({
    timestamp_ns: vectorFromArray([T0 + BigInt(k) * 1000n], new Int64()),
    f: vectorFromArray([row.f], new Float64()),
    i: vectorFromArray([row.i], new Int32()),
    big: vectorFromArray([row.big], new Int64()),
    s: vectorFromArray([row.s], new Utf8()),
    b: vectorFromArray([row.b], new Bool()),
    n: vectorFromArray(
      [row.n],
      new Struct([new Field("v", new Float64(), true), new Field("tag", new Utf8(), true)]),
    ),
    l: vectorFromArray([[k]], new List(new Field("item", new Int32(), true))),
  });
}

/** `t` = 0..n-1 with x = t and y = -t, for chunk and row-level tests. */
function rampTable(n: number, x: (t: number) => number, y: (t: number) => number): Table {
  return new Table({
    timestamp_ns: vectorFromArray(Array.from({ length: n }, (_, t) => T0 + BigInt(t) * 1_000_000n), new Int64()),
    x: vectorFromArray(Array.from({ length: n }, (_, t) => x(t)), new Float64()),
    y: vectorFromArray(Array.from({ length: n }, (_, t) => y(t)), new Float64()),
  });
}

let server: RunningServer;
let client: FlightClient;
let clock = T0;
const run = Date.now().toString(36);
const VT = `vt_${run}`; // value-type fixture
const C0 = T0 + 123_456_789n; // creation times beyond 2^53, one ns apart

beforeAll(async () => {
  server = await startTestServer({ maxChunkBytes: 2048, now: () => clock++ });
  client = clientFor(transportsFor(server.url)[0]!.transport);
  await createFixture(client, VT, ROWS.map((row, k) => ({ name: `r${k}`, tag: "probe", table: probeTable(row, k) })));
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

/** Which probe rows satisfy `{ "probe.<field>": condition }`. */
async function rows(field: string, condition: JsonValue): Promise<string[]> {
  const items = await query(client, { sequence: { name: { $eq: VT } }, ontology: { [`probe.${field}`]: condition } });
  return summary(items)[VT] ?? [];
}

describe("ontology conditions on every value type", () => {
  it.each<[string, JsonValue, string[]]>([
    ["$eq 1.5", { $eq: 1.5 }, ["r0"]],
    ["$eq with an integer literal", { $eq: 10 }, ["r4"]],
    ["$neq (NaN differs, null never matches)", { $neq: 1.5 }, ["r1", "r2", "r4", "r5"]],
    ["$lt", { $lt: 0 }, ["r1"]],
    ["$leq", { $leq: 1.5 }, ["r0", "r1"]],
    ["$gt", { $gt: 1.5 }, ["r4", "r5"]],
    ["$geq", { $geq: 10 }, ["r4", "r5"]],
    ["$between (inclusive)", { $between: [-2.25, 1.5] }, ["r0", "r1"]],
    ["$outside", { $outside: [-3, 2] }, ["r4", "r5"]],
    ["$in", { $in: [1.5, 10, 99] }, ["r0", "r4"]],
  ])("float64 %s", async (_label, condition, expected) => {
    expect(await rows("f", condition)).toEqual(expected);
  });

  it.each<[string, JsonValue, string[]]>([
    ["$eq", { $eq: 0 }, ["r1"]],
    ["$neq", { $neq: 0 }, ["r0", "r2", "r4", "r5"]],
    ["$lt", { $lt: 0 }, ["r0"]],
    ["$leq", { $leq: 7 }, ["r0", "r1", "r2"]],
    ["$gt", { $gt: 7 }, ["r4", "r5"]],
    ["$geq", { $geq: 100 }, ["r4", "r5"]],
    ["$between", { $between: [0, 100] }, ["r1", "r2", "r4"]],
    ["$outside", { $outside: [0, 100] }, ["r0", "r5"]],
    ["$in", { $in: [7, 2_147_483_647] }, ["r2", "r5"]],
  ])("int32 %s", async (_label, condition, expected) => {
    expect(await rows("i", condition)).toEqual(expected);
  });

  // 2^53 and 2^53 + 1 are the same double: only exact i64 comparison tells them apart.
  it.each<[string, JsonValue, string[]]>([
    ["$eq 2^53+1", { $eq: P53 + 1n }, ["r0"]],
    ["$neq 2^53+1", { $neq: P53 + 1n }, ["r1", "r2", "r4", "r5"]],
    ["$lt 2^53+1", { $lt: P53 + 1n }, ["r1", "r4"]],
    ["$leq 2^53", { $leq: P53 }, ["r1", "r4"]],
    ["$gt 2^53", { $gt: P53 }, ["r0", "r2", "r5"]],
    ["$geq 2^53+3", { $geq: P53 + 3n }, ["r2", "r5"]],
    ["$between [2^53+1, 2^53+3]", { $between: [P53 + 1n, P53 + 3n] }, ["r0", "r2"]],
    ["$outside [2^53, 2^53+1]", { $outside: [P53, P53 + 1n] }, ["r2", "r4", "r5"]],
    ["$in [2^53+1, 2^62]", { $in: [P53 + 1n, 1n << 62n] }, ["r0", "r5"]],
    ["$gt with a small integer", { $gt: 0 }, ["r0", "r1", "r2", "r5"]],
  ])("int64 %s", async (_label, condition, expected) => {
    expect(await rows("big", condition)).toEqual(expected);
  });

  it("timestamp_ns (envelope column) with exact nanoseconds", async () => {
    expect(await rows("timestamp_ns", { $between: [T0 + 1000n, T0 + 2000n] })).toEqual(["r1", "r2"]);
    expect(await rows("timestamp_ns", { $eq: T0 + 5000n })).toEqual(["r5"]);
    expect(await rows("timestamp_ns", { $gt: T0 + 4999n })).toEqual(["r5"]);
  });

  it.each<[string, JsonValue, string[]]>([
    ["$eq", { $eq: "alpha" }, ["r0"]],
    ["$neq", { $neq: "alpha" }, ["r1", "r2", "r4", "r5"]],
    ["$lt (code point order: uppercase first)", { $lt: "beta" }, ["r0", "r4"]],
    ["$leq", { $leq: "beta" }, ["r0", "r1", "r4"]],
    ["$gt", { $gt: "beta" }, ["r2", "r5"]],
    ["$geq", { $geq: "delta-42" }, ["r2", "r5"]],
    ["$between", { $between: ["b", "d"] }, ["r1"]],
    ["$outside", { $outside: ["b", "d"] }, ["r0", "r2", "r4", "r5"]],
    ["$in", { $in: ["beta", "Alpha"] }, ["r1", "r4"]],
    ["$match * suffix", { $match: "*a" }, ["r0", "r1", "r4"]],
    ["$match ? one char", { $match: "?lpha" }, ["r0", "r4"]],
    ["$match # one digit", { $match: "gamma_#" }, ["r2"]],
    ["$match ## two digits", { $match: "delta-##" }, ["r5"]],
    ["$match [a-b] class", { $match: "[a-b]*" }, ["r0", "r1"]],
    ["$match [^a-z] negated class", { $match: "[^a-z]*" }, ["r4"]],
    ["$match without wildcard = exact", { $match: "alpha" }, ["r0"]],
    ["$match literal dot and dash", { $match: "delta-4?" }, ["r5"]],
    ["$match * alone (nulls excluded)", { $match: "*" }, ["r0", "r1", "r2", "r4", "r5"]],
    ["$match nothing", { $match: "zz*" }, []],
  ])("utf8 %s", async (_label, condition, expected) => {
    expect(await rows("s", condition)).toEqual(expected);
  });

  it.each<[string, JsonValue, string[]]>([
    ["$eq true", { $eq: true }, ["r0", "r2", "r5"]],
    ["$eq false", { $eq: false }, ["r1", "r4"]],
    ["$neq true", { $neq: true }, ["r1", "r4"]],
    ["$in [false]", { $in: [false] }, ["r1", "r4"]],
  ])("bool %s", async (_label, condition, expected) => {
    expect(await rows("b", condition)).toEqual(expected);
  });

  it("nested struct leaves; a null parent struct fails every condition", async () => {
    expect(await rows("n.v", { $gt: 1 })).toEqual(["r1", "r4"]);
    expect(await rows("n.v", { $leq: 0.5 })).toEqual(["r0", "r5"]);
    expect(await rows("n.v", { $neq: 2 })).toEqual(["r0", "r4", "r5"]);
    expect(await rows("n.tag", { $match: "x#" })).toEqual(["r0", "r1"]);
    expect(await rows("n.tag", { $match: "x*" })).toEqual(["r0", "r1", "r5"]);
  });

  it("items list each matching topic with its ontology tag, sorted", async () => {
    const items = await query(client, { sequence: { name: { $eq: VT } }, ontology: { "probe.b": { $eq: true } } });
    expect(items).toEqual([
      {
        sequence: VT,
        topics: ["r0", "r2", "r5"].map((r) => ({ locator: `${VT}/${r}`, ontology_tag: "probe" })),
      },
    ]);
  });
});

describe("row-level AND, several tags, combined sections", () => {
  const seqs = { a: `drive_a_${run}`, b: `drive_b_${run}`, c: `other_c_${run}`, d: `drive_d_${run}` };
  beforeAll(async () => {
    // drive_a: imu has one row with x > 5 and y < 0 together; gps present.
    await createFixture(client, seqs.a, [
      { name: "sensors/imu", tag: "imu", table: rampTable(50, (t) => t / 5, (t) => (t === 40 ? -1 : 1)) },
      { name: "sensors/gps", tag: "gps", table: rampTable(10, (t) => 45 + t, () => 0) },
      { name: "cam", tag: "image_meta", format: "image" },
    ], { vehicle: { id: "veh-7" } });
    // drive_b: x > 5 in some rows, y < 0 in others, never together; gps too.
    await createFixture(client, seqs.b, [
      { name: "sensors/imu", tag: "imu", table: rampTable(50, (t) => t / 5, (t) => (t === 3 ? -1 : 1)) },
      { name: "sensors/gps", tag: "gps", table: rampTable(10, (t) => 45 + t, () => 0) },
    ], { vehicle: { id: "veh-8" } });
    // other_c: matching data, but the name does not match drive_*.
    await createFixture(client, seqs.c, [
      { name: "sensors/imu", tag: "imu", table: rampTable(50, (t) => t / 5, (t) => (t === 40 ? -1 : 1)) },
    ]);
    // drive_d: imu matches, no gps topic; plus a second imu topic that does not match.
    await createFixture(client, seqs.d, [
      { name: "imu_front", tag: "imu", table: rampTable(50, (t) => t / 5, () => -1) },
      { name: "imu_rear", tag: "imu", table: rampTable(50, () => 0, () => -1) },
    ]);
  });

  const drive = { sequence: { name: { $match: `drive_?_${run}` } } };

  it("a topic matches only if one row satisfies all its tag's conditions", async () => {
    const items = await query(client, { ...drive, ontology: { "imu.x": { $gt: 5 }, "imu.y": { $lt: 0 } } });
    expect(summary(items)).toEqual({ [seqs.a]: ["sensors/imu"], [seqs.d]: ["imu_front"] });
  });

  it("several tags: every tag needs a matching topic in the sequence; topics of all tags are listed", async () => {
    const items = await query(client, { ...drive, ontology: { "imu.x": { $gt: 5 }, "imu.y": { $lt: 0 }, "gps.x": { $geq: 50 } } });
    expect(summary(items)).toEqual({ [seqs.a]: ["sensors/gps", "sensors/imu"] });
  });

  it("sequence + topic + ontology sections together", async () => {
    const items = await query(client, {
      sequence: { name: { $match: `drive_*_${run}` }, user_metadata: { "vehicle.id": { $eq: "veh-7" } } },
      topic: { ontology_tag: { $eq: "imu" }, name: { $match: "sensors/*" } },
      ontology: { "imu.x": { $gt: 5 } },
    });
    expect(items).toEqual([{ sequence: seqs.a, topics: [{ locator: `${seqs.a}/sensors/imu`, ontology_tag: "imu" }] }]);
  });

  it("without an ontology section every qualifying topic is listed (topics with no data too)", async () => {
    expect(summary(await query(client, drive))).toEqual({
      [seqs.a]: ["cam", "sensors/gps", "sensors/imu"],
      [seqs.b]: ["sensors/gps", "sensors/imu"],
      [seqs.d]: ["imu_front", "imu_rear"],
    });
    expect(summary(await query(client, { ...drive, topic: { serialization_format: { $eq: "image" } } }))).toEqual({
      [seqs.a]: ["cam"],
    });
    expect(summary(await query(client, { ...drive, topic: { name: { $in: ["imu_rear", "cam"] } } }))).toEqual({
      [seqs.a]: ["cam"],
      [seqs.d]: ["imu_rear"],
    });
  });

  it("a tag no topic carries matches nothing; an empty answer is an empty list", async () => {
    expect(await query(client, { ...drive, ontology: { "lidar.points": { $gt: 1 } } })).toEqual([]);
    expect(await query(client, { sequence: { name: { $eq: "no_such_sequence" } } })).toEqual([]);
  });
});

describe("catalog fields and user metadata", () => {
  const um = (k: string) => `um_${k}_${run}`;
  let created: Record<string, bigint> = {};
  beforeAll(async () => {
    const fixtures: Array<[string, JsonValue, JsonValue]> = [
      ["a", { vehicle: { id: "veh-7", wheels: 4 }, calibrated: true, score: P53 + 1n, region: "eu-west" }, { calibrated: true, rate: 200 }],
      ["b", { vehicle: { id: "veh-8", wheels: 6 }, calibrated: false, score: 1.5, region: null }, { calibrated: false }],
      ["c", { vehicle: "none", note: "x" }, {}],
      ["d", {}, { rate: 100 }],
    ];
    for (const [k, seqMeta, topicMeta] of fixtures) {
      created[k] = clock;
      await createFixture(client, um(k), [{ name: "t", tag: "misc", userMetadata: topicMeta }], seqMeta);
    }
  });
  const within = { name: { $match: `um_?_${run}` } };
  const seqNames = async (sequence: JsonValue, topic?: JsonValue) =>
    (await query(client, topic ? { sequence, topic } : { sequence })).map((i) => i.sequence.split("_")[1]);

  it.each<[string, JsonValue, string[]]>([
    ["nested $eq", { "vehicle.id": { $eq: "veh-7" } }, ["a"]],
    ["$neq needs the key", { "vehicle.id": { $neq: "veh-7" } }, ["b"]],
    ["$ex", { "vehicle.id": { $ex: null } }, ["a", "b"]],
    ["$nex (also where the parent is not an object)", { "vehicle.id": { $nex: null } }, ["c", "d"]],
    ["$ex on a key holding null", { region: { $ex: null } }, ["a", "b"]],
    ["$gt on numbers", { "vehicle.wheels": { $gt: 4 } }, ["b"]],
    ["$geq", { "vehicle.wheels": { $geq: 4 } }, ["a", "b"]],
    ["$lt", { "vehicle.wheels": { $lt: 6 } }, ["a"]],
    ["$leq", { "vehicle.wheels": { $leq: 6 } }, ["a", "b"]],
    ["$between", { "vehicle.wheels": { $between: [5, 6] } }, ["b"]],
    ["$outside", { "vehicle.wheels": { $outside: [5, 6] } }, ["a"]],
    ["$in with mixed types", { "vehicle.wheels": { $in: [6, "4"] } }, ["b"]],
    ["$gt on strings", { "vehicle.id": { $gt: "veh-7" } }, ["b"]],
    ["$match glob", { region: { $match: "eu-*" } }, ["a"]],
    // mosaicod matches `user_metadata #>> '{vehicle,wheels}'`: the text of any JSON value (compilers.rs, glob-era revision).
    ["$match on a number tests its text", { "vehicle.wheels": { $match: "#" } }, ["a", "b"]],
    ["bool $eq", { calibrated: { $eq: false } }, ["b"]],
    ["bool $neq (missing keys fail)", { calibrated: { $neq: true } }, ["b"]],
    ["i64 exact $eq", { score: { $eq: P53 + 1n } }, ["a"]],
    ["i64 exact $gt 2^53", { score: { $gt: P53 } }, ["a"]],
    ["float vs int", { score: { $lt: 2 } }, ["b"]],
    ["type mismatch fails (string vs number)", { vehicle: { $eq: 4 } }, []],
    ["string value", { vehicle: { $eq: "none" } }, ["c"]],
    ["two keys (AND)", { "vehicle.wheels": { $geq: 4 }, calibrated: { $eq: true } }, ["a"]],
  ])("sequence user_metadata %s", async (_label, conditions, expected) => {
    expect(await seqNames({ ...within, user_metadata: conditions })).toEqual(expected);
  });

  it("topic user_metadata", async () => {
    expect(await seqNames(within, { user_metadata: { calibrated: { $eq: true } } })).toEqual(["a"]);
    expect(await seqNames(within, { user_metadata: { rate: { $ex: null } } })).toEqual(["a", "d"]);
    expect(await seqNames(within, { user_metadata: { rate: { $between: [100, 150] } } })).toEqual(["d"]);
    expect(await seqNames(within, { user_metadata: { rate: { $nex: null } } })).toEqual(["b", "c"]);
  });

  it("creation time: exact i64 nanoseconds, three accepted spellings", async () => {
    // Creation times are 1 ns apart beyond 2^53: a double could not separate them.
    const [a, b, c] = [created.a!, created.b!, created.c!];
    expect(await seqNames({ ...within, created_at_ns: { $eq: a } })).toEqual(["a"]);
    expect(await seqNames({ ...within, created_at_ns: { $gt: a } })).toEqual(["b", "c", "d"]);
    expect(await seqNames({ ...within, created_at_ns: { $between: [b, c] } })).toEqual(["b", "c"]);
    expect(await seqNames({ ...within, created_at_ns: { $outside: [b, c] } })).toEqual(["a", "d"]);
    expect(await seqNames({ ...within, created_at_ns: { $in: [a, c] } })).toEqual(["a", "c"]);
    expect(await seqNames({ ...within, created_timestamp: { $lt: b } })).toEqual(["a"]);
    expect(await seqNames({ ...within, created_at: { $leq: b } })).toEqual(["a", "b"]);
    // Topic creation follows its sequence's by a few ns.
    expect(await seqNames(within, { created_at_ns: { $geq: c } })).toEqual(["c", "d"]);
  });

  it("names: `locator` is accepted as the older spelling of `name`", async () => {
    expect(await seqNames({ locator: { $eq: um("b") } })).toEqual(["b"]);
    expect(await seqNames({ name: { $in: [um("a"), um("d")] } })).toEqual(["a", "d"]);
    expect(await seqNames({ name: { $neq: um("a") } }, { ontology_tag: { $eq: "misc" } })).toEqual(["b", "c", "d"]);
    expect(await seqNames(within, { locator: { $eq: "t" } })).toEqual(["a", "b", "c", "d"]);
  });
});

describe("chunk skipping by min/max statistics", () => {
  const seq = `chunks_${run}`;
  beforeAll(async () => {
    // x rises with t; 2 KiB chunks of ~85 rows.
    await createFixture(client, seq, [{ name: "ramp", tag: "ramp", table: rampTable(2000, (t) => t, (t) => t % 7), batchRows: 50 }]);
  });
  beforeEach(() => scanStats.reset());

  const ask = (ontology: JsonValue) => query(client, { sequence: { name: { $eq: seq } }, ontology });

  it("reads only the chunks whose range can hold a match", async () => {
    expect(summary(await ask({ "ramp.x": { $geq: 1995 } }))).toEqual({ [seq]: ["ramp"] });
    const chunks = scanStats.chunksRead + scanStats.chunksSkipped;
    expect(chunks).toBeGreaterThan(10);
    expect(scanStats.chunksRead).toBe(1);
    expect(scanStats.chunksSkipped).toBe(chunks - 1);
  });

  it("reads nothing when no chunk can match", async () => {
    expect(await ask({ "ramp.x": { $gt: 5000 } })).toEqual([]);
    expect(scanStats.chunksRead).toBe(0);
    expect(await ask({ "ramp.x": { $between: [10.25, 10.75] } })).toEqual([]);
    expect(scanStats.chunksRead).toBe(1); // [10.25, 10.75] lies inside chunk 0's range: read, no row
  });

  it("prunes on every condition of the row-level AND, and on timestamp_ns", async () => {
    expect(summary(await ask({ "ramp.x": { $lt: 3000 }, "ramp.timestamp_ns": { $geq: T0 + 1990n * 1_000_000n } }))).toEqual({
      [seq]: ["ramp"],
    });
    expect(scanStats.chunksRead).toBe(1);
    scanStats.reset();
    // $neq cannot prune a chunk holding other values; the first chunk already matches.
    expect(summary(await ask({ "ramp.x": { $neq: 7 } }))).toEqual({ [seq]: ["ramp"] });
    expect(scanStats.chunksRead).toBe(1);
    expect(scanStats.chunksSkipped).toBe(0);
  });
});

describe("malformed queries are INVALID_ARGUMENT with the field named", () => {
  it.each<[string, JsonValue, RegExp]>([
    ["unknown section", { sekuence: {} }, /unknown query section `sekuence`/],
    ["section not an object", { sequence: 5 }, /`sequence` section must be an object/],
    ["unknown field", { sequence: { nam: { $eq: "a" } } }, /unknown field `sequence\.nam`/],
    ["unknown topic field", { topic: { tag: { $eq: "a" } } }, /unknown field `topic\.tag`/],
    ["two spellings of one field", { sequence: { name: { $eq: "a" }, locator: { $eq: "b" } } }, /name the same field/],
    ["condition with two operators", { sequence: { name: { $gt: "a", $lt: "b" } } }, /`sequence\.name`: a condition is an object with exactly one operator/],
    ["condition not an object", { sequence: { name: "a" } }, /`sequence\.name`: a condition is an object/],
    ["unknown operator", { sequence: { name: { $like: "a%" } } }, /`sequence\.name`: unknown operator `\$like`/],
    ["wrong type for a text field", { sequence: { name: { $eq: 5 } } }, /`sequence\.name`: \$eq on a string field expects a string, got 5/],
    ["float for a timestamp", { sequence: { created_at_ns: { $geq: 1.5 } } }, /`sequence\.created_at_ns`: \$geq on a timestamp field expects an integer/],
    ["string for a timestamp", { topic: { created_at_ns: { $lt: "1767225600000000000" } } }, /`topic\.created_at_ns`.*expects an integer/],
    ["$match on a timestamp", { sequence: { created_at_ns: { $match: "17*" } } }, /operator \$match is not supported on timestamp fields/],
    ["$ex outside user metadata", { sequence: { name: { $ex: null } } }, /\$ex tests the presence of a user-metadata key/],
    ["empty range", { sequence: { name: { $between: ["b", "a"] } } }, /\$between range is empty/],
    ["range of one value", { sequence: { name: { $between: ["a"] } } }, /\$between expects \[lo, hi\]/],
    ["empty $in", { topic: { name: { $in: [] } } }, /\$in expects a non-empty array/],
    ["array for $eq", { topic: { name: { $eq: ["a"] } } }, /\$eq expects a single value/],
    ["empty glob", { sequence: { name: { $match: "" } } }, /pattern "": the pattern is empty/],
    ["unterminated glob class", { sequence: { name: { $match: "drive_[a-" } } }, /unterminated character class/],
    ["reversed glob range", { sequence: { name: { $match: "[z-a]*" } } }, /malformed pattern/],
    ["$ex with a value", { sequence: { user_metadata: { a: { $ex: true } } } }, /\$ex takes null/],
    ["ordering on a boolean (metadata)", { sequence: { user_metadata: { a: { $gt: true } } } }, /`sequence\.user_metadata\.a`: operator \$gt is not supported for booleans/],
    ["mixed range bounds (metadata)", { sequence: { user_metadata: { a: { $between: [1, "x"] } } } }, /both numbers or both strings/],
    ["$match with a number (metadata)", { topic: { user_metadata: { a: { $match: 5 } } } }, /\$match expects a pattern string/],
    ["object operand (metadata)", { topic: { user_metadata: { a: { $eq: { b: 1 } } } } }, /\$eq expects a single value/],
    ["empty path segment", { sequence: { user_metadata: { "a..b": { $eq: 1 } } } }, /Found invalid key in user metadata query filter: a\.\.b \(empty segment/],
    ["user_metadata not an object", { sequence: { user_metadata: [] } }, /`sequence\.user_metadata` must be an object/],
    ["ontology key without a path", { ontology: { probe: { $eq: 1 } } }, /bad ontology field `probe`/],
    ["ontology include_timestamp_range", { ontology: { include_timestamp_range: true } }, /removed in 0\.6\.0/],
    ["unknown ontology column", { ontology: { "probe.nope": { $eq: 1 } } }, /`probe\.nope`: bad ontology field: no column `nope` in the schema of topics tagged `probe`/],
    ["unknown nested column", { ontology: { "probe.n.w": { $eq: 1 } } }, /no column `n\.w`/],
    ["path through a leaf", { ontology: { "probe.f.x": { $eq: 1 } } }, /`f` is Float64, not a struct/],
    ["struct column", { ontology: { "probe.n": { $eq: 1 } } }, /`n` is a struct; query one of its fields \(n\.v, n\.tag\)/],
    ["list column with a single value", { ontology: { "probe.l": { $eq: 1 } } }, /`l` is a list: compare it whole with \$eq\/\$neq and an array/],
    ["string for a float column", { ontology: { "probe.f": { $gt: "5" } } }, /`probe\.f`: \$gt on a Float64 field expects a number, got "5"/],
    ["number for a string column", { ontology: { "probe.s": { $eq: 5 } } }, /`probe\.s`: \$eq on a Utf8 field expects a string, got 5/],
    ["fraction for an int column", { ontology: { "probe.i": { $eq: 1.5 } } }, /`probe\.i`: \$eq on a Int32 field expects an integer, got 1\.5/],
    ["ordering on a bool column", { ontology: { "probe.b": { $gt: true } } }, /`probe\.b`: operator \$gt is not supported on Bool fields/],
    ["$match on a number column", { ontology: { "probe.big": { $match: "9*" } } }, /operator \$match is not supported on Int64 fields/],
    ["$nex on an ontology column", { ontology: { "probe.f": { $nex: null } } }, /\$nex tests the presence of a user-metadata key/],
  ])("%s", async (_label, body, message) => {
    const error = await expectError(action(client, "query", body), Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/^Bad request: /);
    expect(error.rawMessage).toMatch(message);
  });

  it("a non-object body stays a deserialization error", async () => {
    await expectError(action(client, "query", [] as never), Code.InvalidArgument, "Bad request: body deserialization error.");
  });
});

describe("both generations", () => {
  it.each(["0.6", "0.7"] as const)("%s answers the J2/J3 item shape", async (generation) => {
    const other = await startTestServer({ generation });
    try {
      const c = clientFor(transportsFor(other.url)[1]!.transport); // gRPC-Web this time
      const seq = `gen_${generation.replace(".", "")}_${run}`;
      await createFixture(c, seq, [
        { name: "a/imu", tag: "imu", table: rampTable(20, (t) => t, () => 0) },
        { name: "b/imu", tag: "imu", table: rampTable(20, () => 0, () => 0) },
      ]);
      const items = await query(c, { sequence: { name: { $match: "gen_*" } }, ontology: { "imu.x": { $between: [10, 12] } } });
      expect(items).toEqual([{ sequence: seq, topics: [{ locator: `${seq}/a/imu`, ontology_tag: "imu" }] }]);
      expect(await query(c, {})).toEqual([
        { sequence: seq, topics: [`${seq}/a/imu`, `${seq}/b/imu`].map((locator) => ({ locator, ontology_tag: "imu" })) },
      ]);
    } finally {
      await other.close();
    }
  });
});
