/**
 * Once per `vitest run --config test/runtime/vitest.config.ts`: install the
 * packed SDK into a scratch project and start, in this process:
 *   - a reference server in store mode with API keys on (no gzip);
 *   - a second one, the same but with `gzip: true` (like mosaicod --gzip);
 *   - two gateway-mode servers in front of the first, read-only allow-list,
 *     each injecting a key of its own: the seeded read key, and a key the
 *     store does not know (the demos send none to either);
 * and seed both stores from Node through the installed package.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { packAndInstall, repoRoot } from "../../scripts/pack-install.js";
import { startServer, type RunningServer } from "../../server/index.js";
import { makeApiKey } from "./helpers/api-key.js";
import type { RuntimeEnv } from "./helpers/runtime-env.js";

const servers: RunningServer[] = [];
const dataDirs: string[] = [];

/** A store-mode server with keys on, seeded by fixtures/seed-node.mjs; resolves to its URL and read key. */
async function seededStore(appDir: string, gzip: boolean): Promise<{ url: string; readKey: string; writeKey: string; entry: string; protocol: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "mosaico-runtime-"));
  dataDirs.push(dataDir);
  const bootstrapKey = makeApiKey();
  const server = await startServer({ host: "127.0.0.1", port: 0, dataDir, apiKeys: true, keyActions: true, bootstrapApiKey: bootstrapKey, gzip });
  servers.push(server);
  // Asynchronously: the server runs in this very process.
  const { stdout } = await promisify(execFile)(process.execPath, ["seed-node.mjs", server.url, bootstrapKey], { cwd: appDir });
  const seeded = JSON.parse(stdout) as { readKey: string; writeKey: string; entry: string; protocol: string };
  return { url: server.url, ...seeded };
}

/** Gateway mode in front of `upstream`, injecting `apiKey`, forwarding reads only. */
async function readOnlyGateway(upstream: string, apiKey: string): Promise<string> {
  const server = await startServer({ host: "127.0.0.1", port: 0, upstream: { address: upstream, apiKey, allow: ["read"] } });
  servers.push(server);
  return server.url;
}

export async function setup(project: TestProject): Promise<void> {
  const started = performance.now();
  const rootPkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  // apache-arrow is a peer dependency: the app brings it (here the highest supported version, the one the SDK develops on).
  // MOSAICO_PACK_BUILD=always|never|if-stale (default: build only when src/ is newer than dist/).
  const build = (process.env.MOSAICO_PACK_BUILD ?? "if-stale") as "always" | "never" | "if-stale";
  const { appDir } = packAndInstall({ dir: ".tmp/runtime", build, dependencies: { "apache-arrow": rootPkg.devDependencies["apache-arrow"]! } });
  for (const part of ["shared", "worker", "deno"]) {
    cpSync(join(repoRoot, "demo/edge", part), join(appDir, "edge", part), { recursive: true, filter: (src) => !src.endsWith(".d.ts") });
  }
  cpSync(join(repoRoot, "test/runtime/fixtures"), appDir, { recursive: true });

  const [keyed, gzipped] = await Promise.all([seededStore(appDir, false), seededStore(appDir, true)]);
  const unknownKey = makeApiKey();
  const [gatewayUrl, refusingGatewayUrl] = await Promise.all([readOnlyGateway(keyed.url, keyed.readKey), readOnlyGateway(keyed.url, unknownKey)]);

  const env: RuntimeEnv = {
    appDir,
    serverUrl: keyed.url,
    readKey: keyed.readKey,
    writeKey: keyed.writeKey,
    gzipServerUrl: gzipped.url,
    gzipReadKey: gzipped.readKey,
    gatewayUrl,
    refusingGatewayUrl,
    unknownKey,
    nodeEntry: keyed.entry,
    nodeProtocol: keyed.protocol,
    setupSeconds: (performance.now() - started) / 1000,
  };
  project.provide("runtimeEnv", env);
}

export async function teardown(): Promise<void> {
  // Gateways first (they were started last).
  for (const server of servers.reverse()) await server.close();
  for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
}
