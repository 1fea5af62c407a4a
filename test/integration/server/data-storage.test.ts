/**
 * What DoPut leaves behind: topic metadata of both generations, GetSchema,
 * per-chunk column statistics, restart, interrupted uploads, deletion.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Code } from "@connectrpc/connect";
import { afterAll, describe, expect, it } from "vitest";
import { parseJson } from "../../../src/protocol/json.js";
import { decodeSchemaMessage } from "../../../server/flight/arrow-schema.js";
import { Catalog } from "../../../server/store/catalog.js";
import { action } from "../helpers/actions.js";
import { collect } from "../helpers/collect.js";
import { doGet, putTable } from "../helpers/data.js";
import { expectError } from "../helpers/expect-error.js";
import { seedSequence } from "../helpers/fixtures.js";
import { clientFor, cmdDescriptor, json, transportsFor } from "../helpers/flight-clients.js";
import { T0 } from "../helpers/imu-data.js";
import { imuTable, rowsOf, timestamps } from "../helpers/imu-table.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

const MS = 1_000_000n;

function topicFiles(dataDir: string, locator: string): string[] {
  const catalog = Catalog.open(dataDir);
  try {
    const topic = catalog.topics.findByLocator(locator);
    if (!topic) return [];
    const dir = catalog.topicDataDir(topic.data_path);
    return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
  } finally {
    catalog.close();
  }
}

function dataFolders(dataDir: string): string[] {
  return readdirSync(join(dataDir, "data"));
}

describe("topic metadata reflects the data", () => {
  it("J2 `info`: chunks, bytes on disk, timestamp bounds; ListFlights and sequence endpoints", async () => {
    const dataDir = freshDataDir();
    const server = await startTestServer({ generation: "0.6", dataDir, maxChunkBytes: 8 * 1024 });
    try {
      const client = clientFor(transportsFor(server.url)[0]!.transport);
      const seed = await seedSequence(client, ["imu", "empty"]);
      const locator = `${seed.sequence}/imu`;
      await putTable(client, locator, seed.topicUuids[0]!, imuTable(timestamps(1000)), 100);
      const files = topicFiles(dataDir, locator);
      expect(files.length).toBeGreaterThan(3);
      const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

      const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
      expect(json(info.endpoint[0]!.appMetadata)).toEqual({
        created_at_ns: expect.any(BigInt),
        completed_at_ns: null,
        locked: false,
        resource_locator: locator,
        info: {
          chunks_number: files.length,
          total_bytes: bytes,
          timestamp: { start_ns: T0, end_ns: T0 + 999n * MS },
        },
      });
      const sequence = await client.getFlightInfo(cmdDescriptor({ resource_locator: seed.sequence }));
      const endpoints = sequence.endpoint.map((e) => json(e.appMetadata) as Record<string, unknown>);
      expect(endpoints.map((e) => e.resource_locator)).toEqual([locator, `${seed.sequence}/empty`]);
      expect(endpoints[0]!.info).toEqual((json(info.endpoint[0]!.appMetadata) as { info: unknown }).info);
      expect(endpoints[1]!.info).toBeNull(); // no DoPut yet
      const listed = (await collect(client.listFlights({}))).map((f) => f.flightDescriptor!.path[0]);
      expect(listed).toContain(seed.sequence);
      // The topic FlightInfo carries the uploaded fields.
      expect(decodeSchemaMessage(info.schema).fields.map((f) => f.name)).toEqual(
        imuTable([]).schema.fields.map((f) => f.name),
      );
    } finally {
      await server.close();
    }
  });

  it("J3 `data_info` / `time_window_info` and GetSchema", async () => {
    const server = await startTestServer({ generation: "0.7", maxChunkBytes: 8 * 1024 });
    try {
      const client = clientFor(transportsFor(server.url)[1]!.transport);
      const seed = await seedSequence(client, ["imu"]);
      const locator = `${seed.sequence}/imu`;
      const before = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
      expect(json(before.endpoint[0]!.appMetadata)).toMatchObject({
        data_info: { interval: null, total_row_count: 0, total_bytes: 0, total_chunks_count: 0 },
        time_window_info: null,
      });
      const table = imuTable(timestamps(1000));
      await putTable(client, locator, seed.topicUuids[0]!, table, 250);

      const whole = json(
        (await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }))).endpoint[0]!.appMetadata,
      ) as { data_info: { total_bytes: number; total_chunks_count: number } };
      expect(whole).toMatchObject({
        data_info: { interval: { start_ns: T0, end_ns: T0 + 999n * MS }, total_row_count: 1000 },
        time_window_info: null,
      });
      expect(whole.data_info.total_chunks_count).toBeGreaterThan(3);
      expect(whole.data_info.total_bytes).toBeGreaterThan(0);

      // The window straddles chunks: the count is exact, not chunk-rounded.
      const windowed = await client.getFlightInfo(
        cmdDescriptor({ resource_locator: locator, timestamp_ns_start: T0 + 123n * MS, timestamp_ns_end: T0 + 777n * MS }),
      );
      expect(json(windowed.endpoint[0]!.appMetadata)).toMatchObject({
        data_info: whole.data_info,
        time_window_info: { interval: { start_ns: T0 + 123n * MS, end_ns: T0 + 776n * MS }, row_count: 654 },
      });
      const sequence = await client.getFlightInfo(
        cmdDescriptor({ resource_locator: seed.sequence, timestamp_ns_end: T0 + 5n * MS }),
      );
      expect(json(sequence.endpoint[0]!.appMetadata)).toMatchObject({
        time_window_info: { interval: { start_ns: T0, end_ns: T0 + 4n * MS }, row_count: 5 },
      });

      const schema = decodeSchemaMessage((await client.getSchema(cmdDescriptor({ resource_locator: locator }))).schema);
      expect(schema.fields.map((f) => `${f.name}: ${f.type}`)).toEqual(
        table.schema.fields.map((f) => `${f.name}: ${f.type}`),
      );
      expect(schema.metadata.size).toBe(0); // 0.7: platform metadata lives in app_metadata only
    } finally {
      await server.close();
    }
  });
});

describe("column statistics per chunk", () => {
  it("numeric leaves: min/max/null/NaN; text: min/max; nested paths dot-joined; none for lists/binary", async () => {
    const dataDir = freshDataDir();
    const server = await startTestServer({ generation: "0.6", dataDir });
    const client = clientFor(transportsFor(server.url)[0]!.transport);
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    await putTable(client, locator, seed.topicUuids[0]!, imuTable(timestamps(100)), 30);
    await server.close();

    const catalog = Catalog.open(dataDir);
    try {
      const topic = catalog.topics.findByLocator(locator)!;
      const [chunk, ...rest] = catalog.topics.listChunks(topic.topic_id);
      expect(rest).toHaveLength(0);
      expect(chunk).toMatchObject({ row_count: 100n, min_timestamp_ns: T0, max_timestamp_ns: T0 + 99n * MS });
      const stats = parseJson(chunk!.column_stats) as Record<string, Record<string, unknown>>;
      expect(Object.keys(stats)).toEqual([
        "timestamp_ns",
        "counter",
        "acceleration.x",
        "acceleration.y",
        "acceleration.frame.id",
        "acceleration.frame.valid",
        "label",
      ]);
      expect(stats.timestamp_ns).toEqual({ min: T0, max: T0 + 99n * MS, null_count: 0, nan_count: 0 });
      expect(stats.counter).toEqual({
        min: 9_007_199_254_740_993n,
        max: 9_007_199_254_740_993n + 99n,
        null_count: 0,
        nan_count: 0,
      });
      // Rows 5, 16, ..., 93 have a null struct (9 rows): null for every leaf below.
      // x is NaN on rows 0, 13, ..., 91 (8 rows); y is null on rows 3, 10, ..., 94
      // (14 rows, row 38 also under a null struct).
      expect(stats["acceleration.x"]).toEqual({ min: 0.5, max: 49.5, null_count: 9, nan_count: 8 });
      expect(stats["acceleration.y"]).toEqual({ min: -99, max: 0, null_count: 9 + 14 - 1, nan_count: 0 });
      expect(stats["acceleration.frame.valid"]).toEqual({ min: false, max: true, null_count: 9, nan_count: 0 });
      expect(stats["acceleration.frame.id"]).toEqual({ min: "f0", max: "f9" });
      expect(stats.label).toEqual({ min: "label-0-é", max: "label-99-é" });
    } finally {
      catalog.close();
    }
  });
});

describe("persistence and deletion", () => {
  it("data survives a restart", async () => {
    const dataDir = freshDataDir();
    const table = imuTable(timestamps(700));
    let server = await startTestServer({ generation: "0.6", dataDir, maxChunkBytes: 8 * 1024 });
    let client = clientFor(transportsFor(server.url)[0]!.transport);
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    await putTable(client, locator, seed.topicUuids[0]!, table, 100);
    await action(client, "session_finalize", { session_uuid: seed.sessionUuid });
    const before = json((await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }))).endpoint[0]!.appMetadata);
    await server.close();

    server = await startTestServer({ dataDir, generation: "0.6" });
    try {
      client = clientFor(transportsFor(server.url)[1]!.transport);
      const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
      expect(json(info.endpoint[0]!.appMetadata)).toEqual(before);
      expect(rowsOf((await doGet(client, info.endpoint[0]!.ticket!.ticket)).batches)).toEqual(rowsOf(table));
    } finally {
      await server.close();
    }
  });

  it("an upload cut short by a stop is undone at the next start", async () => {
    const dataDir = freshDataDir();
    let server = await startTestServer({ generation: "0.6", dataDir });
    let client = clientFor(transportsFor(server.url)[0]!.transport);
    const seed = await seedSequence(client, ["imu"]);
    const locator = `${seed.sequence}/imu`;
    await server.close();
    // What a killed process leaves: state `uploading` and a partial chunk.
    const catalog = Catalog.open(dataDir);
    const topic = catalog.topics.findByLocator(locator)!;
    catalog.topics.beginUpload(topic.topic_id, new Uint8Array([1, 2, 3]));
    mkdirSync(catalog.topicDataDir(topic.data_path), { recursive: true });
    writeFileSync(join(catalog.topicDataDir(topic.data_path), "chunk-000000.arrow"), "partial");
    catalog.close();

    server = await startTestServer({ generation: "0.6", dataDir });
    try {
      client = clientFor(transportsFor(server.url)[0]!.transport);
      expect(topicFiles(dataDir, locator)).toEqual([]);
      const table = imuTable(timestamps(10));
      await putTable(client, locator, seed.topicUuids[0]!, table);
      const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
      expect(rowsOf((await doGet(client, info.endpoint[0]!.ticket!.ticket)).batches)).toEqual(rowsOf(table));
    } finally {
      await server.close();
    }
  });

  it("topic, session and sequence deletion remove the chunk files", async () => {
    const dataDir = freshDataDir();
    const server = await startTestServer({ generation: "0.6", dataDir, maxChunkBytes: 8 * 1024 });
    try {
      const client = clientFor(transportsFor(server.url)[0]!.transport);
      const seed = await seedSequence(client, ["a", "b", "c"]);
      const locators = ["a", "b", "c"].map((n) => `${seed.sequence}/${n}`);
      for (const [i, locator] of locators.entries()) {
        await putTable(client, locator, seed.topicUuids[i]!, imuTable(timestamps(200)), 50);
      }
      expect(dataFolders(dataDir)).toHaveLength(3);
      await action(client, "topic_delete", { locator: locators[0] });
      expect(dataFolders(dataDir)).toHaveLength(2);
      await expectError(
        collect(client.doGet({ ticket: new Uint8Array([...new TextEncoder().encode("x")]) })),
        Code.InvalidArgument,
      );
      await action(client, "session_delete", { locator: seed.sessionLocator });
      expect(dataFolders(dataDir)).toHaveLength(0);

      const other = await seedSequence(client, ["d"]);
      await putTable(client, `${other.sequence}/d`, other.topicUuids[0]!, imuTable(timestamps(50)));
      expect(dataFolders(dataDir)).toHaveLength(1);
      await action(client, "sequence_delete", { locator: other.sequence });
      expect(dataFolders(dataDir)).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
