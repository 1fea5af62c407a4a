/** Server options (mirroring the CLI flags) and their defaults. */
import { resolve } from "node:path";
import type { Clock } from "./core/time.js";
import { systemClock } from "./core/time.js";
import {
  DEFAULT_MAX_BATCH_ROWS,
  DEFAULT_MAX_CHUNK_BYTES,
  requirePositiveInteger,
} from "./data/options.js";
import { DEFAULT_GENERATION, GENERATIONS, type GenerationName } from "./generation.js";

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** Gateway mode: forward every Flight call to a native-gRPC Flight server (server/gateway/). */
export interface UpstreamOptions {
  /** `host:port`, or a URL (`http://`, `https://`, `grpc://`, `grpc+tls://`). */
  address: string;
  /** Connect with TLS (implied by an `https:` / `grpc+tls:` address or `caFile`). */
  tls?: boolean;
  /** PEM file of the CA to trust for the upstream (instead of Node's roots). */
  caFile?: string;
  /**
   * API key sent upstream on every call. When set, the `mosaico-api-key-token`
   * of incoming requests is ignored (never forwarded), so browsers need no key.
   * When unset, the incoming header is forwarded as is.
   */
  apiKey?: string;
  /**
   * What the gateway forwards: permission classes (`read`, `write`, `delete`,
   * `manage`), DoAction names (`sequence_create`) or RPC names (`DoPut`).
   * Anything else is refused with PERMISSION_DENIED before contacting the
   * upstream. Default: everything.
   */
  allow?: string[];
}

export interface ServerOptions {
  /** Bind address; default 127.0.0.1 (like mosaicod). */
  host?: string;
  /** Default 6726; 0 = ephemeral. */
  port?: number;
  /** Catalog + data folder; default `.mosaico-data` under the current directory. */
  dataDir?: string;
  /** Enforce `mosaico-api-key-token` on every call. Default false. */
  apiKeys?: boolean;
  /** A well-formed token to import as the bootstrap manage key (key mode with keyActions). */
  bootstrapApiKey?: string;
  /**
   * Serve the seed's key management over Flight: the J1 `api_key_*` actions
   * and the hierarchical read/write/delete/manage levels, with a bootstrap
   * manage key (mosaicod before 0.6). No 0.6/0.7 release has these; default
   * false: keys are granular sets made with `api-key create` on the data dir.
   */
  keyActions?: boolean;
  /** Serve HTTPS (h2 + http/1.1 via ALPN) with these PEM files. */
  tls?: TlsFiles;
  /** Origins allowed by CORS; default ["*"]. */
  corsOrigins?: string[];
  /** The mosaicod release to speak; default "0.7". */
  generation?: GenerationName;
  /** Time source (ns since epoch); tests may pin it. */
  now?: Clock;
  /** Receives human-oriented log lines (e.g. the bootstrap key); default: silent. */
  log?: (line: string) => void;
  /** DoPut: bytes (in-memory Arrow) per stored chunk file; default 8 MiB. */
  maxChunkBytes?: number;
  /**
   * Largest message the server accepts, as mosaicod 0.7's
   * MOSAICOD_GRPC_MAX_DECODE_MESSAGE_SIZE (4 to 512 MiB); reported in `info`.
   * Default 50 MiB.
   */
  maxDecodeMessageBytes?: number;
  /**
   * DoAction: bodies above this many bytes are refused (RESOURCE_EXHAUSTED)
   * before they are parsed or the caller's permission is looked at. Default
   * 8 MiB, far above any body the SDKs send; 0 turns the cap off, which is
   * what the releases do (mosaicod parses any body up to the message limit,
   * and parsed JSON costs many times its size in memory).
   */
  maxActionBodyBytes?: number;
  /** DoGet: rows per record batch at most; default 8192 (mosaicod MOSAICOD_MAX_BATCH_SIZE). */
  maxBatchRows?: number;
  /** DoGet: target bytes per record batch; default the generation's target message size (25 MiB). */
  targetBatchBytes?: number;
  /**
   * Accept gzip-compressed requests (`grpc-encoding: gzip`) and gzip
   * responses for clients that advertise it, like mosaicod `--gzip`; also the
   * experimental StreamGzip (`Content-Encoding: gzip` gRPC/gRPC-Web bodies).
   * Default false: compressed requests are refused with UNIMPLEMENTED.
   */
  gzip?: boolean;
  /** StreamGzip: most bytes one request body may inflate to; default the read limit (max message size). */
  streamGzipMaxBytes?: number;
  /** Gateway mode: no local store, every call goes to this upstream. */
  upstream?: UpstreamOptions;
  /**
   * Connection deadlines: `handshakeMs` for a new connection to show its
   * protocol (HTTP/2 preface, TLS handshake, HTTP/1.1 request headers),
   * default 10 s; `idleMs` for a connection or call with no traffic either
   * way, default 60 s (a DoGet whose client stops reading counts as idle).
   */
  connectionTimeouts?: ConnectionTimeouts;
}

