import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/conformance/**/*.test.ts"],
          environment: "node",
          // Generous: on a loaded 2-core machine a first call can wait seconds for CPU.
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Each file starts its own reference servers on ephemeral ports.
          fileParallelism: true,
        },
      },
    ],
  },
});
