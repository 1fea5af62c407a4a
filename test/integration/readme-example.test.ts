/**
 * The README's usage example, run as a user would: extracted from README.md,
 * importing the package by name (resolved through package.json exports to
 * the built dist/, so `npm run build` must have run), against a live server.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../server/index.js";
import { removeDataDirs, startTestServer } from "./helpers/test-server.js";

const root = join(import.meta.dirname, "../..");
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  removeDataDirs();
});

it("runs the README example", async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = /<!-- readme-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- readme-example:end -->/.exec(readme);
  expect(block, "README example markers").not.toBeNull();
  const code = block![1]!;
  expect(code.split("\n").filter((line) => line.trim()).length).toBeLessThanOrEqual(12);
  mkdirSync(join(root, ".tmp"), { recursive: true });
  const file = join(root, ".tmp", "readme-example.mts");
  writeFileSync(file, code);
  const { stdout } = await promisify(execFile)(join(root, "node_modules/.bin/tsx"), [file], {
    cwd: root,
    env: { ...process.env, MOSAICO_URL: server.url },
    timeout: 60_000,
  });
  expect(stdout).toMatch(/^server \d+\.\d+\.\d+/m);
  expect(stdout).toMatch(/^readme_demo \d{19}n \d+ sequences$/m);
  expect(stdout).toContain("not found, as expected");
});
