/**
 * What the client hands to a transport factory. A factory turns it into a
 * Connect `Transport` plus a way to tear the connection down.
 */
import type { Interceptor, Transport } from "@connectrpc/connect";
import type { Compression } from "@connectrpc/connect/protocol";

/** What the client hands to a {@link TransportFactory}: URL, interceptors, limits and codecs. */
export interface TransportConfig {
  /** `http://host:port` or `https://host:port` (no trailing slash). */
  baseUrl: string;
  /** Applied to every call (API key header, user agent). */
  interceptors: Interceptor[];
  /** PEM text of a CA to trust in addition to (Node: instead of) the system roots. */
  tlsCaPem?: string;
  /** Largest message accepted from the server, in bytes. */
  readMaxBytes: number;
  /** Largest message sent to the server, in bytes. */
  writeMaxBytes: number;
  /** Request compression (null = none). */
  sendCompression: Compression | null;
  /** Encodings accepted in responses (advertised in `grpc-accept-encoding`). */
  acceptCompression: Compression[];
  /** Messages smaller than this are sent uncompressed. */
  compressMinBytes: number;
  /** fetch implementation for fetch-based transports (default: globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
  /** Experimental StreamGzip: gzip whole request bodies (web transport only). */
  gzipBody?: (body: Uint8Array) => Promise<Uint8Array>;
  /** Web transport: "auto" streams uploads where the runtime can (default), "never" always buffers. */
  streamUploads?: "auto" | "never";
}

/** A live transport: the Connect transport, its wire protocol, and a closer. */
export interface MosaicoTransport {
  /** The Connect transport the Flight client calls through. */
  readonly transport: Transport;
  /** "grpc" for native gRPC over HTTP/2, "grpc-web" for gRPC-Web over fetch. */
  readonly protocol: "grpc" | "grpc-web";
  /**
   * How DoPut travels: "stream" sends FlightData as it is produced (with
   * backpressure); "buffered" sends the whole upload as one request body.
   */
  readonly uploadMode: "stream" | "buffered";
  /** Drops connections; in-flight calls fail. Idempotent. */
  close(): void;
}

/** Builds a transport from the client's config (`createWebTransport`, `createNodeGrpcTransport`). */
export type TransportFactory = (config: TransportConfig) => MosaicoTransport;
