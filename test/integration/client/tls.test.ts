/**
 * TLS through the SDK: one-way TLS with a custom CA (tlsCertPath and
 * fromEnv's MOSAICO_TLS_CERT_FILE), the key allowed over TLS to any host,
 * and mismatches in both directions failing fast and clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { devCert } from "../helpers/dev-cert.js";
import { failure } from "../helpers/expect-error.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
let caFile: string;
beforeAll(async () => {
  const tls = devCert();
  caFile = tls.certFile;
  server = await startTestServer({ tls, apiKeys: true, keyActions: true });
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

describe("TLS", () => {
  it("connects over native gRPC with the CA from tlsCertPath, key included", async () => {
    await using client = await MosaicoClient.connect("127.0.0.1", server.port, { tlsCertPath: caFile, apiKey: server.bootstrapApiKey });
    expect(client.url).toBe(`https://127.0.0.1:${server.port}`);
    await client.createSequence("tls_seq");
    expect(await client.listSequences()).toContain("tls_seq");
  });

  it("reads the CA and key from the environment with fromEnv", async () => {
    await using client = await MosaicoClient.fromEnv("127.0.0.1", server.port, {
      env: { MOSAICO_TLS_CERT_FILE: caFile, MOSAICO_API_KEY: server.bootstrapApiKey },
    });
    expect(await client.sequenceExists("tls_seq")).toBe(true);
  });

  it("refuses a server whose certificate the system roots do not trust", async () => {
    const error = await failure(MosaicoClient.connect("127.0.0.1", server.port, { enableTls: true, apiKey: server.bootstrapApiKey, timeoutMs: 3000 }));
    expect([Code.Unavailable, Code.Internal, Code.Unknown]).toContain(error.code);
    expect(error.message).toMatch(/cannot connect/);
  });

  it("fails fast when a plaintext client meets a TLS server", async () => {
    const started = Date.now();
    const error = await failure(MosaicoClient.connect("127.0.0.1", server.port, { apiKey: server.bootstrapApiKey, timeoutMs: 3000 }));
    expect(error.message).toMatch(/cannot connect/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("says that fetch cannot take a custom CA under Node", async () => {
    const error = await failure(MosaicoClient.connect("127.0.0.1", server.port, { protocol: "grpc-web", tlsCertPath: caFile }));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.message).toMatch(/custom CA/);
  });

  it("does not print a missing CA file's contents, and names the file", async () => {
    const error = await failure(MosaicoClient.connect("127.0.0.1", server.port, { tlsCertPath: "/nonexistent/ca.pem" }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.message).toContain("/nonexistent/ca.pem");
  });
});
