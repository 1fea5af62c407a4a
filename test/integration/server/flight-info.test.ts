/** ListFlights, GetFlightInfo, GetSchema and the UNIMPLEMENTED RPCs, for J2 and J3. */
import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { tableFromIPC, type Schema } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/protocol/json.js";
import {
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
} from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { decodeTicket } from "../../../server/flight/bincode-ticket.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { collect } from "../helpers/collect.js";
import { expectError } from "../helpers/expect-error.js";
import { seedSequence, uniqueName } from "../helpers/fixtures.js";
import { clientFor, cmdDescriptor, json, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

/** A pinned clock value beyond 2^53 that a double cannot represent. */
const T = 1_767_225_600_123_456_789n;
const BIG_START = 1_767_225_600_000_000_001n;
const BIG_END = 1_767_225_699_999_999_999n;

/** Reads a FlightInfo/SchemaResult schema with apache-arrow's IPC reader. */
function readSchema(bytes: Uint8Array): Schema {
  const eos = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  const stream = new Uint8Array(bytes.length + eos.length);
  stream.set(bytes);
  stream.set(eos, bytes.length);
  return tableFromIPC(stream).schema;
}

const asObject = (value: JsonValue) => value as Record<string, JsonValue>;

let j2: RunningServer;
let j3: RunningServer;
beforeAll(async () => {
  j2 = await startTestServer({ generation: "0.6", now: () => T });
  j3 = await startTestServer({ generation: "0.7", now: () => T });
});
afterAll(async () => {
  await Promise.all([j2.close(), j3.close()]);
  removeDataDirs();
});

describe.each(["grpc/h2", "grpc-web/1.1"])("J2 catalog over %s", (transportName) => {
  let client: FlightClient;
  beforeAll(() => {
    client = clientFor(transportsFor(j2.url).find((t) => t.name === transportName)!.transport);
  });

  it("ListFlights returns one PATH FlightInfo per sequence", async () => {
    const seed = await seedSequence(client, ["imu"]);
    for (const expression of ["", "/"]) {
      const infos = await collect(
        client.listFlights({ expression: new TextEncoder().encode(expression) }),
      );
      const mine = infos.find((info) => info.flightDescriptor?.path[0] === seed.sequence)!;
      expect(mine).toBeDefined();
      expect(mine.flightDescriptor!.type).toBe(FlightDescriptor_DescriptorType.PATH);
      expect(mine.flightDescriptor!.path).toEqual([seed.sequence]);
      expect(mine.endpoint).toHaveLength(1);
      expect(new TextDecoder().decode(mine.endpoint[0]!.ticket!.ticket)).toBe(seed.sequence);
      expect(mine.schema).toHaveLength(0);
      expect(mine.appMetadata).toHaveLength(0);
    }
    await expectError(
      collect(client.listFlights({ expression: new TextEncoder().encode("drive_*") })),
      Code.InvalidArgument,
      "Unsupported descriptor.",
    );
  });

  it("describes a sequence: empty schema + metadata, app-metadata, one endpoint per topic", async () => {
    const seed = await seedSequence(client, ["imu", "cam/front"], {
      site: "lab-2",
      calib: { offset_ns: 1_767_225_600_123_456_789n },
    });
    const descriptor = cmdDescriptor({
      resource_locator: seed.sequence,
      timestamp_ns_start: BIG_START,
      timestamp_ns_end: BIG_END,
    });
    const info = await client.getFlightInfo(descriptor);
    expect(info.flightDescriptor?.cmd).toEqual(descriptor.cmd);
    expect(info.totalRecords).toBe(-1n);
    expect(info.totalBytes).toBe(-1n);

    const schema = readSchema(info.schema);
    expect(schema.fields).toHaveLength(0);
    expect(schema.metadata.get("mosaico:context")).toBe("sequence");
    expect(schema.metadata.get("mosaico:user_metadata")).toBe(
      '{"site":"lab-2","calib":{"offset_ns":1767225600123456789}}',
    );

    const app = asObject(json(info.appMetadata));
    expect(Object.keys(app).sort()).toEqual(["created_at_ns", "resource_locator", "sessions"]);
    expect(app.resource_locator).toBe(seed.sequence);
    expect(app.created_at_ns).toBe(T); // exact bigint, not 1767225600123456768
    const sessions = app.sessions as Record<string, JsonValue>[];
    expect(sessions).toEqual([
      {
        locator: seed.sessionLocator,
        created_at_ns: T,
        completed_at_ns: null,
        locked: false,
        topics: [`${seed.sequence}/imu`, `${seed.sequence}/cam/front`],
      },
    ]);

    expect(info.endpoint).toHaveLength(2);
    for (const [i, topic] of ["imu", "cam/front"].entries()) {
      const endpoint = info.endpoint[i]!;
      expect(endpoint.location).toEqual([]);
      expect(decodeTicket(endpoint.ticket!.ticket)).toEqual({
        locator: `${seed.sequence}/${topic}`,
        start: BIG_START,
        end: BIG_END,
      });
      // J2 shape; `info` is null before any DoPut (upstream serializes it, never omits it).
      expect(json(endpoint.appMetadata)).toEqual({
        created_at_ns: T,
        completed_at_ns: null,
        locked: false,
        resource_locator: `${seed.sequence}/${topic}`,
        info: null,
      });
    }
  });

  it("omits schema metadata for a sequence without user metadata (J2)", async () => {
    const sequence = uniqueName();
    await action(client, "sequence_create", { locator: sequence, user_metadata: null });
    const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: sequence }));
    expect(readSchema(info.schema).metadata.size).toBe(0);
    expect(info.endpoint).toEqual([]);
  });

  it("describes a topic: schema metadata, one endpoint, no FlightInfo app-metadata", async () => {
    const seed = await seedSequence(client);
    await action(client, "topic_create", {
      locator: `${seed.sequence}/sensors/imu`,
      session_uuid: seed.sessionUuid,
      serialization_format: "ragged",
      ontology_tag: "imu",
      user_metadata: { vendor: "acme" },
    });
    const info = await client.getFlightInfo(
      cmdDescriptor({ resource_locator: `${seed.sequence}/sensors/imu`, timestamp_ns_start: BIG_START }),
    );
    const schema = readSchema(info.schema);
    expect(schema.fields).toHaveLength(0); // no DoPut yet
    expect(Object.fromEntries(schema.metadata)).toEqual({
      "mosaico:context": "topic",
      "mosaico:properties": '{"serialization_format":"ragged","ontology_tag":"imu"}',
      "mosaico:user_metadata": '{"vendor":"acme"}',
    });
    expect(info.appMetadata).toHaveLength(0);
    expect(info.endpoint).toHaveLength(1);
    expect(decodeTicket(info.endpoint[0]!.ticket!.ticket)).toEqual({
      locator: `${seed.sequence}/sensors/imu`,
      start: BIG_START,
    });
  });

  it("rejects bad descriptors, ranges and locators", async () => {
    const seed = await seedSequence(client, ["imu"]);
    await expectError(
      client.getFlightInfo(
        cmdDescriptor({ resource_locator: seed.sequence, timestamp_ns_start: 10, timestamp_ns_end: 10 }),
      ),
      Code.InvalidArgument,
    );
    await expectError(
      client.getFlightInfo(cmdDescriptor({ resource_locator: seed.sessionLocator })),
      Code.InvalidArgument,
      `Unsupported locator: ${seed.sessionLocator}.`,
    );
    await expectError(
      client.getFlightInfo(
        create(FlightDescriptorSchema, {
          type: FlightDescriptor_DescriptorType.PATH,
          path: [seed.sequence],
        }),
      ),
      Code.InvalidArgument,
      "Unsupported descriptor.",
    );
    await expectError(
      client.getFlightInfo(cmdDescriptor({ resource_locator: "not here" })),
      Code.InvalidArgument,
      "not here is not a valid locator.",
    );
    await expectError(
      client.getFlightInfo(cmdDescriptor({ resource_locator: `${seed.sequence}/nope` })),
      Code.NotFound,
      `${seed.sequence}/nope not found.`,
    );
    await expectError(
      client.getFlightInfo(
        create(FlightDescriptorSchema, {
          type: FlightDescriptor_DescriptorType.CMD,
          cmd: new TextEncoder().encode("{"),
        }),
      ),
      Code.InvalidArgument,
      /^Bad request: /,
    );
  });

  it("answers `version` and does not know `info`", async () => {
    expect(await action(client, "version", {})).toEqual({
      version: "0.6.0",
      semver: { major: 0, minor: 6, patch: 0, pre: "" },
    });
    await expectError(
      action(client, "info", new Uint8Array()),
      Code.InvalidArgument,
      "Bad request: no available action for string `info`.",
    );
    await expectError(
      action(client, "version", new Uint8Array()),
      Code.InvalidArgument,
      "Bad request: body deserialization error.",
    );
  });

  it("answers UNIMPLEMENTED where mosaicod does", async () => {
    await expectError(
      client.getSchema(cmdDescriptor({ resource_locator: "a/b" })),
      Code.Unimplemented,
      "Unimplemented.",
    );
    await expectError(client.pollFlightInfo(cmdDescriptor({ resource_locator: "a" })), Code.Unimplemented);
    await expectError(
      collect(client.listActions({})),
      Code.Unimplemented,
      "list_actions is currently unimplemented",
    );
  });
});

