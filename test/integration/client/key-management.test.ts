/**
 * Key management per release: on mosaicod 0.6/0.7 (no `api_key_*` actions)
 * the client refuses before sending and names the server's CLI; with
 * `keyActions: true` it sends them, and a release server answers as
 * mosaicod does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, MosaicoClient, MosaicoError } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

for (const generation of ["0.6", "0.7"] as const) {
  describe(`mosaicod ${generation}`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startTestServer({ generation });
    });
    afterAll(async () => {
      await server.close();
      removeDataDirs();
    });

    it("createApiKey, apiKeyStatus and revokeApiKey fail before sending, naming the CLI", async () => {
      await using client = await MosaicoClient.connect({ url: server.url });
      expect(client.keyActions).toBe(false);
      for (const call of [
        () => client.createApiKey({ permission: "read" }),
        () => client.apiKeyStatus("abcd1234"),
        () => client.revokeApiKey("abcd1234"),
      ]) {
        const error = await failure(call());
        expect(error).toBeInstanceOf(MosaicoError);
        // The server would have said INVALID_ARGUMENT "no available action": this never reached it.
        expect(error.code).toBe(Code.FailedPrecondition);
        expect(error.message).toContain('mosaicod api-key create --permissions "read|write"');
        expect(error.message).toContain(`mosaicod ${generation} line`);
      }
    });

    it("with keyActions: true the call goes out and the release refuses it as mosaicod does", async () => {
      await using client = await MosaicoClient.connect({ url: server.url, keyActions: true });
      const error = await failure(client.createApiKey({ permission: "read" }));
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).toBe("Bad request: no available action for string `api_key_create`.");
    });
  });
}

describe("key-actions mode", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKeys: true, keyActions: true });
  });
  afterAll(async () => {
    await server.close();
    removeDataDirs();
  });

  it("refuses an expiry in the past before sending, and takes one in the future", async () => {
    await using client = await MosaicoClient.connect({ url: server.url, apiKey: server.bootstrapApiKey, keyActions: true });
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    for (const expiresAtNs of [nowNs - 1_000_000_000n, BigInt(Date.now() + 86_400_000)]) {
      // The second is milliseconds passed as nanoseconds: 1970, also the past.
      const error = await failure(client.createApiKey({ permission: "read", expiresAtNs }));
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.message).toMatch(/in the past.*nanoseconds/);
    }
    const token = await client.createApiKey({ permission: "read", expiresAtNs: nowNs + 3_600_000_000_000n });
    expect(token).toMatch(/^msco_/);
    const status = await client.apiKeyStatus(token.slice(-8));
    expect(status.isExpired).toBe(false);
  });
});
