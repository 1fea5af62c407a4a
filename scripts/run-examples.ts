/**
 * Runs every project of examples/ the way a user would, against the packed SDK:
 * build + `npm pack` once (scripts/pack-install.ts), copy each example to
 * `.tmp/examples/<name>`, `npm install` the tarball and the example's own
 * dependencies there, start one reference server (API keys on) and a
 * read-only gateway on 127.0.0.1 in this process, then run the examples:
 * the writers first (node-esm, node-cjs, typescript), then the readers
 * (deno, worker, vite-browser), which read what node-esm wrote. Each example
 * ends with one JSON line (the Worker: its JSON answer; the page: its
 * #summary), checked here. A failure prints the example's whole output.
 *
 *   npx tsx scripts/run-examples.ts [name ...]      # MOSAICO_PACK_BUILD=always|never|if-stale
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startServer, type RunningServer } from "../server/index.js";
import { APIKeyPermission, MosaicoClient } from "../src/node/index.js";
import { packAndInstall, repoRoot } from "./pack-install.js";
import { bundleWorker, driveWorker } from "./run-examples/worker.js";
import { drivePage } from "./run-examples/browser.js";
import { finalJson, run, type Output } from "./run-examples/process.js";

const examplesDir = join(repoRoot, "examples");
const workDir = join(repoRoot, ".tmp/examples");
const bin = (name: string) => join(repoRoot, "node_modules/.bin", name);

/** What the examples are run with: the server, the gateway, and a key per permission. */
interface Context {
  dir: (example: string) => string;
  url: string;
  gatewayUrl: string;
  keys: Record<"read" | "write" | "delete", string>;
  /** The sequence node-esm wrote; the readers look for it. */
  sequence?: string;
}

type Json = Record<string, unknown>;

/** An example: optional build work that needs no server, its run, and what its JSON must say. */
interface Example {
  name: string;
  /** Runs while the writers run (bundling, compiling): needs no server. */
  prepare?: (ctx: Context) => Promise<void>;
  run: (ctx: Context) => Promise<Output>;
  check: (json: Json, ctx: Context, output: Output) => string[];
  /** Readers run after the writers. */
  reader?: boolean;
}

/** The fields of `json` that differ from `expected` (compared as JSON), as failure lines. */
function mismatches(json: Json, expected: Json): string[] {
  return Object.entries(expected)
    .filter(([key, value]) => JSON.stringify(json[key]) !== JSON.stringify(value))
    .map(([key, value]) => `${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(json[key])}`);
}

const node = (ctx: Context, name: string, file: string, key: string) =>
  run(process.execPath, [file], { cwd: ctx.dir(name), env: { MOSAICO_URL: ctx.url, MOSAICO_API_KEY: key } });

