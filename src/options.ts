/**
 * Options of MosaicoClient.connect() and of every call.
 */
import type { Transport } from "@connectrpc/connect";
import type { CompressionOption } from "./compression/compression-options.js";
import type { EnvSource } from "./runtime/env.js";

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call; the promise rejects with a CANCELLED MosaicoError. */
  signal?: AbortSignal | undefined;
  /** Deadline for this call in milliseconds (default: the client's timeoutMs). */
  timeoutMs?: number | undefined;
}

/** Options of MosaicoClient.connect(host, port, options). */
export interface ConnectOptions {
  /** API key token (`msco_…`), sent on every call in `mosaico-api-key-token`. */
  apiKey?: string | undefined;
  /** Connect over TLS (https) and verify the server with the system roots. Default false. */
  enableTls?: boolean | undefined;
  /** Path of a PEM CA bundle to verify the server with (Node, Deno); implies TLS. */
  tlsCertPath?: string | undefined;
  /** PEM text of a CA bundle, for runtimes without files; implies TLS. */
  tlsCaPem?: string | undefined;
  /** Deadline of the connect probe and default deadline of control calls, in ms. Default 5000. */
  timeoutMs?: number | undefined;
  /**
   * Wire protocol: "grpc" (native gRPC over HTTP/2, Node only, what mosaicod
   * speaks) or "grpc-web" (fetch; browsers, Workers, Deno, or a gateway).
   * Default: "grpc" under the package's node export, "grpc-web" elsewhere.
   */
  protocol?: "grpc" | "grpc-web" | undefined;
  /** Use this Connect transport instead of building one (tests, custom stacks). */
  transport?: Transport | undefined;
  /** gRPC message compression. Default GRPCCompressionAlgorithm.Null. */
  compression?: CompressionOption | undefined;
  /** Messages smaller than this are sent uncompressed (default 1024 bytes). */
  compressMinBytes?: number | undefined;
  /**
   * The server manages keys over Flight (`api_key_*` actions): J1 servers, and
   * the reference server's `--key-actions` mode. Default: true on J1, false on
   * mosaicod 0.6/0.7, which manage keys with their CLI
   * (`mosaicod api-key create --permissions "read|write"`); then createApiKey,
   * apiKeyStatus and revokeApiKey fail before sending anything.
   */
  keyActions?: boolean | undefined;
  /** Allow sending an API key in plaintext to a non-loopback host. Default false. */
  allowInsecure?: boolean | undefined;
  /** Largest message accepted from the server. Default 128 MiB. */
  readMaxBytes?: number | undefined;
  /** Largest message sent to the server. Default 50 MiB (mosaicod's default limit). */
  writeMaxBytes?: number | undefined;
  /** fetch implementation for the gRPC-Web transport. Default globalThis.fetch. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * gRPC-Web uploads: "auto" (default) streams DoPut where fetch can stream
   * request bodies (Node, Deno, browsers over https/HTTP/2) and buffers
   * elsewhere; "never" always sends one buffered request.
   */
  streamUploads?: "auto" | "never" | undefined;
  /** Aborts the connect probe. */
  signal?: AbortSignal | undefined;
}

/** `connect({ url, ...options })`: the server URL instead of host and port. */
export interface ConnectUrlOptions extends ConnectOptions {
  /** `http(s)://host:port`; `grpc://` and `grpc+tls://` are accepted too. */
  url: string;
}

/** Options of MosaicoClient.fromEnv(): connect() options, with the key and CA file taken from the environment. */
export interface FromEnvOptions extends Omit<ConnectOptions, "apiKey" | "tlsCertPath"> {
  /** Where to read MOSAICO_API_KEY and MOSAICO_TLS_CERT_FILE. Default: Deno.env or process.env. */
  env?: EnvSource | undefined;
}

export const defaultConnectTimeoutMs = 5000;
export const defaultReadMaxBytes = 128 * 1024 * 1024;
export const defaultWriteMaxBytes = 50 * 1024 * 1024;
