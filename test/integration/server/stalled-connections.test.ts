/**
 * The reference server closes connections that stall: silent sockets,
 * partial HTTP/1.1 headers, a partial HTTP/2 preface, HTTP/1.1 and HTTP/2
 * requests that promise a body and send none (the sniffer used to hold them
 * all past 90 s). Deadlines are shortened here (handshake 400 ms, idle
 * 800 ms); a live call that keeps moving bytes is not cut.
 */
import http2 from "node:http2";
import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MosaicoClient } from "../../../src/node/index.js";
import type { RunningServer } from "../../../server/index.js";
import { imuBatch, imuSchema } from "../helpers/imu-data.js";
import { removeDataDirs, startTestServer } from "../helpers/test-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ connectionTimeouts: { handshakeMs: 400, idleMs: 800 } });
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

/** Opens a socket, writes `bytes`, and resolves with the ms until the server closed it (or rejects after `withinMs`). */
function closedAfter(bytes: string, withinMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(server.port, "127.0.0.1", () => {
      if (bytes) socket.write(bytes);
    });
    socket.on("data", () => {});
    socket.on("error", () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${withinMs} ms: ${JSON.stringify(bytes.slice(0, 40))}`));
    }, withinMs);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

it("closes silent, half-sent and body-less connections", async () => {
  const cases = [
    "", // silent
    "GET /arrow.flight.protocol.FlightService/ListFlights HTTP/1.1\r\nHost: x\r\n", // partial headers
    "PRI * HTTP/2.0\r\n", // partial preface
    "POST /arrow.flight.protocol.FlightService/DoAction HTTP/1.1\r\nHost: x\r\ncontent-type: application/grpc-web+proto\r\ncontent-length: 1000\r\n\r\n", // body promised
  ];
  const times = await Promise.all(cases.map((bytes) => closedAfter(bytes, 5000)));
  for (const ms of times) expect(ms).toBeLessThan(5000);
});

it("cancels an HTTP/2 stream whose body never comes, and closes the idle session", async () => {
  const session = http2.connect(server.url);
  session.on("error", () => {});
  const stream = session.request({
    ":method": "POST",
    ":path": "/arrow.flight.protocol.FlightService/DoAction",
    "content-type": "application/grpc",
    te: "trailers",
  });
  stream.on("error", () => {});
  stream.on("data", () => {});
  const started = Date.now();
  const streamClosed = new Promise<number>((resolve) => stream.on("close", () => resolve(Date.now() - started)));
  const sessionClosed = new Promise<number>((resolve) => session.on("close", () => resolve(Date.now() - started)));
  expect(await streamClosed).toBeLessThan(4000);
  expect(await sessionClosed).toBeLessThan(6000);
});

it("a call that keeps moving bytes lives longer than the idle deadline", async () => {
  await using client = await MosaicoClient.connect({ url: server.url });
  await client.writeSequence("long_upload", {}, async (writer) => {
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    const started = Date.now();
    // About 2 s of pushes, none more than 300 ms apart: never idle for 800 ms.
    for (let i = 0; Date.now() - started < 2000; i++) {
      await topic.push(imuBatch(i * 100, 100));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  expect((await client.topicInfo("long_upload/imu")).locked).toBe(true);
});
