/**
 * DoPut request rules (docs/protocol.md §5.2-§5.5): descriptor, command and schema
 * errors, one upload per topic, clean failure and abort, finalize rules.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { Field, Int32, Int64, Schema, TimestampNanosecond, Utf8 } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSchemaFlightData } from "../../../src/protocol/index.js";
import {
  FlightDataSchema,
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
  type FlightData,
} from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import type { RunningServer } from "../../../server/index.js";
import { Catalog } from "../../../server/store/catalog.js";
import { action } from "../helpers/actions.js";
import { doGet, doPut, putMessages, putTable } from "../helpers/data.js";
import { expectError } from "../helpers/expect-error.js";
import { seedSequence } from "../helpers/fixtures.js";
import { clientFor, cmdDescriptor, json, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { batchesOf, imuTable, rowsOf, timestamps } from "../helpers/imu-table.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

let server: RunningServer;
let dataDir: string;
let client: FlightClient;
beforeAll(async () => {
  dataDir = freshDataDir();
  server = await startTestServer({ dataDir, maxChunkBytes: 4 * 1024 });
  client = clientFor(transportsFor(server.url)[0]!.transport);
});
afterAll(() => server.close());

/** Files under <data-dir>/data/ (all topics). */
function chunkFiles(): string[] {
  const root = join(dataDir, "data");
  return readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)).map((f) => `${dir}/${f}`));
}

