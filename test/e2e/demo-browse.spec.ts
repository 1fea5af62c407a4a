/**
 * Demo dashboard, browsing: the seeded catalog with sorting and filters
 * (name glob + user metadata), then a sequence with its topics, sessions
 * and notifications.
 */
import { expect, test } from "@playwright/test";
import { connect, open, screenshot, watchPageErrors } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

const SEEDED = ["bench_arm_calibration", "drive_2026_03_25_city", "drive_2026_03_26_highway", "drive_2026_03_27_parking"];

test("the catalog lists the seeded sequences, sorts and filters them", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await page.getByTestId("open-catalog").click();
  const rows = page.getByTestId("catalog-row");
  await expect(rows.first()).toBeVisible();
  const names = async () => rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name));
  for (const name of SEEDED) expect(await names()).toContain(name);
  await expect(page.locator('[data-name="drive_2026_03_25_city"]')).toContainText("2 min 00 s");
  await expect(page.locator('[data-name="drive_2026_03_25_city"]')).toContainText("weather");
  // The only date of a row is its creation on the server's clock; timestamp_ns (the data's
  // 2026-03-25 08:14:05 in the seed) is a monotonic timer and is not shown as a date.
  const city = page.locator('[data-name="drive_2026_03_25_city"]');
  await expect(city.getByTestId("catalog-created")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect(city).not.toContainText("2026-03-25 08:14");
  await screenshot(page, "catalog");

  await page.getByTestId("sort-name").click();
  const sorted = (await names()).filter((n) => SEEDED.includes(n!));
  expect(sorted).toEqual(SEEDED);

  // Name glob plus a user-metadata condition (a §8 query, or the browser when the server lacks it).
  await page.getByTestId("filter-name").fill("drive_*");
  await page.getByTestId("add-metadata-filter").click();
  await page.getByTestId("meta-path-0").fill("vehicle.id");
  await page.getByTestId("meta-value-0").fill("veh-7");
  await page.getByTestId("apply-filter").click();
  await expect(page.getByTestId("filter-fallback").or(page.getByTestId("filter-server"))).toBeVisible();
  await expect.poll(names).toEqual(expect.arrayContaining(["drive_2026_03_25_city", "drive_2026_03_26_highway"]));
  expect(await names()).toHaveLength(2);
  await screenshot(page, "catalog-filtered");

  await page.getByTestId("meta-value-0").fill("veh-404");
  await page.getByTestId("apply-filter").click();
  await expect(page.getByTestId("catalog-no-match")).toBeVisible();
  await page.getByTestId("clear-filter").click();
  await expect(rows).toHaveCount(await rows.count());
  expect(errors).toEqual([]);
});

test("a sequence shows its topics, sessions and notifications", async ({ page }) => {
  await connect(page);
  await open(page, "#/catalog");
  await page.locator('[data-name="drive_2026_03_26_highway"] a').click();
  const topics = page.getByTestId("topic-row");
  await expect(topics).toHaveCount(5);
  await expect(page.locator('[data-locator="drive_2026_03_26_highway/sensors/imu"]')).toContainText("18,000");
  await expect(page.locator('[data-locator="drive_2026_03_26_highway/sensors/imu"]')).toContainText("imu");
  // Two sessions: the drive, then the perception stack's lane offsets appended later.
  await expect(page.getByTestId("sessions-table").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("sessions-table")).toContainText("finalized");
  await expect(page.getByTestId("no-notifications")).toBeVisible();
  // Data times are offsets from the first sample; only the creation time is a date.
  await expect(page.getByTestId("sequence-header")).toContainText("(server clock)");
  await expect(page.getByTestId("sequence-header")).toContainText("1 min 30 s of data");
  await expect(page.getByTestId("sequence-header")).not.toContainText("15:02:40");
  await expect(page.locator('[data-locator="drive_2026_03_26_highway/perception/lane_offset"]')).toContainText("T+0.0 s");
  await screenshot(page, "sequence");

  await open(page, "#/sequence/drive_2026_03_25_city");
  await expect(page.getByTestId("notifications")).toContainText("GNSS fix lost");
});
