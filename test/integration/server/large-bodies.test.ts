/**
 * Large JSON action bodies cost the server memory only for callers allowed
 * to run the action: a read-only key sending multi-megabyte sequence_create
 * bodies is refused before the body is parsed, and a key with write
 * permission gets the same body parsed and run (with the body cap off, as
 * the releases have it). With the default cap, bodies above 8 MiB are
 * refused before anything else.
 */
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MosaicoClient } from "../../../src/node/index.js";
import { runApiKeyCommand } from "../../../server/cli/api-key-command.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { expectError } from "../helpers/expect-error.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

const as = (token: string) => ({ "mosaico-api-key-token": token });
let server: RunningServer;
let client: FlightClient;
let readKey: string;
let writeKey: string;

beforeAll(async () => {
  const dataDir = freshDataDir();
  server = await startTestServer({ dataDir, apiKeys: true, maxActionBodyBytes: 0 });
  client = clientFor(transportsFor(server.url)[0]!.transport);
  const key = (permissions: string) => runApiKeyCommand(["create", "--permissions", permissions, "--data-dir", dataDir], dataDir).output.trim();
  readKey = key("read");
  writeKey = key("read|write");
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

function bigMetadata(mib: number): Record<string, string> {
  const out: Record<string, string> = {};
  const value = "x".repeat(1000);
  for (let i = 0; i < mib * 1024; i++) out[`k${i}`] = value;
  return out;
}

it("refuses a read-only key's 20 MiB body before parsing it, several at once", async () => {
  const body = { locator: "big_one", user_metadata: bigMetadata(20) };
  await Promise.all(
    Array.from({ length: 3 }, () => expectError(action(client, "sequence_create", body, as(readKey)), Code.PermissionDenied)),
  );
});

it("parses and runs the same body for a key that may write", async () => {
  await action(client, "sequence_create", { locator: "big_ok", user_metadata: bigMetadata(4) }, as(writeKey));
  await using sdk = await MosaicoClient.connect({ url: server.url, apiKey: readKey });
  const info = await sdk.sequenceInfo("big_ok");
  expect(Object.keys(info.userMetadata as Record<string, unknown>)).toHaveLength(4 * 1024);
});

it("with the default cap, refuses a body above 8 MiB before parsing or permissions", async () => {
  const capped = await startTestServer();
  try {
    const plain = clientFor(transportsFor(capped.url)[0]!.transport);
    const error = await expectError(action(plain, "sequence_create", { locator: "big_capped", user_metadata: bigMetadata(9) }), Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/the action body has \d+ bytes, above this server's limit of 8388608 \(--max-action-body-bytes\)/);
    await action(plain, "sequence_create", { locator: "big_under_cap", user_metadata: bigMetadata(7) });
  } finally {
    await capped.close();
  }
});
