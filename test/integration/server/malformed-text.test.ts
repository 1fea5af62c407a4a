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
import { encodeTicket } from "../../../server/flight/bincode-ticket.js";
import { MosaicoClient } from "../../../src/node/index.js";
import { seedImuTopic } from "../helpers/imu-data.js";
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

describe("answers, with the code a mosaicod would give", () => {
  // As text: JSON.stringify of 5,000 levels would overflow this side's stack.
  const nested = (depth: number): string => `${'{"k":'.repeat(depth)}1${"}".repeat(depth)}`;

  it("refuses bodies nested past serde_json's 128 levels as undeserializable, not INTERNAL", async () => {
    const client = clientFor(transportsFor(server.url)[0]!.transport);
    for (const depth of [200, 5000]) {
      for (const [type, payload] of [
        ["sequence_create", `{"locator":"deep_${depth}","user_metadata":${nested(depth)}}`],
        ["query", `{"sequence":{"user_metadata":{"k":{"$eq":${nested(depth)}}}}}`],
      ] as const) {
        const text = new TextEncoder().encode(payload);
        const error = await firstError(() => client.doAction({ type, body: text }, { signal: AbortSignal.timeout(5000) }));
        expect(error.code, `${type} ${depth}: ${error.rawMessage}`).toBe(3); // INVALID_ARGUMENT
        expect(error.rawMessage).toBe("Bad request: body deserialization error.");
      }
    }
  });

  it("keeps a call whose grpc-timeout is beyond a timer's range (99999999H) alive", async () => {
    // Node fires a setTimeout above 2^31 - 1 ms after 1 ms: such a deadline used to end a read at once.
    await using writer = await MosaicoClient.connect({ url: server.url });
    await seedImuTopic(writer, "far_deadline", "/imu", 200_000);
    const client = clientFor(transportsFor(server.url)[0]!.transport);
    let messages = 0;
    for await (const _ of client.doGet({ ticket: encodeTicket({ locator: "far_deadline/imu" }) }, { headers: { "grpc-timeout": "99999999H" } })) {
      messages++;
    }
    expect(messages).toBeGreaterThan(1);
    // A deadline that does pass mid-read is DEADLINE_EXCEEDED, not "server stopping".
    const cut = await firstError(() => client.doGet({ ticket: encodeTicket({ locator: "far_deadline/imu" }) }, { headers: { "grpc-timeout": "2m" } }));
    expect(cut.code).toBe(4);
  });
});
