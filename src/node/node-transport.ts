/**
 * Native gRPC over HTTP/2 for Node (the only file set with node: imports).
 * This is how a Node program talks to a real mosaicod, which speaks neither
 * gRPC-Web nor HTTP/1.1 (docs/protocol.md §1, §12.1).
 */
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { MosaicoTransport, TransportConfig } from "../transport/transport-config.js";
import { withFlightDataStreams } from "./flight-data-streams.js";
import { createFlightHttp2Client } from "./flight-http2-client.js";
import { createNodeSessionManager } from "./guarded-session-manager.js";

/**
 * HTTP/2 flow-control windows. Node's defaults (64 KiB per stream and per
 * connection) make a sender wait for a WINDOW_UPDATE every 64 KiB, which
 * halved DoGet throughput on loopback (bench/data-throughput.ts). Larger
 * windows still bound what the server can send ahead of the reader.
 */
const streamWindowBytes = 4 * 1024 * 1024;
const connectionWindowBytes = 16 * 1024 * 1024;

/**
 * Creates the native gRPC transport over HTTP/2, the Node default and what
 * mosaicod speaks. With `tlsCaPem` it trusts exactly that CA instead of
 * Node's roots; idle connections close after 15 s and reopen on the next call.
 *
 * @throws MosaicoError UNIMPLEMENTED with `gzipBody` (StreamGzip works over gRPC-Web only).
 * @example
 * ```ts
 * const grpc = createNodeGrpcTransport({
 *   baseUrl: "http://127.0.0.1:6726",
 *   interceptors: [],
 *   readMaxBytes: 128 * 1024 * 1024,
 *   writeMaxBytes: 50 * 1024 * 1024,
 *   sendCompression: null,
 *   acceptCompression: [],
 *   compressMinBytes: 1024,
 * });
 * const client = await MosaicoClient.connect({ url: "http://127.0.0.1:6726", transport: grpc.transport, protocol: "grpc" });
 * try {
 *   console.log(await client.listSequences());
 * } finally {
 *   await client.close();
 *   grpc.close();
 * }
 * ```
 */
export function createNodeGrpcTransport(config: TransportConfig): MosaicoTransport {
  if (config.gzipBody) {
    throw new MosaicoError(
      Code.Unimplemented,
      "GRPCCompressionAlgorithm.StreamGzip (experimental) is not available over native gRPC: mosaicod's gRPC stack has no stream-level compression. Use GRPCCompressionAlgorithm.Gzip",
    );
  }
  // With a custom CA we trust exactly that CA (like grpc's tls_root_certs);
  // otherwise Node's default roots apply.
  const sessionManager = createNodeSessionManager(config.baseUrl, {
    idleConnectionTimeoutMs: 15_000,
    connectionWindowBytes,
    http2SessionOptions: {
      settings: { initialWindowSize: streamWindowBytes },
      ...(config.tlsCaPem ? { ca: config.tlsCaPem } : {}),
    },
  });
  const grpc = createGrpcTransport({
    baseUrl: config.baseUrl,
    sessionManager,
    interceptors: config.interceptors,
    acceptCompression: config.acceptCompression,
    sendCompression: config.sendCompression ?? undefined,
    compressMinBytes: config.compressMinBytes,
    readMaxBytes: config.readMaxBytes,
    writeMaxBytes: config.writeMaxBytes,
  });
  // FlightData streams framed without connect's generic serializer (flight-data-streams.ts)
  // and carried by a client without per-chunk waits (flight-http2-client.ts), on the same session.
  const transport = withFlightDataStreams(grpc, { ...config, httpClient: createFlightHttp2Client(sessionManager) });
  return {
    transport,
    protocol: "grpc",
    uploadMode: "stream",
    close: () => sessionManager.abort(),
  };
}
