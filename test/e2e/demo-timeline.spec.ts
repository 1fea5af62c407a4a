/**
 * Demo dashboard: the shared timeline. A city drive opens with its camera,
 * GPS, pose and IMU on one time axis; the expected values come from the
 * seeded server itself, read through the SDK in Node, never from constants:
 * - moving the cursor changes the camera frame to the one nearest it, and the
 *   plot's readouts equal the IMU row at or before the cursor;
 * - the GPS track draws exactly the fixes of the window, for two windows;
 * - playback moves the cursor at the chosen speed and pauses; the layout,
 *   window and cursor survive a reload from the URL;
 * - every topic of every seeded sequence opens as a panel without an error.
 */
import { expect, test, type Page } from "@playwright/test";
import type { RecordBatch } from "apache-arrow";
import { MosaicoClient } from "../../src/node/index.js";
import { connect, demoServerUrl, manageKey, open, screenshot, watchPageErrors } from "./fixtures/demo.js";

const CITY = "drive_2026_03_25_city";
const S = 1_000_000_000n;

test.use({ viewport: { width: 1440, height: 1000 } });

interface Column {
  ts: bigint[];
  values: Record<string, (number | null)[]>;
}

/** Rows of a topic window, read in Node with the SDK: timestamps and the asked leaves. */
async function readColumns(sdk: MosaicoClient, locator: string, leaves: string[], startNs?: bigint, endNs?: bigint): Promise<Column> {
  const out: Column = { ts: [], values: Object.fromEntries(leaves.map((l) => [l, []])) };
  const reader = await sdk.topicReader(locator, { startNs, endNs });
  for await (const batch of reader as AsyncIterable<RecordBatch>) {
    const ts = batch.getChild("timestamp_ns")!.toArray() as BigInt64Array;
    for (let i = 0; i < batch.numRows; i++) {
      out.ts.push(ts[i]!);
      for (const leaf of leaves) {
        const [group, name] = leaf.split(".") as [string, string];
        const parent = batch.getChild(group);
        const value = parent && parent.isValid(i) ? parent.getChild(name)?.get(i) : null;
        out.values[leaf]!.push(value === null || value === undefined ? null : Number(value));
      }
    }
  }
  return out;
}

const atOrBefore = (ts: bigint[], cursor: bigint) => ts.filter((t) => t <= cursor).length - 1;
function nearest(ts: bigint[], cursor: bigint): bigint {
  return ts.reduce((best, t) => {
    const d = t > cursor ? t - cursor : cursor - t;
    const b = best > cursor ? best - cursor : cursor - best;
    return d < b ? t : best;
  });
}

async function sequenceStart(sdk: MosaicoClient, name: string): Promise<bigint> {
  const info = await sdk.sequenceInfo(name);
  let start: bigint | undefined;
  for (const topic of info.topics) {
    const detailed = await sdk.topicInfo(topic.locator);
    const s = detailed.dataInfo?.interval?.startNs;
    if (s !== undefined && (start === undefined || s < start)) start = s;
  }
  return start!;
}

/** Moves the shared cursor with the scrubber (milliseconds from the window start). */
async function scrubTo(page: Page, msFromWindowStart: number): Promise<void> {
  await page.getByTestId("timeline-scrubber").fill(String(msFromWindowStart));
}

const panels = (...specs: string[]) => specs.map((s) => `panel=${encodeURIComponent(s)}`).join("&");

