/**
 * Arrow data from the user's own apache-arrow reaches the server intact: a
 * Table built with the CommonJS build (what `require("apache-arrow")` gives
 * a CommonJS app, beside the SDK's ESM import), one built with apache-arrow
 * 19, and Arrow IPC stream bytes. Bytes that are not Arrow are the caller's
 * error (INVALID_ARGUMENT) and leave the writer usable.
 */
import { createRequire } from "node:module";
import type * as esm from "apache-arrow";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

type ArrowModule = typeof esm;
const require = createRequire(import.meta.url);
const cjs = require("apache-arrow") as ArrowModule;
const arrow19 = require("apache-arrow-19") as ArrowModule;
const T0 = 1_774_426_445_000_000_000n;

function imuTable(arrow: ArrowModule, rows: number, first = 0) {
  const xyz = new arrow.Struct([new arrow.Field("x", new arrow.Float64()), new arrow.Field("y", new arrow.Float64()), new arrow.Field("z", new arrow.Float64())]);
  const index = Array.from({ length: rows }, (_, i) => first + i);
  return new arrow.Table({
    timestamp_ns: arrow.vectorFromArray(index.map((i) => T0 + BigInt(i) * 5_000_000n), new arrow.Int64()),
    acceleration: arrow.vectorFromArray(index.map((i) => ({ x: i, y: -i, z: 9.81 })), xyz),
    note: arrow.vectorFromArray(index.map((i) => (i % 3 ? `n${i}` : null)), new arrow.Utf8()),
  });
}

let server: RunningServer;
let client: MosaicoClient;
beforeAll(async () => {
  server = await startTestServer();
  client = await MosaicoClient.connect({ url: server.url });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  removeDataDirs();
});

it("writes Tables of the CommonJS build and of apache-arrow 19, and IPC bytes, value-exact", async () => {
  await client.writeSequence("foreign_arrow", {}, async (writer) => {
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu" });
    await topic.push(imuTable(cjs, 400, 0) as never);
    await topic.push(imuTable(arrow19, 400, 400) as never);
    await topic.push(cjs.tableToIPC(imuTable(cjs, 400, 800) as never, "stream"));
    // Not Arrow: refused before sending, and the writer goes on.
    const refused = await failure(topic.push(new Uint8Array([0xde, 0xad, 0xbe, 0xef])));
    expect(refused.code).toBe(Code.InvalidArgument);
    expect(refused.message).toMatch(/not a readable Arrow IPC/);
    expect(topic.state).toBe("open");
  });
  const table = await (await client.topicReader("foreign_arrow/imu")).readTable();
  expect(table.numRows).toBe(1200);
  const ts = table.getChild("timestamp_ns")!.toArray() as BigInt64Array;
  expect(ts[0]).toBe(T0);
  expect(ts[1199]).toBe(T0 + 1199n * 5_000_000n);
  const row = table.get(803)!.toJSON();
  expect(row.acceleration!.toJSON()).toMatchObject({ x: 803, y: -803 });
  expect(row.note).toBe("n803");
  expect(table.get(801)!.toJSON().note).toBeNull();
});
