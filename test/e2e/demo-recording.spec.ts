/**
 * Demo dashboard, recordings: an MCAP file generated here with @mcap/core and
 * @foxglove/rosmsg2-serialization (test/integration/bridge/mcap-fixtures.ts:
 * ROS 2 IMU, GPS, CompressedImage, a custom type, a JSON channel) is dropped
 * on the Upload page, which lists its channels with the bridge's mapping;
 * two channels are remapped (skip, generic), the import runs with a progress
 * bar, and the sequence page's "Download as MCAP" gives a file that
 * @mcap/core reads back with the same messages per channel. A ROS 1 bag
 * (test/integration/bridge/bag-fixtures.ts) is listed (its connections, from
 * the bridge's listBagChannels) and imported the same way; a truncated one is
 * refused with the bridge's error and leaves nothing behind.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { McapIndexedReader } from "@mcap/core";
import { ros1Bag } from "../integration/bridge/bag-fixtures.js";
import { ros2Recording } from "../integration/bridge/mcap-fixtures.js";
import { connect, open, screenshot, watchPageErrors } from "./fixtures/demo.js";
import { deleteSequences, storedSequences } from "./fixtures/stored-sequences.js";

test.use({ viewport: { width: 1440, height: 900 } });

// The imports are removed afterwards: later specs (search) count the seeded catalog's sequences.
const created: string[] = [];
test.afterAll(async () => deleteSequences(created));

/** Messages per channel topic of an MCAP file, from its summary. */
async function messagesPerChannel(bytes: Uint8Array): Promise<Record<string, number>> {
  const reader = await McapIndexedReader.Initialize({
    readable: { size: async () => BigInt(bytes.byteLength), read: async (offset, size) => bytes.subarray(Number(offset), Number(offset + size)) },
  });
  const counts: Record<string, number> = {};
  for await (const message of reader.readMessages()) {
    const topic = reader.channelsById.get(message.channelId)!.topic;
    counts[topic] = (counts[topic] ?? 0) + 1;
  }
  return counts;
}

test("an MCAP file is mapped, imported with progress, and downloaded back as MCAP", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, "#/upload");
  const mcap = await ros2Recording({ json: true });
  const name = `e2e_mcap_${Date.now()}`;
  created.push(name);
  await page.getByTestId("file-input").setInputFiles({ name: `${name}.mcap`, mimeType: "application/octet-stream", buffer: Buffer.from(mcap) });

  const card = page.getByTestId("recording-mapping");
  await expect(card).toContainText("MCAP · 5 channels");
  await expect(page.getByTestId("recording-summary")).toContainText("indexed");
  const channel = (topic: string) => page.locator(`[data-testid="recording-channel"][data-channel="${topic}"]`);
  // The bridge's proposed mapping: ROS 2 well-known types to their models, the rest generic.
  await expect(channel("/imu")).toContainText("sensor_msgs/msg/Imu");
  await expect(channel("/imu")).toContainText("200");
  await expect(channel("/imu").getByTestId("channel-becomes")).toContainText("imu");
  await expect(channel("/imu").getByTestId("channel-becomes")).toContainText("model of sensor_msgs/msg/Imu");
  await expect(channel("/gps").getByTestId("channel-becomes")).toContainText("model of sensor_msgs/msg/NavSatFix");
  await expect(channel("/camera/compressed").getByTestId("channel-becomes")).toContainText("compressed_image");
  await expect(channel("/wheel_state").getByTestId("channel-becomes")).toContainText("my_pkg_msg_wheelstate");
  await expect(channel("/wheel_state").getByTestId("channel-becomes")).toContainText("generic columns");
  await expect(channel("/labels")).toContainText("json");
  await expect(channel("/labels").getByTestId("channel-becomes")).toContainText("detections_label");

  // Edited per channel: GPS left out, the images as generic columns (their CDR definition kept).
  await channel("/gps").getByTestId("channel-mapping").selectOption("skip");
  await expect(channel("/gps").getByTestId("channel-becomes")).toContainText("not imported");
  await channel("/camera/compressed").getByTestId("channel-mapping").selectOption("generic");
  await expect(channel("/camera/compressed").getByTestId("channel-becomes")).toContainText("sensor_msgs_msg_compressedimage");
  await expect(page.getByTestId("recording-import")).toContainText("Import 4 channels");
  await page.getByTestId("recording-sequence").fill(name);
  await screenshot(page, "recording-mapping");
  await page.getByTestId("recording-import").click();
  const done = page.getByTestId("recording-done");
  await expect(done).toContainText("Imported 265 messages into 4 topics");
  await expect(done).toContainText("Left out: /gps");

  await done.getByTestId("recording-open-sequence").click();
  await expect(page.getByTestId("sequence-header")).toContainText(name);
  await expect(page.getByTestId("topic-row")).toHaveCount(4);
  await expect(page.locator(`[data-locator="${name}/imu"]`)).toContainText("200");
  await expect(page.locator(`[data-locator="${name}/camera/compressed"]`)).toContainText("sensor_msgs_msg_compressedimage");
  await screenshot(page, "recording-sequence");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-mcap").click()]);
  expect(download.suggestedFilename()).toBe(`${name}.mcap`);
  const exported = new Uint8Array(await readFile((await download.path())!));
  expect(await messagesPerChannel(exported)).toEqual({ "/imu": 200, "/camera/compressed": 10, "/wheel_state": 50, "/labels": 5 });
  await expect(page.getByTestId("download-mcap")).toBeVisible();
  expect(errors).toEqual([]);
});

