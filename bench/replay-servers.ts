/**
 * Baseline servers for bench/data-throughput.ts, run in a child process so
 * that their CPU is not the client's: given a file holding an Arrow IPC
 * stream (exactly what a DoGet delivered, LZ4 bodies included), it serves
 *   - plain HTTP/1.1: GET returns the bytes; POST writes the body to a file;
 *     the same port answers gRPC-Web (browsers: DoGet replayed from the same
 *     pre-encoded frames, other calls through connect's adapter), with CORS
 *     for pages of any origin;
 *   - a minimal Flight service (h2c) whose DoGet replays the same messages
 *     (pre-encoded gRPC frames), so the SDK reads identical bytes through
 *     gRPC framing, and whose DoPut writes the request body it receives to a
 *     file unparsed, as the POST handler does (the adapter's DoPut, which
 *     decodes every message, stays for gRPC-Web).
 * Prints `http=<url> flight=<url>` when ready.
 *   npx tsx bench/replay-servers.ts <ipc-file> <post-sink-file>
 */
import { createWriteStream, readFileSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Message } from "apache-arrow";
import { withCors } from "../server/http/cors.js";
import {
  FlightDataSchema,
  FlightEndpointSchema,
  FlightInfoSchema,
  FlightService,
  ResultSchema,
  TicketSchema,
  type FlightData,
} from "../src/protocol/index.js";

const [ipcFile, sinkFile] = process.argv.slice(2);
/**
 * Write buffer of every sink to disk (DoPut and POST alike). With fs's
 * default 16 KiB, a sink fed HTTP/2's 16 KiB DATA frames paused its request
 * after each frame, so the server stopped granting flow-control window and
 * the sender idled: DoPut measured 0.52-0.65x of POST for that reason alone
 * (0.98-1.2x with both sinks discarding). 4 MiB is the stream's window.
 */
const SINK_BUFFER_BYTES = 4 << 20;
const ipc = new Uint8Array(readFileSync(ipcFile!));

/** Splits an IPC stream into FlightData messages (header flatbuffer + body). */
function toFlightData(bytes: Uint8Array): FlightData[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const messages: FlightData[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.byteLength) {
    const length = view.getInt32(offset + 4, true);
    if (length === 0) break;
    const header = bytes.subarray(offset + 8, offset + 8 + length);
    const bodyLength = Number(Message.decode(header).bodyLength);
    const body = bytes.subarray(offset + 8 + length, offset + 8 + length + bodyLength);
    messages.push(create(FlightDataSchema, { dataHeader: header, dataBody: body }));
    offset += 8 + length + bodyLength;
  }
  return messages;
}

const messages = toFlightData(ipc);
const schemaBytes = ipc.subarray(0, 8 + new DataView(ipc.buffer, ipc.byteOffset).getInt32(4, true));
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

const flight = connectNodeAdapter({
  routes: (router) =>
    router.service(FlightService, {
      async *doAction(action) {
        // Just enough for connect's generation probe (a J2 server) and a writer's actions.
        const known: Record<string, unknown> = {
          sequence_create: null,
          session_create: { uuid: "00000000-0000-4000-8000-000000000001", locator: "bench:01" },
          topic_create: { uuid: "00000000-0000-4000-8000-000000000002" },
          session_finalize: null,
        };
        if (action.type in known) {
          yield create(ResultSchema, { body: json({ action: action.type, response: known[action.type] }) });
          return;
        }
        if (action.type !== "version") throw new ConnectError("Bad request: no available action for string `info`.", Code.InvalidArgument);
        yield create(ResultSchema, { body: json({ action: "version", response: { version: "0.6.0", semver: { major: 0, minor: 6, patch: 0, pre: "" } } }) });
      },
      async getFlightInfo() {
        return create(FlightInfoSchema, {
          schema: schemaBytes,
          endpoint: [
            create(FlightEndpointSchema, {
              ticket: create(TicketSchema, { ticket: new Uint8Array([1]) }),
              appMetadata: json({ resource_locator: "bench/imu", created_at_ns: 1, completed_at_ns: 2, locked: true }),
            }),
          ],
        });
      },
      async *doGet() {
        yield* messages;
      },
      // Stores what it receives like the POST baseline: the bytes, to disk.
      async *doPut(requests) {
        const file = createWriteStream(sinkFile!, { highWaterMark: SINK_BUFFER_BYTES });
        for await (const message of requests) {
          if (!file.write(message.dataHeader)) await new Promise<void>((r) => file.once("drain", () => r()));
          if (!file.write(message.dataBody)) await new Promise<void>((r) => file.once("drain", () => r()));
        }
        await new Promise<void>((r) => file.end(() => r()));
      },
    }),
});