test("the cursor picks the nearest camera frame, and the plot reads the IMU row at the cursor", async ({ page }) => {
  test.setTimeout(120_000);
  await using sdk = await MosaicoClient.connect({ url: demoServerUrl, apiKey: manageKey });
  const base = await sequenceStart(sdk, CITY);
  const windowStart = base + 10n * S;
  const windowEnd = base + 30n * S;
  const camera = await readColumns(sdk, `${CITY}/sensors/camera_front`, [], windowStart, windowEnd);
  const imu = await readColumns(sdk, `${CITY}/sensors/imu`, ["acceleration.x", "angular_velocity.z"], windowStart, windowEnd);
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, `#/timeline/${CITY}?${panels("/sensors/camera_front~frame", "/sensors/imu~plot~acceleration.x,angular_velocity.z")}&start=${windowStart}&end=${windowEnd}`);
  await expect(page.getByTestId("timeline-panel")).toHaveCount(2);
  const plot = page.getByTestId("timeline-plot");
  await expect(plot).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(plot).toHaveAttribute("data-rows", String(imu.ts.length));

  const shown: string[] = [];
  for (const ms of [1_234, 7_777, 13_370]) {
    await scrubTo(page, ms);
    const cursor = windowStart + BigInt(ms) * 1_000_000n;
    await expect(page.getByTestId("cursor-time")).toHaveAttribute("data-ns", String(cursor));
    // The frame nearest the cursor, among the frames the server holds.
    const frame = page.getByTestId("timeline-frame");
    await expect(frame).toHaveAttribute("data-timestamp-ns", String(nearest(camera.ts, cursor)), { timeout: 20_000 });
    await expect(frame).toHaveAttribute("data-stale", "false");
    shown.push((await frame.getAttribute("data-timestamp-ns"))!);
    // The readouts are the IMU row at or before the cursor, value for value.
    const row = atOrBefore(imu.ts, cursor);
    const readout = page.getByTestId("readout");
    await expect(readout).toHaveAttribute("data-timestamp-ns", String(imu.ts[row]));
    for (const leaf of ["acceleration.x", "angular_velocity.z"]) {
      const value = await readout.locator(`[data-label="${leaf}"]`).getAttribute("data-value");
      expect(Number(value), `${leaf} at ${ms} ms`).toBe(imu.values[leaf]![row]);
    }
    // Wall-clock time comes from the row's header stamp; the axis is time since the start.
    await expect(readout.getByTestId("readout-stamp")).toContainText("2026-03-25");
    await expect(page.getByTestId("cursor-time")).toHaveText(`T+${(Number(cursor - base) / 1e9).toFixed(3)} s`);
  }
  expect(new Set(shown).size, "each cursor position shows another frame").toBe(3);
  // Units from the ontology model on the axis and the readout.
  await expect(page.getByTestId("readout").locator('[data-label="acceleration.x"]')).toContainText("m/s²");
  await expect(page.getByTestId("chart-cursor")).toBeVisible();
  await screenshot(page, "timeline-camera-imu");
  expect(errors).toEqual([]);
});

test("the GPS track draws the fixes of the window, and the pose trajectory follows", async ({ page }) => {
  test.setTimeout(120_000);
  await using sdk = await MosaicoClient.connect({ url: demoServerUrl, apiKey: manageKey });
  const base = await sequenceStart(sdk, CITY);
  const errors = watchPageErrors(page);
  await connect(page);
  const fixes = async (fromS: bigint, toS: bigint) => {
    const gps = await readColumns(sdk, `${CITY}/sensors/gps`, ["position.x", "position.y"], base + fromS * S, base + toS * S);
    return gps.values["position.x"]!.filter((v, i) => v !== null && gps.values["position.y"]![i] !== null).length;
  };
  await open(page, `#/timeline/${CITY}?${panels("/sensors/gps~track", "/localization/pose~trajectory")}&start=${base + 10n * S}&end=${base + 25n * S}`);
  const track = page.getByTestId("gps-track");
  const expected1 = await fixes(10n, 25n);
  expect(expected1).toBeGreaterThan(100);
  await expect(track).toHaveAttribute("data-points", String(expected1), { timeout: 30_000 });
  await expect(page.getByTestId("gps-track-marker")).toBeVisible();
  await expect(page.getByTestId("pose-trajectory")).not.toHaveAttribute("data-points", "0", { timeout: 30_000 });

  // A new window through the exact fields: the track is redrawn from that window alone.
  await page.getByTestId("range-from").fill("30");
  await page.getByTestId("range-to").fill("50");
  await page.getByTestId("range-apply").click();
  const expected2 = await fixes(30n, 50n);
  await expect(track).toHaveAttribute("data-points", String(expected2), { timeout: 30_000 });
  // The cursor moved into the new window, and the marker sits on the fix at or before it.
  const cursor = BigInt((await page.getByTestId("cursor-time").getAttribute("data-ns"))!);
  expect(cursor).toBe(base + 30n * S);
  await expect(page.getByTestId("gps-position")).toBeVisible();
  await screenshot(page, "timeline-gps-pose");
  expect(errors).toEqual([]);
});

