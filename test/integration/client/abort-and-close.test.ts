/**
 * Calls that hang: the per-call timeout, the caller's signal and close() all
 * end them promptly. A real proxy holds the call without an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { startRecordingProxy, type RecordingProxy } from "../helpers/recording-proxy.js";
import { failure } from "../helpers/expect-error.js";
import { protocols, removeDataDirs, startTestServer } from "../helpers/test-server.js";


let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

describe.each(protocols)("hanging calls over %s", (protocol) => {
  let proxy: RecordingProxy;
  let client: MosaicoClient;
  beforeAll(async () => {
    proxy = await startRecordingProxy(server.url, protocol, { stallMethod: "/ListFlights" });
    client = await MosaicoClient.connect({ url: proxy.url, protocol });
  });
  afterAll(async () => {
    await client?.close();
    await proxy?.close();
  });

  it("times out with DEADLINE_EXCEEDED", async () => {
    const error = await failure(client.listSequences({ timeoutMs: 300 }));
    expect(error.code).toBe(Code.DeadlineExceeded);
  });

  it("is cancelled by the caller's signal", async () => {
    const controller = new AbortController();
    const pending = client.listSequences({ signal: controller.signal, timeoutMs: 30_000 });
    setTimeout(() => controller.abort(), 100);
    expect((await failure(pending)).code).toBe(Code.Canceled);
  });

  it("is aborted by close()", async () => {
    const other = await MosaicoClient.connect({ url: proxy.url, protocol });
    const pending = other.listSequences({ timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await other.close();
    expect((await failure(pending)).code).toBe(Code.Canceled);
  });
});
