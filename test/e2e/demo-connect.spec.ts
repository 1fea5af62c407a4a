/**
 * Demo dashboard, Connect page: version and generation shown; bad URL,
 * malformed key, unknown key and a server that is down each get a readable
 * message, and the app stays usable; a J2 server is detected as such.
 */
import { crc32 } from "node:zlib";
import { expect, test } from "@playwright/test";
import { e2e } from "../../playwright.config.js";
import { connect, demoServerUrl, demoUrl, manageKey, screenshot, watchPageErrors } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

test("connects and shows the server version and the detected generation", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await expect(page.getByTestId("server-version")).toContainText("0.7.0");
  await expect(page.getByTestId("server-generation")).toHaveText("J3");
  await expect(page.getByTestId("connection-pill")).toContainText(manageKey.slice(-8));
  // The key never reaches the URL; sessionStorage holds it for this tab only.
  expect(page.url()).not.toContain(manageKey);
  expect(await page.evaluate(() => localStorage.getItem("mosaico-demo:last-url"))).toBe(demoServerUrl);
  await screenshot(page, "connect");
  // A reload reconnects from sessionStorage without asking again.
  await page.reload();
  await expect(page.getByTestId("connected-summary")).toBeVisible();
  expect(errors).toEqual([]);
});

test("explains a bad URL, a malformed key, an unknown key and a server that is down, then still connects", async ({ page }) => {
  await page.goto(`${demoUrl}#/connect`);
  const url = page.getByTestId("server-url-input");
  const key = page.getByTestId("api-key-input");
  const error = page.getByTestId("connect-error");
  const tryConnect = async (u: string, k: string) => {
    await url.fill(u);
    await key.fill(k);
    await page.getByTestId("connect-button").click();
    await expect(error).toBeVisible();
  };

  await tryConnect("not a server", "");
  await expect(error).toContainText("That is not a server URL");

  await tryConnect(demoServerUrl, "msco_notakey");
  await expect(error).toContainText("not well-formed");

  await tryConnect(demoServerUrl, "");
  await expect(error).toContainText("requires an API key");

  // Well-formed (valid checksum) but unknown to this server.
  const payload = "a".repeat(32);
  await tryConnect(demoServerUrl, `msco_${payload}_${crc32(payload).toString(16).padStart(8, "0")}`);
  await expect(error).toContainText("refused this API key");

  await tryConnect("http://127.0.0.1:16799", manageKey);
  await expect(error).toContainText("No server answered at http://127.0.0.1:16799");
  await screenshot(page, "connect-error");

  // The page is still usable: the right settings connect.
  await connect(page);
});

test("detects a J2 server (mosaicod 0.6 line) and browses it", async ({ page }) => {
  await connect(page, { url: `http://127.0.0.1:${e2e.serverPort}` });
  await expect(page.getByTestId("server-generation")).toHaveText("J2");
  await page.getByTestId("open-catalog").click();
  await expect(page.getByTestId("catalog-table").or(page.getByTestId("catalog-empty"))).toBeVisible();
});
