/** The catalog survives a restart on the same data directory. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Code } from "@connectrpc/connect";
import { afterAll, describe, expect, it } from "vitest";
import { action } from "../helpers/actions.js";
import { collect } from "../helpers/collect.js";
import { expectError } from "../helpers/expect-error.js";
import { seedSequence } from "../helpers/fixtures.js";
import { clientFor, cmdDescriptor, json, transportsFor } from "../helpers/flight-clients.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

describe("persistence", () => {
  it("keeps sequences, sessions, topics, notifications and keys across restarts", async () => {
    const dataDir = freshDataDir();
    const T = 1_767_225_600_987_654_321n;
    const first = await startTestServer({ generation: "0.6", dataDir, keyActions: true, now: () => T });
    let client = clientFor(transportsFor(first.url)[0]!.transport);
    const seed = await seedSequence(client, ["imu"], { big: 9_007_199_254_740_993n });
    await action(client, "sequence_notification_create", {
      locator: seed.sequence,
      notification_type: "error",
      msg: "kept",
    });
    const { api_key_token } = (await action(client, "api_key_create", {
      permissions: "read",
      description: "kept",
    })) as { api_key_token: string };
    const before = await client.getFlightInfo(cmdDescriptor({ resource_locator: seed.sequence }));
    await first.close();

    expect(existsSync(join(dataDir, "catalog.sqlite"))).toBe(true);
    expect(existsSync(join(dataDir, "data"))).toBe(true);

    const second = await startTestServer({ generation: "0.6", dataDir, apiKeys: true, keyActions: true });
    try {
      client = clientFor(transportsFor(second.url)[1]!.transport);
      const headers = { "mosaico-api-key-token": api_key_token };
      const names = (await collect(client.listFlights({}, { headers }))).map(
        (info) => info.flightDescriptor!.path[0],
      );
      expect(names).toContain(seed.sequence);
      const after = await client.getFlightInfo(
        cmdDescriptor({ resource_locator: seed.sequence }),
        { headers },
      );
      expect(json(after.appMetadata)).toEqual(json(before.appMetadata));
      expect((json(after.appMetadata) as { created_at_ns: bigint }).created_at_ns).toBe(T);
      expect(after.schema).toEqual(before.schema); // user metadata with 2^53+1 intact
      expect(new TextDecoder().decode(after.schema)).toContain("9007199254740993");
      expect(after.endpoint.map((e) => json(e.appMetadata))).toEqual(
        before.endpoint.map((e) => json(e.appMetadata)),
      );
      const notes = (await action(
        client,
        "sequence_notification_list",
        { locator: seed.sequence },
        headers,
      )) as { notifications: { msg: string }[] };
      expect(notes.notifications.map((n) => n.msg)).toEqual(["kept"]);
      // The session UUID is still a valid capability after the restart.
      const boot = second.bootstrapApiKey!;
      await expectError(
        action(client, "session_finalize", { session_uuid: seed.sessionUuid }, {
          "mosaico-api-key-token": boot,
        }),
        Code.FailedPrecondition,
        /^DoPut not called for topic/,
      );
    } finally {
      await second.close();
    }
  });

  it("removes deleted topics' data folders", async () => {
    const dataDir = freshDataDir();
    const srv = await startTestServer({ generation: "0.6", dataDir });
    try {
      const client = clientFor(transportsFor(srv.url)[0]!.transport);
      const seed = await seedSequence(client, ["imu"]);
      const { Catalog } = await import("../../../server/store/catalog.js");
      const catalog = Catalog.open(dataDir);
      const topic = catalog.topics.findByLocator(`${seed.sequence}/imu`)!;
      const folder = catalog.topicDataDir(topic.data_path);
      catalog.close();
      const { mkdirSync, writeFileSync } = await import("node:fs");
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "00000.arrow"), "chunk");
      await action(client, "sequence_delete", { locator: seed.sequence });
      expect(existsSync(folder)).toBe(false);
    } finally {
      await srv.close();
    }
  });
});
