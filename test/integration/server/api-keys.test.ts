/** API-key mode: authentication errors, bootstrap, and the permission matrix (docs/protocol.md §2, §4.7). */
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToken } from "../../../server/auth/token.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { collect } from "../helpers/collect.js";
import { expectError } from "../helpers/expect-error.js";
import { uniqueName } from "../helpers/fixtures.js";
import { clientFor, cmdDescriptor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

const HEADER = "mosaico-api-key-token";
const as = (token: string) => ({ [HEADER]: token });
const nowNs = () => BigInt(Date.now()) * 1_000_000n;
const ZERO_UUID = "00000000-0000-4000-8000-000000000000";
type Level = "read" | "write" | "delete" | "manage";
const LEVELS: Level[] = ["read", "write", "delete", "manage"];

let server: RunningServer;
let manageKey: string;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ generation: "0.6", apiKeys: true, keyActions: true, log: (line) => logLines.push(line) });
  manageKey = server.bootstrapApiKey!;
});
afterAll(async () => {
  await server.close();
  removeDataDirs();
});

async function createKey(
  client: FlightClient,
  permissions: Level,
  expiresAtNs?: bigint,
): Promise<string> {
  const body: Record<string, unknown> = { permissions, description: `${permissions} key` };
  if (expiresAtNs !== undefined) body.expires_at_ns = expiresAtNs;
  const created = (await action(client, "api_key_create", body as never, as(manageKey))) as {
    api_key_token: string;
  };
  return created.api_key_token;
}

describe("bootstrap", () => {
  it("mints a manage key on first start and logs it once", () => {
    expect(manageKey).toMatch(/^msco_[a-z0-9]{32}_[0-9a-f]{8}$/);
    expect(logLines.filter((line) => line.includes(manageKey))).toHaveLength(1);
  });

  it("keeps the catalog's key across restarts and mints no new one", async () => {
    const dataDir = freshDataDir();
    const first = await startTestServer({ generation: "0.6", apiKeys: true, keyActions: true, dataDir });
    const key = first.bootstrapApiKey!;
    await first.close();
    const lines: string[] = [];
    const second = await startTestServer({ generation: "0.6", apiKeys: true, keyActions: true, dataDir, log: (l) => lines.push(l) });
    try {
      expect(second.bootstrapApiKey).toBeUndefined();
      expect(lines).toEqual([]);
      const client = clientFor(transportsFor(second.url)[0]!.transport);
      expect(await action(client, "version", {}, as(key))).toMatchObject({ version: "0.6.0" });
    } finally {
      await second.close();
    }
  });

  it("imports a given bootstrap key and refuses a malformed one", async () => {
    const { token } = generateToken();
    const dataDir = freshDataDir();
    for (let run = 0; run < 2; run++) {
      const srv = await startTestServer({ generation: "0.6", apiKeys: true, keyActions: true, dataDir, bootstrapApiKey: token });
      try {
        expect(srv.bootstrapApiKey).toBe(token);
        const client = clientFor(transportsFor(srv.url)[1]!.transport);
        const made = (await action(
          client,
          "api_key_create",
          { permissions: "read", description: "via imported key" },
          as(token),
        )) as { api_key_token: string };
        expect(made.api_key_token).toMatch(/^msco_/);
      } finally {
        await srv.close();
      }
    }
    await expect(
      startTestServer({ generation: "0.6", apiKeys: true, keyActions: true, bootstrapApiKey: "msco_not_valid" }),
    ).rejects.toThrow();
  });

  it("ignores the header entirely when key mode is off", async () => {
    const open = await startTestServer({ generation: "0.6" });
    try {
      expect(open.bootstrapApiKey).toBeUndefined();
      const client = clientFor(transportsFor(open.url)[0]!.transport);
      expect(await action(client, "version", {}, as("garbage"))).toMatchObject({ version: "0.6.0" });
      expect(await action(client, "version", {})).toMatchObject({ version: "0.6.0" });
    } finally {
      await open.close();
    }
  });
});

