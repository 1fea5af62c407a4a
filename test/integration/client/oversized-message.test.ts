/**
 * A message over the server's limit is refused on its own call, with
 * RESOURCE_EXHAUSTED, and the connection stays usable. It used to take the
 * whole HTTP/2 session down: the server stopped reading the refused body,
 * the rest of it piled up in the client's session past Node's default
 * maxSessionMemory (10 MB), and nghttp2 ended the connection with
 * ENHANCE_YOUR_CALM, so that call and the next ones failed with INTERNAL.
 * The SDK itself never sends such a message (its transport checks the
 * server's limit first); raw clients on the exported session manager
 * (`createNodeSessionManager`, also the gateway's) now have the cap raised.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Code, MosaicoClient, createNodeSessionManager } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { expectError, failure } from "../helpers/expect-error.js";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { clientFor } from "../helpers/flight-clients.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
beforeAll(async () => {
  // The releases' behaviour: no action-body cap, only the 50 MiB message limit.
  server = await startTestServer({ maxActionBodyBytes: 0 });
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

const metadataOf = (mib: number) => ({ blob: "x".repeat(mib * 1024 * 1024) });

it("the SDK's refused call is RESOURCE_EXHAUSTED and the next call on the connection works", async () => {
  await using client = await MosaicoClient.connect({ url: server.url });
  const error = await failure(client.createSequence("too_big", { userMetadata: metadataOf(60) }));
  expect(error.code).toBe(Code.ResourceExhausted);
  await client.createSequence("fits", { userMetadata: { small: true } });
  expect((await client.sequenceInfo("fits")).name).toBe("fits");
});

it("a raw connect-node client on createNodeSessionManager gets the status, and its connection lives on", async () => {
  // A raw client (no SDK size check) on the SDK's exported session manager: the status arrives, the session survives.
  const raw = clientFor(createGrpcTransport({ baseUrl: server.url, sessionManager: createNodeSessionManager(server.url) }));
  const body = new Uint8Array(60 * 1024 * 1024).fill(0x20);
  await expectError(
    (async () => {
      for await (const _ of raw.doAction({ type: "sequence_create", body })) {
        // no answer expected
      }
    })(),
    Code.ResourceExhausted,
  );
  for await (const _ of raw.doAction({ type: "info", body: new TextEncoder().encode("{}") })) {
    // the connection still serves calls
  }
});