describe("bidirectional RPCs over gRPC/h2", () => {
  let client: FlightClient;
  beforeAll(() => {
    client = clientFor(transportsFor(j2.url)[0]!.transport);
  });
  async function* nothing<T>(): AsyncGenerator<T> {}

  it("Handshake and DoExchange answer UNIMPLEMENTED (DoPut: data-plane tests)", async () => {
    await expectError(collect(client.handshake(nothing())), Code.Unimplemented, "Unimplemented.");
    await expectError(
      collect(client.doExchange(nothing())),
      Code.Unimplemented,
      "do_exchange is currently unimplemented",
    );
  });
});

describe.each(["grpc/h2", "grpc-web/1.1"])("J3 over %s", (transportName) => {
  let client: FlightClient;
  beforeAll(() => {
    client = clientFor(transportsFor(j3.url).find((t) => t.name === transportName)!.transport);
  });

  it("answers `info` with the config and does not know `version`", async () => {
    expect(await action(client, "info", {})).toEqual({
      version: "0.7.0",
      semver: { major: 0, minor: 7, patch: 0, pre: "" },
      // The 0.7 release's names and mosaicod's defaults (50 MiB decode, 512 MiB encode, 25 MiB target); nothing more.
      config: { grpc_max_decode_message_size: 52_428_800, grpc_max_encode_message_size: 536_870_912, grpc_target_encode_message_size: 26_214_400 },
    });
    // The generation probe of docs/protocol.md §4.6: empty body -> deserialization error.
    await expectError(
      action(client, "info", new Uint8Array()),
      Code.InvalidArgument,
      "Bad request: body deserialization error.",
    );
    await expectError(
      action(client, "version", {}),
      Code.InvalidArgument,
      "Bad request: no available action for string `version`.",
    );
  });

  it("uses the J3 TopicAppMetadata and sequence app-metadata shapes", async () => {
    const seed = await seedSequence(client, ["imu"], { site: "lab" });
    const plain = await client.getFlightInfo(cmdDescriptor({ resource_locator: seed.sequence }));
    expect(asObject(json(plain.appMetadata)).user_metadata).toEqual({ site: "lab" });
    expect(json(plain.endpoint[0]!.appMetadata)).toEqual({
      created_at_ns: T,
      completed_at_ns: null,
      locked: false,
      resource_locator: `${seed.sequence}/imu`,
      ontology_tag: "imu",
      serialization_format: "default",
      user_metadata: {},
      data_info: { interval: null, total_row_count: 0, total_bytes: 0, total_chunks_count: 0 },
      time_window_info: null,
    });
    const windowed = await client.getFlightInfo(
      cmdDescriptor({ resource_locator: `${seed.sequence}/imu`, timestamp_ns_end: BIG_END }),
    );
    expect(asObject(json(windowed.endpoint[0]!.appMetadata)).time_window_info).toEqual({
      interval: null,
      row_count: 0,
    });
  });

  it("GetSchema returns the topic schema, without the mosaico:* keys 0.7 dropped", async () => {
    const seed = await seedSequence(client, ["imu"]);
    const result = await client.getSchema(cmdDescriptor({ resource_locator: `${seed.sequence}/imu` }));
    const schema = readSchema(result.schema);
    expect(schema.fields).toEqual([]); // no DoPut yet
    expect(schema.metadata.size).toBe(0);
    await expectError(
      client.getSchema(cmdDescriptor({ resource_locator: seed.sequence })),
      Code.InvalidArgument,
      `${seed.sequence} is not a valid topic locator.`,
    );
    await expectError(
      client.getSchema(cmdDescriptor({ resource_locator: `${seed.sequence}/nope` })),
      Code.NotFound,
    );
  });
});