describe.each(["grpc/h2", "grpc-web/1.1"])("authentication over %s", (transportName) => {
  let client: FlightClient;
  beforeAll(() => {
    client = clientFor(transportsFor(server.url).find((t) => t.name === transportName)!.transport);
  });

  it("refuses a call without the header on every RPC", async () => {
    const message = "Missing API key in request header.";
    await expectError(action(client, "version", {}), Code.PermissionDenied, message);
    await expectError(
      client.getFlightInfo(cmdDescriptor({ resource_locator: "x" })),
      Code.PermissionDenied,
      message,
    );
    await expectError(collect(client.listFlights({})), Code.PermissionDenied, message);
    await expectError(collect(client.doGet({ ticket: new Uint8Array() })), Code.PermissionDenied, message);
    await expectError(collect(client.listActions({})), Code.PermissionDenied, message);
  });

  it("refuses malformed tokens (mosaicod: `Bad request: <parser error>.`)", async () => {
    const payload = "a".repeat(32);
    const cases: [string, string][] = [
      ["garbage", "the token is incomplete"],
      [`mosaico_${payload}_00000000`, "bad header"],
      ["msco_short_00000000", "bad payload"],
      [`msco_${"A".repeat(32)}_00000000`, "bad payload"],
      [`msco_${payload}_0000`, "bad fingerprint"],
      [`msco_${payload}_zzzzzzzz`, "fingerprint mismatch"],
    ];
    for (const [token, reason] of cases) {
      await expectError(
        action(client, "version", {}, as(token)),
        Code.InvalidArgument,
        `Bad request: ${reason}.`,
      );
    }
  });

  it("refuses unknown, revoked and expired keys", async () => {
    const unknown = generateToken().token;
    await expectError(
      action(client, "version", {}, as(unknown)),
      Code.PermissionDenied,
      "Unauthorized: API key does not exist.",
    );

    const revoked = await createKey(client, "read");
    expect(await action(client, "version", {}, as(revoked))).toBeTruthy();
    await action(client, "api_key_revoke", { api_key_fingerprint: revoked.split("_")[2]! }, as(manageKey));
    await expectError(
      client.getFlightInfo(cmdDescriptor({ resource_locator: "x" }), { headers: as(revoked) }),
      Code.PermissionDenied,
      "Unauthorized: API key does not exist.",
    );

    const expired = await createKey(client, "manage", nowNs() - 1_000_000_000n);
    await expectError(
      action(client, "version", {}, as(expired)),
      Code.PermissionDenied,
      "Unauthorized: API key is expired.",
    );
    const later = await createKey(client, "read", nowNs() + 3_600_000_000_000n);
    expect(await action(client, "version", {}, as(later))).toBeTruthy();
  });
});

/** Protocol §4.7, with bodies that name resources which do not exist. */
const ACTIONS: [name: string, label: string, level: Level | null, body: () => object][] = [
  ["sequence_create", "SequenceCreate", "write", () => ({ locator: uniqueName(), user_metadata: {} })],
  ["sequence_delete", "SequenceDelete", "delete", () => ({ locator: "absent" })],
  ["sequence_notification_create", "SequenceNotificationCreate", "write",
    () => ({ locator: "absent", notification_type: "error", msg: "m" })],
  ["sequence_notification_list", "SequenceNotificationList", "read", () => ({ locator: "absent" })],
  ["sequence_notification_purge", "SequenceNotificationPurge", "delete", () => ({ locator: "absent" })],
  ["session_create", "SessionCreate", "write", () => ({ locator: "absent" })],
  ["session_finalize", "SessionFinalize", "write", () => ({ session_uuid: ZERO_UUID })],
  ["session_delete", "SessionDelete", "delete", () => ({ locator: "absent:01J0000000000000000000000" })],
  ["topic_create", "TopicCreate", "write", () => ({
    locator: "absent/t", session_uuid: ZERO_UUID, serialization_format: "default",
    ontology_tag: "imu", user_metadata: {},
  })],
  ["topic_delete", "TopicDelete", "delete", () => ({ locator: "absent/t" })],
  ["topic_notification_create", "TopicNotificationCreate", "write",
    () => ({ locator: "absent/t", notification_type: "error", msg: "m" })],
  ["topic_notification_list", "TopicNotificationList", "read", () => ({ locator: "absent/t" })],
  ["topic_notification_purge", "TopicNotificationPurge", "delete", () => ({ locator: "absent/t" })],
  ["topic_filter_clusterize", "TopicFilterClusterize", "read", () => ({})],
  ["topic_filter_intersect", "TopicFilterIntersect", "read", () => ({})],
  ["query", "Query", "read", () => ({})],
  ["api_key_create", "ApiKeyCreate", "manage", () => ({ permissions: "read", description: "m" })],
  ["api_key_status", "ApiKeyStatus", "manage", () => ({ api_key_fingerprint: "00000000" })],
  ["api_key_revoke", "ApiKeyRevoke", "manage", () => ({ api_key_fingerprint: "00000000" })],
  ["version", "Version", null, () => ({})],
];

