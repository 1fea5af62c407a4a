/**
 * Key management as mosaicod 0.6 and 0.7 do it (docs/protocol.md §0.1, upstream #615):
 * no `api_key_*` actions over Flight, keys made with the CLI on the data
 * directory, permissions a granular set checked bit by bit, no bootstrap key.
 */
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runApiKeyCommand } from "../../../server/cli/api-key-command.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { collect } from "../helpers/collect.js";
import { expectError } from "../helpers/expect-error.js";
import { uniqueName } from "../helpers/fixtures.js";
import { clientFor, transportsFor, type FlightClient } from "../helpers/flight-clients.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";
import { CriteriaSchema } from "../../../src/protocol/index.js";
import { create } from "@bufbuild/protobuf";

const HEADER = "mosaico-api-key-token";
const as = (token: string) => ({ [HEADER]: token });

function cli(dataDir: string, ...args: string[]): string {
  const result = runApiKeyCommand([...args, "--data-dir", dataDir], dataDir);
  if (result.status !== 0) throw new Error(result.output);
  return result.output.trim();
}

for (const generation of ["0.6", "0.7"] as const) {
  describe(`release ${generation}`, () => {
    let server: RunningServer;
    let client: FlightClient;
    let dataDir: string;
    const log: string[] = [];

    beforeAll(async () => {
      dataDir = freshDataDir();
      server = await startTestServer({ generation, dataDir, apiKeys: true, log: (line) => log.push(line) });
      client = clientFor(transportsFor(server.url)[0]!.transport);
    });
    afterAll(async () => {
      await server.close();
      removeDataDirs();
    });

    it("mints no hidden key; the first start says how to create one", () => {
      expect(server.bootstrapApiKey).toBeUndefined();
      expect(log.join("\n")).toMatch(/api-key create --permissions \\?"read\|write\|delete\\?"/);
    });

    it("has no api_key_* actions over Flight", async () => {
      const key = cli(dataDir, "create", "--permissions", "read,write,delete");
      for (const name of ["api_key_create", "api_key_status", "api_key_revoke"]) {
        await expectError(action(client, name, {}, as(key)), Code.InvalidArgument, `Bad request: no available action for string \`${name}\`.`);
      }
    });

    it("checks a granular set: write without read may create but not list", async () => {
      const writeOnly = cli(dataDir, "create", "--permissions", "write");
      await action(client, "sequence_create", { locator: uniqueName(), user_metadata: {} }, as(writeOnly));
      await expectError(collect(client.listFlights(create(CriteriaSchema, {}), { headers: as(writeOnly) })), Code.PermissionDenied);
      const readDelete = cli(dataDir, "create", "--permissions", "read,delete");
      await collect(client.listFlights(create(CriteriaSchema, {}), { headers: as(readDelete) }));
      await expectError(action(client, "sequence_create", { locator: uniqueName(), user_metadata: {} }, as(readDelete)), Code.PermissionDenied);
    });

    it("the CLI lists, revokes and purges; a revoked key stops working", async () => {
      const key = cli(dataDir, "create", "--permissions", "read", "--description", "to revoke");
      const fingerprint = key.slice(-8);
      expect(cli(dataDir, "list")).toContain(fingerprint);
      await collect(client.listFlights(create(CriteriaSchema, {}), { headers: as(key) }));
      expect(cli(dataDir, "revoke", fingerprint)).toBe(`revoked ${fingerprint}`);
      expect(cli(dataDir, "status", fingerprint)).toMatch(/revoked/);
      await expectError(collect(client.listFlights(create(CriteriaSchema, {}), { headers: as(key) })), Code.PermissionDenied);
      expect(cli(dataDir, "purge")).toMatch(/^purged [1-9]\d* key/);
      expect(cli(dataDir, "list")).not.toContain(fingerprint);
    });

    it("the CLI refuses a manage level and unknown permissions", () => {
      for (const bad of ["manage", "read,admin", ""]) {
        const result = runApiKeyCommand(["create", "--permissions", bad, "--data-dir", dataDir], dataDir);
        expect(result.status).not.toBe(0);
        expect(result.output).toMatch(/read, write and\/or delete/);
      }
    });

    it("the CLI takes mosaicod's options: \"read|write\", -d, --expires-in (ISO 8601), --expires-at (RFC 3339), purge --all", () => {
      const past = runApiKeyCommand(["create", "--permissions", "read", "--expires-at", "2020-01-01T00:00:00Z", "--data-dir", dataDir], dataDir);
      expect(past.status).not.toBe(0);
      expect(past.output).toMatch(/in the past/);
      const notRfc = runApiKeyCommand(["create", "--permissions", "read", "--expires-at", "2030-01-01", "--data-dir", dataDir], dataDir);
      expect(notRfc.output).toMatch(/RFC 3339/);
      const notIso = runApiKeyCommand(["create", "--permissions", "read", "--expires-in", "30d", "--data-dir", dataDir], dataDir);
      expect(notIso.output).toMatch(/ISO 8601 duration/);
      const token = cli(dataDir, "create", "--permissions", "read|write", "-d", "CI uploader", "--expires-in", "P1Y2M3DT4H");
      const status = cli(dataDir, "status", token.slice(-8));
      expect(status).toMatch(/read,write\s+active/);
      expect(status).toMatch(/CI uploader/);
      const expires = new Date(/expires (\S+)/.exec(status)![1]!);
      const expected = new Date();
      expected.setUTCFullYear(expected.getUTCFullYear() + 1, expected.getUTCMonth() + 2, expected.getUTCDate() + 3);
      expect(Math.abs(expires.getTime() - (expected.getTime() + 4 * 3_600_000))).toBeLessThan(60_000);
      expect(cli(dataDir, "create", "--permissions", "read", "--expires-at", "2099-03-27T12:20:00Z")).toMatch(/^msco_/);
      expect(cli(dataDir, "purge", "--all")).toMatch(/purged \d+ key\(s\)/);
      expect(cli(dataDir, "list")).toBe("");
    });
  });
}
