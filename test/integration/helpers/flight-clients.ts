/**
 * Raw Arrow Flight clients of the reference server (no SDK in between): the
 * FlightService over native gRPC, gRPC-Web and gRPC-Web over fetch, and the
 * JSON pieces of the wire (CMD descriptors, JSON metadata).
 */
import { concatBytes } from "../../../src/protocol/index.js";
import { toReadableStream } from "../../../src/transport/fetch-http-client.js";
import { create } from "@bufbuild/protobuf";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import type { UniversalClientFn, UniversalClientRequest } from "@connectrpc/connect/protocol";
import { universalClientResponseFromFetch } from "@connectrpc/connect/protocol";
import { createTransport as createGrpcWebProtocolTransport } from "@connectrpc/connect/protocol-grpc-web";
import { decodeJsonBytes, encodeJsonBytes, type JsonValue } from "../../../src/protocol/json.js";
import {
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
  FlightService,
} from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";

export type FlightClient = Client<typeof FlightService>;

export interface NamedTransport {
  name: string;
  transport: Transport;
}

/** Native gRPC over h2c and gRPC-Web over HTTP/1.1, against the same port. */
export function transportsFor(baseUrl: string, ca?: Buffer): NamedTransport[] {
  const nodeOptions = ca ? { ca } : undefined;
  return [
    {
      name: "grpc/h2",
      // connect-node's gRPC transport is always HTTP/2 (h2c for http:// URLs).
      transport: createGrpcTransport({ baseUrl, ...(nodeOptions && { nodeOptions }) }),
    },
    {
      name: "grpc-web/1.1",
      transport: createGrpcWebTransport({
        baseUrl,
        httpVersion: "1.1",
        ...(nodeOptions && { nodeOptions }),
      }),
    },
  ];
}

export function clientFor(transport: Transport): FlightClient {
  return createClient(FlightService, transport);
}

async function collectBody(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return concatBytes(chunks);
}

const streamOf = toReadableStream;

/**
 * gRPC-Web over Node's fetch (HTTP/1.1). "buffered": the whole request stream
 * in one Content-Length body, as a browser sends it on plain http://;
 * "streamed": a chunked body (`duplex: "half"`).
 */
export function fetchGrpcWebTransport(baseUrl: string, mode: "buffered" | "streamed"): Transport {
  const httpClient: UniversalClientFn = async (req: UniversalClientRequest) => {
    const body =
      req.body === undefined ? undefined : mode === "buffered" ? await collectBody(req.body) : streamOf(req.body);
    const response = await fetch(req.url, {
      method: req.method,
      headers: req.header,
      body: body as BodyInit | undefined,
      signal: req.signal,
      ...(mode === "streamed" ? { duplex: "half" } : {}),
    } as RequestInit);
    return universalClientResponseFromFetch(response);
  };
  return createGrpcWebProtocolTransport({
    httpClient,
    baseUrl,
    useBinaryFormat: true,
    interceptors: [],
    acceptCompression: [],
    sendCompression: null,
    compressMinBytes: 1024,
    readMaxBytes: 0xffffffff,
    writeMaxBytes: 0xffffffff,
  });
}

/** A CMD descriptor carrying a JSON command (GetFlightInfo, DoPut). */
export function cmdDescriptor(cmd: JsonValue) {
  return create(FlightDescriptorSchema, {
    type: FlightDescriptor_DescriptorType.CMD,
    cmd: encodeJsonBytes(cmd),
  });
}

/** JSON bytes of the wire (app metadata, Result bodies) as a value. */
export function json(bytes: Uint8Array): JsonValue {
  return decodeJsonBytes(bytes);
}
