/**
 * CLI of the reference server (`npm run server -- [flags]`). Flags mirror
 * mosaicod's, with the J3 environment variables as fallbacks.
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type ServerOptions,
  type UpstreamOptions,
} from "./config.js";
import { DEFAULT_GENERATION, isGenerationName } from "./generation.js";
import { startServer } from "./index.js";
import { runApiKeyCommand } from "./cli/api-key-command.js";

const HELP = `Mosaico reference server (mosaico-web): Arrow Flight over gRPC, gRPC-Web and Connect.

Usage: npm run server -- [options]
       npm run server -- api-key <create|status|revoke|list|purge> ...   (keys on the data dir, as mosaicod 0.6/0.7)

  --host <addr>           bind address (default ${DEFAULT_HOST})
  --port <n>              port (default ${DEFAULT_PORT}; 0 = ephemeral)
  --data-dir <dir>        catalog and data folder (default ./${DEFAULT_DATA_DIR})
  --api-key               enforce API keys        (env MOSAICOD_API_KEY_ENABLED=true)
  --key-actions           also serve the seed's J1 key management over Flight (api_key_* actions,
                          read/write/delete/manage levels, a bootstrap manage key); no 0.6/0.7
                          release has it (mirrors mosaicod before 0.6, docs/protocol.md §2.5)
  --bootstrap-key <tok>   import this manage key, with --key-actions (env MOSAICOD_BOOTSTRAP_API_KEY)
  --tls                   serve HTTPS, h2 + http/1.1 (env MOSAICOD_TLS_ENABLED=true)
  --tls-cert <file>       PEM certificate          (env MOSAICOD_TLS_CERT_FILE)
  --tls-key <file>        PEM private key          (env MOSAICOD_TLS_PRIVATE_KEY_FILE)
  --cors-origin <origin>  allowed CORS origin, repeatable (default *)
  --generation 0.6|0.7    the mosaicod release to speak: 0.6 (J2, version) or 0.7 (J3, info) (default 0.7)
  --max-chunk-bytes <n>   DoPut: bytes per stored chunk file (default 8388608)
                          (env MOSAICOD_MAX_CHUNK_SIZE_IN_BYTES)
  --max-batch-rows <n>    DoGet: rows per record batch at most (default 8192)
                          (env MOSAICOD_MAX_BATCH_SIZE)
  --target-batch-bytes <n>
                          DoGet: bytes per record batch to aim at (default 26214400)
                          (env MOSAICOD_GRPC_TARGET_ENCODE_MESSAGE_SIZE)
  --max-action-body-bytes <n>
                          DoAction: refuse bodies above n bytes before parsing them
                          (default 8388608; 0 = no cap, as the releases: mosaicod parses
                          any body up to the message limit)
  --gzip                  accept gzip-compressed requests, gzip responses for clients
                          that accept it, and (experimental) StreamGzip bodies
                          (env MOSAICOD_GZIP_ENABLED=true)

Gateway mode (no local store; every Flight call is forwarded upstream):
  --upstream <host:port>  native-gRPC Flight server to forward to (e.g. a mosaicod)
  --upstream-tls          connect to it with TLS
  --upstream-ca <file>    PEM CA to trust for it (implies --upstream-tls)
  --upstream-api-key-env <NAME>
                          send the API key held in env variable NAME upstream on
                          every call; incoming mosaico-api-key-token headers are
                          then ignored (browsers need no key)
  --allow <list>          forward only these: read, write, delete, manage and/or
                          action or RPC names, separated by | or , (repeatable);
                          anything else gets PERMISSION_DENIED (default: all)
  --help                  show this help
`;

function envFlag(name: string): boolean {
  return /^(1|true|yes|on)$/i.test(process.env[name] ?? "");
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n\n${HELP}`);
  process.exit(2);
}

function readOptions(): ServerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: "string" },
        port: { type: "string" },
        "data-dir": { type: "string" },
        "api-key": { type: "boolean" },
        "bootstrap-key": { type: "string" },
        "key-actions": { type: "boolean" },
        tls: { type: "boolean" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "cors-origin": { type: "string", multiple: true },
        generation: { type: "string" },
        "max-chunk-bytes": { type: "string" },
        "max-batch-rows": { type: "string" },
        "target-batch-bytes": { type: "string" },
        "max-action-body-bytes": { type: "string" },
        gzip: { type: "boolean" },
        upstream: { type: "string" },
        "upstream-tls": { type: "boolean" },
        "upstream-ca": { type: "string" },
        "upstream-api-key-env": { type: "string" },
        allow: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (cause) {
    fail((cause as Error).message);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const port = Number(values.port ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${values.port}`);
  const generation = values.generation ?? DEFAULT_GENERATION;
  if (!isGenerationName(generation)) fail(`--generation must be 0.6 or 0.7, got ${generation}`);

  const certFile = values["tls-cert"] ?? process.env.MOSAICOD_TLS_CERT_FILE;
  const keyFile = values["tls-key"] ?? process.env.MOSAICOD_TLS_PRIVATE_KEY_FILE;
  const tls = values.tls || envFlag("MOSAICOD_TLS_ENABLED");
  if (tls && (!certFile || !keyFile)) fail("TLS needs --tls-cert and --tls-key");
  if (!tls && (values["tls-cert"] || values["tls-key"])) fail("--tls-cert/--tls-key need --tls");

  const options: ServerOptions = {
    host: values.host ?? DEFAULT_HOST,
    port,
    dataDir: values["data-dir"] ?? DEFAULT_DATA_DIR,
    apiKeys: values["api-key"] || envFlag("MOSAICOD_API_KEY_ENABLED"),
    keyActions: values["key-actions"] ?? false,
    corsOrigins: values["cors-origin"] ?? ["*"],
    generation,
    gzip: values.gzip || envFlag("MOSAICOD_GZIP_ENABLED"),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  const upstreamOnly = ["upstream-tls", "upstream-ca", "upstream-api-key-env", "allow"] as const;
  if (values.upstream === undefined) {
    const stray = upstreamOnly.find((flag) => values[flag] !== undefined);
    if (stray) fail(`--${stray} needs --upstream`);
  } else {
    if (options.apiKeys || values["bootstrap-key"]) {
      fail("--api-key/--bootstrap-key are for store mode; in gateway mode the upstream checks keys");
    }
    const upstream: UpstreamOptions = {
      address: values.upstream,
      tls: Boolean(values["upstream-tls"] || values["upstream-ca"]),
    };
    if (values["upstream-ca"]) upstream.caFile = values["upstream-ca"];
    const keyEnv = values["upstream-api-key-env"];
    if (keyEnv !== undefined) {
      const key = process.env[keyEnv];
      if (!key) fail(`--upstream-api-key-env ${keyEnv}: the variable is unset or empty`);
      upstream.apiKey = key;
    }
    if (values.allow) upstream.allow = values.allow;
    options.upstream = upstream;
  }
  const sizes = [
    ["max-chunk-bytes", "MOSAICOD_MAX_CHUNK_SIZE_IN_BYTES", "maxChunkBytes"],
    ["max-batch-rows", "MOSAICOD_MAX_BATCH_SIZE", "maxBatchRows"],
    ["target-batch-bytes", "MOSAICOD_GRPC_TARGET_ENCODE_MESSAGE_SIZE", "targetBatchBytes"],
  ] as const;
  for (const [flag, env, key] of sizes) {
    const text = values[flag] ?? process.env[env];
    if (text === undefined) continue;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) fail(`invalid --${flag} ${text}`);
    options[key] = value;
  }
  const bodyCap = values["max-action-body-bytes"];
  if (bodyCap !== undefined) {
    const value = Number(bodyCap);
    if (!Number.isSafeInteger(value) || value < 0) fail(`invalid --max-action-body-bytes ${bodyCap}`);
    options.maxActionBodyBytes = value;
  }
  const bootstrapKey = values["bootstrap-key"] ?? process.env.MOSAICOD_BOOTSTRAP_API_KEY;
  if (bootstrapKey) options.bootstrapApiKey = bootstrapKey;
  if (tls) options.tls = { certFile: certFile!, keyFile: keyFile! };
  return options;
}

async function main(): Promise<void> {
  if (process.argv[2] === "api-key") {
    const result = runApiKeyCommand(process.argv.slice(3), DEFAULT_DATA_DIR);
    (result.status === 0 ? process.stdout : process.stderr).write(result.output);
    process.exit(result.status);
  }
  const options = readOptions();
  const server = await startServer(options);
  const gzip = `gzip ${options.gzip ? "on" : "off"}`;
  if (server.mode === "gateway") {
    const up = options.upstream!;
    process.stdout.write(
      `mosaico reference server: gateway to ${server.upstreamUrl} ` +
        `(upstream key ${up.apiKey ? "injected" : "from the caller"}, ` +
        `allow ${up.allow ? up.allow.join("|") : "all"}, ${gzip}) listening on ${server.url}\n`,
    );
    if (up.apiKey && !up.allow) {
      process.stdout.write(
        "warning: the injected upstream key is usable by anyone who reaches this gateway; restrict it with --allow / --cors-origin / --host\n",
      );
    }
  } else {
    process.stdout.write(
      `mosaico reference server (${options.generation}, API keys ${options.apiKeys ? "on" : "off"}, ${gzip}) ` +
        `listening on ${server.url}\n`,
    );
  }
  if (options.apiKeys && !options.tls) {
    process.stdout.write("warning: API keys are enabled without TLS; keys travel in clear\n");
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (cause) => {
        process.stderr.write(`shutdown failed: ${String(cause)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((cause) => {
  process.stderr.write(`error: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  process.exit(1);
});
