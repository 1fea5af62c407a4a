/**
 * Demo dashboard, Upload: a small CSV (dotted headers become structs) is
 * written as a new sequence and found in the catalog with its rows; a
 * failure halfway with the "delete" policy leaves no session behind.
 */
import { expect, test, type Page } from "@playwright/test";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { connect, open, screenshot, watchPageErrors } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

function csv(rows: number): string {
  const lines = ["time_s,acceleration.x,acceleration.y,acceleration.z,label"];
  for (let i = 0; i < rows; i++) lines.push(`${(1774600000 + i * 0.01).toFixed(2)},${Math.sin(i / 10).toFixed(4)},${(i % 7) / 10},9.81,${i % 50 === 0 ? "mark" : ""}`);
  return `${lines.join("\n")}\n`;
}

async function dropCsv(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId("file-input").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await expect(page.getByTestId("upload-preview")).toBeVisible();
}

test("a dropped CSV becomes a new sequence found in the catalog", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, "#/upload");
  await dropCsv(page, "bench_imu.csv", csv(300));
  await expect(page.getByTestId("upload-ts-column")).toHaveValue("time_s");
  await expect(page.getByTestId("upload-ts-unit")).toHaveValue("s");
  const name = `e2e_upload_${Date.now()}`;
  await page.getByTestId("upload-sequence").fill(name);
  await page.getByTestId("upload-topic").fill("/sensors/imu_bench");
  await page.getByTestId("upload-tag").fill("imu");
  await page.getByTestId("upload-metadata").fill('{"site": "lab", "rig": {"id": "bench-1"}}');
  await expect(page.getByTestId("upload-problems")).toHaveCount(0);
  await page.getByTestId("upload-button").click();
  await expect(page.getByTestId("upload-done")).toContainText("Wrote 300 rows");
  await screenshot(page, "upload");

  await page.getByTestId("upload-to-catalog").click();
  const row = page.locator(`[data-testid="catalog-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("rig.id");
  await row.locator("a").click();
  await expect(page.locator(`[data-locator="${name}/sensors/imu_bench"]`)).toContainText("300");
  // The timestamps were converted exactly: 2.99 s between the first and the last row.
  await page.locator(`[data-locator="${name}/sensors/imu_bench"] a`).click();
  await expect(page.getByTestId("topic-header")).toContainText("imu");
  await expect(page.getByTestId("detail-plot")).toHaveAttribute("data-points", "300");
  await page.getByTestId("tab-schema").click();
  await expect(page.getByTestId("schema-tree")).toContainText("acceleration");
  expect(errors).toEqual([]);
});

test("a failure halfway applies the delete error policy and says what it left", async ({ page }) => {
  await connect(page);
  await open(page, "#/upload");
  await dropCsv(page, "broken.csv", csv(100));
  await page.getByTestId("upload-sequence").fill(`e2e_broken_${Date.now()}`);
  await page.getByTestId("policy-delete").check();
  await page.getByTestId("upload-fail-midway").check();
  await page.getByTestId("upload-button").click();
  const failed = page.getByTestId("upload-failed");
  await expect(failed).toContainText("upload interrupted on purpose");
  // As the Python SDK's Delete policy: the sequence this upload created goes too.
  await expect(failed).toContainText("Nothing kept");
  await expect(failed).toContainText("were deleted (policy: delete)");
  await screenshot(page, "upload-failed");
});

test("an Arrow IPC file is written with its own column types", async ({ page }) => {
  await connect(page);
  await open(page, "#/upload");
  const start = 1774700000000000000n;
  const table = tableFromArrays({
    stamp_ns: BigInt64Array.from({ length: 50 }, (_, i) => start + BigInt(i) * 20_000_000n),
    speed: Float64Array.from({ length: 50 }, (_, i) => 10 + i / 10),
  });
  await page.getByTestId("file-input").setInputFiles({ name: "wheel_speed.arrow", mimeType: "application/vnd.apache.arrow.file", buffer: Buffer.from(tableToIPC(table, "file")) });
  await expect(page.getByTestId("upload-preview")).toContainText("ARROW · 50 rows");
  await expect(page.getByTestId("upload-ts-column")).toHaveValue("stamp_ns");
  await expect(page.getByTestId("upload-ts-unit")).toHaveValue("ns");
  const name = `e2e_arrow_${Date.now()}`;
  await page.getByTestId("upload-sequence").fill(name);
  await page.getByTestId("upload-button").click();
  await expect(page.getByTestId("upload-done")).toContainText("Wrote 50 rows");
  await open(page, `#/topic/${encodeURIComponent(`${name}/data/wheel_speed`)}`);
  await expect(page.getByTestId("detail-plot")).toHaveAttribute("data-points", "50");
  await expect(page.getByTestId("topic-rows-stat")).toContainText("50");
});
