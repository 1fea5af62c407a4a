/**
 * The mosaico-web reference Mosaico server: an Arrow Flight service speaking
 * mosaicod's JSON protocol (J2 or J3) over gRPC, gRPC-Web and Connect on one
 * port, with an embedded SQLite catalog. For tests (in-process) and dev use.
 */
import { readFileSync } from "node:fs";
import { FlightService } from "../src/gen/arrow/flight/protocol/Flight_pb.js";
import { ensureBootstrapKey } from "./auth/bootstrap.js";
import { createAuthInterceptor } from "./auth/interceptor.js";
import { resolveOptions, type ServerOptions } from "./config.js";
import { maxFlightDataBytes } from "./data/options.js";
import { flightServiceImpl } from "./flight/service.js";
import { GENERATIONS } from "./generation.js";
import { withCors, type NodeHandler } from "./http/cors.js";
import { listen } from "./http/listener.js";
import { flightNodeAdapter } from "./http/node-adapter.js";
import { Catalog } from "./store/catalog.js";

export type { ServerOptions, TlsFiles } from "./config.js";
export type { GenerationName } from "./generation.js";

export interface RunningServer {
  /** `http(s)://host:port` */
  url: string;
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

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const opts = resolveOptions(options);
  const generation = GENERATIONS[opts.generation];
  const tls = opts.tls && {
    cert: readFileSync(opts.tls.certFile),
    key: readFileSync(opts.tls.keyFile),
  };
  const catalog = Catalog.open(opts.dataDir);
  try {
    catalog.recoverInterruptedUploads(); // DoPuts cut short by a previous run
    let bootstrapApiKey: string | undefined;
    if (opts.apiKeys) {
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
    // connectNodeAdapter + DoPut over HTTP/1.1 (see http/node-adapter.ts).
    const adapter = flightNodeAdapter({
      routes: (router) =>
        router.service(FlightService, flightServiceImpl({ catalog, generation, now: opts.now, data })),
      interceptors: opts.apiKeys ? [createAuthInterceptor(catalog, opts.now)] : [],
      shutdownSignal: shutdown.signal,
      readMaxBytes: generation.maxMessageSize,
      writeMaxBytes: generation.maxMessageSize,
    }) as NodeHandler;
    const listener = await listen(withCors(adapter, opts.corsOrigins), {
      host: opts.host,
      port: opts.port,
      ...(tls ? { tls } : {}),
    });
    const url = `${tls ? "https" : "http"}://${urlHost(listener.host)}:${listener.port}`;
    let closing: Promise<void> | undefined;
    const server: RunningServer = {
      url,
      host: listener.host,
      port: listener.port,
      close: () =>
        (closing ??= (async () => {
          shutdown.abort();
          try {
            await listener.close();
          } finally {
            catalog.close();
          }
        })()),
    };
    if (bootstrapApiKey !== undefined) server.bootstrapApiKey = bootstrapApiKey;
    return server;
  } catch (cause) {
    catalog.close();
    throw cause;
  }
}
