/**
 * Demo dashboard, honest states: a server that dies under the dashboard shows
 * as unreachable (red connection pill, the catalog's error), never as an empty
 * catalog under a green status. The server is a reference server of the
 * test's own, stopped mid-test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { startServer, type RunningServer } from "../../server/index.js";
import { connect, screenshot, watchPageErrors } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

let server: RunningServer | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "mosaico-e2e-dead-"));
test.afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a server that stops answering shows as unreachable, not as an empty catalog", async ({ page }) => {
  const errors = watchPageErrors(page);
  server = await startServer({ port: 0, dataDir });
  await connect(page, { url: server.url, apiKey: "" });
  await page.getByTestId("nav-catalog").click();
  await expect(page.getByTestId("catalog-empty")).toBeVisible();
  await expect(page.getByTestId("connection-pill")).toHaveAttribute("data-reachable", "true");

  await server.close();
  server = undefined;
  await page.getByTestId("reload-catalog").click();
  await expect(page.getByTestId("catalog-error")).toBeVisible();
  await expect(page.getByTestId("catalog-empty")).toHaveCount(0);
  await expect(page.getByTestId("connection-pill")).toHaveAttribute("data-reachable", "false");
  await expect(page.getByTestId("connection-pill")).toContainText("unreachable");
  await screenshot(page, "unreachable");
  expect(errors).toEqual([]);
});
