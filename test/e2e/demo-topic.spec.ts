/**
 * Demo dashboard, topic page: a time range streamed into the plot holds
 * exactly the rows of that range; a long read (slow network) is cancelled;
 * a camera frame is shown and stepped; two topics merge in time. Times are
 * shown since the sequence start (timestamp_ns is a monotonic timer since
 * the Python SDK 0.6), wall-clock only from a header stamp.
 */
import { expect, test } from "@playwright/test";
import { connect, open, screenshot, watchPageErrors } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

const IMU = "drive_2026_03_25_city/sensors/imu";
const CAMERA = "drive_2026_03_25_city/sensors/camera_front";
const LANE_OFFSET = "drive_2026_03_26_highway/perception/lane_offset";
const topicHash = (locator: string) => `#/topic/${encodeURIComponent(locator)}`;

test("the plot holds exactly the rows of the chosen range", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, topicHash(IMU));
  const wrap = page.getByTestId("detail-plot-wrap");
  await expect(wrap).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("detail-plot")).toHaveAttribute("data-points", "24000");
  // The page's reads ran in the SDK's reader worker (offMainThread), bundled by Vite.
  expect(page.workers().map((w) => w.url()).some((u) => /reader-worker/.test(u))).toBe(true);
  // The first sample as time since the sequence start, not as a date; the wall-clock time is
  // the IMU's header stamp (the seed stamps 1.2 ms before the 08:14:05 UTC of timestamp_ns).
  await expect(page.getByTestId("topic-first-stat")).toContainText("T+0.000 s");
  await expect(page.getByTestId("topic-first-stat")).not.toContainText("UTC");
  await expect(page.getByTestId("topic-stamp-stat")).toContainText("2026-03-25 08:14:04.998 UTC");

  // [10 s, 20 s) of a 200 Hz IMU: 2,000 rows, no more, no less.
  await page.getByTestId("range-from").fill("10");
  await page.getByTestId("range-to").fill("20");
  await page.getByTestId("range-apply").click();
  await expect(page).toHaveURL(/start=1774426455000000000&end=1774426465000000000/);
  await expect(wrap).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("detail-plot")).toHaveAttribute("data-points", "2000");
  await expect(wrap).toHaveAttribute("data-expected", "2000");
  await expect(page.getByTestId("read-progress")).toContainText("2,000 rows");

  // Another field set, same range: still 2,000 points.
  await page.getByTestId("field-angular_velocity.z").click();
  await expect(wrap).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("detail-plot")).toHaveAttribute("data-points", "2000");
  // The re-read may start after the checks above: let it finish before the picture.
  await expect(page.getByTestId("read-progress")).not.toContainText("Streaming");
  await expect(page.getByTestId("read-progress")).toContainText("2,000 rows");
  await screenshot(page, "topic-plot");
  expect(errors).toEqual([]);
});

test("a long read over a slow network can be cancelled and keeps what arrived", async ({ page }) => {
  await connect(page);
  // 400 kB/s: the 24,000 IMU rows (about 1.6 MB on the wire, read twice with the overview) take seconds.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: 400_000, uploadThroughput: 400_000 });
  await open(page, topicHash(IMU));
  const wrap = page.getByTestId("detail-plot-wrap");
  await expect(wrap).toHaveAttribute("data-state", "loading");
  await expect.poll(async () => Number(await wrap.getAttribute("data-rows")), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByTestId("cancel-read").click();
  await expect(wrap).toHaveAttribute("data-state", "cancelled");
  const kept = Number(await page.getByTestId("detail-plot").getAttribute("data-points"));
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(24_000);
  await expect(page.getByTestId("read-progress")).toContainText("Cancelled after");
  await screenshot(page, "topic-cancelled");
  // Nothing keeps streaming after the cancel.
  await page.waitForTimeout(1500);
  expect(Number(await page.getByTestId("detail-plot").getAttribute("data-points"))).toBe(kept);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
});

test("a camera frame is shown and the scrubber steps through frames", async ({ page }) => {
  await connect(page);
  await open(page, topicHash(CAMERA));
  const frame = page.getByTestId("frame-image");
  await expect(frame).toBeVisible();
  await expect.poll(() => frame.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
  await expect(page.getByTestId("frame-meta")).toContainText("1,200");
  await page.getByTestId("frame-scrubber").fill("716");
  await expect(frame).toHaveAttribute("data-index", "716");
  await expect(page.getByTestId("frame-meta")).toContainText("T+71.600 s");
  await expect(page.getByTestId("frame-time")).toContainText("T+71.600 s from the sequence start");
  await expect(page.getByTestId("frame-time")).not.toContainText("UTC");
  // Wall-clock time from the frame's header stamp (8 ms before the recorder's 08:15:16.600).
  await expect(page.getByTestId("frame-stamp")).toHaveText("2026-03-25 08:15:16.592 UTC");
  await expect(page.getByTestId("frame-meta")).toContainText("png");
  await page.getByTestId("frame-next").click();
  await expect(frame).toHaveAttribute("data-index", "717");
  await expect.poll(() => frame.evaluate((img: HTMLImageElement) => img.complete && img.naturalHeight)).toBe(120);
  await screenshot(page, "topic-frames");
});

test("a topic without header stamps shows no date, only time since the start", async ({ page }) => {
  await connect(page);
  // The perception session's lane offsets (Floating64) carry the header field but leave it null.
  await open(page, topicHash(LANE_OFFSET));
  await expect(page.getByTestId("topic-rows-stat")).toContainText("1,800");
  await expect(page.getByTestId("topic-first-stat")).toContainText("T+0.000 s");
  await expect(page.getByTestId("topic-stamp-stat")).toContainText("no header stamp");
  await expect(page.getByTestId("topic-stats")).not.toContainText("UTC");
  await expect(page.getByTestId("range-from")).toHaveValue("0");
  await expect(page.getByTestId("range-to")).toHaveValue("90");
});

test("two topics merged in time share one plot", async ({ page }) => {
  await connect(page);
  await open(page, `${topicHash("drive_2026_03_26_highway/sensors/imu")}?tab=compare&start=1774537360000000000&end=1774537380000000000`);
  await page.getByTestId("merge-topic-b").selectOption("drive_2026_03_26_highway/perception/lane_offset");
  const plot = page.getByTestId("merged-plot");
  await expect(plot).toBeVisible();
  // 20 s of IMU (200 Hz) and lane offsets (20 Hz) on one time axis: 4,000 distinct timestamps.
  await expect(plot).toHaveAttribute("data-points", "4000");
  await expect(page.getByTestId("merge-summary")).toContainText("4,000 rows");
  await expect(page.getByTestId("merge-summary")).toContainText("400 rows");
  await screenshot(page, "topic-merged");
});
