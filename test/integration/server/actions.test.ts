/** DoAction envelope, sequence and session verbs: happy paths and documented errors, over gRPC/h2 and gRPC-Web/1.1. */
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/protocol/json.js";
import type { RunningServer } from "../../../server/index.js";
import { Catalog } from "../../../server/store/catalog.js";
import { action, actionResults } from "../helpers/actions.js";
import { expectError } from "../helpers/expect-error.js";
import { seedSequence, uniqueName } from "../helpers/fixtures.js";
import { clientFor, cmdDescriptor, json, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = freshDataDir();
  server = await startTestServer({ dataDir });
});
afterAll(async () => {
  await server.close();
  removeDataDirs();
});

/** Simulates a completed DoPut (the data plane is a later issue). */
function markUploaded(locators: string[], state: "done" | "uploading" = "done"): void {
  const catalog = Catalog.open(dataDir);
  try {
    for (const locator of locators) {
      const topic = catalog.topics.findByLocator(locator)!;
      catalog.topics.setUploadState(topic.topic_id, state);
    }
  } finally {
    catalog.close();
  }
}

const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} UTC$/;

describe.each(["grpc/h2", "grpc-web/1.1"])("DoAction over %s", (transportName) => {
  let client: FlightClient;
  beforeAll(() => {
    client = clientFor(transportsFor(server.url).find((t) => t.name === transportName)!.transport);
  });

  describe("envelope", () => {
    it("answers exactly one Result with {action, response}", async () => {
      const results = await actionResults(client, "sequence_create", {
        locator: uniqueName(),
        user_metadata: {},
      });
      expect(results).toHaveLength(1);
      expect(new TextDecoder().decode(results[0])).toBe(
        '{"action":"sequence_create","response":null}',
      );
    });

    it("refuses an unknown action name", async () => {
      await expectError(
        action(client, "sequence_explode", {}),
        Code.InvalidArgument,
        "Bad request: no available action for string `sequence_explode`.",
      );
    });

    it.each([
      ["an empty body", new Uint8Array()],
      ["invalid JSON", new TextEncoder().encode("{nope")],
      ["a JSON array", new TextEncoder().encode("[]")],
      ["a missing field", new TextEncoder().encode('{"user_metadata":{}}')],
      ["a wrong field type", new TextEncoder().encode('{"locator":5,"user_metadata":{}}')],
    ])("reports %s as a body deserialization error", async (_label, body) => {
      await expectError(
        action(client, "sequence_create", body),
        Code.InvalidArgument,
        "Bad request: body deserialization error.",
      );
    });

    it("ignores unknown keys in the body", async () => {
      expect(
        await action(client, "sequence_create", {
          locator: uniqueName(),
          user_metadata: {},
          extra: [1, 2],
        }),
      ).toBeNull();
    });
  });

  describe("sequences", () => {
    it("creates, refuses duplicates, validates locator and metadata keys", async () => {
      const name = uniqueName();
      expect(
        await action(client, "sequence_create", { locator: name, user_metadata: { site: "lab" } }),
      ).toBeNull();
      await expectError(
        action(client, "sequence_create", { locator: name, user_metadata: {} }),
        Code.AlreadyExists,
        `${name} already exists.`,
      );
      for (const bad of ["a/b", "a:b", "has space", "dot.ted", "", "ünï"]) {
        await expectError(
          action(client, "sequence_create", { locator: bad, user_metadata: {} }),
          Code.InvalidArgument,
          `${bad} is not a valid locator.`,
        );
      }
      for (const [metadata, key] of [
        [{ "a.b": 1 }, "a.b"],
        [{ ok: { "bad--key": 1 } }, "bad--key"],
        [{ list: [{ "": 1 }] }, ""],
      ] as [JsonValue, string][]) {
        await expectError(
          action(client, "sequence_create", { locator: uniqueName(), user_metadata: metadata }),
          Code.InvalidArgument,
          `Bad request: Found invalid key in json: ${key}.`,
        );
      }
    });

    it("deletes a sequence with its sessions, topics and notifications", async () => {
      const seed = await seedSequence(client, ["imu", "cam/front"]);
      await action(client, "topic_notification_create", {
        locator: `${seed.sequence}/imu`,
        notification_type: "error",
        msg: "boom",
      });
      expect(await action(client, "sequence_delete", { locator: seed.sequence })).toBeNull();
      await expectError(
        client.getFlightInfo(cmdDescriptor({ resource_locator: seed.sequence })),
        Code.NotFound,
        `${seed.sequence} not found.`,
      );
      await expectError(
        client.getFlightInfo(cmdDescriptor({ resource_locator: `${seed.sequence}/imu` })),
        Code.NotFound,
      );
      await expectError(
        action(client, "session_delete", { locator: seed.sessionLocator }),
        Code.NotFound,
      );
      await expectError(
        action(client, "sequence_delete", { locator: seed.sequence }),
        Code.NotFound,
        `${seed.sequence} not found.`,
      );
      // The name is free again.
      expect(
        await action(client, "sequence_create", { locator: seed.sequence, user_metadata: {} }),
      ).toBeNull();
    });

    it("creates, lists and purges notifications", async () => {
      const { sequence } = await seedSequence(client);
      for (const msg of ["first", "second"]) {
        expect(
          await action(client, "sequence_notification_create", {
            locator: sequence,
            notification_type: "error",
            msg,
          }),
        ).toBeNull();
      }
      const listed = (await action(client, "sequence_notification_list", { locator: sequence })) as {
        notifications: Record<string, string>[];
      };
      expect(listed.notifications.map((n) => n.msg)).toEqual(["first", "second"]);
      for (const item of listed.notifications) {
        expect(Object.keys(item).sort()).toEqual(
          ["created_datetime", "msg", "name", "notification_type"].sort(),
        );
        expect(item.name).toBe(sequence);
        expect(item.notification_type).toBe("error");
        expect(item.created_datetime).toMatch(DATETIME_RE);
      }
      expect(await action(client, "sequence_notification_purge", { locator: sequence })).toBeNull();
      expect(await action(client, "sequence_notification_list", { locator: sequence })).toEqual({
        notifications: [],
      });
    });

    it("refuses other notification types and unknown sequences", async () => {
      const { sequence } = await seedSequence(client);
      await expectError(
        action(client, "sequence_notification_create", {
          locator: sequence,
          notification_type: "warning",
          msg: "x",
        }),
        Code.InvalidArgument,
        "Bad request: invalid notification type `warning`.",
      );
      const missing = uniqueName("missing");
      for (const name of ["sequence_notification_list", "sequence_notification_purge"]) {
        await expectError(action(client, name, { locator: missing }), Code.NotFound, `${missing} not found.`);
      }
      await expectError(
        action(client, "sequence_notification_create", {
          locator: missing,
          notification_type: "error",
          msg: "x",
        }),
        Code.NotFound,
      );
    });
  });

  describe("sessions", () => {
    it("creates a session with a UUID and a `seq:ULID` locator", async () => {
      const sequence = uniqueName();
      await action(client, "sequence_create", { locator: sequence, user_metadata: {} });
      const session = (await action(client, "session_create", { locator: sequence })) as Record<
        string,
        string
      >;
      expect(Object.keys(session).sort()).toEqual(["locator", "uuid"]);
      expect(session.uuid).toMatch(UUID_RE);
      const [seq, ulid] = session.locator!.split(":");
      expect(seq).toBe(sequence);
      expect(ulid).toMatch(ULID_RE);
      await expectError(
        action(client, "session_create", { locator: uniqueName("missing") }),
        Code.NotFound,
      );
    });

    it("refuses to finalize an empty session", async () => {
      const { sessionUuid } = await seedSequence(client);
      await expectError(
        action(client, "session_finalize", { session_uuid: sessionUuid }),
        Code.FailedPrecondition,
        `Session \`${sessionUuid}\` is empty.`,
      );
    });

    it("refuses to finalize while a topic never received a DoPut or is uploading", async () => {
      const seed = await seedSequence(client, ["imu", "gps"]);
      await expectError(
        action(client, "session_finalize", { session_uuid: seed.sessionUuid }),
        Code.FailedPrecondition,
        `DoPut not called for topic \`${seed.sequence}/imu\`. At least one with an empty batch is required to finalize the topic.`,
      );
      markUploaded([`${seed.sequence}/imu`]);
      markUploaded([`${seed.sequence}/gps`], "uploading");
      await expectError(
        action(client, "session_finalize", { session_uuid: seed.sessionUuid }),
        Code.FailedPrecondition,
        `Topic \`${seed.sequence}/gps\` is already uploading data.`,
      );
    });

    it("finalizes once, locks the topics, then refuses new topics and a second finalize", async () => {
      const seed = await seedSequence(client, ["imu"]);
      markUploaded([`${seed.sequence}/imu`]);
      expect(await action(client, "session_finalize", { session_uuid: seed.sessionUuid })).toBeNull();
      await expectError(
        action(client, "session_finalize", { session_uuid: seed.sessionUuid }),
        Code.FailedPrecondition,
        `Session \`${seed.sessionUuid}\` already finalized.`,
      );
      const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: `${seed.sequence}/imu` }));
      const meta = json(info.endpoint[0]!.appMetadata) as Record<string, unknown>;
      expect(meta.locked).toBe(true);
      expect(typeof meta.completed_at_ns).toBe("bigint");
      await expectError(
        action(client, "topic_create", {
          locator: `${seed.sequence}/late`,
          session_uuid: seed.sessionUuid,
          serialization_format: "default",
          ontology_tag: "imu",
          user_metadata: {},
        }),
        Code.FailedPrecondition,
        `Session \`${seed.sessionUuid}\` already finalized.`,
      );
    });

    it("validates session UUIDs", async () => {
      await expectError(
        action(client, "session_finalize", { session_uuid: "not-a-uuid" }),
        Code.InvalidArgument,
        "not-a-uuid is not a valid UUID.",
      );
      const unknown = "00000000-0000-4000-8000-000000000000";
      await expectError(
        action(client, "session_finalize", { session_uuid: unknown }),
        Code.NotFound,
        `${unknown} not found.`,
      );
    });

    it("deletes a session and its topics by locator (J2) or by UUID (J1)", async () => {
      const a = await seedSequence(client, ["imu"]);
      expect(await action(client, "session_delete", { locator: a.sessionLocator })).toBeNull();
      await expectError(
        client.getFlightInfo(cmdDescriptor({ resource_locator: `${a.sequence}/imu` })),
        Code.NotFound,
      );
      // The sequence itself survives.
      await client.getFlightInfo(cmdDescriptor({ resource_locator: a.sequence }));
      await expectError(
        action(client, "session_delete", { locator: a.sessionLocator }),
        Code.NotFound,
        `${a.sessionLocator} not found.`,
      );

      const b = await seedSequence(client, ["imu"]);
      expect(await action(client, "session_delete", { session_uuid: b.sessionUuid })).toBeNull();
      await expectError(
        client.getFlightInfo(cmdDescriptor({ resource_locator: `${b.sequence}/imu` })),
        Code.NotFound,
      );
      await expectError(
        action(client, "session_delete", { locator: "no-colon" }),
        Code.InvalidArgument,
        "no-colon is not a valid locator.",
      );
      await expectError(
        action(client, "session_delete", {}),
        Code.InvalidArgument,
        "Bad request: body deserialization error.",
      );
    });
  });

});
