/**
 * `npm start`: the reference server with the sample catalog (a synthetic
 * drive fleet, seeded through the SDK, idempotent), the demo dashboard
 * built with Vite and served beside it, and the URL to open.
 *
 *   npm start -- --help
 */
import { rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { build, preview } from "vite";
import { startServer, type GenerationName } from "../server/index.js";
import { DEFAULT_GENERATION, isGenerationName } from "../server/generation.js";
import { MosaicoClient } from "../src/node/index.js";
import { loadOrCreateManageKey } from "./seed/manage-key.js";
import { sampleCatalog } from "./seed/sample-catalog.js";
import { seedCatalog } from "./seed/seed-catalog.js";

const HELP = `npm start -- [options]

  --port <n>            Mosaico server port (default 6726, env PORT)
  --demo-port <n>       dashboard port (default 6780, env DEMO_PORT)
  --host <addr>         bind address of both (default 127.0.0.1)
  --data-dir <dir>      catalog folder (default .mosaico-data, env MOSAICO_DATA_DIR)
  --generation 0.6|0.7  the mosaicod release the server speaks (default 0.7)
  --no-api-key          run the server without API keys (everything allowed)
  --bootstrap-key <tok> manage key to use instead of the one kept in the data dir
  --fresh               delete the data dir first
  --out-dir <dir>       where the dashboard is built (default demo/dist)
  --skip-build          serve the existing build
`;

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    "demo-port": { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    generation: { type: "string" },
    "no-api-key": { type: "boolean" },
    "bootstrap-key": { type: "string" },
    fresh: { type: "boolean" },
    "out-dir": { type: "string" },
    "skip-build": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const host = args.host ?? "127.0.0.1";
const port = Number(args.port ?? process.env.PORT ?? 6726);
const demoPort = Number(args["demo-port"] ?? process.env.DEMO_PORT ?? 6780);
const dataDir = resolve(args["data-dir"] ?? process.env.MOSAICO_DATA_DIR ?? ".mosaico-data");
const generation = (args.generation ?? DEFAULT_GENERATION) as GenerationName;
const apiKeys = !args["no-api-key"];
const outDir = resolve(args["out-dir"] ?? "demo/dist");
if (!isGenerationName(generation)) throw new Error(`--generation must be 0.6 or 0.7, not ${generation}`);

if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
const manageKey = apiKeys ? loadOrCreateManageKey(dataDir, args["bootstrap-key"]) : undefined;

const t0 = performance.now();
const server = await startServer({ host, port, dataDir, generation, apiKeys, keyActions: apiKeys, bootstrapApiKey: manageKey?.token }).catch((cause: Error & { code?: string }) => {
  if (cause.code === "EADDRINUSE") console.error(`Port ${port} is taken (another npm start?). Stop it, or use --port.`);
  throw cause;
});
console.log(`Mosaico reference server on ${server.url} (mosaicod ${generation}${apiKeys ? " + --key-actions" : ""}, API keys ${apiKeys ? "on" : "off"})`);

console.log("Seeding the sample catalog…");
{
  await using client = await MosaicoClient.connect({ url: server.url, apiKey: manageKey?.token });
  const report = await seedCatalog(client, sampleCatalog, (line) => console.log(line));
  console.log(`  ${report.written.length + report.rewritten.length} written, ${report.kept.length} already there`);
}

if (!args["skip-build"]) {
  console.log("Building the dashboard…");
  await build({ configFile: resolve("demo/vite.config.ts"), build: { outDir, emptyOutDir: true }, logLevel: "warn" });
}
// The page reads the server URL from here at start (never a key).
writeFileSync(resolve(outDir, "config.json"), JSON.stringify({ serverUrl: server.url, keyActions: apiKeys }, null, 2));
const dashboard = await preview({
  configFile: resolve("demo/vite.config.ts"),
  build: { outDir },
  preview: { host, port: demoPort, strictPort: true, open: false },
  logLevel: "warn",
});
const dashboardUrl = `http://${host}:${demoPort}/`;

console.log(`
  Mosaico demo ready in ${((performance.now() - t0) / 1000).toFixed(1)} s

  Dashboard   ${dashboardUrl}
  Server      ${server.url}  (gRPC, gRPC-Web and Connect on one port)
${manageKey ? `  Manage key  ${manageKey.token}\n              paste it on the Connect page; kept in ${manageKey.file}\n` : "  API keys    off (--no-api-key): connect without a key\n"}
Ctrl-C to stop.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([dashboard.close(), server.close()]).then(() => process.exit(0));
  });
}