test("a ROS 1 bag's connections are listed with their mapping, and imported one topic per connection", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, "#/upload");
  const name = `e2e_bag_ok_${Date.now()}`;
  created.push(name);
  await page.getByTestId("file-input").setInputFiles({ name: `${name}.bag`, mimeType: "application/octet-stream", buffer: Buffer.from(ros1Bag().bytes) });
  // Listed from the bag's index by the bridge (listBagChannels), before anything is imported.
  await expect(page.getByTestId("recording-mapping")).toContainText("ROS 1 bag · 3 connections");
  await expect(page.getByTestId("recording-summary")).toContainText("indexed");
  const channel = (topic: string) => page.locator(`[data-testid="recording-channel"][data-channel="${topic}"]`);
  await expect(channel("/imu")).toContainText("sensor_msgs/Imu");
  await expect(channel("/imu")).toContainText("ros1 · ros1msg");
  await expect(channel("/imu")).toContainText("100");
  await expect(channel("/imu").getByTestId("channel-becomes")).toContainText("model of sensor_msgs/msg/Imu");
  await expect(channel("/fix").getByTestId("channel-becomes")).toContainText("model of sensor_msgs/msg/NavSatFix");
  await expect(channel("/wheel_state")).toContainText("20");
  await expect(channel("/wheel_state").getByTestId("channel-becomes")).toContainText("my_pkg_msg_wheelstate");
  await expect(channel("/wheel_state").getByTestId("channel-becomes")).toContainText("generic columns");
  // Edited like an MCAP channel: the GPS fixes left out.
  await channel("/fix").getByTestId("channel-mapping").selectOption("skip");
  await expect(page.getByTestId("recording-import")).toContainText("Import 2 connections");
  await screenshot(page, "recording-bag-mapping");
  await page.getByTestId("recording-import").click();
  await expect(page.getByTestId("recording-done")).toContainText("Imported 120 messages into 2 topics");
  await expect(page.getByTestId("recording-done")).toContainText("Left out: /fix");
  await page.getByTestId("recording-open-sequence").click();
  await expect(page.locator(`[data-locator="${name}/imu"]`)).toContainText("100");
  await expect(page.getByTestId("topic-row")).toHaveCount(2);
  expect(errors).toEqual([]);
});

test("a ROS 1 bag the bridge cannot read is refused with its error and leaves nothing", async ({ page }) => {
  const errors = watchPageErrors(page);
  await connect(page);
  await open(page, "#/upload");
  const before = await storedSequences();
  const name = `e2e_bag_${Date.now()}`;
  created.push(name);
  // A bag header and then nothing: truncated.
  await page.getByTestId("file-input").setInputFiles({ name: `${name}.bag`, mimeType: "application/octet-stream", buffer: Buffer.from("#ROSBAG V2.0\n\x00\x00") });
  // Its index does not read, so no connections are listed; the import is still offered and the bridge refuses it.
  await expect(page.getByTestId("recording-bag")).toContainText("ROS 1 bag whose connections could not be listed");
  await expect(page.getByTestId("recording-bag")).toContainText("corrupt or truncated at byte offset");
  await page.getByTestId("recording-import").click();
  const failed = page.getByTestId("recording-failed");
  await expect(failed.getByTestId("error")).toBeVisible();
  await expect(failed).toContainText("Nothing of this import was kept");
  await screenshot(page, "recording-bag-refused");
  expect(await storedSequences()).toEqual(before);
  expect(errors).toEqual([]);
});
