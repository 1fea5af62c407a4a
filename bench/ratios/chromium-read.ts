/**
 * Runs bench/ratios/browser-read-page.ts in Chromium (Debian's, through
 * playwright-core): bundles it and the SDK's reader worker with esbuild into
 * .tmp/bench-ratios, serves them from a local server of their own, and
 * returns what the page measured.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { serveDirectory } from "../shared/static-server.js";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import type { Measured } from "./runs.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "../../.tmp/bench-ratios");
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** What the page reports. */
export interface ChromiumReads {
  readonly browser: string;
  readonly codec: string;
  readonly measured: Record<"sdkReplay" | "fetch" | "sdkReference" | "sdkWorker", Measured>;
}

export interface ChromiumReadOptions {
  /** The replay servers' HTTP/1.1 port: GET of the IPC bytes and gRPC-Web. */
  replayUrl: string;
  /** The reference server (gRPC-Web on its one port). */
  referenceUrl: string;
  /** The topic to read from the reference server. */
  referenceLocator: string;
  rounds: number;
}

export async function chromiumRead(options: ChromiumReadOptions): Promise<ChromiumReads> {
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: { page: join(here, "browser-read-page.ts"), "reader-worker": join(here, "../../src/worker/reader-worker.ts") },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: dir,
    minify: true,
    logLevel: "error",
  });
  writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>`);
  const { server, port } = await serveDirectory(dir);
  const query = new URLSearchParams({
    replay: options.replayUrl,
    reference: options.referenceUrl,
    locator: options.referenceLocator,
    rounds: String(options.rounds),
  });
  const context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: "/usr/bin/chromium", args: FLAGS, headless: true });
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.goto(`http://127.0.0.1:${port}/?${query}`);
    await page.waitForFunction(() => window.ratiosResult ?? window.ratiosError, undefined, { timeout: 900_000, polling: 1000 });
    const error = await page.evaluate(() => window.ratiosError);
    if (error) throw new Error(error);
    return JSON.parse((await page.evaluate(() => window.ratiosResult))!) as ChromiumReads;
  } finally {
    await context.close();
    server.close();
  }
}
