/**
 * Once per `vitest run --config test/runtime/vitest.config.ts`: install the
 * packed SDK into a scratch project, start a reference server with API keys
 * on, and seed it from Node through the installed package.
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

let server: RunningServer | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const started = performance.now();
  const rootPkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  // apache-arrow as a direct dependency, at the SDK's version, as an app that builds batches would have it.
  // MOSAICO_PACK_BUILD=always|never|if-stale (default: build only when src/ is newer than dist/).
  const build = (process.env.MOSAICO_PACK_BUILD ?? "if-stale") as "always" | "never" | "if-stale";
  const { appDir } = packAndInstall({ dir: ".tmp/runtime", build, dependencies: { "apache-arrow": rootPkg.dependencies["apache-arrow"]! } });
  for (const part of ["shared", "worker", "deno"]) {
    cpSync(join(repoRoot, "demo/edge", part), join(appDir, "edge", part), { recursive: true, filter: (src) => !src.endsWith(".d.ts") });
  }
  cpSync(join(repoRoot, "test/runtime/fixtures"), appDir, { recursive: true });

  dataDir = mkdtempSync(join(tmpdir(), "mosaico-runtime-"));
  const bootstrapKey = makeApiKey();
  server = await startServer({ host: "127.0.0.1", port: 0, dataDir, apiKeys: true, bootstrapApiKey: bootstrapKey });
  // Asynchronously: the server runs in this very process.
  const { stdout } = await promisify(execFile)(process.execPath, ["seed-node.mjs", server.url, bootstrapKey], { cwd: appDir });
  const seeded = JSON.parse(stdout) as { readKey: string; entry: string; protocol: string };

  const env: RuntimeEnv = {
    appDir,
    serverUrl: server.url,
    readKey: seeded.readKey,
    unknownKey: makeApiKey(),
    nodeEntry: seeded.entry,
    nodeProtocol: seeded.protocol,
    setupSeconds: (performance.now() - started) / 1000,
  };
  project.provide("runtimeEnv", env);
}

export async function teardown(): Promise<void> {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
