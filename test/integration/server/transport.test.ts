/** One port for every protocol: CORS, TLS, raw-socket robustness and clean shutdown. */
import { readFileSync } from "node:fs";
import http2 from "node:http2";
import net from "node:net";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionSchema } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { devCert } from "../helpers/dev-cert.js";
import { expectError } from "../helpers/expect-error.js";
import { clientFor, transportsFor } from "../helpers/flight-clients.js";
import { freshDataDir, removeDataDirs, startTestServer } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

/** A gRPC-Web request as a browser would send it (binary, one data frame). */
function grpcWebActionRequest(type: string, body: string): Uint8Array<ArrayBuffer> {
  const message = toBinary(ActionSchema, create(ActionSchema, { type, body: new TextEncoder().encode(body) }));
  const frame = new Uint8Array(5 + message.length);
  new DataView(frame.buffer).setUint32(1, message.length);
  frame.set(message, 5);
  return frame;
}

describe("CORS", () => {
  let open: RunningServer;
  let restricted: RunningServer;
  beforeAll(async () => {
    open = await startTestServer({ generation: "0.6" });
    restricted = await startTestServer({ generation: "0.6", corsOrigins: ["https://app.example", "http://localhost:5173"] });
  });
  afterAll(async () => {
    await Promise.all([open.close(), restricted.close()]);
  });

  const preflight = (url: string, origin: string) =>
    fetch(`${url}/arrow.flight.protocol.FlightService/DoAction`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-grpc-web,mosaico-api-key-token",
      },
    });

  it("answers a preflight with 204 and the gRPC-Web + Mosaico headers", async () => {
    const res = await preflight(open.url, "https://anywhere.example");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    const allowed = res.headers.get("access-control-allow-headers")!.toLowerCase().split(/,\s*/);
    for (const header of [
      "content-type",
      "x-grpc-web",
      "x-user-agent",
      "grpc-timeout",
      "connect-protocol-version",
      "mosaico-api-key-token",
      "grpc-encoding",
      "grpc-accept-encoding",
    ]) {
      expect(allowed).toContain(header);
    }
  });

  it("echoes an allowed origin and refuses others", async () => {
    const ok = await preflight(restricted.url, "http://localhost:5173");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const denied = await preflight(restricted.url, "https://evil.example");
    expect(denied.status).toBe(403);
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("exposes grpc-status/grpc-message/grpc-encoding on a browser-style gRPC-Web call", async () => {
    const res = await fetch(`${restricted.url}/arrow.flight.protocol.FlightService/DoAction`, {
      method: "POST",
      headers: {
        origin: "https://app.example",
        "content-type": "application/grpc-web+proto",
        "x-grpc-web": "1",
      },
      body: grpcWebActionRequest("version", "{}"),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
    const exposed = res.headers.get("access-control-expose-headers")!.toLowerCase();
    for (const header of ["grpc-status", "grpc-message", "grpc-encoding"]) {
      expect(exposed).toContain(header);
    }
    const payload = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
    expect(payload).toContain('{"action":"version"');
    expect(payload).toMatch(/grpc-status: ?0/);
  });
});

describe("TLS", () => {
  it("serves gRPC over h2 and gRPC-Web over HTTP/1.1 on one https port", async () => {
    const tls = devCert();
    const server = await startTestServer({ generation: "0.6", tls });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(tls.certFile);
      for (const { name, transport } of transportsFor(server.url, ca)) {
        const client = clientFor(transport);
        expect(await action(client, "version", {}), name).toMatchObject({ version: "0.6.0" });
      }
      // Without the CA the handshake fails: the server really is TLS-only.
      const untrusted = clientFor(transportsFor(server.url)[1]!.transport);
      await expect(action(untrusted, "version", {})).rejects.toThrow();
    } finally {
      await server.close();
    }
  });
});

describe("robustness and shutdown", () => {
  it("survives garbage and abrupt disconnects on the shared port", async () => {
    const server = await startTestServer({ generation: "0.6" });
    try {
      const payloads = [
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x99garbage",
        "GARBAGE / NOT-HTTP\r\n\r\n",
        "PRI",
        "POST /arrow.flight.protocol.FlightService/DoAction HTTP/1.1\r\nContent-Length: 99\r\n\r\nshort",
      ];
      await Promise.all(
        payloads.map(
          (payload) =>
            new Promise<void>((resolve) => {
              const socket = net.connect(server.port, "127.0.0.1", () => {
                socket.write(payload);
                setTimeout(() => socket.destroy(), 20);
              });
              socket.on("error", () => {});
              socket.on("close", () => resolve());
            }),
        ),
      );
      for (const { transport } of transportsFor(server.url)) {
        expect(await action(clientFor(transport), "version", {})).toMatchObject({ version: "0.6.0" });
      }
    } finally {
      await server.close();
    }
  });

  it("close() ends connections, releases the port and the catalog", async () => {
    const dataDir = freshDataDir();
    const server = await startTestServer({ generation: "0.6", dataDir });
    const clients = transportsFor(server.url).map(({ transport }) => clientFor(transport));
    for (const client of clients) await action(client, "version", {}); // keep-alive connections
    await Promise.all([server.close(), server.close()]); // idempotent
    await expectError(action(clients[0]!, "version", {}), Code.Unavailable);
    // Same port and same data dir again: both were released.
    const again = await startTestServer({ generation: "0.6", dataDir, port: server.port });
    try {
      expect(again.port).toBe(server.port);
      expect(await action(clients[1]!, "version", {})).toMatchObject({ version: "0.6.0" });
    } finally {
      await again.close();
    }
  });

  it("close() ends calls that are still open", async () => {
    const server = await startTestServer({ generation: "0.6" });
    // An h2 gRPC call whose request body never arrives keeps the handler waiting.
    const session = http2.connect(server.url);
    session.on("error", () => {});
    const stream = session.request({
      ":method": "POST",
      ":path": "/arrow.flight.protocol.FlightService/DoAction",
      "content-type": "application/grpc",
      te: "trailers",
    });
    stream.on("error", () => {});
    const ended = new Promise<void>((resolve) => stream.once("close", () => resolve()));
    await new Promise((resolve) => session.once("connect", resolve));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the handler is now waiting
    const started = Date.now();
    await server.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(2_000);
    session.destroy();
  });

  it("reports a busy port as a startup error", async () => {
    const server = await startTestServer({ generation: "0.6" });
    try {
      await expect(startTestServer({ generation: "0.6", port: server.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await server.close();
    }
  });
});