function topicState(locator: string): string | undefined {
  const catalog = Catalog.open(dataDir);
  try {
    return catalog.topics.findByLocator(locator)?.upload_state;
  } finally {
    catalog.close();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A request stream the test drives: `release()` lets the rest through. */
function pausedStream(head: FlightData[], tail: FlightData[]) {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  let sent = 0;
  async function* stream(): AsyncGenerator<FlightData> {
    for (const message of head) {
      sent++;
      yield message;
    }
    await gate;
    for (const message of tail) yield message;
  }
  return { stream: stream(), release, fail, sent: () => sent };
}

async function newTopic(name = "imu") {
  const seed = await seedSequence(client, [name]);
  return { ...seed, locator: `${seed.sequence}/${name}`, uuid: seed.topicUuids[0]! };
}

const imuSchema = imuTable([]).schema;

describe("descriptor, command and schema", () => {
  it("an empty stream: Missing header in request", async () => {
    await expectError(doPut(client, []), Code.InvalidArgument, "Missing header in request.");
  });

  it("no descriptor / PATH descriptor", async () => {
    await expectError(
      doPut(client, [encodeSchemaFlightData(imuSchema)]),
      Code.InvalidArgument,
      "Request has no descriptor.",
    );
    const path = create(FlightDescriptorSchema, { type: FlightDescriptor_DescriptorType.PATH, path: ["a/b"] });
    await expectError(
      doPut(client, [encodeSchemaFlightData(imuSchema, path)]),
      Code.InvalidArgument,
      "Unsupported descriptor.",
    );
  });

  it("a command that is not the DoPut JSON", async () => {
    const bad = create(FlightDescriptorSchema, {
      type: FlightDescriptor_DescriptorType.CMD,
      cmd: new TextEncoder().encode("{not json"),
    });
    await expectError(doPut(client, [encodeSchemaFlightData(imuSchema, bad)]), Code.InvalidArgument, /^Bad request: /);
    await expectError(
      doPut(client, [encodeSchemaFlightData(imuSchema, cmdDescriptor({ resource_locator: "a/b" }))]),
      Code.InvalidArgument,
      /^Bad request: .*topic_uuid/,
    );
  });

  it("first message without a schema: Missing schema", async () => {
    const t = await newTopic();
    const descriptor = cmdDescriptor({ resource_locator: t.locator, topic_uuid: t.uuid });
    await expectError(
      doPut(client, [create(FlightDataSchema, { flightDescriptor: descriptor })]),
      Code.InvalidArgument,
      "Missing schema.",
    );
    // A record batch first (the schema message dropped).
    const [, batch] = await putMessages(t.locator, t.uuid, imuSchema, batchesOf(imuTable(timestamps(3)), 3));
    await expectError(
      doPut(client, [create(FlightDataSchema, { ...batch!, flightDescriptor: descriptor })]),
      Code.InvalidArgument,
      "Missing schema.",
    );
    expect(topicState(t.locator)).toBe("none");
  });

  it("timestamp_ns must be a top-level Int64", async () => {
    const t = await newTopic();
    const descriptor = cmdDescriptor({ resource_locator: t.locator, topic_uuid: t.uuid });
    const without = new Schema([new Field("value", new Utf8())]);
    await expectError(
      doPut(client, [encodeSchemaFlightData(without, descriptor)]),
      Code.InvalidArgument,
      "missing timestamp field in schema.",
    );
    for (const type of [new Int32(), new TimestampNanosecond()]) {
      await expectError(
        doPut(client, [encodeSchemaFlightData(new Schema([new Field("timestamp_ns", type)]), descriptor)]),
        Code.InvalidArgument,
        "wrong timestamp field type, expected int64.",
      );
    }
    expect(topicState(t.locator)).toBe("none");
  });

  it("locator, UUID and topic checks", async () => {
    const t = await newTopic();
    const put = (cmd: Record<string, string>) =>
      doPut(client, [encodeSchemaFlightData(imuSchema, cmdDescriptor(cmd))]);
    await expectError(put({ resource_locator: "bad locator", topic_uuid: t.uuid }), Code.InvalidArgument, "bad locator is not a valid locator.");
    await expectError(put({ resource_locator: t.locator, topic_uuid: "nope" }), Code.InvalidArgument, "nope is not a valid UUID.");
    await expectError(
      put({ resource_locator: `${t.sequence}/other`, topic_uuid: t.uuid }),
      Code.NotFound,
      `${t.sequence}/other not found.`,
    );
    await expectError(
      put({ resource_locator: t.locator, topic_uuid: "00000000-0000-4000-8000-000000000000" }),
      Code.PermissionDenied,
      "Unauthorized: received uuid does not match topic uuid.",
    );
    expect(topicState(t.locator)).toBe("none");
  });

  it("accepts the J1 command (`key`) and an upper-case UUID", async () => {
    const t = await newTopic();
    const table = imuTable(timestamps(20));
    await doPut(client, await putMessages(t.locator, t.uuid, table.schema, [table.batches[0]!], { resource_locator: t.locator, key: t.uuid.toUpperCase() }));
    expect(rowsOf((await doGet(client, (await client.getFlightInfo(cmdDescriptor({ resource_locator: t.locator }))).endpoint[0]!.ticket!.ticket)).batches)).toEqual(rowsOf(table));
  });
});

describe("stream messages after the schema", () => {
  it("a second schema aborts: nothing kept, the topic can be uploaded again", async () => {
    const t = await newTopic();
    const table = imuTable(timestamps(400));
    const messages = await putMessages(t.locator, t.uuid, table.schema, batchesOf(table, 50));
    const before = chunkFiles().length;
    await expectError(
      doPut(client, [...messages, messages[0]!]), // chunks were written before the bad message
      Code.Aborted,
      "Unsupported stream message, stream aborted.",
    );
    expect(topicState(t.locator)).toBe("none");
    expect(chunkFiles()).toHaveLength(before);
    await putTable(client, t.locator, t.uuid, table, 100);
    expect(topicState(t.locator)).toBe("done");
  });

  it("a message without IPC payload aborts", async () => {
    const t = await newTopic();
    const table = imuTable(timestamps(10));
    const messages = await putMessages(t.locator, t.uuid, table.schema, [table.batches[0]!]);
    const empty = create(FlightDataSchema, { appMetadata: new Uint8Array([1]) });
    await expectError(doPut(client, [...messages, empty]), Code.Aborted, "Unsupported stream message, stream aborted.");
    expect(topicState(t.locator)).toBe("none");
  });

  it("a corrupted batch fails the call as a stream error", async () => {
    const t = await newTopic();
    const table = imuTable(timestamps(10));
    const [schema, batch] = await putMessages(t.locator, t.uuid, table.schema, [table.batches[0]!]);
    const truncated = create(FlightDataSchema, { dataHeader: batch!.dataHeader, dataBody: batch!.dataBody.subarray(0, 8) });
    await expectError(doPut(client, [schema!, truncated]), Code.Canceled, /^Stream error: /);
    expect(topicState(t.locator)).toBe("none");
  });
});

describe("one upload per topic", () => {
  it("refuses a second DoPut while one runs and after it ended; finalize waits for it", async () => {
    const t = await newTopic();
    const table = imuTable(timestamps(300));
    const messages = await putMessages(t.locator, t.uuid, table.schema, batchesOf(table, 50));
    const paused = pausedStream(messages.slice(0, 3), messages.slice(3));
    const first = doPut(client, paused.stream);
    await until(() => topicState(t.locator) === "uploading", "the upload to start");

    const again = () => doPut(client, messages);
    await expectError(again(), Code.FailedPrecondition, `Topic \`${t.locator}\` is already uploading data.`);
    await expectError(
      action(client, "session_finalize", { session_uuid: t.sessionUuid }),
      Code.FailedPrecondition,
      `Topic \`${t.locator}\` is already uploading data.`,
    );
    // Nothing is visible before the upload commits.
    const during = await client.getFlightInfo(cmdDescriptor({ resource_locator: t.locator }));
    expect(json(during.endpoint[0]!.appMetadata)).not.toHaveProperty("info");

    paused.release();
    expect(await first).toEqual([]);
    await expectError(again(), Code.FailedPrecondition, `Topic \`${t.locator}\` has already been uploaded and finalized.`);
    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: t.locator }));
    expect(json(info.endpoint[0]!.appMetadata)).toMatchObject({ locked: false });
    expect(rowsOf((await doGet(client, info.endpoint[0]!.ticket!.ticket)).batches)).toEqual(rowsOf(table));
  });

  it.each(["grpc/h2", "grpc-web/1.1"])("%s: an abort mid-DoPut leaves no chunk and the topic can be uploaded again", async (name) => {
    const client = clientFor(transportsFor(server.url).find((t) => t.name === name)!.transport);
    const t = await newTopic();
    const table = imuTable(timestamps(600));
    const messages = await putMessages(t.locator, t.uuid, table.schema, batchesOf(table, 40));
    const before = chunkFiles().length;
    const paused = pausedStream(messages.slice(0, 12), messages.slice(12));
    const abort = new AbortController();
    const call = doPut(client, paused.stream, { signal: abort.signal });
    await until(() => chunkFiles().length > before, "chunk files of the running upload");
    abort.abort();
    await expectError(call, Code.Canceled);
    await until(() => topicState(t.locator) === "none", "the upload state to reset");
    expect(chunkFiles()).toHaveLength(before);

    const second = imuTable(timestamps(50), 7);
    await putTable(client, t.locator, t.uuid, second, 25);
    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: t.locator }));
    expect(rowsOf((await doGet(client, info.endpoint[0]!.ticket!.ticket)).batches)).toEqual(rowsOf(second));
  });

  it("a topic deleted during its upload ends the DoPut (NOT_FOUND) without leftovers", async () => {
    const t = await newTopic();
    const table = imuTable(timestamps(300));
    const messages = await putMessages(t.locator, t.uuid, table.schema, batchesOf(table, 30));
    const before = chunkFiles().length;
    const paused = pausedStream(messages.slice(0, 2), messages.slice(2));
    const call = doPut(client, paused.stream);
    await until(() => topicState(t.locator) === "uploading", "the upload to start");
    await action(client, "topic_delete", { locator: t.locator });
    paused.release();
    await expectError(call, Code.NotFound, `${t.locator} not found.`);
    expect(chunkFiles()).toHaveLength(before);
  });
});

