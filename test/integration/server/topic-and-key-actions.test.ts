/** Topic verbs, the pending verbs and key management (keys off), over gRPC/h2 and gRPC-Web/1.1. */
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { expectError } from "../helpers/expect-error.js";
import { seedSequence } from "../helpers/fixtures.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer({ keyActions: true });
});
afterAll(async () => {
  await server.close();
  removeDataDirs();
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} UTC$/;

describe.each(["grpc/h2", "grpc-web/1.1"])("DoAction over %s", (transportName) => {
  let client: FlightClient;
  beforeAll(() => {
    client = clientFor(transportsFor(server.url).find((t) => t.name === transportName)!.transport);
  });

  describe("topics", () => {
    it("creates topics and refuses duplicates, bad formats and foreign sequences", async () => {
      const seed = await seedSequence(client, ["imu"]);
      expect(seed.topicUuids[0]).toMatch(UUID_RE);
      const base = {
        session_uuid: seed.sessionUuid,
        serialization_format: "default",
        ontology_tag: "imu",
        user_metadata: { vendor: "acme" },
      };
      await expectError(
        action(client, "topic_create", { ...base, locator: `${seed.sequence}/imu` }),
        Code.AlreadyExists,
        `${seed.sequence}/imu already exists.`,
      );
      await expectError(
        action(client, "topic_create", {
          ...base,
          locator: `${seed.sequence}/x`,
          serialization_format: "parquet",
        }),
        Code.InvalidArgument,
        "Bad request: body deserialization error.",
      );
      for (const bad of [seed.sequence, `${seed.sequence}/`, `${seed.sequence}//a`, `${seed.sequence}/a:b`]) {
        await expectError(
          action(client, "topic_create", { ...base, locator: bad }),
          Code.InvalidArgument,
          `${bad} is not a valid locator.`,
        );
      }
      await expectError(
        action(client, "topic_create", { ...base, locator: "other_sequence/imu" }),
        Code.InvalidArgument,
        /^Bad request: topic `other_sequence\/imu` does not belong/,
      );
      await expectError(
        action(client, "topic_create", {
          ...base,
          locator: `${seed.sequence}/y`,
          user_metadata: { "no.dots": 1 },
        }),
        Code.InvalidArgument,
        "Bad request: Found invalid key in json: no.dots.",
      );
      for (const format of ["ragged", "image"]) {
        const created = (await action(client, "topic_create", {
          ...base,
          locator: `${seed.sequence}/${format}/stream`,
          serialization_format: format,
        })) as { uuid: string };
        expect(created.uuid).toMatch(UUID_RE);
      }
    });

    it("deletes a topic", async () => {
      const seed = await seedSequence(client, ["imu"]);
      expect(await action(client, "topic_delete", { locator: `${seed.sequence}/imu` })).toBeNull();
      await expectError(
        action(client, "topic_delete", { locator: `${seed.sequence}/imu` }),
        Code.NotFound,
        `${seed.sequence}/imu not found.`,
      );
    });

    it("creates, lists and purges topic notifications", async () => {
      const seed = await seedSequence(client, ["imu"]);
      const locator = `${seed.sequence}/imu`;
      await action(client, "topic_notification_create", {
        locator,
        notification_type: "error",
        msg: "sensor dropped",
      });
      const listed = (await action(client, "topic_notification_list", { locator })) as {
        notifications: Record<string, string>[];
      };
      expect(listed.notifications).toHaveLength(1);
      expect(listed.notifications[0]).toMatchObject({
        name: locator,
        notification_type: "error",
        msg: "sensor dropped",
      });
      expect(listed.notifications[0]!.created_datetime).toMatch(DATETIME_RE);
      // Sequence notifications are a separate list.
      expect(await action(client, "sequence_notification_list", { locator: seed.sequence })).toEqual({
        notifications: [],
      });
      expect(await action(client, "topic_notification_purge", { locator })).toBeNull();
      expect(await action(client, "topic_notification_list", { locator })).toEqual({
        notifications: [],
      });
      await expectError(
        action(client, "topic_notification_list", { locator: seed.sequence }),
        Code.InvalidArgument,
        `${seed.sequence} is not a valid locator.`,
      );
      await expectError(
        action(client, "topic_notification_create", {
          locator: `${seed.sequence}/missing`,
          notification_type: "error",
          msg: "x",
        }),
        Code.NotFound,
      );
    });
  });

  describe("query verbs (details: query.test.ts, temporal-filters.test.ts)", () => {
    it("query with an empty filter lists sequences with their topics", async () => {
      const response = (await action(client, "query", {})) as { items: unknown[] };
      expect(Array.isArray(response.items)).toBe(true);
    });
    it.each(["topic_filter_clusterize", "topic_filter_intersect"])(
      "%s with an empty body is a deserialization error",
      async (name) => {
        await expectError(action(client, name, {}), Code.InvalidArgument, "Bad request: body deserialization error.");
      },
    );
  });

  describe("api keys (keys disabled: full permission)", () => {
    it("creates, reports and revokes a key", async () => {
      const created = (await action(client, "api_key_create", {
        permissions: "read",
        description: "ci reader",
        expires_at_ns: 1_893_456_000_000_000_123n,
      })) as { api_key_token: string };
      expect(created.api_key_token).toMatch(/^msco_[a-z0-9]{32}_[0-9a-f]{8}$/);
      const fingerprint = created.api_key_token.split("_")[2]!;
      const status = (await action(client, "api_key_status", {
        api_key_fingerprint: fingerprint,
      })) as Record<string, unknown>;
      expect(Object.keys(status).sort()).toEqual(
        ["api_key_fingerprint", "created_at_ns", "description", "expires_at_ns"].sort(),
      );
      expect(status.api_key_fingerprint).toBe(fingerprint);
      expect(status.description).toBe("ci reader");
      expect(typeof status.created_at_ns).toBe("bigint");
      expect(status.expires_at_ns).toBe(1_893_456_000_000_000_123n);
      expect(await action(client, "api_key_revoke", { api_key_fingerprint: fingerprint })).toBeNull();
      await expectError(
        action(client, "api_key_status", { api_key_fingerprint: fingerprint }),
        Code.NotFound,
      );
      await expectError(
        action(client, "api_key_revoke", { api_key_fingerprint: fingerprint }),
        Code.NotFound,
      );
    });

    it("reports expires_at_ns null and validates inputs", async () => {
      const { api_key_token } = (await action(client, "api_key_create", {
        permissions: "manage",
        description: "",
      })) as { api_key_token: string };
      const status = (await action(client, "api_key_status", {
        api_key_fingerprint: api_key_token.split("_")[2]!,
      })) as Record<string, unknown>;
      expect(status.expires_at_ns).toBeNull();
      await expectError(
        action(client, "api_key_create", { permissions: "admin", description: "x" }),
        Code.InvalidArgument,
        "Bad request: invalid string to permission cast.",
      );
      await expectError(
        action(client, "api_key_create", { permissions: "read", description: "x", expires_at_ns: 1.5 }),
        Code.InvalidArgument,
        "Bad request: body deserialization error.",
      );
      await expectError(
        action(client, "api_key_status", { api_key_fingerprint: "XYZ" }),
        Code.InvalidArgument,
        "Invalid fingerprint `XYZ`.",
      );
    });
  });
});
