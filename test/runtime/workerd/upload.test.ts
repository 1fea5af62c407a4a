/**
 * Uploads from a Cloudflare Worker (workerd via Miniflare): the SDK streams
 * the DoPut request body there (workerd streams ReadableStream bodies), so
 * an upload far above the buffered-upload cap still goes through.
 */
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const env = inject("runtimeEnv");
let mf: Miniflare;

beforeAll(async () => {
  const outfile = join(env.appDir, "upload-worker-dist/index.js");
  await build({
    absWorkingDir: env.appDir,
    entryPoints: ["upload-worker.mjs"],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    outfile,
    logLevel: "error",
  });
  mf = new Miniflare({
    modules: true,
    scriptPath: outfile,
    compatibilityDate: "2025-09-01",
    cf: false,
    bindings: { MOSAICO_URL: env.serverUrl, MOSAICO_API_KEY: env.writeKey },
  });
});

afterAll(async () => {
  await mf?.dispose();
});

describe("uploads from a Worker", () => {
  it("streams a DoPut larger than the buffered-upload cap", async () => {
    // 200,000 rows x 16 bytes = 3.2 MB of Arrow data against a 1 MiB buffer cap.
    const response = await mf.dispatchFetch(`http://edge.test/?name=worker_upload&rows=200000&maxBufferedBytes=${1024 * 1024}`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ written: 200_000, read: 200_000 });
  });
});
