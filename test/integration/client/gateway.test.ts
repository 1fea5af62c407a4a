/**
 * Gateway mode, for real: reference server A in store mode with API keys on
 * (standing in for mosaicod, reached over native gRPC only), and reference
 * servers in gateway mode in front of it. The SDK talks to the gateways over
 * gRPC-Web (streamed and buffered uploads) and native gRPC.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlightDataSchema, FlightService } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { MosaicoClient, MosaicoError, type ConnectOptions } from "../../../src/node/index.js";
import { startServer, type RunningServer, type ServerOptions, type UpstreamOptions } from "../../../server/index.js";
import { collect } from "../helpers/collect.js";
import { devCert } from "../helpers/dev-cert.js";
import { expectError, failure } from "../helpers/expect-error.js";
import { checkImuRows, imuBatch, imuSchema } from "../helpers/imu-data.js";
import { startTcpGate, type TcpGate } from "../helpers/tcp-gate.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

const modes: Array<[string, ConnectOptions]> = [
  ["grpc-web streamed", { protocol: "grpc-web" }],
  ["grpc-web buffered", { protocol: "grpc-web", streamUploads: "never" }],
  ["grpc", { protocol: "grpc" }],
];

const ROWS = 100_000; // ~6.4 MB of IMU rows
// Well-formed but unknown to A.
const BOGUS_KEY = "msco_abcdefghijklmnopqrstuvwxyz012345_0badc0de";


let counter = 0;
function sequenceName(label: string): string {
  counter += 1;
  return `gw_${label.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}_${counter}`;
}

async function writeImu(client: MosaicoClient, sequence: string, rows: number, onPushed?: (rows: number) => Promise<void>): Promise<void> {
  await client.writeSequence(sequence, { userMetadata: { via: "gateway" } }, async (writer) => {
    const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    for (let start = 0; start < rows; start += 25_000) {
      await imu.push(imuBatch(start, Math.min(25_000, rows - start)));
      await onPushed?.(start + 25_000);
    }
  });
}

async function readImu(client: MosaicoClient, locator: string): Promise<number> {
  let next = 0;
  for await (const batch of await client.topicReader(locator)) next = checkImuRows(batch, next);
  return next;
}

let upstream: RunningServer;
let upstreamKey: string;
const gateways: RunningServer[] = [];

async function gateway(upstreamOptions: Partial<UpstreamOptions> = {}, options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    upstream: { address: `127.0.0.1:${upstream.port}`, apiKey: upstreamKey, ...upstreamOptions },
    ...options,
  });
  gateways.push(server);
  return server;
}

/** A client of A itself, with the manage key. */
function upstreamClient(): Promise<MosaicoClient> {
  return MosaicoClient.connect({ url: upstream.url, apiKey: upstreamKey });
}

beforeAll(async () => {
  upstream = await startTestServer({ apiKeys: true, keyActions: true });
  upstreamKey = upstream.bootstrapApiKey!;
});
afterAll(async () => {
  for (const server of gateways) await server.close();
  await upstream?.close();
  removeDataDirs();
});

