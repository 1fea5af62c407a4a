/**
 * DoPut over native gRPC sends its FlightData through flight-data-uploads.ts
 * (frames written by hand, bodies uncopied) instead of connect's serializer.
 * Against a connect server that parses what it gets: the messages arrive
 * exactly as sent, interceptors' headers and the deadline travel with them,
 * writeMaxBytes, server statuses and aborts behave as they do through
 * connect, and with request compression the call takes connect's own path.
 */
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { compressionGzip, connectNodeAdapter } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FlightDataSchema,
  FlightDescriptor_DescriptorType,
  FlightDescriptorSchema,
  FlightService,
  type FlightData,
} from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { createNodeGrpcTransport } from "../../../src/node/node-transport.js";
import type { TransportConfig } from "../../../src/transport/transport-config.js";
import { listen, type Listener } from "../../../server/http/listener.js";
import type { NodeHandler } from "../../../server/http/cors.js";
import { expectError } from "../helpers/expect-error.js";

const MiB = 1024 * 1024;

interface Received {
  messages: FlightData[];
  header: Headers;
}

let server: Listener;
let received: Received[] = [];

beforeAll(async () => {
  server = await listen(
    connectNodeAdapter({
      acceptCompression: [compressionGzip],
      routes: (router) =>
        router.service(FlightService, {
          async *doPut(requests, context) {
            const call: Received = { messages: [], header: context.requestHeader };
            received.push(call);
            for await (const message of requests) {
              call.messages.push(message);
              if (new TextDecoder().decode(message.appMetadata) === "refuse") {
                throw new ConnectError("no room for this topic", Code.PermissionDenied);
              }
            }
          },
        }),
    }) as NodeHandler,
    { host: "127.0.0.1", port: 0 },
  );
});

afterAll(async () => {
  await server?.close();
});

function config(overrides: Partial<TransportConfig> = {}): TransportConfig {
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    interceptors: [],
    readMaxBytes: 64 * MiB,
    writeMaxBytes: 64 * MiB,
    sendCompression: null,
    acceptCompression: [],
    compressMinBytes: 1024,
    ...overrides,
  };
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

/** A schema-like first message with a descriptor, then bodies of several sizes (views into larger buffers too). */
function messages(): FlightData[] {
  const shared = bytes(3 * MiB, 9);
  return [
    create(FlightDataSchema, {
      flightDescriptor: create(FlightDescriptorSchema, { type: FlightDescriptor_DescriptorType.CMD, cmd: bytes(40, 1) }),
      dataHeader: bytes(200, 2),
    }),
    create(FlightDataSchema, { dataHeader: bytes(300, 3), dataBody: bytes(320 * 1024, 4) }),
    create(FlightDataSchema, { dataHeader: bytes(100, 5), dataBody: shared.subarray(7, 7 + 2 * MiB), appMetadata: bytes(12, 6) }),
    create(FlightDataSchema, { appMetadata: bytes(3, 7) }),
    create(FlightDataSchema, { dataBody: bytes(1, 8) }),
  ];
}

async function put(made: ReturnType<typeof createNodeGrpcTransport>, sent: FlightData[], options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const client = createClient(FlightService, made.transport);
  async function* each() {
    yield* sent;
  }
  for await (const _ of client.doPut(each(), options)) {
    /* no PutResult */
  }
}

function expectSame(got: FlightData[], sent: FlightData[]): void {
  expect(got.length).toBe(sent.length);
  got.forEach((message, i) => {
    const want = sent[i]!;
    expect(Buffer.compare(message.dataHeader, want.dataHeader), `header ${i}`).toBe(0);
    expect(Buffer.compare(message.dataBody, want.dataBody), `body ${i}`).toBe(0);
    expect(Buffer.compare(message.appMetadata, want.appMetadata), `app metadata ${i}`).toBe(0);
    expect(message.flightDescriptor?.cmd).toEqual(want.flightDescriptor?.cmd);
  });
}

describe("DoPut over native gRPC (framed FlightData)", () => {
  it("delivers every message as sent, with the interceptors' headers and the deadline", async () => {
    received = [];
    const stamp: Interceptor = (next) => (req) => {
      req.header.set("x-mosaico-test", "stamped");
      return next(req);
    };
    const made = createNodeGrpcTransport(config({ interceptors: [stamp] }));
    try {
      const sent = messages();
      await put(made, sent, { timeoutMs: 20_000 });
      const call = received.find((r) => r.header.get("x-mosaico-test") === "stamped");
      expectSame(call!.messages, sent);
      expect(call!.header.get("grpc-timeout")).toMatch(/^\d+m$/);
      expect(call!.header.get("content-type")).toBe("application/grpc+proto");
    } finally {
      made.close();
    }
  });

  it("refuses a message above writeMaxBytes with connect's RESOURCE_EXHAUSTED", async () => {
    const made = createNodeGrpcTransport(config({ writeMaxBytes: MiB }));
    try {
      await expectError(put(made, messages()), Code.ResourceExhausted, /message size \d+ is larger than configured writeMaxBytes 1048576/);
    } finally {
      made.close();
    }
  });

  it("surfaces the server's status, and an abort as CANCELED", async () => {
    const made = createNodeGrpcTransport(config());
    try {
      const refused = [...messages(), create(FlightDataSchema, { appMetadata: new TextEncoder().encode("refuse") })];
      await expectError(put(made, refused), Code.PermissionDenied, /no room for this topic/);
      const aborter = new AbortController();
      async function* slow() {
        yield messages()[1]!;
        aborter.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
        yield messages()[1]!;
      }
      const client = createClient(FlightService, made.transport);
      const call = (async () => {
        for await (const _ of client.doPut(slow(), { signal: aborter.signal })) {
          /* none */
        }
      })();
      await expectError(call, Code.Canceled);
    } finally {
      made.close();
    }
  });

  it("with request compression, goes through connect's serializer and arrives the same", async () => {
    received = [];
    const made = createNodeGrpcTransport(config({ sendCompression: compressionGzip, acceptCompression: [compressionGzip] }));
    try {
      const sent = messages();
      await put(made, sent);
      // An aborted call of the test before may reach the handler late: pick this call by its encoding.
      const call = received.find((r) => r.header.get("grpc-encoding") === "gzip");
      expectSame(call!.messages, sent);
    } finally {
      made.close();
    }
  });
});
