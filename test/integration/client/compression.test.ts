/**
 * gzip between the SDK and the reference server, for real, over native gRPC
 * and gRPC-Web: per-message Gzip at every level, the experimental StreamGzip,
 * interop with connect-node's own gzip, gzip bombs both ways, and the errors
 * of a server started without --gzip. A recording proxy on 127.0.0.1 checks
 * what actually crossed the wire (headers, compressed envelopes, bytes).
 */
import { once } from "node:events";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { compressionBrotli, compressionGzip, connectNodeAdapter, createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import type { Compression } from "@connectrpc/connect/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlightDescriptorSchema, FlightDescriptor_DescriptorType, FlightInfoSchema, FlightService } from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { createNodeGzip } from "../../../src/node/node-gzip.js";
import { createNodeGrpcTransport } from "../../../src/node/node-transport.js";
import { createWebTransport } from "../../../src/transport/web-transport.js";
import type { TransportConfig } from "../../../src/transport/transport-config.js";
import {
  GRPCCompressionAlgorithm,
  GRPCCompressionLevel,
  MosaicoClient,
  type CompressionOption,
  type ConnectOptions,
} from "../../../src/node/index.js";
import { listen } from "../../../server/http/listener.js";
import type { NodeHandler } from "../../../server/http/cors.js";
import type { RunningServer } from "../../../server/index.js";
import { action } from "../helpers/actions.js";
import { expectError, failure } from "../helpers/expect-error.js";
import { cmdDescriptor } from "../helpers/flight-clients.js";
import { checkImuRows, imuBatch, imuSchema } from "../helpers/imu-data.js";
import { startRecordingProxy, type RecordingProxy } from "../helpers/recording-proxy.js";
import { protocols, removeDataDirs, startTestServer, type WireProtocol } from "../helpers/test-server.js";

afterAll(() => removeDataDirs());

const ROWS = 80_000; // 64 bytes a row in memory: ~5 MB of IMU data per round trip
const RAW_BYTES = ROWS * 64;
const MiB = 1024 * 1024;


let counter = 0;
function sequenceName(label: string): string {
  counter += 1;
  return `gz_${label.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}_${counter}`;
}

/** A control action, then a DoPut and a DoGet of ~5 MB, checked value by value. */
async function roundTrip(client: MosaicoClient, sequence: string): Promise<void> {
  await client.writeSequence(sequence, { userMetadata: { compression: "test", pad: "x".repeat(2048) } }, async (writer) => {
    const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    for (let start = 0; start < ROWS; start += 20_000) await imu.push(imuBatch(start, 20_000));
  });
  expect((await client.sequenceInfo(sequence)).name).toBe(sequence);
  const reader = await client.topicReader(`${sequence}/imu`);
  let next = 0;
  for await (const batch of reader) next = checkImuRows(batch, next);
  expect(next).toBe(ROWS);
}

const gzipLevels: Array<[string, CompressionOption]> = [
  ["Gzip (default level)", GRPCCompressionAlgorithm.Gzip],
  ["Gzip Low", { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.Low }],
  ["Gzip Medium", { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.Medium }],
  ["Gzip High", { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.High }],
];

describe("server with --gzip", () => {
  let server: RunningServer;
  const proxies = {} as Record<WireProtocol, RecordingProxy>;

  beforeAll(async () => {
    server = await startTestServer({ gzip: true });
    for (const protocol of protocols) proxies[protocol] = await startRecordingProxy(server.url, protocol);
  });
  afterAll(async () => {
    for (const proxy of Object.values(proxies)) await proxy?.close();
    await server?.close();
  });

  describe.each(protocols)("over %s", (protocol) => {
    const putBytes = new Map<string, number>();

    it.each(gzipLevels)("%s: round trip, gzip on the wire both ways", async (label, compression) => {
      const proxy = proxies[protocol];
      proxy.clear();
      const client = await MosaicoClient.connect({ url: proxy.url, protocol, compression });
      try {
        await roundTrip(client, sequenceName(`${protocol}_${label}`));
      } finally {
        await client.close();
      }
      const [put] = proxy.callsOf("DoPut");
      expect(put!.requestHeaders["grpc-encoding"]).toBe("gzip");
      expect(put!.requestHeaders["content-encoding"]).toBeUndefined();
      expect(put!.request.compressed).toBeGreaterThan(0);
      expect(put!.requestBytes).toBeLessThan(RAW_BYTES * 0.9);
      putBytes.set(label, put!.requestBytes);
      // The server answers in gzip because the client advertises it.
      const [get] = proxy.callsOf("DoGet");
      expect(get!.requestHeaders["grpc-accept-encoding"]).toContain("gzip");
      expect(get!.responseHeaders["grpc-encoding"]).toBe("gzip");
      expect(get!.response.compressed).toBeGreaterThan(0);
      // A control action with a large body went compressed too.
      const create = proxy.callsOf("DoAction").find((c) => c.request.compressed > 0);
      expect(create, "a compressed DoAction request").toBeDefined();
    });

    it("higher levels put fewer bytes on the wire", () => {
      expect(putBytes.size).toBe(4);
      // zlib 9 vs 6 on float data: within a fraction of a percent, either way.
      expect(putBytes.get("Gzip High")!).toBeLessThanOrEqual(putBytes.get("Gzip Medium")! * 1.01);
      expect(putBytes.get("Gzip Medium")!).toBeLessThan(putBytes.get("Gzip Low")!);
    });

    it("Null: nothing compressed, nothing advertised", async () => {
      const proxy = proxies[protocol];
      proxy.clear();
      const client = await MosaicoClient.connect({ url: proxy.url, protocol });
      try {
        await roundTrip(client, sequenceName(`${protocol}_null`));
      } finally {
        await client.close();
      }
      for (const call of proxy.calls) {
        expect(call.requestHeaders["grpc-encoding"] ?? "identity").toBe("identity");
        expect(call.request.compressed).toBe(0);
        expect(call.response.compressed).toBe(0);
      }
      expect(proxy.callsOf("DoPut")[0]!.requestBytes).toBeGreaterThan(RAW_BYTES);
    });
  });

  describe.each([
    ["streamed", {}],
    ["buffered", { streamUploads: "never" }],
  ] as Array<[string, Partial<ConnectOptions>]>)("StreamGzip over grpc-web, %s uploads", (label, extra) => {
    it("round trip with the whole request body gzipped (Content-Encoding)", async () => {
      const proxy = proxies["grpc-web"];
      proxy.clear();
      const client = await MosaicoClient.connect({
        url: proxy.url,
        protocol: "grpc-web",
        compression: GRPCCompressionAlgorithm.StreamGzip,
        ...extra,
      });
      try {
        await roundTrip(client, sequenceName(`stream_gzip_${label}`));
      } finally {
        await client.close();
      }
      const [put] = proxy.callsOf("DoPut");
      expect(put!.requestHeaders["content-encoding"]).toBe("gzip");
      expect(put!.requestHeaders["grpc-encoding"] ?? "identity").toBe("identity");
      expect(put!.requestHeaders["transfer-encoding"]).toBe(label === "streamed" ? "chunked" : undefined);
      expect(put!.requestBytes).toBeLessThan(RAW_BYTES * 0.9);
      // Responses: per-message gzip, as with Gzip.
      expect(proxy.callsOf("DoGet")[0]!.responseHeaders["grpc-encoding"]).toBe("gzip");
    });
  });

  it("StreamGzip over native gRPC is refused at connect, clearly", async () => {
    const error = await failure(
      MosaicoClient.connect({ url: server.url, protocol: "grpc", compression: GRPCCompressionAlgorithm.StreamGzip }),
    );
    expect(error.code).toBe(Code.Unimplemented);
    expect(error.message).toMatch(/StreamGzip/);
    expect(error.message).toMatch(/GRPCCompressionAlgorithm\.Gzip/);
  });

  describe("interop with connect-node's own gzip", () => {
    const rawTransports = (baseUrl: string, compression: Compression) => [
      { name: "grpc", transport: createGrpcTransport({ baseUrl, sendCompression: compression, acceptCompression: [compression] }) },
      {
        name: "grpc-web/1.1",
        transport: createGrpcWebTransport({ baseUrl, httpVersion: "1.1", sendCompression: compression, acceptCompression: [compression] }),
      },
      {
        name: "connect/1.1",
        transport: createConnectTransport({ baseUrl, httpVersion: "1.1", sendCompression: compression, acceptCompression: [compression] }),
      },
    ];

    it("compressionGzip requests are accepted and answered in gzip (gRPC, gRPC-Web, Connect)", async () => {
      for (const { name, transport } of rawTransports(proxies.grpc.url, compressionGzip).slice(0, 1).concat(rawTransports(proxies["grpc-web"].url, compressionGzip).slice(1))) {
        const client = createClient(FlightService, transport);
        const sequence = sequenceName(`raw_${name}`);
        await action(client, "sequence_create", { locator: sequence, user_metadata: { pad: "y".repeat(4096) } });
        let encoding: string | null = null;
        const info = await client.getFlightInfo(
          cmdDescriptor({ resource_locator: sequence }),
          { onHeader: (h) => (encoding = h.get(name.startsWith("connect") ? "content-encoding" : "grpc-encoding")) },
        );
        expect(new TextDecoder().decode(info.appMetadata), name).toContain(sequence);
        expect(encoding, name).toBe("gzip");
      }
      const creates = [...proxies.grpc.callsOf("DoAction"), ...proxies["grpc-web"].callsOf("DoAction")].filter((c) => c.request.compressed > 0);
      expect(creates.length).toBeGreaterThanOrEqual(2);
    });

    it("brotli is refused even with --gzip (only gzip, like mosaicod)", async () => {
      const client = createClient(FlightService, createGrpcTransport({ baseUrl: server.url, sendCompression: compressionBrotli }));
      await expectError(action(client, "version", {}), Code.Unimplemented, /`br`/);
    });
  });

  describe("gzip bombs", () => {
    // 60 MiB of zeros: ~60 KB of gzip, above the 50 MiB message limit.
    const bomb = gzipSync(new Uint8Array(60 * MiB));
    const bombCompression: Compression = { name: "gzip", compress: async () => bomb, decompress: compressionGzip.decompress };

    it("a per-message bomb sent to the server is refused with RESOURCE_EXHAUSTED (gRPC and gRPC-Web)", async () => {
      const descriptor = cmdDescriptor({ resource_locator: "x".repeat(2000) });
      for (const transport of [
        createGrpcTransport({ baseUrl: server.url, sendCompression: bombCompression, compressMinBytes: 0 }),
        createGrpcWebTransport({ baseUrl: server.url, httpVersion: "1.1", sendCompression: bombCompression, compressMinBytes: 0 }),
      ]) {
        const client = createClient(FlightService, transport);
        await expectError(client.getFlightInfo(descriptor), Code.ResourceExhausted, /larger than .*readMaxBytes|after decompression/);
      }
      // The server is still fine.
      const client = await MosaicoClient.connect({ url: server.url, compression: GRPCCompressionAlgorithm.Gzip });
      expect(await client.listSequences()).toBeInstanceOf(Array);
      await client.close();
    });

    it("a StreamGzip bomb (Content-Encoding body) is refused with RESOURCE_EXHAUSTED", async () => {
      // One envelope announcing 60 MiB, then the zeros: refused as it inflates.
      const envelope = new Uint8Array(5 + 60 * MiB);
      new DataView(envelope.buffer).setUint32(1, 60 * MiB);
      const status = await rawGrpcWebPost(server.url, "GetFlightInfo", gzipSync(envelope), { "content-encoding": "gzip" });
      expect(status.code).toBe(Code.ResourceExhausted);
    });

    it("a StreamGzip body that inflates past streamGzipMaxBytes is refused as it inflates", async () => {
      const small = await startTestServer({ gzip: true, streamGzipMaxBytes: MiB });
      try {
        const message = toBinary(FlightDescriptorSchema, create(FlightDescriptorSchema, { type: FlightDescriptor_DescriptorType.CMD, cmd: new Uint8Array(2 * MiB) }));
        const status = await rawGrpcWebPost(small.url, "GetFlightInfo", gzipSync(envelopeOf(message)), { "content-encoding": "gzip" });
        expect(status.code).toBe(Code.ResourceExhausted);
        expect(status.message).toMatch(/larger than 1048576 bytes after gzip decompression \(StreamGzip\)/);
        // Under the limit the same kind of body is inflated and served.
        const ok = cmdDescriptor({ resource_locator: "no_such_sequence" });
        const served = await rawGrpcWebPost(small.url, "GetFlightInfo", gzipSync(envelopeOf(toBinary(FlightDescriptorSchema, ok))), { "content-encoding": "gzip" });
        expect(served.code).toBe(Code.NotFound);
      } finally {
        await small.close();
      }
    });

    it("a bomb in a response cannot blow the SDK's transports (read limit enforced while inflating)", async () => {
      // A hostile server: a 16 MiB FlightInfo of zeros, gzipped (~16 KB on the wire).
      const hostile = await listen(
        connectNodeAdapter({
          acceptCompression: [compressionGzip],
          routes: (router) =>
            router.service(FlightService, {
              getFlightInfo: () => create(FlightInfoSchema, { appMetadata: new Uint8Array(16 * MiB) }),
            }),
        }) as NodeHandler,
        { host: "127.0.0.1", port: 0 },
      );
      try {
        const baseUrl = `http://127.0.0.1:${hostile.port}`;
        const config: TransportConfig = {
          baseUrl,
          interceptors: [],
          readMaxBytes: 4 * MiB,
          writeMaxBytes: 4 * MiB,
          sendCompression: null,
          acceptCompression: [createNodeGzip()],
          compressMinBytes: 1024,
        };
        for (const made of [createNodeGrpcTransport(config), createWebTransport(config)]) {
          const client = createClient(FlightService, made.transport);
          await expectError(client.getFlightInfo(create(FlightDescriptorSchema, {})), Code.ResourceExhausted, /read limit|readMaxBytes/);
          made.close();
        }
      } finally {
        await hostile.close();
      }
    });
  });
});

describe("server without --gzip", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(protocols)("Gzip over %s: connect fails with UNIMPLEMENTED naming gzip and --gzip", async (protocol) => {
    const error = await failure(MosaicoClient.connect({ url: server.url, protocol, compression: GRPCCompressionAlgorithm.Gzip }));
    expect(error.code).toBe(Code.Unimplemented);
    expect(error.message).toContain("Content is compressed with `gzip` which isn't supported");
    expect(error.message).toContain("--gzip");
  });

  it.each([
    ["streamed", {}],
    ["buffered", { streamUploads: "never" }],
  ] as Array<[string, Partial<ConnectOptions>]>)("StreamGzip over grpc-web (%s): UNIMPLEMENTED saying it needs --gzip", async (_label, extra) => {
    const error = await failure(
      MosaicoClient.connect({ url: server.url, protocol: "grpc-web", compression: GRPCCompressionAlgorithm.StreamGzip, ...extra }),
    );
    expect(error.code).toBe(Code.Unimplemented);
    expect(error.message).toMatch(/stream gzip needs a server started with --gzip/);
  });

  it.each(protocols)("Null over %s works, and responses stay uncompressed even for a client that accepts gzip", async (protocol) => {
    const client = await MosaicoClient.connect({ url: server.url, protocol });
    const sequence = sequenceName(`plain_${protocol}`);
    try {
      await roundTrip(client, sequence);
    } finally {
      await client.close();
    }
    const raw = createClient(FlightService, createGrpcTransport({ baseUrl: server.url, acceptCompression: [compressionGzip] }));
    let encoding: string | null = "unset";
    await raw.getFlightInfo(cmdDescriptor({ resource_locator: sequence }), {
      onHeader: (h) => (encoding = h.get("grpc-encoding")),
    });
    expect(encoding).toBe(null);
  });

  it("raw connect-node clients with gzip get tonic's UNIMPLEMENTED and grpc-accept-encoding: identity", async () => {
    for (const transport of [
      createGrpcTransport({ baseUrl: server.url, sendCompression: compressionGzip }),
      createGrpcWebTransport({ baseUrl: server.url, httpVersion: "1.1", sendCompression: compressionGzip }),
    ]) {
      const client = createClient(FlightService, transport);
      const error = await expectError(action(client, "version", {}), Code.Unimplemented, /^Content is compressed with `gzip` which isn't supported/);
      expect(error.metadata.get("grpc-accept-encoding")).toBe("identity");
    }
    // Connect protocol: connect's own refusal, same code.
    const connect = createClient(FlightService, createConnectTransport({ baseUrl: server.url, httpVersion: "1.1", sendCompression: compressionGzip, compressMinBytes: 0 }));
    await expectError(connect.getFlightInfo(create(FlightDescriptorSchema, { path: ["x"] })), Code.Unimplemented, /gzip/);
  });

  it("brotli (connect-node's other default) is refused too", async () => {
    const client = createClient(FlightService, createGrpcTransport({ baseUrl: server.url, sendCompression: compressionBrotli }));
    await expectError(action(client, "version", {}), Code.Unimplemented, /`br`/);
  });
});

// ---- raw gRPC-Web over HTTP/1.1, for bodies no client library sends ----

function envelopeOf(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + message.byteLength);
  new DataView(out.buffer).setUint32(1, message.byteLength);
  out.set(message, 5);
  return out;
}

