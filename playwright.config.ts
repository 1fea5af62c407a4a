import { defineConfig } from "@playwright/test";

/** Ports and the bootstrap manage key of the e2e reference server (test-only values). */
export const e2e = {
  serverPort: 16726,
  pagePort: 16780,
  manageKey: "msco_e2etestbootstrapkey0000000000000_59cd5888",
};

// Debian's Chromium; Playwright cannot download browsers here.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "test/e2e",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    headless: true,
    screenshot: "only-on-failure",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
  },
  webServer: [
    {
      command: `rm -rf .tmp/e2e-data && npx tsx server/main.ts --port ${e2e.serverPort} --data-dir .tmp/e2e-data --api-key --bootstrap-key ${e2e.manageKey}`,
      port: e2e.serverPort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx test/e2e/fixtures/sdk-page-server.ts`,
      env: { SDK_PAGE_PORT: String(e2e.pagePort) },
      port: e2e.pagePort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