test("playback runs at the chosen speed, pauses, and the view opens again from its URL", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, `#/timeline/${CITY}`);
  await expect(page.getByTestId("timeline-panel").first()).toBeVisible();
  const panelCount = await page.getByTestId("timeline-panel").count();
  expect(panelCount).toBeGreaterThanOrEqual(3);
  await page.getByTestId("speed-2").click();
  const cursorNs = async () => BigInt((await page.getByTestId("cursor-time").getAttribute("data-ns"))!);
  const before = await cursorNs();
  const started = Date.now();
  await page.getByTestId("timeline-play").click();
  await page.waitForTimeout(2_000);
  await page.getByTestId("timeline-play").click();
  const elapsedS = (Date.now() - started) / 1000;
  await expect(page.getByTestId("timeline-play")).toHaveAttribute("data-playing", "false");
  const after = await cursorNs();
  const advancedS = Number(after - before) / 1e9;
  // 2× speed: about twice the wall time (the page's frame clock, so loose bounds).
  expect(advancedS).toBeGreaterThan(elapsedS * 1.2);
  expect(advancedS).toBeLessThan(elapsedS * 2.5);
  await page.waitForTimeout(500);
  expect(await cursorNs(), "paused").toBe(after);

  // The URL now holds the layout and the cursor: opened in another tab (a shared link), it restores both.
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toContain("panel=");
  expect(hash).toContain(`at=${after}`);
  const shared = await page.context().newPage();
  const sharedErrors = watchPageErrors(shared);
  await connect(shared);
  await open(shared, hash);
  await expect(shared.getByTestId("timeline-panel")).toHaveCount(panelCount);
  await expect(shared.getByTestId("cursor-time")).toHaveAttribute("data-ns", String(after));
  await shared.close();
  expect(errors).toEqual([]);
  expect(sharedErrors).toEqual([]);
});

test("every topic of every seeded sequence opens on the timeline", async ({ page }) => {
  test.setTimeout(240_000);
  await using sdk = await MosaicoClient.connect({ url: demoServerUrl, apiKey: manageKey });
  const errors = watchPageErrors(page);
  await connect(page);
  for (const name of await sdk.listSequences()) {
    const info = await sdk.sequenceInfo(name);
    if (info.topics.length === 0) continue;
    // Each topic in its default view, plus the row table, which every topic has.
    await open(page, `#/timeline/${encodeURIComponent(name)}`);
    await expect(page.getByTestId("timeline-header")).toBeVisible();
    for (const topic of info.topics) {
      const add = page.getByTestId("add-panel");
      await add.getByTestId("add-panel-topic").selectOption(topic.name);
      await add.getByTestId("add-panel-view").selectOption("table");
      await add.getByTestId("add-panel-submit").click();
    }
    const states = page.getByTestId("panel-status");
    const count = await states.count();
    for (let i = 0; i < count; i++) await expect(states.nth(i), `${name}: panel ${i} finishes`).toHaveAttribute("data-state", /done|idle/, { timeout: 30_000 });
    await expect(page.locator(".callout-error"), `${name}: no error shown`).toHaveCount(0);
    await screenshot(page, `timeline-${name}`);
  }
  expect(errors).toEqual([]);
});

test("joint states plot one series per joint, named after the joints, with the values at the cursor", async ({ page }) => {
  test.setTimeout(120_000);
  const locator = "bench_arm_calibration/arm/joint_states";
  await using sdk = await MosaicoClient.connect({ url: demoServerUrl, apiKey: manageKey });
  const ts: bigint[] = [];
  const positions: number[][] = [];
  let names: string[] = [];
  for await (const batch of (await sdk.topicReader(locator)) as AsyncIterable<RecordBatch>) {
    const times = batch.getChild("timestamp_ns")!.toArray() as BigInt64Array;
    for (let i = 0; i < batch.numRows; i++) {
      ts.push(times[i]!);
      positions.push(Array.from(batch.getChild("positions")!.get(i)!.toArray() as Float64Array, Number));
      if (names.length === 0) names = Array.from(batch.getChild("names")!.get(i)!.toArray() as string[]);
    }
  }
  expect(names.length).toBeGreaterThan(1);
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, `#/topic/${encodeURIComponent(locator)}`);
  await page.getByTestId("per-joint-link").first().click();
  await expect(page.getByTestId("timeline-header")).toBeVisible();
  const plot = page.getByTestId("timeline-plot").first();
  await expect(plot).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await scrubTo(page, 2_345);
  const cursor = BigInt((await page.getByTestId("cursor-time").getAttribute("data-ns"))!);
  const row = atOrBefore(ts, cursor);
  const readout = page.getByTestId("readout").first();
  await expect(readout).toHaveAttribute("data-timestamp-ns", String(ts[row]));
  for (const [j, joint] of names.entries()) {
    const value = await readout.locator(`[data-label="positions[${joint}]"]`).getAttribute("data-value");
    expect(Number(value), joint).toBe(positions[row]![j]);
  }
  // RobotJoint positions: "[rad] or [m]" in the model.
  await expect(readout.locator(`[data-label="positions[${names[0]}]"]`)).toContainText("rad or m");
  await screenshot(page, "timeline-joint-states");
  expect(errors).toEqual([]);
});