/** POSTs a gRPC-Web body; returns the status from the headers or the trailer frame. */
async function rawGrpcWebPost(
  baseUrl: string,
  method: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ code: Code; message: string }> {
  const url = new URL(`/arrow.flight.protocol.FlightService/${method}`, baseUrl);
  const req = http.request(url, {
    method: "POST",
    headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1", "content-length": body.byteLength, ...headers },
  });
  req.end(body);
  const [res] = (await once(req, "response")) as [http.IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const fromHeaders = res.headers["grpc-status"];
  if (fromHeaders !== undefined) {
    return { code: Number(fromHeaders) as Code, message: decodeURIComponent(String(res.headers["grpc-message"] ?? "")) };
  }
  const bytes = Buffer.concat(chunks);
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const flags = bytes[offset]!;
    const length = bytes.readUInt32BE(offset + 1);
    const payload = bytes.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if (flags & 0x80) {
      const trailer = Object.fromEntries(
        payload
          .toString("latin1")
          .split("\r\n")
          .filter(Boolean)
          .map((line) => {
            const at = line.indexOf(":");
            return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
          }),
      );
      return { code: Number(trailer["grpc-status"]) as Code, message: decodeURIComponent(trailer["grpc-message"] ?? "") };
    }
  }
  throw new ConnectError(`no gRPC status in the response (HTTP ${res.statusCode})`, Code.Internal);
}
