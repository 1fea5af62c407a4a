/**
 * Demo dashboard, Upload: a small CSV (dotted headers become structs) is
 * written as a new sequence and found in the catalog with its rows; a
 * failure halfway with the "delete" policy leaves no session behind. Files
 * the page refuses (rows that do not parse, no timestamp column, empty or
 * header only, repeated times) say why by row and write nothing, checked
 * through the SDK; times in 1970 wait for a confirmation or another unit;
 * unsorted rows are written sorted, and said so.
 */
import { expect, test, type Page } from "@playwright/test";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { connect, open, screenshot, watchPageErrors } from "./fixtures/demo.js";
import { storedSequences } from "./fixtures/stored-sequences.js";

test.use({ viewport: { width: 1440, height: 900 } });

function csv(rows: number): string {
  const lines = ["time_s,acceleration.x,acceleration.y,acceleration.z,label"];
  for (let i = 0; i < rows; i++) lines.push(`${(1774600000 + i * 0.01).toFixed(2)},${Math.sin(i / 10).toFixed(4)},${(i % 7) / 10},9.81,${i % 50 === 0 ? "mark" : ""}`);
  return `${lines.join("\n")}\n`;
}

async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId("file-input").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
}

async function dropCsv(page: Page, name: string, text: string): Promise<void> {
  await dropFile(page, name, text);
  await expect(page.getByTestId("upload-preview")).toBeVisible();
}

/** Rows of a CSV: `header`, then one line per entry. */
function lines(header: string, rows: string[]): string {
  return `${[header, ...rows].join("\n")}\n`;
}

