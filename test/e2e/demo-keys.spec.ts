/**
 * Demo dashboard, API keys: create a read key (its token shown once), look
 * it up, revoke it, and see the server refuse it, both from the key check
 * and from the Connect page.
 */
import { expect, test } from "@playwright/test";
import { connect, demoServerUrl, open, screenshot, watchPageErrors } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

test("create a key, use it, revoke it, and see it refused", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, "#/keys");
  await page.getByTestId("level-read").check();
  await page.getByTestId("key-description").fill("e2e analyst laptop");
  await page.getByTestId("key-expiry").selectOption("7d");
  await page.getByTestId("create-key").click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^msco_[a-z0-9]{32}_[a-z0-9]{8}$/);
  const fingerprint = token.slice(-8);
  await screenshot(page, "keys-token");
  await page.getByTestId("token-done").click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);

  // The key works for reading...
  await page.getByTestId("probe-token").fill(token);
  await page.getByTestId("probe-button").click();
  await expect(page.getByTestId("probe-ok")).toBeVisible();
  // ...and its status is readable by fingerprint.
  await page.getByTestId("lookup-fingerprint").fill(fingerprint);
  await page.getByTestId("lookup-button").click();
  await expect(page.getByTestId("key-status")).toContainText("e2e analyst laptop");
  await expect(page.getByTestId("key-status")).toContainText("active");

  // Revoking asks first; "Keep" changes nothing.
  const row = page.locator(`[data-fingerprint="${fingerprint}"]`);
  await row.getByTestId("revoke-key").click();
  await row.getByTestId("cancel-revoke").click();
  await expect(row).toContainText("active");
  await row.getByTestId("revoke-key").click();
  await row.getByTestId("confirm-revoke").click();
  await expect(row).toContainText("revoked");
  await page.getByTestId("lookup-button").click();
  await expect(page.getByTestId("key-status-error")).toContainText("No active key has this fingerprint");
  await page.getByTestId("probe-button").click();
  await expect(page.getByTestId("probe-refused")).toContainText("refused this API key");
  await screenshot(page, "keys");

  // The Connect page refuses it too, with the same words.
  await page.getByTestId("nav-connect").click();
  await page.getByTestId("server-url-input").fill(demoServerUrl);
  await page.getByTestId("api-key-input").fill(token);
  await page.getByTestId("connect-button").click();
  await expect(page.getByTestId("connect-error")).toContainText("refused this API key");
  await expect(page.getByTestId("connect-error")).toContainText("revoked");
  expect(errors).toEqual([]);
});