describe("session_finalize and DoPut", () => {
  it("needs a DoPut per topic, then locks the topics; no DoPut after", async () => {
    const seed = await seedSequence(client, ["a", "b"]);
    const [a, b] = ["a", "b"].map((n) => `${seed.sequence}/${n}`) as [string, string];
    const table = imuTable(timestamps(30));
    await putTable(client, a, seed.topicUuids[0]!, table);
    await expectError(
      action(client, "session_finalize", { session_uuid: seed.sessionUuid }),
      Code.FailedPrecondition,
      `DoPut not called for topic \`${b}\`. At least one with an empty batch is required to finalize the topic.`,
    );
    await doPut(client, await putMessages(b, seed.topicUuids[1]!, new Schema([new Field("timestamp_ns", new Int64(), false)]), []));
    expect(await action(client, "session_finalize", { session_uuid: seed.sessionUuid })).toBeNull();
    for (const locator of [a, b]) {
      const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: locator }));
      expect(json(info.endpoint[0]!.appMetadata)).toMatchObject({ locked: true });
    }
    await expectError(
      doPut(client, await putMessages(a, seed.topicUuids[0]!, table.schema, [])),
      Code.FailedPrecondition,
      `Topic \`${a}\` has already been uploaded and finalized.`,
    );
  });
});
