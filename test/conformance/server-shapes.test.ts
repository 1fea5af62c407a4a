/**
 * The reference server held to the same upstream fixtures as the client:
 * in each release mode its answers have the release's field names and texts,
 * and nothing more (test/conformance/fixtures cite the upstream sources).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/index.js";
import { decodeSchemaBytes, isJsonObject, parseJson, type JsonObject, type JsonValue } from "../../src/protocol/index.js";
import { action } from "../integration/helpers/actions.js";
import { expectError } from "../integration/helpers/expect-error.js";
import { createFixture, uniqueName } from "../integration/helpers/fixtures.js";
import { clientFor, cmdDescriptor, transportsFor, type FlightClient } from "../integration/helpers/flight-clients.js";
import { removeDataDirs, startTestServer } from "../integration/helpers/test-server.js";

const fixtures = join(import.meta.dirname, "fixtures");
const value = (release: string, path: string) =>
  (parseJson(readFileSync(join(fixtures, release, path), "utf8")) as { value: JsonValue }).value;

/** The key structure of a JSON value: objects by sorted keys, recursively; leaves by JSON type. */
function shape(v: JsonValue): unknown {
  if (Array.isArray(v)) return v.length > 0 ? [shape(v[0]!)] : [];
  if (isJsonObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k]!)]));
  if (v === null) return "null";
  return typeof v === "bigint" ? "number" : typeof v;
}

for (const release of ["0.6", "0.7"] as const) {
  describe(`reference server --generation ${release}`, { timeout: 20_000 }, () => {
    let server: RunningServer;
    let client: FlightClient;
    beforeAll(async () => {
      server = await startTestServer({ generation: release });
      client = clientFor(transportsFor(server.url)[0]!.transport);
    });
    afterAll(async () => {
      await server.close();
      removeDataDirs();
    });

    it("answers version/info with exactly the release's fields", async () => {
      const name = release === "0.7" ? "info" : "version";
      const expected = (value(release, `responses/${name}.json`) as JsonObject).response as JsonObject;
      const got = (await action(client, name, {})) as JsonObject;
      expect(shape(got)).toEqual(shape(expected));
      if (release === "0.7") expect(got.config).toEqual(expected.config); // mosaicod's default limits
    });

    it("accepts the 0.6 list and user-metadata-key query bodies", async () => {
      for (const name of ["query_lists", "query_metadata_keys"]) {
        const request = value(release, `requests/${name}.json`) as { action: string; body: JsonValue };
        const got = (await action(client, request.action, request.body)) as JsonObject;
        expect(shape(got)).toEqual({ items: [] });
      }
    });

    it("words an unknown action and a bad body as mosaicod does", async () => {
      const unknown = value(release, "errors/unknown_action.json") as { grpc_code: number; message: string };
      await expectError(action(client, "api_key_create", {}), unknown.grpc_code as Code, unknown.message);
      const bad = value(release, "errors/body_deserialization.json") as { grpc_code: number; message: string };
      await expectError(action(client, "sequence_create", new Uint8Array([0x7b])), bad.grpc_code as Code, bad.message);
    });

    it("topic app-metadata has the release's shape; 0.7 schemas carry no mosaico:* keys", async () => {
      const sequence = uniqueName();
      await createFixture(client, sequence, [{ name: "imu", tag: "imu" }], { vendor: "acme" });
      const info = await client.getFlightInfo(cmdDescriptor({ resource_locator: `${sequence}/imu` }));
      const got = parseJson(new TextDecoder().decode(info.endpoint[0]!.appMetadata)) as JsonObject;
      const expected = value(release, "app-metadata/topic.json") as JsonObject;
      expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
      const schema = decodeSchemaBytes(info.schema);
      const keys = [...(schema?.metadata.keys() ?? [])];
      if (release === "0.7") expect(keys).toEqual([]);
      else expect(keys.sort()).toEqual(Object.keys(value("0.6", "schema-metadata/topic_flight_info.json") as JsonObject).sort());
    });
  });
}
