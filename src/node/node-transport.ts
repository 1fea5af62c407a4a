/**
 * Native gRPC over HTTP/2 for Node (the only file set with node: imports).
 * This is how a Node program talks to a real mosaicod, which speaks neither
 * gRPC-Web nor HTTP/1.1 (protocol §1, §12.1).
 */
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { MosaicoTransport, TransportConfig } from "../transport/transport-config.js";

export function createNodeGrpcTransport(config: TransportConfig): MosaicoTransport {
  if (config.gzipBody) {
    throw new MosaicoError(
      Code.Unimplemented,
      "GRPCCompressionAlgorithm.StreamGzip (experimental) is not available over native gRPC: mosaicod's gRPC stack has no stream-level compression. Use GRPCCompressionAlgorithm.Gzip",
    );
  }
  // With a custom CA we trust exactly that CA (like grpc's tls_root_certs);
  // otherwise Node's default roots apply.
  const nodeOptions = config.tlsCaPem ? { ca: config.tlsCaPem } : {};
  const sessionManager = new Http2SessionManager(config.baseUrl, { idleConnectionTimeoutMs: 15_000 }, nodeOptions);
  const transport = createGrpcTransport({
    baseUrl: config.baseUrl,
    sessionManager,
    interceptors: config.interceptors,
    acceptCompression: config.acceptCompression,
    sendCompression: config.sendCompression ?? undefined,
    compressMinBytes: config.compressMinBytes,
    readMaxBytes: config.readMaxBytes,
    writeMaxBytes: config.writeMaxBytes,
  });
  return {
    transport,
    protocol: "grpc",
    uploadMode: "stream",
    close: () => sessionManager.abort(),
  };
}
