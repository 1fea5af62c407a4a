/**
 * The mosaico-web reference Mosaico server: an Arrow Flight service speaking
 * mosaicod's JSON protocol (J2 or J3) over gRPC, gRPC-Web and Connect on one
 * port, with an embedded SQLite catalog. For tests (in-process) and dev use.
 *
 * Gateway mode (`upstream`): no store; every call is forwarded to a native
 * gRPC Flight server such as mosaicod (server/gateway/).
 */
import { wellFormedErrors } from "./http/well-formed-errors.js";
import { readFileSync } from "node:fs";
import { FlightService } from "../src/protocol/index.js";
// The Node entry installs the native LZ4 codec (lz4-napi): DoGet bodies are compressed with it.
import "../src/node/index.js";
import { ensureBootstrapKey } from "./auth/bootstrap.js";
import { createAuthInterceptor } from "./auth/interceptor.js";
import type { Interceptor } from "@connectrpc/connect";
import type { ConnectRouter } from "@connectrpc/connect";
import { resolveOptions, type ResolvedOptions, type ServerOptions } from "./config.js";
import { maxFlightDataBytes } from "./data/options.js";
import { flightServiceImpl } from "./flight/service.js";
import { parseAllowList } from "./gateway/allow-list.js";
import { gatewayServiceImpl } from "./gateway/service.js";
import { connectUpstream } from "./gateway/upstream.js";
import { GENERATIONS, type Generation } from "./generation.js";
import { acceptedCompressions } from "./http/compression.js";
import { withCors, type NodeHandler } from "./http/cors.js";
import { listen, type Listener } from "./http/listener.js";
import { flightNodeAdapter } from "./http/node-adapter.js";
import { Catalog } from "./store/catalog.js";

export type { ServerOptions, TlsFiles, UpstreamOptions } from "./config.js";
export type { GenerationName } from "./generation.js";

export interface RunningServer {
  /** `http(s)://host:port` */
  url: string;
  /** "store": own catalog and data; "gateway": forwards to `upstreamUrl`. */
  mode: "store" | "gateway";
  /** Gateway mode: the upstream's `http(s)://host:port`. */
  upstreamUrl?: string;
  host: string;
  port: number;
  /** The bootstrap manage token, when known in this run (key mode only). */
  bootstrapApiKey?: string;
  /** Ends open calls, releases the port and the SQLite handle. Idempotent. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

interface FlightHttpOptions {
  opts: ResolvedOptions;
  generation: Generation;
  routes: (router: ConnectRouter) => void;
  interceptors: Interceptor[];
  shutdown: AbortController;
}

/** The HTTP side shared by both modes: adapter, compression, CORS, one port. */
async function listenFlight({ opts, generation, routes, interceptors, shutdown }: FlightHttpOptions) {
  const tls = opts.tls && {
    cert: readFileSync(opts.tls.certFile),
    key: readFileSync(opts.tls.keyFile),
  };
  // connectNodeAdapter + DoPut over HTTP/1.1 (see http/node-adapter.ts),
  // gzip only with --gzip (http/compression.ts).
  const adapter = flightNodeAdapter({
    routes,
    interceptors: [wellFormedErrors, ...interceptors],
    shutdownSignal: shutdown.signal,
    readMaxBytes: generation.maxMessageSize,
    writeMaxBytes: generation.maxMessageSize,
    acceptCompression: acceptedCompressions(opts.gzip),
    requestEncoding: {
      gzip: opts.gzip,
      streamGzipMaxBytes: opts.streamGzipMaxBytes ?? generation.maxMessageSize,
    },
  }) as NodeHandler;
  const listener = await listen(withCors(adapter, opts.corsOrigins), {
    host: opts.host,
    port: opts.port,
    timeouts: opts.connectionTimeouts,
    ...(tls ? { tls } : {}),
  });
  const url = `${tls ? "https" : "http"}://${urlHost(listener.host)}:${listener.port}`;
  return { listener, url };
}

/**
 * `RunningServer.close` of both modes: ends open calls, closes the listener,
 * then releases what the mode holds (upstream or catalog). Idempotent.
 */
function closeOnce(shutdown: AbortController, listener: Listener, release: () => void): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      shutdown.abort();
      try {
        await listener.close();
      } finally {
        release();
      }
    })());
}

