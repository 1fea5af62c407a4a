/**
 * examples/worker locally: its own wrangler bundles it (`deploy --dry-run`,
 * nothing is uploaded), Miniflare runs the bundle in workerd, as
 * test/runtime/workerd/ does. Local mode only: no request.cf download, no
 * metrics, no update check; the Worker's traffic goes to 127.0.0.1.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { run, type Output } from "./process.js";

export async function bundleWorker(dir: string): Promise<void> {
  await run(join(dir, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", "dist"], {
    cwd: dir,
    env: {
      WRANGLER_SEND_METRICS: "false",
      // The banner is what asks the registry for a newer wrangler.
      WRANGLER_HIDE_BANNER: "true",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_LOG_PATH: join(dir, "wrangler-logs"),
    },
  });
}

/** GET /sequences and /query?sequence=<sequence>&tag=imu; the last line is what the runner checks. */
export async function driveWorker(dir: string, bindings: Record<string, string>, sequence: string): Promise<Output> {
  const toml = readFileSync(join(dir, "wrangler.toml"), "utf8");
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!compatibilityDate) throw new Error(`${dir}/wrangler.toml has no compatibility_date`);
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "dist/index.js"),
    modulesRoot: join(dir, "dist"),
    compatibilityDate,
    cf: false,
    bindings,
  });
  const output: Output = { command: `miniflare ${dir}/dist/index.js`, stdout: "", stderr: "" };
  try {
    const get = async (path: string) => {
      const response = await mf.dispatchFetch(`http://example.test${path}`);
      const text = await response.text();
      output.stdout += `GET ${path} -> ${response.status} ${text}\n`;
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const { sequences } = (await get("/sequences")) as { sequences: string[] };
    const answer = await get(`/query?sequence=${encodeURIComponent(sequence)}&tag=imu`);
    output.stdout += `${JSON.stringify({ example: "worker", sequences: sequences.length, listed: sequences.includes(sequence), ...answer })}\n`;
    return output;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- output\n${output.stdout}`);
  } finally {
    await mf.dispose();
  }
}
