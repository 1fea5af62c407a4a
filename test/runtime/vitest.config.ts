/**
 * The runtime tests: the edge demos in real workerd (Miniflare) and Deno, and
 * a browser bundle check, all against the *packed* SDK.
 *
 *   npx vitest run --config test/runtime/vitest.config.ts
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "runtime",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/runtime/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/runtime/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