describe("gateway with the upstream key injected", () => {
  let gw: RunningServer;
  const dataDir = join(tmpdir(), `mosaico-gateway-no-store-${process.pid}`);

  beforeAll(async () => {
    gw = await gateway({}, { dataDir });
  });

  it("opens no local store", () => {
    expect(gw.mode).toBe("gateway");
    expect(gw.upstreamUrl).toBe(upstream.url);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("A refuses a client without key; the gateway serves it, and ignores the key a client sends", async () => {
    const direct = await failure(MosaicoClient.connect({ url: upstream.url }));
    expect(direct.code).toBe(Code.PermissionDenied);
    expect(direct.message).toContain("Missing API key in request header.");
    for (const apiKey of [undefined, BOGUS_KEY]) {
      const client = await MosaicoClient.connect({ url: gw.url, protocol: "grpc-web", ...(apiKey && { apiKey }) });
      expect(await client.listSequences()).toBeInstanceOf(Array);
      await client.close();
    }
  });

  describe.each(modes)("SDK over %s", (label, options) => {
    let client: MosaicoClient;
    beforeAll(async () => {
      client = await MosaicoClient.connect({ url: gw.url, ...options });
    });
    afterAll(async () => {
      await client?.close();
    });

    it(`catalog, then writes ${ROWS} IMU rows and reads them back value-exact`, async () => {
      const sequence = sequenceName(label);
      await writeImu(client, sequence, ROWS);
      expect(await client.listSequences()).toContain(sequence);
      const info = await client.sequenceInfo(sequence);
      expect(info.topics.map((t) => t.name)).toEqual(["/imu"]);
      expect(await readImu(client, `${sequence}/imu`)).toBe(ROWS);
      // The data lives in A.
      const direct = await upstreamClient();
      expect((await direct.topicInfo(`${sequence}/imu`)).locked).toBe(true);
      await direct.close();
    });

    it("passes upstream errors through with their code and message", async () => {
      const direct = await upstreamClient();
      try {
        for (const call of [
          (c: MosaicoClient) => c.sequenceInfo("no_such_sequence"),
          (c: MosaicoClient) => c.deleteSequence("no_such_sequence"),
          (c: MosaicoClient) => c.topicReader("no_such_sequence/imu"),
        ]) {
          const viaGateway = await failure(call(client));
          const fromUpstream = await failure(call(direct));
          expect(viaGateway.code).toBe(fromUpstream.code);
          expect(viaGateway.rawMessage).toBe(fromUpstream.rawMessage);
        }
      } finally {
        await direct.close();
      }
    });
  });

  it("passes DoPut errors through unchanged (gRPC, and gRPC-Web buffered over HTTP/1.1)", async () => {
    const bad = create(FlightDataSchema, { dataBody: new Uint8Array(64) });
    const requests = () => (async function* () { yield bad; yield bad; })();
    const direct = createClient(FlightService, createGrpcTransport({ baseUrl: upstream.url }));
    const expected = await expectError(collect(direct.doPut(requests(), { headers: { "mosaico-api-key-token": upstreamKey } })), Code.InvalidArgument);
    for (const transport of [createGrpcTransport({ baseUrl: gw.url }), createGrpcWebTransport({ baseUrl: gw.url, httpVersion: "1.1" })]) {
      const raw = createClient(FlightService, transport);
      await expectError(collect(raw.doPut(requests())), expected.code, expected.rawMessage);
    }
  });

  it("DoPut goes upstream as it arrives, and DoGet batches reach the client before the upstream finished", async () => {
    const gate = await startTcpGate(upstream.port);
    const gated = await gateway({ address: gate.address });
    const client = await MosaicoClient.connect({ url: gated.url, protocol: "grpc-web" });
    try {
      // Upload: 2.4 MB pushed, then we wait for those bytes to reach A while the upload is still open.
      const sequence = sequenceName("streaming");
      const rows = 400_000;
      let sawEarlyBytes = false;
      await writeImu(client, sequence, rows, async (pushed) => {
        if (pushed !== 75_000) return;
        const deadline = Date.now() + 10_000;
        while (gate.sentUp() < 2_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        sawEarlyBytes = gate.sentUp() >= 2_000_000;
      });
      expect(sawEarlyBytes, "upload bytes reached the upstream before the upload ended").toBe(true);

      // Download: A's answer is held once 2 MB of it passed, until the client
      // has its first batch. A gateway that buffered whole responses would
      // deliver nothing before A finished, and A cannot finish while held.
      gate.holdDownAfter(gate.sentDown() + 2_000_000);
      const started = performance.now();
      const reader = await client.topicReader(`${sequence}/imu`);
      const iterator = reader[Symbol.asyncIterator]();
      const first = await Promise.race([
        iterator.next(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no batch while the upstream was held: the gateway buffers")), 10_000)),
      ]);
      const firstMs = performance.now() - started;
      expect(first.done).toBe(false);
      // The response really is larger than what passed: A ends up held.
      const deadline = Date.now() + 10_000;
      while (!gate.holding() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(gate.holding(), "the upstream is held with the first batch already delivered").toBe(true);
      let next = checkImuRows(first.value!, 0);
      gate.release();
      for (let item = await iterator.next(); !item.done; item = await iterator.next()) next = checkImuRows(item.value, next);
      const totalMs = performance.now() - started;
      expect(next).toBe(rows);
      expect(firstMs).toBeLessThan(totalMs);
    } finally {
      await client.close();
      gate.release();
      await gate.close();
    }
  });

  it("answers CORS preflights and tags responses for browsers, as in store mode", async () => {
    const preflight = await fetch(`${gw.url}/arrow.flight.protocol.FlightService/DoAction`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-grpc-web,mosaico-api-key-token",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")!.toLowerCase()).toContain("mosaico-api-key-token");
  });
});

describe("gateway forwarding the caller's key", () => {
  it("a keyless call gets A's PERMISSION_DENIED unchanged; a keyed call works", async () => {
    const gw = await gateway({ apiKey: undefined });
    const viaGateway = await failure(MosaicoClient.connect({ url: gw.url, protocol: "grpc-web" }));
    const direct = await failure(MosaicoClient.connect({ url: upstream.url }));
    expect(viaGateway.code).toBe(Code.PermissionDenied);
    expect((viaGateway.cause as MosaicoError).rawMessage).toBe((direct.cause as MosaicoError).rawMessage);
    expect(viaGateway.message).toContain("Missing API key in request header.");
    const bogus = await failure(MosaicoClient.connect({ url: gw.url, protocol: "grpc-web", apiKey: BOGUS_KEY }));
    const bogusDirect = await failure(MosaicoClient.connect({ url: upstream.url, apiKey: BOGUS_KEY }));
    expect(bogus.code).toBe(bogusDirect.code);
    expect((bogus.cause as MosaicoError).rawMessage).toBe((bogusDirect.cause as MosaicoError).rawMessage);
    const client = await MosaicoClient.connect({ url: gw.url, protocol: "grpc-web", apiKey: upstreamKey });
    expect(await client.listSequences()).toBeInstanceOf(Array);
    await client.close();
  });
});

describe("allow-lists", () => {
  let sequence: string;
  beforeAll(async () => {
    sequence = sequenceName("readable");
    const direct = await upstreamClient();
    await writeImu(direct, sequence, 30_000);
    await direct.close();
  });

  it.each(modes)("a read-only gateway serves reads and refuses writes and deletes with PERMISSION_DENIED (%s)", async (_label, options) => {
    const gw = await gateway({ allow: ["read"] });
    const client = await MosaicoClient.connect({ url: gw.url, ...options });
    try {
      expect(await client.listSequences()).toContain(sequence);
      expect(await readImu(client, `${sequence}/imu`)).toBe(30_000);
      const write = await failure(writeImu(client, sequenceName("refused"), 10));
      expect(write.code).toBe(Code.PermissionDenied);
      expect(write.message).toMatch(/Unauthorized: this gateway does not forward sequence_create \(it needs write permission\); it allows read\./);
      const del = await failure(client.deleteSequence(sequence));
      expect(del.code).toBe(Code.PermissionDenied);
      expect(del.message).toMatch(/sequence_delete/);
      expect(await client.sequenceExists(sequence)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("DoPut and write actions are refused before anything goes upstream", async () => {
    // The upstream does not exist: anything forwarded would fail with UNAVAILABLE.
    const gw = await gateway({ address: "127.0.0.1:1", allow: ["read"] });
    const put = create(FlightDataSchema, { dataBody: new Uint8Array(64) });
    for (const transport of [
      createGrpcTransport({ baseUrl: gw.url }),
      createGrpcWebTransport({ baseUrl: gw.url, httpVersion: "1.1" }),
    ]) {
      const raw = createClient(FlightService, transport);
      await expectError(collect(raw.doPut((async function* () { yield put; yield put; })())), Code.PermissionDenied, /does not forward DoPut \(it needs write permission\)/);
      await expectError(collect(raw.doAction({ type: "topic_delete", body: new TextEncoder().encode("{}") })), Code.PermissionDenied, /topic_delete/);
      await expectError(collect(raw.doAction({ type: "api_key_create", body: new Uint8Array() })), Code.PermissionDenied, /api_key_create \(it needs manage permission\)/);
      await expectError(collect(raw.doAction({ type: "some_future_verb", body: new Uint8Array() })), Code.PermissionDenied, /some_future_verb;/);
      // Allowed calls do go upstream (and fail, since there is none).
      await expectError(collect(raw.listFlights({})), Code.Unavailable, /^gateway: cannot reach the upstream http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    }
  });

  it("explicit action names: read plus sequence_create only", async () => {
    const gw = await gateway({ allow: ["read|sequence_create"] });
    const client = await MosaicoClient.connect({ url: gw.url, protocol: "grpc-web" });
    try {
      const name = sequenceName("explicit");
      await client.createSequence(name);
      expect(await client.sequenceExists(name)).toBe(true);
      const session = await failure(client.createSession(name));
      expect(session.code).toBe(Code.PermissionDenied);
      expect(session.message).toMatch(/session_create/);
    } finally {
      await client.close();
    }
  });
});

describe("upstream over TLS", () => {
  it("verifies the upstream with --upstream-ca and forwards over h2", async () => {
    const tls = devCert();
    const tlsUpstream = await startTestServer({ tls });
    try {
      const gw = await gateway({ address: `127.0.0.1:${tlsUpstream.port}`, tls: true, caFile: tls.certFile, apiKey: undefined });
      expect(gw.upstreamUrl).toMatch(/^https:/);
      const client = await MosaicoClient.connect({ url: gw.url, protocol: "grpc-web" });
      const sequence = sequenceName("tls");
      await writeImu(client, sequence, 10_000);
      expect(await readImu(client, `${sequence}/imu`)).toBe(10_000);
      await client.close();
      // Without the CA the upstream handshake fails: UNAVAILABLE naming the upstream.
      const untrusted = await gateway({ address: `127.0.0.1:${tlsUpstream.port}`, tls: true, apiKey: undefined });
      const error = await failure(MosaicoClient.connect({ url: untrusted.url, protocol: "grpc-web" }));
      expect(error.code).toBe(Code.Unavailable);
      expect(error.message).toMatch(/gateway: cannot reach the upstream https:\/\/127\.0\.0\.1:\d+: self-signed certificate/);
      expect(readFileSync(tls.certFile, "utf8")).toContain("CERTIFICATE");
    } finally {
      await tlsUpstream.close();
    }
  });
});

describe("CLI", () => {
  const tsxCli = join(process.cwd(), "node_modules/tsx/dist/cli.mjs");

  async function spawnServer(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; banner: string }> {
    const child = spawn(process.execPath, [tsxCli, "server/main.ts", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(text);
        if (match) resolve(match[1]!);
      });
      child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${text}`)));
    });
    return { child, url, banner: text };
  }

  it("--upstream --upstream-api-key-env --allow read: a read-only gateway holding the key", async () => {
    const { child, url, banner } = await spawnServer(
      ["--port", "0", "--upstream", `127.0.0.1:${upstream.port}`, "--upstream-api-key-env", "GW_TEST_KEY", "--allow", "read"],
      { GW_TEST_KEY: upstreamKey },
    );
    try {
      expect(banner).toContain(`gateway to ${upstream.url}`);
      expect(banner).toContain("upstream key injected");
      expect(banner).not.toContain(upstreamKey);
      const client = await MosaicoClient.connect({ url, protocol: "grpc-web" });
      expect(await client.listSequences()).toBeInstanceOf(Array);
      expect((await failure(client.createSequence(sequenceName("cli")))).code).toBe(Code.PermissionDenied);
      await client.close();
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses gateway flags without --upstream and a missing key variable", () => {
    const run = (args: string[]) => {
      try {
        execFileSync(process.execPath, [tsxCli, "server/main.ts", ...args], { stdio: "pipe", env: { ...process.env, GW_UNSET: "" } });
        return "";
      } catch (error) {
        return String((error as { stderr: Buffer }).stderr);
      }
    };
    expect(run(["--allow", "read"])).toContain("--allow needs --upstream");
    expect(run(["--upstream", "127.0.0.1:1", "--upstream-api-key-env", "GW_UNSET"])).toContain("GW_UNSET: the variable is unset or empty");
    expect(run(["--upstream", "127.0.0.1:1", "--api-key"])).toContain("in gateway mode the upstream checks keys");
  });
});
