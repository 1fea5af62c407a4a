/**
 * examples/vite-browser: its built dist/ served from 127.0.0.1, opened in
 * Debian's Chromium by Playwright (the flags of playwright.config.ts), with
 * the page's #summary as its final JSON line.
 */
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium } from "@playwright/test";
import { chromiumArgs as playwrightChromiumArgs } from "../../playwright.config.js";
import type { Output } from "./process.js";

// Debian's Chromium, with the flags of the Playwright tests; Playwright cannot download browsers here.
const chromiumArgs = ["--headless", ...playwrightChromiumArgs];

const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

/** A static server of `root` on an ephemeral port of 127.0.0.1. */
async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? "/", "http://x").pathname).replace(/^([/\\])+/, "") || "index.html";
    readFile(join(root, path)).then(
      (body) => response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Opens the page with `?server=…&sequence=…` and waits for #summary to say done or error. */
export async function drivePage(dist: string, query: { server: string; sequence: string }): Promise<Output> {
  const site = await serve(dist);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
  const output: Output = { command: `chromium ${site.url}`, stdout: "", stderr: "" };
  try {
    const page = await browser.newPage();
    page.on("console", (message) => (output.stderr += `console.${message.type()}: ${message.text()}\n`));
    page.on("pageerror", (error) => (output.stderr += `pageerror: ${error.message}\n`));
    await page.goto(`${site.url}/?${new URLSearchParams(query)}`);
    const summary = page.locator('#summary:is([data-status="done"], [data-status="error"])');
    await summary.waitFor({ timeout: 30_000 });
    const text = (await summary.textContent()) ?? "";
    output.stdout += `#topic: ${await page.locator("#topic").textContent()}\n`;
    const points = await page.evaluate(() => document.querySelector("#plot polyline")?.getAttribute("points")?.split(" ").length ?? 0);
    output.stdout += `#plot: ${points} points\n`;
    output.stdout += `${text}\n`;
    if ((await summary.getAttribute("data-status")) !== "done") throw new Error(`the page failed: ${text}\n${output.stderr}`);
    return output;
  } finally {
    await browser.close();
    await site.close();
  }
}