const examples: Example[] = [
  {
    name: "node-esm",
    run: (ctx) => node(ctx, "node-esm", "main.mjs", ctx.keys.write),
    check(json, ctx) {
      ctx.sequence = String(json.sequence);
      return mismatches(json, { protocol: "grpc", written: 500, read: 200, rowCount: "200", firstNs: "2000000000", lastNs: "3990000000" });
    },
  },
  {
    name: "node-cjs",
    run: (ctx) => node(ctx, "node-cjs", "main.cjs", ctx.keys.write),
    // arrow: the lowest version of the peer range, which its package.json pins.
    check: (json) => mismatches(json, { arrow: "21.1.0", protocol: "grpc", written: 300, read: 200, lastAccelerationX: 1.99, lastNs: "995000000" }),
  },
  {
    name: "typescript",
    async run(ctx) {
      const dir = ctx.dir("typescript");
      // The tsconfig must be exactly what this TypeScript's `tsc --init` writes.
      const fresh = join(workDir, "tsc-init");
      rmSync(fresh, { recursive: true, force: true });
      mkdirSync(fresh, { recursive: true });
      await run(join(dir, "node_modules/.bin/tsc"), ["--init"], { cwd: fresh });
      if (readFileSync(join(fresh, "tsconfig.json"), "utf8") !== readFileSync(join(dir, "tsconfig.json"), "utf8")) {
        throw new Error("examples/typescript/tsconfig.json is not what `npx tsc --init` writes: regenerate it, do not edit it");
      }
      await run(join(dir, "node_modules/.bin/tsc"), [], { cwd: dir });
      return node(ctx, "typescript", "main.js", ctx.keys.write);
    },
    check: (json) =>
      mismatches(json, {
        protocol: "grpc",
        windows: [["510000000", "990000000"]],
        perTopic: { "/imu/front": 100, "/imu/rear": 50 },
        firstHardNs: "510000000",
        firstHardX: 5.1,
      }),
  },
  {
    name: "deno",
    reader: true,
    run: (ctx) =>
      run(bin("deno"), ["run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env=MOSAICO_URL,MOSAICO_API_KEY,MOSAICO_SEQUENCE", "main.ts"], {
        cwd: ctx.dir("deno"),
        // Only what Deno needs: no inherited MOSAICO_* of the caller.
        clearEnv: true,
        env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", MOSAICO_URL: ctx.url, MOSAICO_API_KEY: ctx.keys.delete, MOSAICO_SEQUENCE: ctx.sequence! },
      }),
    check: (json, ctx, output) => [
      ...mismatches(json, { protocol: "grpc", locator: `${ctx.sequence}/sensors/imu`, rows: 500 }),
      ...(/^readme_demo \d{19}n \d+ sequences$/m.test(output.stdout) && output.stdout.includes("not found, as expected") ? [] : ["the README usage lines are missing"]),
    ],
  },
  {
    name: "worker",
    reader: true,
    prepare: (ctx) => bundleWorker(ctx.dir("worker")),
    run: (ctx) => driveWorker(ctx.dir("worker"), { MOSAICO_URL: ctx.url, MOSAICO_API_KEY: ctx.keys.read }, ctx.sequence!),
    check(json, ctx) {
      const results = json.results as Array<{ sequence: string; topics: Array<{ locator: string; rows: string }> }> | undefined;
      return mismatches({ results: results?.map((r) => ({ sequence: r.sequence, topics: r.topics.map((t) => [t.locator, t.rows]) })) }, {
        results: [{ sequence: ctx.sequence, topics: [[`${ctx.sequence}/sensors/imu`, "500"]] }],
      });
    },
  },
  {
    name: "vite-browser",
    reader: true,
    prepare: (ctx) => run(join(ctx.dir("vite-browser"), "node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: ctx.dir("vite-browser") }).then(() => {}),
    // Through the gateway: it adds the read key, the page holds none.
    run: (ctx) => drivePage(join(ctx.dir("vite-browser"), "dist"), { server: ctx.gatewayUrl, sequence: ctx.sequence! }),
    check: (json, ctx) => mismatches(json, { topic: `${ctx.sequence}/sensors/imu`, rows: 500, plotted: 500 }),
  },
];

/** Copies an example (without what a local install or build left) and installs the tarball and its dependencies. */
async function install(name: string, tarball: string): Promise<number> {
  const started = performance.now();
  const dir = join(workDir, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(examplesDir, name), dir, { recursive: true, filter: (src) => !/[\\/](node_modules|dist|\.wrangler)$/.test(src) });
  // --prefer-offline: npm's cache already holds the root project's packages; --ignore-scripts as in pack-install.ts.
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", tarball], { cwd: dir, timeoutMs: 180_000 });
  return (performance.now() - started) / 1000;
}

async function startServers(): Promise<{ servers: RunningServer[]; ctx: Context }> {
  const dataDir = join(workDir, "data");
  rmSync(dataDir, { recursive: true, force: true });
  // A fresh data dir: the server makes a bootstrap manage key and tells it.
  const store = await startServer({ host: "127.0.0.1", port: 0, dataDir, apiKeys: true, keyActions: true });
  const admin = await MosaicoClient.connect({ url: store.url, apiKey: store.bootstrapApiKey, keyActions: true });
  const key = (permission: APIKeyPermission) => admin.createApiKey({ permission, description: `examples: ${permission}` });
  let keys: Context["keys"];
  try {
    // Each example gets the least it needs: deno deletes the sequence it made.
    keys = { read: await key(APIKeyPermission.Read), write: await key(APIKeyPermission.Write), delete: await key(APIKeyPermission.Delete) };
  } finally {
    await admin.close();
  }
  const gateway = await startServer({ host: "127.0.0.1", port: 0, upstream: { address: store.url, apiKey: keys.read, allow: ["read"] } });
  return { servers: [gateway, store], ctx: { dir: (example) => join(workDir, example), url: store.url, gatewayUrl: gateway.url, keys } };
}

interface Result {
  name: string;
  seconds: number;
  json?: Json;
  failure?: string;
}

async function runOne(example: Example, ctx: Context, prepared: Promise<void> | undefined): Promise<Result> {
  const started = performance.now();
  let output: Output | undefined;
  try {
    await prepared;
    output = await example.run(ctx);
    const json = finalJson(output);
    const problems = [...(json.example === example.name ? [] : [`example: expected "${example.name}", got ${JSON.stringify(json.example)}`]), ...example.check(json, ctx, output)];
    if (problems.length) throw new Error(problems.join("\n"));
    return { name: example.name, seconds: (performance.now() - started) / 1000, json };
  } catch (error) {
    const detail = output ? `\n--- stdout\n${output.stdout}--- stderr\n${output.stderr}` : "";
    return { name: example.name, seconds: (performance.now() - started) / 1000, failure: `${error instanceof Error ? error.message : String(error)}${detail}` };
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const only = process.argv.slice(2);
  const selected = only.length ? examples.filter((e) => only.includes(e.name)) : examples;
  const onDisk = readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const unknown = [...onDisk.filter((name) => !examples.some((e) => e.name === name)), ...only.filter((name) => !onDisk.includes(name))];
  if (unknown.length) throw new Error(`examples without a runner entry, or not in examples/: ${unknown.join(", ")}`);
  if (selected.some((e) => e.reader) && !selected.some((e) => e.name === "node-esm")) selected.unshift(examples[0]!); // the readers read its sequence

  const build = (process.env.MOSAICO_PACK_BUILD ?? "if-stale") as "always" | "never" | "if-stale";
  const packed = packAndInstall({ dir: ".tmp/examples/pack", build });
  console.log(`packed ${packed.tarball} in ${packed.seconds.toFixed(1)} s`);
  const installStarted = performance.now();
  const installs = await Promise.all(selected.map(async (e) => `${e.name} ${(await install(e.name, packed.tarball)).toFixed(1)} s`));
  console.log(`installed in ${((performance.now() - installStarted) / 1000).toFixed(1)} s: ${installs.join(", ")}`);

  const { servers, ctx } = await startServers();
  const results: Result[] = [];
  try {
    const prepared = new Map(selected.map((e) => [e.name, e.prepare?.(ctx)]));
    // Awaited by runOne later, possibly after it failed: not an unhandled rejection meanwhile.
    for (const work of prepared.values()) work?.catch(() => {});
    for (const phase of [selected.filter((e) => !e.reader), selected.filter((e) => e.reader)]) {
      results.push(...(await Promise.all(phase.map((e) => runOne(e, ctx, prepared.get(e.name))))));
      if (results.some((r) => r.failure) && phase.some((e) => e.name === "node-esm") && !ctx.sequence) break;
    }
    await Promise.allSettled([...prepared.values()]);
  } finally {
    for (const server of servers) await server.close();
  }
  for (const r of results) console.log(`${r.failure ? "FAIL" : "ok  "} ${r.name.padEnd(13)} ${r.seconds.toFixed(1).padStart(5)} s  ${r.json ? JSON.stringify(r.json) : ""}`);
  const failed = results.filter((r) => r.failure);
  for (const r of failed) console.error(`\n===== ${r.name} failed\n${r.failure}`);
  const missing = selected.filter((e) => !results.some((r) => r.name === e.name)).map((e) => e.name);
  if (missing.length) console.error(`\nnot run (node-esm wrote nothing to read): ${missing.join(", ")}`);
  console.log(`\n${results.length - failed.length}/${selected.length} examples passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed.length || missing.length) process.exitCode = 1;
}

if (!existsSync(examplesDir)) throw new Error("no examples/ folder");
await main();