async function uploadPage(page: Page): Promise<string[]> {
  await connect(page);
  await open(page, "#/upload");
  return storedSequences();
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
  await expect(failed.getByTestId("upload-aftermath")).toContainText("Error policy “delete”");
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

test("a CSV with rows that do not parse is refused by row and writes nothing", async ({ page }) => {
  const errors = watchPageErrors(page);
  const before = await uploadPage(page);
  const text = lines("time_s,x,y", ["1774600000.00,1.0,2.0", "1774600000.01,abc,2.0", "1774600000.02,1.0", "1774600000.03,1.0,2.0,3.0", "1774600000.04,1.5,2.5"]);
  await dropFile(page, "e2e_bad_rows.csv", text);
  const refused = page.getByTestId("upload-refused");
  await expect(refused).toContainText("e2e_bad_rows.csv has 3 problems");
  const rows = refused.getByTestId("upload-row-problems").locator("li");
  await expect(rows).toHaveText([
    "row 3: “abc” in x is not a number, and the column holds numbers (leave the cell empty for a missing value)",
    "row 4: 2 fields, but the header has 3",
    "row 5: 4 fields, but the header has 3",
  ]);
  await expect(refused).toContainText("the header is row 1");
  await expect(page.getByTestId("upload-button")).toHaveCount(0);
  await screenshot(page, "upload-refused");
  expect(await storedSequences()).toEqual(before);
  expect(errors).toEqual([]);
});

test("a CSV without a timestamp column says which names are recognised and writes nothing", async ({ page }) => {
  const before = await uploadPage(page);
  await dropCsv(page, "e2e_no_time.csv", lines("x,y", ["1,2", "3,4"]));
  const missing = page.getByTestId("upload-no-timestamp");
  await expect(missing).toContainText("No timestamp column");
  await expect(missing).toContainText("timestamp_ns, a name with “time”, “stamp” or “date” in it");
  await expect(missing).toContainText("Pick the column that holds the time");
  await expect(page.getByTestId("upload-ts-column")).toHaveValue("");
  await expect(page.getByTestId("upload-problems")).toContainText("pick the timestamp column");
  await expect(page.getByTestId("upload-button")).toBeDisabled();
  expect(await storedSequences()).toEqual(before);
});

test("seconds read as nanoseconds land in 1970: the upload waits until the unit is changed", async ({ page }) => {
  const before = await uploadPage(page);
  const name = `e2e_epoch_unit_${Date.now()}`;
  await dropCsv(page, `${name}.csv`, lines("timestamp_ns,speed", Array.from({ length: 20 }, (_, i) => `${1774600000 + i},${i / 2}`)));
  await expect(page.getByTestId("upload-ts-unit")).toHaveValue("ns");
  const warning = page.getByTestId("upload-epoch-warning");
  await expect(warning).toContainText("These times land in 1970");
  await expect(warning).toContainText("If timestamp_ns is in seconds, the first row is 2026-03-27");
  await expect(page.getByTestId("upload-button")).toBeDisabled();
  await expect(page.getByTestId("upload-problems")).toContainText("confirm them or change the unit");
  await screenshot(page, "upload-epoch-warning");
  expect(await storedSequences()).toEqual(before);

  await warning.getByTestId("upload-use-unit").click();
  await expect(page.getByTestId("upload-ts-unit")).toHaveValue("s");
  await expect(page.getByTestId("upload-epoch-warning")).toHaveCount(0);
  await page.getByTestId("upload-button").click();
  await expect(page.getByTestId("upload-done")).toContainText("Wrote 20 rows");
  expect(await storedSequences()).toContain(name);
});

test("a small monotonic clock warns of 1970 and is written once confirmed", async ({ page }) => {
  const before = await uploadPage(page);
  const name = `e2e_monotonic_${Date.now()}`;
  await dropCsv(page, `${name}.csv`, lines("t,value", Array.from({ length: 30 }, (_, i) => `${(i * 0.01).toFixed(2)},${i}`)));
  await expect(page.getByTestId("upload-ts-column")).toHaveValue("t");
  await expect(page.getByTestId("upload-ts-unit")).toHaveValue("s");
  const warning = page.getByTestId("upload-epoch-warning");
  await expect(warning).toContainText("1970-01-01 00:00:00.000 UTC → 1970-01-01 00:00:00.290 UTC");
  await expect(warning).toContainText("monotonic clock");
  await expect(warning.getByTestId("upload-use-unit")).toHaveCount(0);
  await expect(page.getByTestId("upload-button")).toBeDisabled();
  expect(await storedSequences()).toEqual(before);

  await warning.getByTestId("upload-accept-times").check();
  await expect(page.getByTestId("upload-problems")).toHaveCount(0);
  await page.getByTestId("upload-button").click();
  await expect(page.getByTestId("upload-done")).toContainText("Wrote 30 rows");
  expect(await storedSequences()).toContain(name);
});

test("empty and header-only files are refused with what is missing", async ({ page }) => {
  const before = await uploadPage(page);
  await dropFile(page, "e2e_empty.csv", "");
  await expect(page.getByTestId("upload-refused")).toContainText("e2e_empty.csv is empty (0 bytes)");
  await dropFile(page, "e2e_blank.csv", "\n  \n");
  await expect(page.getByTestId("upload-refused")).toContainText("e2e_blank.csv is empty: a CSV needs a header row");
  await dropFile(page, "e2e_header_only.csv", "time_s,x\n");
  await expect(page.getByTestId("upload-refused")).toContainText("e2e_header_only.csv has a header row (time_s, x) but no rows of values");
  await expect(page.getByTestId("upload-mapping")).toHaveCount(0);
  expect(await storedSequences()).toEqual(before);
});

test("unsorted rows are written sorted, and the page says so", async ({ page }) => {
  await uploadPage(page);
  const name = `e2e_unsorted_${Date.now()}`;
  const rows = Array.from({ length: 40 }, (_, i) => `${1774600000 + i * 0.5},${i}`);
  [rows[5], rows[6]] = [rows[6]!, rows[5]!];
  rows.push(rows.shift()!);
  await dropCsv(page, `${name}.csv`, lines("time_s,value", rows));
  await expect(page.getByTestId("upload-sorted")).toContainText("not in time order (row 7 is earlier than the row before it)");
  await expect(page.getByTestId("upload-sorted")).toContainText("written sorted by time");
  await expect(page.getByTestId("upload-span")).toContainText("19.5 s");
  await page.getByTestId("upload-button").click();
  await expect(page.getByTestId("upload-done")).toContainText("Wrote 40 rows");
  await open(page, `#/topic/${encodeURIComponent(`${name}/data/${name}`)}`);
  await expect(page.getByTestId("topic-rows-stat")).toContainText("40");
});

test("rows at the same time are refused before writing, naming the rows", async ({ page }) => {
  const before = await uploadPage(page);
  const rows = ["1774600000.0,1", "1774600000.5,2", "1774600001.0,3", "1774600000.5,4", "1774600002.0,5", "1774600000.5,6"];
  await dropCsv(page, "e2e_repeats.csv", lines("time_s,value", rows));
  const problems = page.getByTestId("upload-problems");
  await expect(problems).toContainText("row 3: same time as rows 5, 7 (time_s “1774600000.5”, timestamp_ns 1774600000500000000)");
  await expect(problems).toContainText("times must strictly increase within a topic");
  await expect(page.getByTestId("upload-button")).toBeDisabled();
  expect(await storedSequences()).toEqual(before);
});

test("an Arrow file out of time order is refused, naming the row", async ({ page }) => {
  const before = await uploadPage(page);
  const stamps = [3n, 1n, 2n].map((s) => 1774700000000000000n + s * 1_000_000n);
  const table = tableFromArrays({ stamp_ns: BigInt64Array.from(stamps), speed: Float64Array.from([1, 2, 3]) });
  await page.getByTestId("file-input").setInputFiles({ name: "e2e_arrow_unsorted.arrow", mimeType: "application/vnd.apache.arrow.file", buffer: Buffer.from(tableToIPC(table, "file")) });
  await expect(page.getByTestId("upload-problems")).toContainText("row 2: its time (timestamp_ns 1774700000001000000) is before row 1's");
  await expect(page.getByTestId("upload-button")).toBeDisabled();
  expect(await storedSequences()).toEqual(before);
});

test("a failure before anything is written shows the error without an error-policy box", async ({ page }) => {
  await uploadPage(page);
  const name = `e2e_twice_${Date.now()}`;
  await dropCsv(page, `${name}.csv`, csv(10));
  await page.getByTestId("upload-button").click();
  await expect(page.getByTestId("upload-done")).toContainText("Wrote 10 rows");
  // The same name again: sequence_create fails, so no session was opened and no policy ran.
  await dropCsv(page, `${name}.csv`, csv(10));
  await page.getByTestId("policy-delete").check();
  await page.getByTestId("upload-button").click();
  const failed = page.getByTestId("upload-failed");
  await expect(failed).toContainText("It already exists");
  await expect(failed.getByTestId("upload-aftermath")).toHaveCount(0);
  await expect(failed).not.toContainText("Error policy");
  await screenshot(page, "upload-failed-before-writing");
  // The first upload is intact: delete ran on nothing.
  expect(await storedSequences()).toContain(name);
});