// DoGet answered from pre-encoded gRPC frames (the envelopes of the FlightData
// above), so the sender does no protobuf work: what is measured is the
// client's receiving and decoding, as the HTTP GET baseline measures it.
const doGetFrames = messages.map((message) => {
  const bytes = toBinary(FlightDataSchema, message);
  const frame = new Uint8Array(5 + bytes.byteLength);
  new DataView(frame.buffer).setUint32(1, bytes.byteLength);
  frame.set(bytes, 5);
  return frame;
});

// The same HTTP/2 windows as the reference server (server/http/listener.ts).
const h2 = http2.createServer({ settings: { initialWindowSize: 4 << 20 } }, (req, res) => {
  // DoPut: the request body (gRPC frames) goes to disk as it comes, unparsed,
  // as the POST handler does with its body: what is measured is the client's
  // encoding and sending, not a server's protobuf work.
  if (req.url.endsWith("/DoPut")) {
    void pipeline(req, createWriteStream(sinkFile!, { highWaterMark: SINK_BUFFER_BYTES })).then(() => {
      res.writeHead(200, { "content-type": "application/grpc+proto" });
      res.addTrailers({ "grpc-status": "0" });
      res.end();
    });
    return;
  }
  if (req.url.endsWith("/DoGet")) {
    req.resume();
    req.on("end", async () => {
      res.writeHead(200, { "content-type": "application/grpc+proto" });
      for (const frame of doGetFrames) {
        if (!res.write(frame)) await new Promise<void>((r) => res.once("drain", () => r()));
      }
      res.addTrailers({ "grpc-status": "0" });
      res.end();
    });
    return;
  }
  flight(req, res);
});
// gRPC-Web: the same data frames, then the trailers as a frame of their own (flag 0x80).
const grpcWebTrailer = (() => {
  const text = new TextEncoder().encode("grpc-status: 0\r\n");
  const frame = new Uint8Array(5 + text.byteLength);
  frame[0] = 0x80;
  new DataView(frame.buffer).setUint32(1, text.byteLength);
  frame.set(text, 5);
  return frame;
})();
const grpcWeb = withCors((req, answer) => {
  if (!req.url?.endsWith("/DoGet")) {
    flight(req, answer);
    return;
  }
  const res = answer as http.ServerResponse; // only the HTTP/1.1 server routes here
  req.resume();
  req.on("end", async () => {
    res.writeHead(200, { "content-type": "application/grpc-web+proto" });
    for (const frame of doGetFrames) {
      if (!res.write(frame)) await new Promise<void>((r) => res.once("drain", () => r()));
    }
    res.end(grpcWebTrailer);
  });
}, ["*"]);
const h1 = http.createServer(async (req, res) => {
  if (req.url?.startsWith("/arrow.flight.protocol.FlightService/")) {
    grpcWeb(req, res);
    return;
  }
  if (req.method === "POST") {
    await pipeline(req, createWriteStream(sinkFile!, { highWaterMark: SINK_BUFFER_BYTES }));
    res.end("ok");
    return;
  }
  res.writeHead(200, { "content-length": ipc.byteLength, "access-control-allow-origin": "*" });
  for (let offset = 0; offset < ipc.byteLength; offset += 1 << 20) {
    if (!res.write(ipc.subarray(offset, offset + (1 << 20)))) await new Promise((r) => res.once("drain", r));
  }
  res.end();
});
h2.on("session", (session) => session.once("connect", () => session.setLocalWindowSize(16 << 20)));
await Promise.all([new Promise<void>((r) => h2.listen(0, "127.0.0.1", r)), new Promise<void>((r) => h1.listen(0, "127.0.0.1", r))]);
console.log(`http=http://127.0.0.1:${(h1.address() as AddressInfo).port} flight=http://127.0.0.1:${(h2.address() as AddressInfo).port}`);
