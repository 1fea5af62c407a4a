/**
 * demo/edge/worker in workerd: wrangler bundles it from the scratch project
 * (the packed SDK, resolved with wrangler's workerd/worker/browser
 * conditions), Miniflare runs the bundle in local mode.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../../scripts/pack-install.js";
import { defineEdgeMatrix, demoVariables, type DemoConfig, type DemoHost } from "../helpers/edge-matrix.js";
import { defineRouteTests, type DemoFetch } from "../helpers/route-suite.js";

const env = inject("runtimeEnv");
const outDir = join(env.appDir, "worker-dist");
const workers: Miniflare[] = [];
let bundle = "";
let bundledInputs: string[] = [];

function compatibilityDate(): string {
  const toml = readFileSync(join(env.appDir, "edge/worker/wrangler.toml"), "utf8");
  return /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!;
}

function startWorker(apiKey: string): DemoFetch {
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outDir, "index.js"),
    // Module names are relative to this root; the default (cwd) would need "..".
    modulesRoot: outDir,
    compatibilityDate: compatibilityDate(),
    // No request.cf download from Cloudflare: local mode only.
    cf: false,
    bindings: { MOSAICO_URL: env.serverUrl, MOSAICO_API_KEY: apiKey },
  });
  workers.push(mf);
  return async (path) => (await mf.dispatchFetch(`http://edge.test${path}`)) as unknown as Response;
}

/** The matrix's demos: one Miniflare (one workerd process) per scenario, a named Worker per config. */
const host: DemoHost = {
  entry: "web",
  async start(configs: Record<string, DemoConfig>) {
    const mf = new Miniflare({
      cf: false,
      workers: Object.entries(configs).map(([name, config]) => ({
        name,
        modules: true,
        scriptPath: join(outDir, "index.js"),
        modulesRoot: outDir,
        compatibilityDate: compatibilityDate(),
        bindings: demoVariables(config),
      })),
    });
    const fetchers = Object.fromEntries(
      Object.keys(configs).map((name): [string, DemoFetch] => [
        name,
        async (path) => {
          // miniflare's Fetcher typing does not resolve here; the object is a service binding.
          const worker = (await mf.getWorker(name)) as unknown as { fetch(url: string): Promise<Response> };
          return worker.fetch(`http://edge.test${path}`);
        },
      ]),
    );
    return { fetch: fetchers, close: () => mf.dispose() };
  },
};

let app: DemoFetch;
let refused: DemoFetch;

beforeAll(() => {
  execFileSync(join(repoRoot, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outDir, "--metafile", "-c", "edge/worker/wrangler.toml"], {
    cwd: env.appDir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_LOG_PATH: join(env.appDir, "wrangler-logs") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  bundle = readFileSync(join(outDir, "index.js"), "utf8");
  const meta = JSON.parse(readFileSync(join(outDir, "bundle-meta.json"), "utf8")) as { inputs: Record<string, unknown> };
  bundledInputs = Object.keys(meta.inputs);
  app = startWorker(env.readKey);
  refused = startWorker(env.unknownKey);
});

afterAll(async () => {
  await Promise.all(workers.map((mf) => mf.dispose()));
});

describe("Cloudflare Worker (wrangler bundle, workerd via Miniflare)", () => {
  it("bundles the web entry of the installed package, nothing Node-only", () => {
    const sdkFiles = bundledInputs.filter((path) => path.includes("node_modules/mosaico-web/"));
    expect(sdkFiles.some((path) => path.endsWith("node_modules/mosaico-web/dist/index.js"))).toBe(true);
    expect(sdkFiles.filter((path) => path.includes("/dist/node/"))).toEqual([]);
    expect(bundledInputs.filter((path) => path.includes("connect-node") || path.startsWith("node:"))).toEqual([]);
    // Checked as a boolean: a failing toMatch would print the whole bundle.
    expect(/["']node:[a-z/_]+["']/.test(bundle), "a node: import in the Worker bundle").toBe(false);
  });

  defineRouteTests(() => ({ app, refused }), () => env);

  it("answers a bad MOSAICO_COMPRESSION with a JSON 500 that does not echo it", async () => {
    const demos = await host.start({ bad: { url: env.serverUrl, apiKey: env.readKey, compression: "brotli" as never } });
    try {
      const response = await demos.fetch.bad!("/sequences");
      const text = await response.text();
      expect(response.status, text).toBe(500);
      expect(JSON.parse(text).error).toEqual({ code: "MISCONFIGURED", message: "this service is misconfigured; see the service log" });
    } finally {
      await demos.close();
    }
  });
});

describe("Cloudflare Worker: gzip and the gateway", () => {
  defineEdgeMatrix(host, env);
});
