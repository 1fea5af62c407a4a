/**
 * Demo dashboard: every seeded topic opens without an error and without a
 * placeholder that never resolves ("Loading overview…" stayed up forever
 * on joint states, whose only numbers are header fields). The topics come
 * from the seeded server itself, through the SDK in Node.
 */
import { expect, test } from "@playwright/test";
import { MosaicoClient } from "../../src/node/index.js";
import { connect, demoServerUrl, manageKey, open, watchPageErrors } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

test("every seeded topic opens, and none is left loading", async ({ page }) => {
  test.setTimeout(240_000);
  await using sdk = await MosaicoClient.connect({ url: demoServerUrl, apiKey: manageKey });
  const locators: string[] = [];
  for (const name of await sdk.listSequences()) {
    for (const topic of (await sdk.sequenceInfo(name)).topics) locators.push(topic.locator);
  }
  expect(locators.length).toBeGreaterThan(5);
  const errors = watchPageErrors(page);
  await connect(page);
  for (const locator of locators) {
    await open(page, `#/topic/${encodeURIComponent(locator)}`);
    await expect(page.getByTestId("topic-first-stat"), locator).toBeVisible();
    await expect(page.locator(".overview-placeholder"), `${locator}: the overview resolves`).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator(".callout-error"), `${locator}: no error shown`).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});
