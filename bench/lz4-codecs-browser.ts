/**
 * bench/lz4-codecs.ts in Chromium: the same lz4_flex frames (made here in
 * Node), decoded in a real browser page (bundled by esbuild, served from
 * .tmp/bench-lz4, driven by playwright-core with Debian's chromium).
 *
 *   npm install --no-save lz4-asm@0.4.2 @foxglove/wasm-lz4@1.0.2
 *   npx tsx bench/lz4-codecs-browser.ts [rows]    (default 1,000,000)
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { serveDirectory } from "./shared/static-server.js";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { imuSamples } from "./lz4-codecs.js";
import { packSamples } from "./lz4/measure.js";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "../.tmp/bench-lz4");
const ROWS = Number(process.argv[2] ?? 1_000_000);
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "frames.bin"), packSamples(imuSamples(ROWS)));
for (const [pkg, file] of [["lz4-asm/dist/lz4wasm.js", "_lz4.wasm"], ["@foxglove/wasm-lz4/package.json", "dist/wasm-lz4.wasm"]] as const) {
  try {
    const base = dirname(require.resolve(pkg));
    copyFileSync(join(base, file), join(dir, file.split("/").pop()!));
  } catch {
    /* candidate not installed: its row says so */
  }
}
await build({
  entryPoints: [join(here, "lz4/browser-page.ts")],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  outfile: join(dir, "page.js"),
  external: ["fs", "path", "crypto", "url"],
  // @foxglove/wasm-lz4 require()s its .wasm (a webpack file-loader habit): esbuild emits it as a file URL.
  loader: { ".wasm": "file" },
  logLevel: "error",
});
writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>`);

const { server, port } = await serveDirectory(dir);
const context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: "/usr/bin/chromium", args: FLAGS, headless: true });
try {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.lz4Result ?? window.lz4Error, undefined, { timeout: 300_000 });
  const error = await page.evaluate(() => window.lz4Error);
  if (error) throw new Error(error);
  console.log(await page.evaluate(() => window.lz4Result));
} finally {
  await context.close();
  server.close();
}
