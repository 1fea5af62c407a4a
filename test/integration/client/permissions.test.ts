/**
 * API-key mode: the permission matrix (each level x each action) and the key
 * lifecycle (missing, unknown, revoked, expired), over both wire protocols.
 */
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIKeyPermission, Code, MosaicoClient, MosaicoError, apiKeyFingerprint } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { protocols, removeDataDirs, startTestServer } from "../helpers/test-server.js";

type Level = "none" | "read" | "write" | "delete" | "manage";
const rank: Record<Level, number> = { none: 0, read: 1, write: 2, delete: 3, manage: 4 };

async function outcome(promise: Promise<unknown>): Promise<"ok" | Code> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(MosaicoError);
    return (error as MosaicoError).code;
  }
}

let server: RunningServer;
let manageKey: string;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: true, keyActions: true });
  manageKey = server.bootstrapApiKey!;
  expect(manageKey).toMatch(/^msco_/);
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

describe.each(protocols)("API keys over %s", (protocol) => {
  let admin: MosaicoClient;
  const clients = new Map<Level, MosaicoClient>();
  const tag = protocol.replace("-", "_");
  beforeAll(async () => {
    admin = await MosaicoClient.connect({ url: server.url, protocol, keyActions: true, apiKey: manageKey });
    await admin.createSequence(`perm_${tag}`);
    for (const level of ["read", "write", "delete", "manage"] as const) {
      const apiKey = await admin.createApiKey({ permission: level, description: `${level} key` });
      clients.set(level, await MosaicoClient.connect({ url: server.url, protocol, keyActions: true, apiKey }));
    }
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), ...[...clients.values()].map((c) => c.close())]);
  });

  let counter = 0;
  const missingSession = "00000000-0000-4000-8000-000000000000";
  const matrix: Array<[string, Level, (c: MosaicoClient) => Promise<unknown>]> = [
    ["version", "read", (c) => c.version()],
    ["ListFlights", "read", (c) => c.listSequences()],
    ["GetFlightInfo", "read", (c) => c.sequenceInfo(`perm_${tag}`)],
    ["sequence_notification_list", "read", (c) => c.listSequenceNotifications(`perm_${tag}`)],
    ["query", "read", (c) => c.query({ sequence: { name: { $eq: "x" } } })],
    ["sequence_create", "write", (c) => c.createSequence(`perm_${tag}_${counter++}`)],
    ["session_create", "write", (c) => c.createSession(`perm_${tag}`)],
    ["session_finalize", "write", (c) => c.finalizeSession(missingSession)],
    ["topic_create", "write", (c) => c.createTopic({ locator: `perm_${tag}/t${counter++}`, sessionUuid: missingSession, ontologyTag: "imu" })],
    ["sequence_notification_create", "write", (c) => c.createSequenceNotification(`perm_${tag}`, "note")],
    ["sequence_delete", "delete", (c) => c.deleteSequence("perm_missing")],
    ["session_delete", "delete", (c) => c.deleteSession(`perm_${tag}:01J00000000000000000000000`)],
    ["topic_delete", "delete", (c) => c.deleteTopic("perm_missing/t")],
    ["sequence_notification_purge", "delete", (c) => c.purgeSequenceNotifications(`perm_${tag}`)],
    ["api_key_create", "manage", (c) => c.createApiKey({ permission: APIKeyPermission.Read })],
    ["api_key_status", "manage", (c) => c.apiKeyStatus("zzzzzzzz")],
    ["api_key_revoke", "manage", (c) => c.revokeApiKey("zzzzzzzz")],
  ];

  for (const level of ["read", "write", "delete", "manage"] as const) {
    it(`a ${level} key may do exactly what its level allows`, async () => {
      const client = clients.get(level)!;
      for (const [action, needed, call] of matrix) {
        const result = await outcome(call(client));
        // "version" needs only a valid key; every level has read or more.
        const allowed = rank[level] >= rank[needed];
        if (allowed) expect(result, `${level} key, ${action}`).not.toBe(Code.PermissionDenied);
        else expect(result, `${level} key, ${action}`).toBe(Code.PermissionDenied);
      }
    });
  }

  it("refuses a client without a key at connect", async () => {
    const result = await outcome(MosaicoClient.connect({ url: server.url, protocol, keyActions: true }));
    expect(result).toBe(Code.PermissionDenied);
  });

  it("refuses a well-formed key the server does not know", async () => {
    const payload = "k3v9q0z7m2b8x1c4n6w5e0r7t9y2u3i4";
    const apiKey = `msco_${payload}_${crc32(payload).toString(16).padStart(8, "0")}`;
    const result = await outcome(MosaicoClient.connect({ url: server.url, protocol, keyActions: true, apiKey }));
    expect(result).toBe(Code.PermissionDenied);
  });

  it("reports status and refuses a revoked key on its next call", async () => {
    const token = await admin.createApiKey({ permission: APIKeyPermission.Read, description: "short-lived" });
    const fingerprint = apiKeyFingerprint(token);
    const status = await admin.apiKeyStatus(fingerprint);
    expect(status).toMatchObject({ fingerprint, description: "short-lived", expiresAtNs: null, isExpired: false });
    expect(typeof status.createdAtNs).toBe("bigint");

    const reader = await MosaicoClient.connect({ url: server.url, protocol, keyActions: true, apiKey: token });
    expect(await outcome(reader.listSequences())).toBe("ok");
    await admin.revokeApiKey(fingerprint);
    expect(await outcome(reader.listSequences())).toBe(Code.PermissionDenied);
    await reader.close();
  });

  it("refuses an expired key", async () => {
    const expiresAtNs = (BigInt(Date.now()) + 300n) * 1_000_000n;
    const token = await admin.createApiKey({ permission: APIKeyPermission.Read, expiresAtNs });
    const status = await admin.apiKeyStatus(apiKeyFingerprint(token));
    expect(status.expiresAtNs).toBe(expiresAtNs);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await outcome(MosaicoClient.connect({ url: server.url, protocol, keyActions: true, apiKey: token }))).toBe(Code.PermissionDenied);
  });
});
