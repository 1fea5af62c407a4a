/**
 * Everything connect() does before the first call: resolve the URL, check the
 * key, pick and build the transport. Kept apart from client.ts so the client
 * class stays a thin facade.
 */
import type { Transport } from "@connectrpc/connect";
import type { Compression } from "@connectrpc/connect/protocol";
import { GRPCCompressionAlgorithm, resolveCompression, type GRPCCompressionLevel } from "./compression/compression-options.js";
import { createWebGzip } from "./compression/web-gzip.js";
import { Code } from "./errors/code.js";
import { MosaicoError } from "./errors/mosaico-error.js";
import {
  defaultReadMaxBytes,
  defaultWriteMaxBytes,
  type ConnectOptions,
  type ConnectUrlOptions,
} from "./options.js";
import { assertKeyMayTravel } from "./security/plaintext-guard.js";
import { apiKeyHeaders, assertWellFormedApiKey } from "./security/api-key.js";
import { baseUrlOf, serverUrlFromHostPort, serverUrlFromString } from "./transport/server-url.js";
import type { MosaicoTransport, TransportConfig, TransportFactory } from "./transport/transport-config.js";
import { createWebTransport } from "./transport/web-transport.js";
import { withHeaders } from "./transport/with-headers.js";

/** Runtime-specific hooks: the Node entry supplies native gRPC and CA files. */
export interface RuntimeHooks {
  /** Protocol used when the caller does not choose. */
  defaultProtocol: "grpc" | "grpc-web";
  /** Native gRPC transport, when the runtime has one. */
  grpcTransport?: TransportFactory;
  /** Reads a CA file for `tlsCertPath`. */
  readCaFile?: (path: string) => Promise<string>;
  /** The gzip codec of this runtime for a level. */
  gzip: (level?: GRPCCompressionLevel) => Compression;
}

/** The hooks of the web entry (browsers, Workers, Deno, and reader workers): gRPC-Web, web gzip, Deno's files. */
export const webRuntimeHooks: RuntimeHooks = {
  defaultProtocol: "grpc-web",
  readCaFile: denoReadTextFile(),
  gzip: createWebGzip,
};

function denoReadTextFile(): RuntimeHooks["readCaFile"] {
  const deno = (globalThis as { Deno?: { readTextFile(path: string): Promise<string> } }).Deno;
  return deno ? (path) => deno.readTextFile(path) : undefined;
}

interface CompressionConfig {
  sendCompression: Compression | null;
  acceptCompression: Compression[];
  gzipBody?: (body: Uint8Array) => Promise<Uint8Array>;
}

function compressionConfig(option: ConnectOptions["compression"], hooks: RuntimeHooks): CompressionConfig {
  const { algorithm, level } = resolveCompression(option);
  if (algorithm === GRPCCompressionAlgorithm.Null) return { sendCompression: null, acceptCompression: [] };
  const gzip = hooks.gzip(level);
  if (algorithm === GRPCCompressionAlgorithm.Gzip) return { sendCompression: gzip, acceptCompression: [gzip] };
  // StreamGzip: the whole request body, HTTP-level; responses come back as the server sends them.
  return { sendCompression: null, acceptCompression: [gzip], gzipBody: (body) => gzip.compress(body) };
}

/** What connect() has before the probe: the URL and a transport that sends the key on every call. */
export interface ResolvedSetup {
  url: URL;
  transport: MosaicoTransport;
}

export function normalizeConnectArgs(
  hostOrOptions: string | ConnectUrlOptions,
  port?: number,
  options: ConnectOptions = {},
): { url: URL; options: ConnectOptions } {
  if (typeof hostOrOptions === "object") {
    const tls = Boolean(hostOrOptions.enableTls || hostOrOptions.tlsCertPath || hostOrOptions.tlsCaPem);
    return { url: serverUrlFromString(hostOrOptions.url, tls), options: hostOrOptions };
  }
  if (port === undefined) throw new MosaicoError(Code.InvalidArgument, "connect(host, port): the port is missing");
  const tls = Boolean(options.enableTls || options.tlsCertPath || options.tlsCaPem);
  return { url: serverUrlFromHostPort(hostOrOptions, port, tls), options };
}

async function loadCa(options: ConnectOptions, hooks: RuntimeHooks): Promise<string | undefined> {
  if (options.tlsCaPem) return options.tlsCaPem;
  if (!options.tlsCertPath) return undefined;
  if (!hooks.readCaFile) {
    throw new MosaicoError(
      Code.FailedPrecondition,
      "tlsCertPath needs file access (Node through mosaico-web's node export, or Deno); in browsers and Workers the platform's trust store decides",
    );
  }
  try {
    return await hooks.readCaFile(options.tlsCertPath);
  } catch (cause) {
    throw new MosaicoError(Code.InvalidArgument, `cannot read the CA file ${options.tlsCertPath}`, { cause });
  }
}

function pickFactory(options: ConnectOptions, hooks: RuntimeHooks): TransportFactory {
  const protocol = options.protocol ?? hooks.defaultProtocol;
  if (protocol === "grpc-web") return createWebTransport;
  if (!hooks.grpcTransport) {
    throw new MosaicoError(
      Code.FailedPrecondition,
      'native gRPC needs Node (import mosaico-web under Node, or "mosaico-web/node"); use protocol: "grpc-web" through a gateway here',
    );
  }
  return hooks.grpcTransport;
}

export async function setUpConnection(url: URL, options: ConnectOptions, hooks: RuntimeHooks): Promise<ResolvedSetup> {
  // An empty key (e.g. an unset variable read as "") means no key.
  const apiKey = options.apiKey === "" ? undefined : options.apiKey;
  if (apiKey !== undefined) assertWellFormedApiKey(apiKey);
  assertKeyMayTravel(url, apiKey !== undefined, options.allowInsecure ?? false);
  const transport = options.transport ? suppliedTransport(options.transport, options) : await builtTransport(url, options, hooks);
  // The one place the key is attached, whoever built the transport.
  return { url, transport: { ...transport, transport: withHeaders(transport.transport, apiKeyHeaders(apiKey)) } };
}

function suppliedTransport(transport: Transport, options: ConnectOptions): MosaicoTransport {
  return { transport, protocol: options.protocol ?? "grpc-web", uploadMode: options.streamUploads === "never" ? "buffered" : "stream", close() {} };
}

async function builtTransport(url: URL, options: ConnectOptions, hooks: RuntimeHooks): Promise<MosaicoTransport> {
  const compression = compressionConfig(options.compression, hooks);
  const factory = pickFactory(options, hooks);
  const config: TransportConfig = {
    baseUrl: baseUrlOf(url),
    interceptors: [],
    tlsCaPem: await loadCa(options, hooks),
    readMaxBytes: options.readMaxBytes ?? defaultReadMaxBytes,
    writeMaxBytes: options.writeMaxBytes ?? defaultWriteMaxBytes,
    ...compression,
    compressMinBytes: options.compressMinBytes ?? 1024,
    fetch: options.fetch,
    streamUploads: options.streamUploads,
  };
  return factory(config);
}
