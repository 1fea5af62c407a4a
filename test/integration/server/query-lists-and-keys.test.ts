/**
 * The 0.6 query features of the reference server over real sockets, in both
 * release modes: list specifiers `[?]` `[!]` `[N]` and whole-list `$eq`/`$neq`
 * on lists of scalars, of structs, fixed-size lists and lists inside structs
 * (mosaicod-query `timeseries.rs`), and user-metadata keys with `*`, `**`,
 * `[*]`, `[N]` plus `$match` on metadata text (mosaicod-db `compilers.rs`,
 * daemon docs `query.md`). Hits and non-hits are both asserted.
 */
import { Code } from "@connectrpc/connect";
import { Field, FixedSizeList, Float64, Int32, Int64, List, Struct, Table, Utf8, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/protocol/json.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { expectError } from "../helpers/expect-error.js";
import { createFixture } from "../helpers/fixtures.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { T0 } from "../helpers/imu-data.js";
import { query, summary, windows } from "../helpers/query.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

const item = (type: Int32 | Float64 | Utf8 | Struct | List) => new Field("item", type, true);
const pose = new Struct([new Field("x", new Float64(), true), new Field("label", new Utf8(), true)]);

/** One row per topic r0..r5 (tag `lst`). */
const ROWS = [
  { v: [1, 2, 3], s: ["arm_1", "leg"], p: [{ x: 1, label: "a" }, { x: 5, label: "b" }], fx: [1, 2], n: { w: [7] } },
  { v: [], s: [], p: [], fx: [0, 0], n: { w: [] } },
  { v: null, s: null, p: null, fx: null, n: null },
  { v: [null, 4], s: ["arm_2", null], p: [{ x: null, label: "c" }, { x: 4, label: "d" }], fx: [3, 4], n: { w: null } },
  { v: [-1, 10], s: ["leg"], p: [{ x: -2, label: "a" }], fx: [5, 6], n: { w: [1, 2] } },
  { v: [2, null], s: ["arm_3"], p: [null, { x: 3, label: "e" }], fx: [2, 2], n: { w: [2] } },
];

function listTable(row: (typeof ROWS)[number], k: number): Table {
  return new Table({
    timestamp_ns: vectorFromArray([T0 + BigInt(k)], new Int64()),
    k: vectorFromArray([k], new Int32()),
    v: vectorFromArray([row.v], new List(item(new Float64()))),
    s: vectorFromArray([row.s], new List(item(new Utf8()))),
    p: vectorFromArray([row.p], new List(item(pose))),
    fx: vectorFromArray([row.fx], new FixedSizeList(2, item(new Int32()))),
    g: vectorFromArray([[[k]]], new List(item(new List(item(new Int32()))))),
    n: vectorFromArray([row.n], new Struct([new Field("w", new List(item(new Int32())), true)])),
  });
}

/** Sequence metadata m1..m4; m1 is the daemon docs' glob example. */
const METADATA: Record<string, JsonValue> = {
  m1: {
    robot_id: "bot-v4-092",
    tags: ["warehouse-alpha", "heavy-duty", "fleet-3"],
    status: { telemetry: { battery: 84, temperature: 38.5 }, hardware: { motor_left: "nominal", motor_right: "nominal" } },
    logs: [
      { id: 1, message: "boot success" },
      { id: 2, message: "lidar calibrated" },
    ],
    payload_manifest: {
      item_id: "sku-99201",
      destination: "bin-c4",
      sensors: { weight_sensor: "active", laser_scanner: "active", diagnostics: { camera_feed: "online" } },
    },
  },
  m2: { robot_id: "bot-v5-001", tags: ["fleet-1"], status: { telemetry: { battery: 12 }, hardware: { motor_left: "fault" } }, logs: [{ id: 7, message: "low battery" }], battery: 99 },
  m3: { status: "offline", tags: "fleet-3", logs: null, note: "line1\nline2", flag: true, n: null },
  m4: {},
};

describe.each(["0.6", "0.7"] as const)("mosaicod %s", (generation) => {
  let server: RunningServer;
  let client: FlightClient;
  const run = `${generation.replace(".", "")}_${Date.now().toString(36)}`;
  const LISTS = `lists_${run}`;
  const meta = (k: string) => `meta_${k}_${run}`;

  beforeAll(async () => {
    server = await startTestServer({ generation });
    client = clientFor(transportsFor(server.url)[0]!.transport);
    await createFixture(client, LISTS, ROWS.map((row, k) => ({ name: `r${k}`, tag: "lst", table: listTable(row, k) })));
    for (const [k, userMetadata] of Object.entries(METADATA)) {
      await createFixture(client, meta(k), [{ name: "t", tag: "misc", userMetadata: k === "m2" ? { zone: { id: "z-2" } } : {} }], userMetadata);
    }
  });
  afterAll(async () => {
    await server?.close();
    removeDataDirs();
  });

  async function rows(ontology: JsonValue): Promise<string[]> {
    return summary(await query(client, { sequence: { name: { $eq: LISTS } }, ontology }))[LISTS] ?? [];
  }

  describe("list columns", () => {
    it.each<[string, JsonValue, string[]]>([
      ["[?] $gt", { "lst.v[?]": { $gt: 2 } }, ["r0", "r3", "r4"]],
      ["[?] $between", { "lst.v[?]": { $between: [3, 5] } }, ["r0", "r3"]],
      ["[?] $in", { "lst.v[?]": { $in: [10, 1] } }, ["r0", "r4"]],
      ["[?] $outside", { "lst.v[?]": { $outside: [0, 5] } }, ["r4"]],
      // array_remove_all keeps null elements: [2, null] has an element besides 2.
      ["[?] $neq counts null elements", { "lst.v[?]": { $neq: 2 } }, ["r0", "r3", "r4", "r5"]],
      // array_min/array_max: nulls ignored, an empty list fails.
      ["[!] $gt (min/max)", { "lst.v[!]": { $gt: 0 } }, ["r0", "r3", "r5"]],
      ["[!] $eq (min/max)", { "lst.v[!]": { $eq: 2 } }, ["r5"]],
      ["[!] $neq: no element equals", { "lst.v[!]": { $neq: 2 } }, ["r1", "r3", "r4"]],
      ["[!] $in: every element, empty passes", { "lst.v[!]": { $in: [1, 2, 3] } }, ["r0", "r1"]],
      ["[!] $outside", { "lst.v[!]": { $outside: [0, 5] } }, ["r1", "r4"]],
      ["[N]", { "lst.v[0]": { $eq: 1 } }, ["r0"]],
      ["[N] on a null element", { "lst.v[1]": { $eq: 4 } }, ["r3"]],
      ["[N] past the end", { "lst.v[5]": { $gt: -100 } }, []],
      ["whole list $eq", { "lst.v": { $eq: [1, 2, 3] } }, ["r0"]],
      ["whole list $eq []", { "lst.v": { $eq: [] } }, ["r1"]],
      ["whole list $neq (length differs)", { "lst.v": { $neq: [1, 2, 3] } }, ["r1", "r3", "r4", "r5"]],
      ["whole list $neq: a null position is unknown", { "lst.v": { $neq: [2, 9] } }, ["r0", "r1", "r3", "r4"]],
      ["strings [?] $match", { "lst.s[?]": { $match: "arm_*" } }, ["r0", "r3", "r5"]],
      ["strings [!] $match: nulls fail, empty passes", { "lst.s[!]": { $match: "arm_*" } }, ["r1", "r5"]],
      ["strings [!] $eq", { "lst.s[!]": { $eq: "leg" } }, ["r4"]],
      ["structs [?]", { "lst.p[?].x": { $gt: 3 } }, ["r0", "r3"]],
      ["structs [!]: null leaves and elements fail, empty passes", { "lst.p[!].x": { $gt: 0 } }, ["r0", "r1"]],
      ["structs [N]", { "lst.p[0].label": { $eq: "a" } }, ["r0", "r4"]],
      ["structs [N] after a null element", { "lst.p[1].x": { $eq: 3 } }, ["r5"]],
      ["structs [?] $match", { "lst.p[?].label": { $match: "[bd]" } }, ["r0", "r3"]],
      ["structs [?] $neq ignores null leaves", { "lst.p[?].x": { $neq: 1 } }, ["r0", "r3", "r4", "r5"]],
      ["fixed-size [?]", { "lst.fx[?]": { $eq: 2 } }, ["r0", "r5"]],
      ["fixed-size [!]", { "lst.fx[!]": { $geq: 2 } }, ["r3", "r4", "r5"]],
      ["fixed-size whole list", { "lst.fx": { $eq: [3, 4] } }, ["r3"]],
      ["a list inside a struct", { "lst.n.w[?]": { $eq: 2 } }, ["r4", "r5"]],
      ["a list inside a struct [!]", { "lst.n.w[!]": { $lt: 5 } }, ["r4", "r5"]],
      ["row-level AND with a scalar", { "lst.v[?]": { $gt: 2 }, "lst.k": { $geq: 3 } }, ["r3", "r4"]],
    ])("%s", async (_label, ontology, expected) => {
      expect(await rows(ontology)).toEqual(expected);
    });

    it("temporal filters take list conditions too", async () => {
      const body = (topic: string) => ({ locator: `${LISTS}/${topic}`, clustering_dt_ns: 0, ontology: { "lst.p[?].label": { $eq: "e" } } });
      expect(await windows(client, "topic_filter_clusterize", body("r5"))).toEqual([{ id: 0, start: T0 + 5n, end: T0 + 5n }]);
      expect(await windows(client, "topic_filter_clusterize", body("r0"))).toEqual([]);
    });

    it.each<[string, JsonValue, RegExp]>([
      ["specifier on a scalar", { "lst.k[?]": { $eq: 1 } }, /`k` is Int32, not a list; \[\?\] needs a list column/],
      ["list of lists", { "lst.g[?]": { $eq: 1 } }, /`g` is a list of lists, which cannot be queried/],
      ["sub-path into scalars", { "lst.v[?].x": { $eq: 1 } }, /`v` holds Float64, not structs/],
      ["unknown element field", { "lst.p[?].y": { $eq: 1 } }, /no column `p\[…\]\.y`/],
      ["struct element without a field", { "lst.p[!]": { $eq: 1 } }, /elements of `p` have type Struct/],
      ["array with a specifier", { "lst.v[?]": { $eq: [1] } }, /an array operand compares a whole list; \[\?\] compares single elements/],
      ["ordering on a whole list", { "lst.v": { $gt: 1 } }, /`v` is a list: compare it whole with \$eq\/\$neq and an array/],
      ["whole list of the wrong type", { "lst.v": { $eq: [1, "a"] } }, /`lst\.v\[1\]`: \$eq on a Float64 field expects a number/],
      ["whole list too long", { "lst.v": { $eq: Array.from({ length: 1025 }, () => 1) } }, /exceeds the maximum size of 1024/],
      ["array for a scalar", { "lst.k": { $eq: [1] } }, /`k` is Int32, not a list: \$eq takes a single value/],
      ["two specifiers", { "lst.p[?].x[0]": { $eq: 1 } }, /at most one list specifier/],
      ["bad specifier", { "lst.v[x]": { $eq: 1 } }, /a list specifier is \[\?\]/],
      ["$match on float elements", { "lst.v[?]": { $match: "1*" } }, /operator \$match is not supported on Float64 fields/],
      ["$ex on elements", { "lst.v[?]": { $ex: null } }, /\$ex tests the presence of a user-metadata key/],
    ])("%s is INVALID_ARGUMENT", async (_label, ontology, message) => {
      const error = await expectError(action(client, "query", { ontology }), Code.InvalidArgument);
      expect(error.rawMessage).toMatch(/^Bad request: /);
      expect(error.rawMessage).toMatch(message);
    });
  });

  describe("user-metadata keys with wildcards", () => {
    const names = async (userMetadata: JsonValue) =>
      (await query(client, { sequence: { name: { $match: `meta_m#_${run}` }, user_metadata: userMetadata } })).map((i) => i.sequence.split("_")[1]);

    it.each<[string, JsonValue, string[]]>([
      ["`*` one level", { "status.telemetry.*": { $gt: 50 } }, ["m1"]],
      ["`*` in the middle", { "status.*.battery": { $lt: 50 } }, ["m2"]],
      ["`*` needs an object", { "status.*": { $ex: null } }, ["m1", "m2"]],
      ["`*` at the top", { "*": { $eq: "bot-v5-001" } }, ["m2"]],
      ["`**` any depth, the top level included", { "**.battery": { $gt: 50 } }, ["m1", "m2"]],
      ["`**` any depth, low values", { "**.battery": { $lt: 50 } }, ["m2"]],
      ["`**` below a key", { "payload_manifest.sensors.**": { $eq: "online" } }, ["m1"]],
      ["`**` alone", { "**": { $eq: 38.5 } }, ["m1"]],
      ["`*.*` exactly two levels", { "payload_manifest.*.*": { $eq: "active" } }, ["m1"]],
      ["`*.*` not three levels", { "payload_manifest.*.*": { $eq: "online" } }, []],
      ["`[*]` every element", { "tags[*]": { $eq: "fleet-3" } }, ["m1", "m3"]],
      ["`[*].key`", { "logs[*].id": { $eq: 2 } }, ["m1"]],
      ["`[N].key`", { "logs[1].message": { $eq: "lidar calibrated" } }, ["m1"]],
      ["`[0]` with $in", { "logs[0].id": { $in: [1, 7] } }, ["m1", "m2"]],
      ["a plain key tests array elements (lax mode)", { tags: { $eq: "heavy-duty" } }, ["m1"]],
      ["a plain key through an array (lax mode)", { "logs.id": { $eq: 7 } }, ["m2"]],
      ["JSON null satisfies $neq", { n: { $neq: 5 } }, ["m3"]],
      ["another type satisfies nothing, not even $neq", { status: { $neq: "offline" } }, []],
      ["booleans against strings", { flag: { $neq: "x" } }, []],
      ["booleans", { flag: { $neq: false } }, ["m3"]],
      ["$ex as a bare string (daemon docs)", { robot_id: "$ex" }, ["m1", "m2"]],
      ["$nex", { "**.battery": { $nex: null } }, ["m3", "m4"]],
    ])("%s", async (_label, userMetadata, expected) => {
      expect(await names(userMetadata)).toEqual(expected);
    });

    it.each<[string, JsonValue, string[]]>([
      ["`*` and `?` take a newline (PostgreSQL `~`)", { note: { $match: "line1?line2" } }, ["m3"]],
      ["the text of a number", { "status.telemetry.battery": { $match: "8#" } }, ["m1"]],
      ["the text of a float", { "status.telemetry.temperature": { $match: "38.5" } }, ["m1"]],
      ["the text of a boolean", { flag: { $match: "tr*" } }, ["m3"]],
      ["an object in jsonb's text form", { "status.telemetry": { $match: '{"battery": 84, "temperature": 38.5}' } }, ["m1"]],
      ["an array in jsonb's text form, and a string", { tags: { $match: "*fleet-3*" } }, ["m1", "m3"]],
      ["a numeric step indexes an array", { "logs.0.id": { $match: "1" } }, ["m1"]],
      ["wildcards are literal for $match", { "status.*": { $match: "*" } }, []],
      ["JSON null has no text", { n: { $match: "*" } }, []],
    ])("$match: %s", async (_label, userMetadata, expected) => {
      expect(await names(userMetadata)).toEqual(expected);
    });

    it("topic metadata too", async () => {
      const found = await query(client, { sequence: { name: { $match: `meta_m#_${run}` } }, topic: { user_metadata: { "**.id": { $eq: "z-2" } } } });
      expect(found.map((i) => i.sequence)).toEqual([meta("m2")]);
    });

    it.each<[string, string, RegExp]>([
      ["a double dash", "a--b", /Found invalid key in user metadata query filter: a--b/],
      ["three stars", "status.***", /Found invalid key in user metadata query filter: status\.\*\*\*/],
      ["a forbidden character", "vehicle:id", /Found invalid key in user metadata query filter: vehicle:id/],
      ["a star inside a name", "sensor*", /`\*` and `\*\*` stand for a whole key/],
      ["a bad bracket", "logs[x]", /brackets take `\*` or an index/],
    ])("%s is INVALID_ARGUMENT", async (_label, key, message) => {
      const body = { sequence: { user_metadata: { [key]: { $eq: 1 } } } };
      const error = await expectError(action(client, "query", body), Code.InvalidArgument);
      expect(error.rawMessage).toMatch(message);
    });
  });
});
