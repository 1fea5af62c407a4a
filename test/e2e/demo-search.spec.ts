/**
 * Demo dashboard, Search: IMU acceleration.x > 5 m/s² finds the hard launch
 * of the city drive and the merge of the highway drive (not the parking
 * manoeuvre), with their time windows; a window opens the topic there.
 */
import { expect, test, type Page } from "@playwright/test";
import { connect, demoServerUrl, open, screenshot } from "./fixtures/demo.js";

/**
 * Makes the server look like one without the query engine: DoAction calls
 * for `query` and `topic_filter_clusterize` get the trailers-only gRPC-Web
 * answer UNIMPLEMENTED (what such a mosaicod sends); everything else passes.
 */
async function withoutQueryEngine(page: Page): Promise<void> {
  const actionType = (name: string) => Buffer.concat([Buffer.from([0x0a, name.length]), Buffer.from(name)]);
  const blocked = [actionType("query"), actionType("topic_filter_clusterize")];
  await page.route(`${demoServerUrl}/arrow.flight.protocol.FlightService/DoAction`, async (route) => {
    const body = route.request().postDataBuffer();
    if (route.request().method() !== "POST" || !body || !blocked.some((b) => body.includes(b))) return route.continue();
    await route.fulfill({
      status: 200,
      headers: {
        "content-type": "application/grpc-web+proto",
        "grpc-status": "12",
        "grpc-message": "Unimplemented",
        "access-control-allow-origin": "*",
        "access-control-expose-headers": "grpc-status, grpc-message",
      },
      body: "",
    });
  });
}

test.use({ viewport: { width: 1440, height: 900 } });

test("an ontology query lists matching topics and windows, and a window opens the topic there", async ({ page }) => {
  await connect(page);
  await open(page, "#/search");
  await expect(page.getByTestId("search-json")).toContainText('"imu.acceleration.x":{"$gt":5}');
  await page.getByTestId("search-run").click();
  const results = page.getByTestId("search-results");
  await expect(results).toBeVisible({ timeout: 30_000 });
  // Either the server evaluated `query`, or (UNIMPLEMENTED) the browser did, and the page says which.
  await expect(page.getByTestId("search-fallback").or(page.getByTestId("search-server"))).toBeVisible();
  const hits = page.getByTestId("search-hit");
  const sequences = await hits.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.sequence).sort());
  expect(sequences).toEqual(["drive_2026_03_25_city", "drive_2026_03_26_highway"]);

  const city = page.locator('[data-sequence="drive_2026_03_25_city"]');
  const windows = city.getByTestId("search-window");
  await expect(windows).toHaveCount(1);
  await expect(windows.first()).toContainText("T+71.");
  await screenshot(page, "search");

  await windows.first().click();
  await expect(page).toHaveURL(/#\/topic\/drive_2026_03_25_city%2Fsensors%2Fimu\?start=\d+&end=\d+/);
  const wrap = page.getByTestId("detail-plot-wrap");
  await expect(wrap).toHaveAttribute("data-state", "done");
  const from = Number(await page.getByTestId("range-from").inputValue());
  const to = Number(await page.getByTestId("range-to").inputValue());
  expect(from).toBeGreaterThan(69);
  expect(to).toBeLessThan(75);
  // Every row of the window is plotted: 200 Hz over (to - from) seconds, give or take the edges.
  const points = Number(await page.getByTestId("detail-plot").getAttribute("data-points"));
  expect(Math.abs(points - (to - from) * 200)).toBeLessThanOrEqual(2);
  await screenshot(page, "search-window");
});

test("the time window counts seconds from each sequence's start, not from a date", async ({ page }) => {
  await connect(page);
  await open(page, "#/search");
  const hits = () => page.getByTestId("search-hit").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.sequence).sort());
  const search = async (from: string, to: string) => {
    await page.getByTestId("search-from").fill(from);
    await page.getByTestId("search-to").fill(to);
    await page.getByTestId("search-run").click();
    await expect(page.getByTestId("search-results")).toBeVisible({ timeout: 30_000 });
  };
  // 60–80 s: the city drive's hard launch (T+71 s); the highway's merge (T+22 s) is outside.
  await search("60", "80");
  await expect.poll(hits, { timeout: 30_000 }).toEqual(["drive_2026_03_25_city"]);
  await expect(page.getByTestId("search-window")).toHaveCount(1);
  await expect(page.getByTestId("search-window").first()).toContainText("T+71.");
  // 0–30 s: the merge, in a recording that started a day later.
  await search("0", "30");
  await expect.poll(hits, { timeout: 30_000 }).toEqual(["drive_2026_03_26_highway"]);
  await expect(page.getByTestId("search-window").first()).toContainText("T+22.");
  // A date is not a window.
  await page.getByTestId("search-from").fill("2026-03-25T08:15");
  await page.getByTestId("search-run").click();
  await expect(page.getByText("enter seconds since the start of the sequence")).toBeVisible();
});

test("a condition nothing meets says so", async ({ page }) => {
  await connect(page);
  await open(page, "#/search");
  await page.getByTestId("search-value").fill("50");
  await page.getByTestId("search-run").click();
  await expect(page.getByTestId("search-summary")).toContainText("0 sequences", { timeout: 30_000 });
  await expect(page.getByTestId("search-empty")).toBeVisible();
});

test("on a server without the query engine, the browser stands in and says so", async ({ page }) => {
  await withoutQueryEngine(page);
  await connect(page);
  await open(page, "#/search");
  await page.getByTestId("search-run").click();
  await expect(page.getByTestId("search-fallback")).toBeVisible({ timeout: 30_000 });
  const sequences = await page.getByTestId("search-hit").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.sequence).sort());
  expect(sequences).toEqual(["drive_2026_03_25_city", "drive_2026_03_26_highway"]);
  const windows = page.locator('[data-sequence="drive_2026_03_25_city"]').getByTestId("search-window");
  await expect(windows).toHaveCount(1);
  await expect(windows.first()).toContainText("T+71.");
  await expect(windows.first()).toContainText("rows · peak");
  await screenshot(page, "search-fallback");

  await open(page, "#/catalog");
  await page.getByTestId("add-metadata-filter").click();
  await page.getByTestId("meta-path-0").fill("weather");
  await page.getByTestId("meta-value-0").fill("rain");
  await page.getByTestId("apply-filter").click();
  await expect(page.getByTestId("filter-fallback")).toBeVisible();
  await expect(page.getByTestId("catalog-row")).toHaveCount(1);
  await expect(page.getByTestId("catalog-row")).toHaveAttribute("data-name", "drive_2026_03_25_city");
});