/** See ServerOptions.connectionTimeouts. */
export interface ConnectionTimeouts {
  handshakeMs?: number;
  idleMs?: number;
}

export type ResolvedOptions = Required<
  Omit<ServerOptions, "bootstrapApiKey" | "tls" | "upstream" | "streamGzipMaxBytes" | "maxDecodeMessageBytes" | "connectionTimeouts">
> & { connectionTimeouts: Required<ConnectionTimeouts> } &
  Pick<ServerOptions, "bootstrapApiKey" | "tls" | "upstream" | "streamGzipMaxBytes" | "maxDecodeMessageBytes">;

export const DEFAULT_PORT = 6726;
/** See ServerOptions.maxActionBodyBytes. */
export const DEFAULT_MAX_ACTION_BODY_BYTES = 8 * 1024 * 1024;

function nonNegative(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_DATA_DIR = ".mosaico-data";

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const generation = options.generation ?? DEFAULT_GENERATION;
  if (options.bootstrapApiKey !== undefined && !options.keyActions) {
    throw new Error("a bootstrap manage key needs keyActions (--key-actions): 0.6/0.7 have no manage level; create keys with `api-key create`");
  }
  if (options.upstream && (options.apiKeys || options.bootstrapApiKey !== undefined)) {
    throw new Error(
      "gateway mode (upstream) checks no API keys itself: the upstream does; drop apiKeys/bootstrapApiKey",
    );
  }
  const positive = (name: string, value: number | undefined, fallback: number) =>
    requirePositiveInteger(name, value ?? fallback);
  return {
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? DEFAULT_PORT,
    dataDir: resolve(options.dataDir ?? DEFAULT_DATA_DIR),
    apiKeys: options.apiKeys ?? false,
    keyActions: options.keyActions ?? false,
    bootstrapApiKey: options.bootstrapApiKey,
    tls: options.tls,
    corsOrigins: options.corsOrigins?.length ? options.corsOrigins : ["*"],
    generation,
    now: options.now ?? systemClock,
    log: options.log ?? (() => {}),
    maxChunkBytes: positive("maxChunkBytes", options.maxChunkBytes, DEFAULT_MAX_CHUNK_BYTES),
    maxBatchRows: positive("maxBatchRows", options.maxBatchRows, DEFAULT_MAX_BATCH_ROWS),
    targetBatchBytes: positive(
      "targetBatchBytes",
      options.targetBatchBytes,
      GENERATIONS[generation].targetMessageSize,
    ),
    maxActionBodyBytes: nonNegative("maxActionBodyBytes", options.maxActionBodyBytes ?? DEFAULT_MAX_ACTION_BODY_BYTES),
    gzip: options.gzip ?? false,
    streamGzipMaxBytes:
      options.streamGzipMaxBytes === undefined
        ? undefined
        : requirePositiveInteger("streamGzipMaxBytes", options.streamGzipMaxBytes),
    upstream: options.upstream,
    maxDecodeMessageBytes:
      options.maxDecodeMessageBytes === undefined ? undefined : decodeLimit(options.maxDecodeMessageBytes),
    connectionTimeouts: {
      handshakeMs: positive("connectionTimeouts.handshakeMs", options.connectionTimeouts?.handshakeMs, 10_000),
      idleMs: positive("connectionTimeouts.idleMs", options.connectionTimeouts?.idleMs, 60_000),
    },
  };
}

const MiB = 1024 * 1024;

/** mosaicod 0.7 accepts a decode limit from 4 MiB to 512 MiB. */
function decodeLimit(bytes: number): number {
  const value = requirePositiveInteger("maxDecodeMessageBytes", bytes);
  if (value < 4 * MiB || value > 512 * MiB) throw new Error(`maxDecodeMessageBytes must be 4 MiB to 512 MiB, got ${value}`);
  return value;
}
