/**
 * The gateway's connection to its upstream: native gRPC over HTTP/2 (h2c, or
 * h2 with TLS), connect-node's createGrpcTransport on one shared
 * Http2SessionManager, i.e. what a real mosaicod speaks (docs/protocol.md §1).
 *
 * - API key: with `apiKey` set, an interceptor puts it on every upstream call
 *   and removes whatever key the incoming call carried; without it the
 *   service forwards the incoming `mosaico-api-key-token` header.
 * - Compression: responses may come back gzipped (we advertise gzip, which a
 *   mosaicod started with --gzip honours); requests go upstream uncompressed,
 *   so the gateway works whether or not the upstream has gzip enabled.
 */
import { readFileSync } from "node:fs";
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { compressionGzip, createGrpcTransport } from "@connectrpc/connect-node";
import { createNodeSessionManager } from "../../src/node/index.js";
import { FlightService } from "../../src/protocol/index.js";
import type { UpstreamOptions } from "../config.js";

export const API_KEY_HEADER = "mosaico-api-key-token";

export type FlightClient = Client<typeof FlightService>;

export interface Upstream {
  /** `http(s)://host:port` of the upstream. */
  baseUrl: string;
  client: FlightClient;
  /** Whether the gateway injects its own key (and ignores incoming keys). */
  injectsKey: boolean;
  /** Drops the HTTP/2 connection; in-flight calls fail. */
  close(): void;
}

/** `host:port`, `[v6]:port` or a URL → `http(s)://host[:port]`. */
export function upstreamBaseUrl(address: string, tls: boolean): string {
  const text = address.trim();
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const withScheme = isUrl
    ? text.replace(/^grpc\+tls:/i, "https:").replace(/^grpc:/i, "http:")
    : `${tls ? "https" : "http"}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`invalid upstream address ${JSON.stringify(address)} (expected host:port)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`unsupported upstream scheme ${url.protocol} (use host:port, http(s)://, grpc:// or grpc+tls://)`);
  }
  // host:port needs its port; a URL may use its scheme's default (443 / 80).
  if (!isUrl && !url.port) throw new Error(`the upstream address ${JSON.stringify(address)} has no port`);
  if (tls) url.protocol = "https:";
  return url.origin;
}

function keyInterceptor(apiKey: string): Interceptor {
  return (next) => (req) => {
    req.header.set(API_KEY_HEADER, apiKey);
    return next(req);
  };
}

export function connectUpstream(
  options: UpstreamOptions,
  limits: { readMaxBytes: number; writeMaxBytes: number },
): Upstream {
  const tls = Boolean(options.tls || options.caFile);
  const baseUrl = upstreamBaseUrl(options.address, tls);
  const ca = options.caFile ? readFileSync(options.caFile) : undefined;
  const apiKey = options.apiKey === "" ? undefined : options.apiKey;
  // The SDK's guarded manager: an upstream that is not HTTP/2 fails the call, not the process.
  const sessionManager = createNodeSessionManager(baseUrl, {
    idleConnectionTimeoutMs: 60_000,
    http2SessionOptions: ca ? { ca } : {},
  });
  const transport = createGrpcTransport({
    baseUrl,
    sessionManager,
    interceptors: apiKey ? [keyInterceptor(apiKey)] : [],
    acceptCompression: [compressionGzip],
    readMaxBytes: limits.readMaxBytes,
    writeMaxBytes: limits.writeMaxBytes,
  });
  return {
    baseUrl,
    client: createClient(FlightService, transport),
    injectsKey: apiKey !== undefined,
    close: () => sessionManager.abort(),
  };
}
