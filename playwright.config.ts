import { defineConfig } from "@playwright/test";

/** Ports and the bootstrap manage key of the e2e reference server (test-only values). */
export const e2e = {
  serverPort: 16726,
  /** The same server kind over TLS (h2 via ALPN), where Chromium can stream uploads. */
  tlsServerPort: 16727,
  /** A reference server started with --gzip (compression round trips). */
  gzipServerPort: 16729,
  /** Gateway mode in front of serverPort, injecting the manage key (browsers hold none). */
  gatewayPort: 16730,
  /** The same gateway restricted to reads. */
  readOnlyGatewayPort: 16731,
  pagePort: 16780,
  manageKey: "msco_e2etestbootstrapkey0000000000000_59cd5888",
  /** `npm start` as the demo tests see it: a freshly seeded J3 server and the built dashboard. */
  demoServerPort: 16728,
  demoPort: 16781,
};

// Debian's Chromium; Playwright cannot download browsers here.
export const chromiumArgs = [
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
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    headless: true,
    // The TLS server uses a self-signed development certificate.
    ignoreHTTPSErrors: true,
    screenshot: "only-on-failure",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
  },
  webServer: [
    {
      command: `rm -rf .tmp/e2e-data && npx tsx server/main.ts --port ${e2e.serverPort} --data-dir .tmp/e2e-data --generation 0.6 --api-key --key-actions --bootstrap-key ${e2e.manageKey}`,
      port: e2e.serverPort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command:
        `rm -rf .tmp/e2e-tls-data && bash scripts/make-dev-cert.sh .tmp/e2e-cert >/dev/null && ` +
        `npx tsx server/main.ts --port ${e2e.tlsServerPort} --data-dir .tmp/e2e-tls-data --tls --tls-cert .tmp/e2e-cert/cert.pem --tls-key .tmp/e2e-cert/key.pem`,
      port: e2e.tlsServerPort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The one-command path of the README (scripts/start.ts) on test ports, from an empty data dir.
      command:
        `npx tsx scripts/start.ts --fresh --data-dir .tmp/e2e-demo-data --out-dir .tmp/e2e-demo-dist ` +
        `--port ${e2e.demoServerPort} --demo-port ${e2e.demoPort} --bootstrap-key ${e2e.manageKey}`,
      port: e2e.demoPort,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `rm -rf .tmp/e2e-gzip-data && npx tsx server/main.ts --port ${e2e.gzipServerPort} --data-dir .tmp/e2e-gzip-data --gzip`,
      port: e2e.gzipServerPort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    ...[
      { port: e2e.gatewayPort, allow: "" },
      { port: e2e.readOnlyGatewayPort, allow: "--allow read" },
    ].map(({ port, allow }) => ({
      command: `npx tsx server/main.ts --port ${port} --upstream 127.0.0.1:${e2e.serverPort} --upstream-api-key-env E2E_UPSTREAM_KEY ${allow}`,
      env: { E2E_UPSTREAM_KEY: e2e.manageKey },
      port,
      reuseExistingServer: false,
      timeout: 60_000,
    })),
    {
      command: `npx tsx test/e2e/fixtures/sdk-page-server.ts`,
      env: { SDK_PAGE_PORT: String(e2e.pagePort) },
      port: e2e.pagePort,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