const allowed = (granted: Level, required: Level | null) =>
  required === null || LEVELS.indexOf(granted) >= LEVELS.indexOf(required);

describe("permission matrix (levels x actions)", () => {
  let client: FlightClient;
  const keys = {} as Record<Level, string>;
  beforeAll(async () => {
    client = clientFor(transportsFor(server.url)[0]!.transport);
    for (const level of LEVELS) keys[level] = await createKey(client, level);
  });

  it.each(LEVELS)("DoAction with a %s key", async (level) => {
    for (const [name, label, required, body] of ACTIONS) {
      const call = action(client, name, body() as never, as(keys[level]));
      if (allowed(level, required)) {
        // Past the permission check: success or a resource error, never PERMISSION_DENIED.
        const outcome = await call.then(
          () => "ok",
          (error: { code?: Code }) => error.code,
        );
        expect(outcome, `${name} with ${level}`).not.toBe(Code.PermissionDenied);
      } else {
        await expectError(
          call,
          Code.PermissionDenied,
          `Unauthorized: provided API key has not enough permissions to execute ${label} action.`,
        );
      }
    }
  });

  it.each(LEVELS)("non-action RPCs with a %s key", async (level) => {
    const headers = as(keys[level]);
    // GetFlightInfo / ListFlights / DoGet need read: every level has it.
    await expectError(
      client.getFlightInfo(cmdDescriptor({ resource_locator: "absent" }), { headers }),
      Code.NotFound,
    );
    expect(Array.isArray(await collect(client.listFlights({}, { headers })))).toBe(true);
    // An empty ticket passes the permission check and fails to decode.
    await expectError(collect(client.doGet({ ticket: new Uint8Array() }, { headers })), Code.InvalidArgument);
    // DoPut needs write.
    async function* nothing() {}
    const put = collect(client.doPut(nothing(), { headers }));
    if (allowed(level, "write")) {
      await expectError(put, Code.InvalidArgument, "Missing header in request.");
    } else {
      await expectError(
        put,
        Code.PermissionDenied,
        "Unauthorized: provided API key does not have WRITE permissions.",
      );
    }
  });

  it("`info` (J3) needs only a valid key", async () => {
    const j3 = await startTestServer({ apiKeys: true, keyActions: true, generation: "0.7" });
    try {
      const c = clientFor(transportsFor(j3.url)[1]!.transport);
      const boot = j3.bootstrapApiKey!;
      const reader = (await action(
        c,
        "api_key_create",
        { permissions: "read", description: "r" },
        as(boot),
      )) as { api_key_token: string };
      expect(await action(c, "info", {}, as(reader.api_key_token))).toMatchObject({ version: "0.7.0" });
      await expectError(action(c, "info", {}), Code.PermissionDenied, "Missing API key in request header.");
    } finally {
      await j3.close();
    }
  });
});
