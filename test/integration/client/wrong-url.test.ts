/**
 * A wrong URL fails the call and never the process: an HTTP/1.1 server, a
 * TLS port spoken to in plaintext, a plaintext port spoken to with TLS, a
 * closed port, a connection reset in the middle of a read, and a gateway
 * whose upstream is not HTTP/2. The client runs in a child process, which
 * must still be alive 5 s after the last failure (an unhandled 'error'
 * event on an HTTP/2 session used to kill it about 2 s after connect had
 * already rejected).
 */
import { execFile } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Code, MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { devCert } from "../helpers/dev-cert.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";
import { imuBatch, imuSchema } from "../helpers/imu-data.js";

const repo = join(import.meta.dirname, "../../..");
const servers: { close(): Promise<void> | void }[] = [];
let http1Url: string;
let tlsServer: RunningServer;
let plainServer: RunningServer;
let gateway: RunningServer;
let closedUrl: string;
let resettingProxyUrl: string;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return (server.address() as net.AddressInfo).port;
}

/** A TCP proxy to `port` that resets the client's socket once `afterBytes` came back from the server. */
async function resettingProxy(port: number, afterBytes: number): Promise<string> {
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    sockets.add(client).add(upstream);
    let sent = 0;
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > afterBytes) {
        client.resetAndDestroy();
        upstream.destroy();
      } else client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  const proxyPort = await listen(proxy);
  servers.push({ close: () => sockets.forEach((s) => s.destroy()) });
  return `http://127.0.0.1:${proxyPort}`;
}

beforeAll(async () => {
  const h1 = http.createServer((_req, res) => res.end("<html>a dashboard</html>"));
  http1Url = `http://127.0.0.1:${await listen(h1)}`;
  tlsServer = await startTestServer({ tls: devCert() });
  plainServer = await startTestServer();
  gateway = await startTestServer({ upstream: { address: http1Url } });
  servers.push(tlsServer, plainServer, gateway);
  const spare = net.createServer();
  const sparePort = await listen(spare);
  await new Promise<void>((resolve) => spare.close(() => resolve()));
  closedUrl = `http://127.0.0.1:${sparePort}`;
  // 120,000 IMU rows: megabytes of DoGet, so the reset lands mid-read.
  await using client = await MosaicoClient.connect({ url: plainServer.url });
  await client.writeSequence("reset_seq", {}, async (writer) => {
    const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await imu.push(imuBatch(0, 120_000));
  });
  resettingProxyUrl = await resettingProxy(plainServer.port, 2 * 1024 * 1024);
});

afterAll(async () => {
  for (const server of servers.splice(0).reverse()) await server.close();
  removeDataDirs();
});

it("each wrong URL rejects with a MosaicoError and the process is alive 5 s later", { timeout: 60_000 }, async () => {
  const tlsPlainUrl = `http://127.0.0.1:${tlsServer.port}`;
  const cases = [
    ...(["grpc", "grpc-web"] as const).flatMap((protocol) => [
      { name: `http1-${protocol}`, url: http1Url, protocol },
      { name: `plaintext-to-tls-${protocol}`, url: tlsPlainUrl, protocol },
      { name: `tls-to-plaintext-${protocol}`, url: plainServer.url, protocol, enableTls: true },
      { name: `closed-${protocol}`, url: closedUrl, protocol },
      { name: `reset-mid-read-${protocol}`, url: resettingProxyUrl, protocol, readTopic: "reset_seq/imu" },
      { name: `gateway-to-http1-${protocol}`, url: gateway.url, protocol },
    ]),
  ];
  const tsx = join(repo, "node_modules/.bin/tsx");
  const child = join(repo, "test/integration/helpers/wrong-url-child.ts");
  const { stdout } = await promisify(execFile)(tsx, [child, JSON.stringify({ cases, aliveMs: 5000 })], { cwd: repo, timeout: 50_000 });
  const lines = stdout.trim().split("\n");
  expect(lines.at(-1)).toBe("alive");
  const results = new Map(lines.slice(0, -1).map((line) => {
    const result = JSON.parse(line) as { name: string; code?: number; message?: string; rows?: number };
    return [result.name, result];
  }));
  expect([...results.keys()].sort()).toEqual(cases.map((c) => c.name).sort());
  const expected: Record<string, RegExp> = {
    http1: /cannot connect.*(does not speak HTTP\/2|not gRPC-Web)/,
    "plaintext-to-tls": /cannot connect.*https:/,
    "tls-to-plaintext": /cannot connect.*(does not speak TLS|wrong version number)/,
    closed: /cannot connect.*ECONNREFUSED/,
    "reset-mid-read": /connection was lost after \d+ rows of reset_seq\/imu/,
    "gateway-to-http1": /cannot connect.*gateway: cannot reach the upstream/,
  };
  for (const [name, result] of results) {
    expect.soft(result.code, `${name}: ${result.message}`).toBe(Code.Unavailable);
    expect.soft(result.message, name).toMatch(expected[name.replace(/-grpc(-web)?$/, "")]!);
  }
  console.log([...results.values()].map((r) => `${r.name}: [${r.code}] ${r.message}`).join("\n"));
});
