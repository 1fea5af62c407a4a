/**
 * Every call gets an answer, even when the text it carries cannot be put in
 * a gRPC status as it is: a lone UTF-16 surrogate in a locator (valid JSON,
 * "\ud800") used to make connect's grpc-message encoding throw URIError, and
 * the stream stayed open with no status. The reference server now answers
 * with the message made well-formed (U+FFFD in place of the surrogate),
 * over h2c and gRPC-Web, for unary-style actions and streamed responses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectError } from "@connectrpc/connect";
import type { RunningServer } from "../../../server/index.js";
import { clientFor, transportsFor } from "../helpers/flight-clients.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

const lone = "fa_\ud800";
const body = (value: object) => new TextEncoder().encode(JSON.stringify(value));

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

async function firstError(run: () => AsyncIterable<unknown>): Promise<ConnectError> {
  try {
    for await (const _ of run()) {
      // drain
    }
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error("expected an error status");
}

describe.each(["grpc/h2", "grpc-web/1.1"])("over %s", (name) => {
  it("answers an action naming a lone surrogate, within the deadline", async () => {
    const client = clientFor(transportsFor(server.url).find((t) => t.name === name)!.transport);
    const signal = AbortSignal.timeout(5000);
    for (const [type, payload] of [
      ["sequence_info", { locator: lone }],
      ["topic_create", { locator: `${lone}/imu`, session_uuid: "00000000-0000-4000-8000-000000000000", serialization_format: "default", ontology_tag: "imu", user_metadata: {} }],
      ["sequence_create", { locator: "ok_name", user_metadata: { [lone]: lone } }],
    ] as const) {
      const error = await firstError(() => client.doAction({ type, body: body(payload) }, { signal }));
      expect(error.rawMessage, type).not.toMatch(/aborted|deadline/i);
      expect(error.rawMessage, type).not.toMatch(/[\uD800-\uDFFF]/);
    }
  });
  it("cuts a status text that quotes a huge name, and says how long it was", async () => {
    const client = clientFor(transportsFor(server.url).find((t) => t.name === name)!.transport);
    const huge = "n".repeat(200_000);
    const error = await firstError(() => client.doAction({ type: "sequence_delete", body: body({ locator: huge }) }, { signal: AbortSignal.timeout(5000) }));
    expect(error.rawMessage.length).toBeLessThanOrEqual(1024);
    expect(error.rawMessage).toMatch(/message cut; \d+ characters in all/);
  });
});