/** The release's facts, with the decode limit the operator chose. */
function generationOf(opts: ResolvedOptions): Generation {
  const release = GENERATIONS[opts.generation];
  return opts.maxDecodeMessageBytes === undefined ? release : { ...release, maxMessageSize: opts.maxDecodeMessageBytes };
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const opts = resolveOptions(options);
  return opts.upstream ? startGateway(opts) : startStore(opts);
}

/** Gateway mode: no catalog, every call forwarded upstream. */
async function startGateway(opts: ResolvedOptions): Promise<RunningServer> {
  const generation = generationOf(opts);
  const upstreamOptions = opts.upstream!;
  const allow = upstreamOptions.allow === undefined ? undefined : parseAllowList(upstreamOptions.allow);
  const upstream = connectUpstream(upstreamOptions, {
    readMaxBytes: generation.maxMessageSize,
    writeMaxBytes: generation.maxMessageSize,
  });
  try {
    const shutdown = new AbortController();
    const { listener, url } = await listenFlight({
      opts,
      generation,
      routes: (router) => router.service(FlightService, gatewayServiceImpl({ upstream, ...(allow && { allow }) })),
      interceptors: [],
      shutdown,
    });
    return {
      url,
      mode: "gateway",
      upstreamUrl: upstream.baseUrl,
      host: listener.host,
      port: listener.port,
      close: closeOnce(shutdown, listener, () => upstream.close()),
    };
  } catch (cause) {
    upstream.close();
    throw cause;
  }
}

async function startStore(opts: ResolvedOptions): Promise<RunningServer> {
  const generation = generationOf(opts);
  const catalog = Catalog.open(opts.dataDir);
  try {
    catalog.recoverInterruptedUploads(); // DoPuts cut short by a previous run
    let bootstrapApiKey: string | undefined;
    if (opts.apiKeys && !opts.keyActions && !catalog.apiKeys.hasUsableKey(opts.now())) {
      // As mosaicod: keys come from the CLI on the data directory, none is minted.
      opts.log(
        `API keys are on and none exists yet: create one with \`npm run server -- api-key create --permissions \"read|write|delete\" --data-dir ${opts.dataDir}\``,
      );
    }
    if (opts.apiKeys && opts.keyActions) {
      const bootstrap = ensureBootstrapKey(catalog, opts.now, opts.bootstrapApiKey);
      bootstrapApiKey = bootstrap.token;
      if (bootstrap.created && bootstrap.token) {
        opts.log(`bootstrap manage API key (shown once): ${bootstrap.token}`);
      }
    }
    const shutdown = new AbortController();
    const data = {
      maxChunkBytes: opts.maxChunkBytes,
      maxBatchRows: opts.maxBatchRows,
      targetBatchBytes: opts.targetBatchBytes,
      maxFlightDataBytes: maxFlightDataBytes(generation.maxMessageSize),
    };
    const { listener, url } = await listenFlight({
      opts,
      generation,
      routes: (router) =>
        router.service(FlightService, flightServiceImpl({ catalog, generation, keyActions: opts.keyActions, now: opts.now, data, maxActionBodyBytes: opts.maxActionBodyBytes })),
      interceptors: opts.apiKeys ? [createAuthInterceptor(catalog, opts.now, opts.keyActions ? "levels" : "granular")] : [],
      shutdown,
    });
    const server: RunningServer = {
      url,
      mode: "store",
      host: listener.host,
      port: listener.port,
      close: closeOnce(shutdown, listener, () => catalog.close()),
    };
    if (bootstrapApiKey !== undefined) server.bootstrapApiKey = bootstrapApiKey;
    return server;
  } catch (cause) {
    catalog.close();
    throw cause;
  }
}
