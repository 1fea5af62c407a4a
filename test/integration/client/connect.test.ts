/**
 * connect(): probe, generation detection, and every way it must fail fast.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { failure } from "../helpers/expect-error.js";
import { protocols, removeDataDirs, startTestServer } from "../helpers/test-server.js";


/** A TCP server that accepts connections and never says a word. */
async function startSilentServer(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let j2: RunningServer;
let j3: RunningServer;
beforeAll(async () => {
  [j2, j3] = await Promise.all([startTestServer({ generation: "0.6" }), startTestServer({ generation: "0.7" })]);
});
afterAll(async () => {
  await Promise.all([j2?.close(), j3?.close()]);
  removeDataDirs();
});

describe.each(protocols)("connect over %s", (protocol) => {
  it("probes the server and detects J2 (version)", async () => {
    await using client = await MosaicoClient.connect("127.0.0.1", j2.port, { protocol });
    expect(client.protocol).toBe(protocol);
    expect(client.generation).toBe("J2");
    const version = await client.version();
    expect(version.semver.minor).toBeGreaterThanOrEqual(6);
    expect(version.generation).toBe("J2");
  });

  it("detects J3 (info) and reads the server limits", async () => {
    await using client = await MosaicoClient.connect({ url: j3.url, protocol });
    expect(client.generation).toBe("J3");
    const info = await client.version();
    expect(info.config?.maxDecodeMessageBytes).toBeGreaterThan(0);
  });

  it("fails with UNAVAILABLE when nothing listens on the port", async () => {
    const silent = await startSilentServer();
    const port = silent.port;
    await silent.close();
    const error = await failure(MosaicoClient.connect("127.0.0.1", port, { protocol, timeoutMs: 3000 }));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it("fails with DEADLINE_EXCEEDED against a server that never answers", async () => {
    const silent = await startSilentServer();
    const started = Date.now();
    const error = await failure(MosaicoClient.connect("127.0.0.1", silent.port, { protocol, timeoutMs: 400 }));
    expect(error.code).toBe(Code.DeadlineExceeded);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(silent.connections()).toBeGreaterThan(0);
    await silent.close();
  });

  it("is aborted by the caller's signal", async () => {
    const silent = await startSilentServer();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(MosaicoClient.connect("127.0.0.1", silent.port, { protocol, signal: controller.signal, timeoutMs: 10_000 }));
    expect(error.code).toBe(Code.Canceled);
    await silent.close();
  });

  it("refuses a malformed key before any connection is made", async () => {
    const silent = await startSilentServer();
    const error = await failure(MosaicoClient.connect("127.0.0.1", silent.port, { protocol, apiKey: "msco_not_a_key" }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(silent.connections()).toBe(0);
    await silent.close();
  });

  it("refuses to send a key in plaintext to a non-loopback host", async () => {
    const apiKey = "msco_k3v9q0z7m2b8x1c4n6w5e0r7t9y2u3i4_0a1b2c3d";
    const error = await failure(MosaicoClient.connect("mosaico.invalid", 6726, { protocol, apiKey }));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.message).toMatch(/plaintext/);
    expect(error.message).not.toContain(apiKey);
  });

  it("fails clearly when TLS is requested from a plaintext server", async () => {
    const error = await failure(MosaicoClient.connect("127.0.0.1", j2.port, { protocol, enableTls: true, timeoutMs: 3000 }));
    expect([Code.Unavailable, Code.Internal, Code.Unknown]).toContain(error.code);
    expect(error.message).toMatch(/cannot connect/);
  });

  it("close() is idempotent and later calls fail clearly", async () => {
    const client = await MosaicoClient.connect("127.0.0.1", j2.port, { protocol });
    await client.close();
    await client.close();
    expect(client.closed).toBe(true);
    const error = await failure(client.listSequences());
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.message).toMatch(/closed/);
  });
});

describe("node entry defaults", () => {
  it("speaks native gRPC by default under Node", async () => {
    await using client = await MosaicoClient.connect("127.0.0.1", j2.port);
    expect(client.protocol).toBe("grpc");
  });

  it("fromEnv reads the key from an explicit env object", async () => {
    const error = await failure(MosaicoClient.fromEnv("127.0.0.1", j2.port, { env: { MOSAICO_API_KEY: "garbage" } }));
    expect(error.code).toBe(Code.InvalidArgument);
    await using client = await MosaicoClient.fromEnv("127.0.0.1", j2.port, { env: {} });
    expect(client.generation).toBe("J2");
  });
});

describe("a URL that is not a Mosaico server", () => {
  it("says so instead of reporting a garbled message", async () => {
    const { createServer } = await import("node:http");
    const web = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>hello</p>"));
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
    const port = (web.address() as AddressInfo).port;
    const error = await failure(MosaicoClient.connect("127.0.0.1", port, { protocol: "grpc-web", timeoutMs: 3000 }));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.message).toMatch(/text\/html, not gRPC-Web/);
    web.close();
  });
});
