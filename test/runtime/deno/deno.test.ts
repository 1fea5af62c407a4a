/**
 * demo/edge/deno in the real Deno (the `deno` npm package's binary), two ways
 * a user runs it, both offline against the packed SDK:
 * - bundled by esbuild for the web entry (what Deno Deploy-style single-file
 *   deploys get): gRPC-Web over Deno's fetch;
 * - the TypeScript sources run directly with the scratch project's
 *   node_modules: Deno resolves npm packages with the `node` condition, so
 *   it gets mosaico-web's Node entry and native gRPC over node:http2.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../../scripts/pack-install.js";
import { defineEdgeMatrix, demoVariables, type DemoConfig, type DemoHost } from "../helpers/edge-matrix.js";
import { defineRouteTests, type DemoFetch } from "../helpers/route-suite.js";
import { spawnServer, type SpawnedServer } from "../helpers/spawn-server.js";

const env = inject("runtimeEnv");
// The binary itself, not node_modules/.bin/deno: after a fresh `npm ci` that is the package's bin.cjs, a
// Node wrapper that runs the binary with spawnSync, so killing it left every demo running (parent pid 1).
// runInstall() is what bin.cjs calls: the binary's path, linked into the package on first use.
const deno = (createRequire(join(repoRoot, "package.json"))("deno/install_api.cjs") as { runInstall(): string }).runInstall();
const allowEnv =
  "--allow-env=MOSAICO_URL,MOSAICO_API_KEY,MOSAICO_TLS_CERT_FILE,MOSAICO_PROTOCOL,MOSAICO_COMPRESSION,MOSAICO_COMPRESS_MIN_BYTES,HOST,PORT";

interface Mode {
  name: string;
  /** MOSAICO_PROTOCOL for the demo ("" = the SDK's default for the entry Deno loaded). */
  protocol: "" | "grpc";
  args: () => Promise<string[]>;
  /** Files that went into the esbuild bundle (bundle mode only). */
  bundled?: string[];
}

const modes: Mode[] = [
  {
    name: "esbuild bundle (web entry, gRPC-Web)",
    protocol: "",
    async args() {
      const outfile = join(env.appDir, "deno-dist/main.js");
      const result = await build({
        absWorkingDir: env.appDir,
        entryPoints: ["edge/deno/main.ts"],
        bundle: true,
        format: "esm",
        platform: "browser",
        conditions: ["deno"],
        target: "es2022",
        outfile,
        logLevel: "error",
        metafile: true,
      });
      this.bundled = Object.keys(result.metafile.inputs);
      return ["run", "--no-prompt", "--allow-net=127.0.0.1", allowEnv, outfile];
    },
  },
  {
    name: "sources + node_modules (node entry, native gRPC)",
    // Only the Node entry can do native gRPC: the web entry would answer 400 FAILED_PRECONDITION.
    protocol: "grpc",
    async args() {
      // --sloppy-imports: the demo imports its TypeScript siblings as `.js`, as tsc wants.
      return ["run", "--no-prompt", "--node-modules-dir=manual", "--sloppy-imports", "--allow-net=127.0.0.1", allowEnv, "edge/deno/main.ts"];
    },
  },
];

describe.each(modes)("Deno: $name", (mode) => {
  const servers: SpawnedServer[] = [];
  let args: Promise<string[]> | undefined;
  let app: DemoFetch;
  let refused: DemoFetch;

  /** One demo process; only the variables the config sets are in its environment. */
  async function spawnDemo(config: DemoConfig): Promise<{ server: SpawnedServer; fetch: DemoFetch }> {
    const server = await spawnServer(deno, await (args ??= mode.args()), {
      cwd: env.appDir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DENO_NO_UPDATE_CHECK: "1",
        NO_COLOR: "1",
        ...demoVariables(config),
        MOSAICO_PROTOCOL: mode.protocol,
        PORT: "0",
      },
      ready: /listening on (http:\/\/\S+?)\/?\s/,
    });
    return { server, fetch: (path) => fetch(new URL(path, server.url)) };
  }

  async function start(apiKey: string): Promise<DemoFetch> {
    const demo = await spawnDemo({ url: env.serverUrl, apiKey });
    servers.push(demo.server);
    return demo.fetch;
  }

  /** The matrix's demos: one Deno process per config, stopped after each scenario. */
  const host: DemoHost = {
    entry: mode.protocol === "grpc" ? "node" : "web",
    async start(configs) {
      const names = Object.keys(configs);
      const started = await Promise.allSettled(names.map((name) => spawnDemo(configs[name]!)));
      const close = () => Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.server.close() : undefined))).then(() => {});
      const failed = started.find((s) => s.status === "rejected");
      if (failed) {
        await close();
        throw failed.reason;
      }
      const demos = started.map((s) => (s as PromiseFulfilledResult<{ fetch: DemoFetch }>).value);
      return { fetch: Object.fromEntries(names.map((name, i) => [name, demos[i]!.fetch])), close };
    },
  };

  beforeAll(async () => {
    [app, refused] = await Promise.all([start(env.readKey), start(env.unknownKey)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it("loads the entry its resolution mode promises", () => {
    if (mode.name.startsWith("esbuild")) {
      expect(mode.bundled, "the esbuild metafile").toBeDefined();
      expect(mode.bundled).toContain("node_modules/mosaico-web/dist/index.js");
      expect(mode.bundled!.filter((path) => path.includes("mosaico-web/dist/node/") || path.includes("connect-node"))).toEqual([]);
    }
    // The native gRPC mode proves itself in every route test below.
    expect(servers[0]!.output()).not.toMatch(/error/i);
  });

  defineRouteTests(() => ({ app, refused }), () => env);

  describe("gzip and the gateway", () => {
    defineEdgeMatrix(host, env);
  });
});
