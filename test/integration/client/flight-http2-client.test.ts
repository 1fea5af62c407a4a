/**
 * The HTTP/2 client of the FlightData streams (src/node/flight-http2-client.ts)
 * against a raw node:http2 server: bounded read-ahead, cancellation that
 * reaches the server as RST_STREAM CANCEL, trailers, reset codes and request
 * bodies written without a wait per chunk.
 */
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import { createFlightHttp2Client } from "../../../src/node/flight-http2-client.js";
import { createNodeSessionManager } from "../../../src/node/guarded-session-manager.js";

type Handler = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void;

const servers: http2.Http2Server[] = [];
const managers: { abort(): void }[] = [];

afterEach(async () => {
  managers.splice(0).forEach((m) => m.abort());
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Handler) {
  const server = http2.createServer();
  server.on("stream", (stream, headers) => {
    stream.on("error", () => {}); // the client's resets, expected here
    handler(stream, headers);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const manager = createNodeSessionManager(url, { pingIntervalMs: 0 });
  managers.push(manager);
  return { url, client: createFlightHttp2Client(manager, 1 << 20) };
}

const call = (url: string, body?: AsyncIterable<Uint8Array>, signal?: AbortSignal) => ({
  url: `${url}/arrow.flight.protocol.FlightService/DoGet`,
  method: "POST",
  header: new Headers({ "content-type": "application/grpc" }),
  ...(body ? { body } : {}),
  ...(signal ? { signal } : {}),
});

async function* once(bytes: Uint8Array) {
  yield bytes;
}

/** The server's end of a stream: how it closed (RST code) once it has. */
const closed = (stream: http2.ServerHttp2Stream) => new Promise<number>((r) => stream.once("close", () => r(stream.rstCode)));

describe("FlightData HTTP/2 client", () => {
  it("reads a whole response and its trailers", async () => {
    const { url, client } = await serve((stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0", "x-extra": "kept" }));
      for (let i = 0; i < 100; i++) stream.write(new Uint8Array(50_000).fill(i));
      stream.end();
    });
    const response = await client(call(url, once(new Uint8Array(5))));
    expect(response.status).toBe(200);
    let bytes = 0;
    let sum = 0;
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      for (const b of chunk) sum += b;
    }
    expect(bytes).toBe(5_000_000);
    expect(sum).toBe(50_000 * ((99 * 100) / 2));
    expect(response.trailer.get("grpc-status")).toBe("0");
    expect(response.trailer.get("x-extra")).toBe("kept");
  });

  it("pauses the server once its read-ahead is full, and resumes when read", async () => {
    let sent = 0;
    const { url, client } = await serve((stream) => {
      stream.respond({ ":status": 200 });
      const chunk = new Uint8Array(64 * 1024);
      const pump = () => {
        while (sent < 64 << 20) {
          sent += chunk.byteLength;
          if (!stream.write(chunk)) return void stream.once("drain", pump);
        }
        stream.end();
      };
      pump();
    });
    const response = await client(call(url, once(new Uint8Array(5))));
    const body = response.body[Symbol.asyncIterator]();
    await body.next();
    await new Promise((r) => setTimeout(r, 300));
    // Read-ahead 1 MiB + Node's 64 KiB windows + socket and stream buffers; far from the 64 MiB on offer.
    expect(sent).toBeLessThan(8 << 20);
    let read = 0;
    for (let next = await body.next(); !next.done; next = await body.next()) read += next.value.byteLength;
    expect(read).toBeGreaterThan((64 << 20) - (64 << 10) * 2);
  });

  it("a reader that stops early cancels the stream (RST_STREAM CANCEL at the server)", async () => {
    let serverClosed: Promise<number> | undefined;
    const { url, client } = await serve((stream) => {
      serverClosed = closed(stream);
      stream.respond({ ":status": 200 });
      stream.write(new Uint8Array(1000));
      // and never ends
    });
    const response = await client(call(url, once(new Uint8Array(5))));
    for await (const chunk of response.body) {
      expect(chunk.byteLength).toBe(1000);
      break;
    }
    expect(await serverClosed).toBe(http2.constants.NGHTTP2_CANCEL);
  });

  it("an aborted signal fails the read with CANCELED and reaches the server as CANCEL", async () => {
    let serverClosed: Promise<number> | undefined;
    const { url, client } = await serve((stream) => {
      serverClosed = closed(stream);
      stream.respond({ ":status": 200 });
      stream.write(new Uint8Array(10));
    });
    const controller = new AbortController();
    const response = await client(call(url, once(new Uint8Array(5)), controller.signal));
    const body = response.body[Symbol.asyncIterator]();
    await body.next();
    setTimeout(() => controller.abort(new ConnectError("stop", Code.Canceled)), 20);
    const error = await body.next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.Canceled);
    expect(await serverClosed).toBe(http2.constants.NGHTTP2_CANCEL);
  });

  it("maps a server's RST_STREAM REFUSED_STREAM to UNAVAILABLE", async () => {
    const { url, client } = await serve((stream) => stream.close(http2.constants.NGHTTP2_REFUSED_STREAM));
    const error = await client(call(url, once(new Uint8Array(5)))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ConnectError).code).toBe(Code.Unavailable);
    expect((error as ConnectError).message).toContain("REFUSED_STREAM");
  });

  it("stops pulling the request body once 4 MiB wait for a server that does not read", async () => {
    const { url, client } = await serve((stream) => {
      stream.pause(); // takes nothing: only the HTTP/2 windows (64 KiB by default) let bytes through
      stream.respond({ ":status": 200 });
    });
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 64 * 1024;
        yield new Uint8Array(64 * 1024);
      }
    }
    const controller = new AbortController();
    const response = await client(call(url, endless(), controller.signal));
    await new Promise((r) => setTimeout(r, 300));
    expect(pulled).toBeGreaterThanOrEqual(4 << 20); // it did write ahead
    expect(pulled).toBeLessThan(6 << 20); // and then waited
    controller.abort(new ConnectError("done", Code.Canceled));
    await expect(response.body[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: Code.Canceled });
  });

  it("writes every chunk of a request body in order, and a body that throws fails the call", async () => {
    const received: Buffer[] = [];
    const { url, client } = await serve((stream) => {
      stream.on("data", (c: Buffer) => received.push(c));
      stream.on("end", () => {
        stream.respond({ ":status": 200 });
        stream.end();
      });
    });
    async function* many() {
      for (let i = 0; i < 2000; i++) yield new Uint8Array([i & 0xff, (i >> 8) & 0xff]);
    }
    const response = await client(call(url, many()));
    for await (const _ of response.body) {
      /* empty */
    }
    const all = Buffer.concat(received);
    expect(all.byteLength).toBe(4000);
    for (let i = 0; i < 2000; i++) expect(all[2 * i]! | (all[2 * i + 1]! << 8)).toBe(i);

    let serverClosed: Promise<number> | undefined;
    const failing = await serve((stream) => {
      serverClosed = closed(stream);
      stream.respond({ ":status": 200 });
      stream.on("data", () => {});
    });
    async function* broken() {
      yield new Uint8Array(10);
      await new Promise((r) => setTimeout(r, 20));
      throw new ConnectError("message too large", Code.ResourceExhausted);
    }
    const open = await failing.client(call(failing.url, broken()));
    const error = await (async () => {
      for await (const _ of open.body) {
        /* empty */
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ConnectError).code).toBe(Code.ResourceExhausted);
    expect(await serverClosed).toBe(http2.constants.NGHTTP2_INTERNAL_ERROR);
  });
});
