/**
 * mosaico-web/bridge as a library in a real Chromium page over gRPC-Web (the
 * page on another origin than the server): the ROS 2 MCAP fixture of the Node
 * bridge tests (test/integration/bridge/mcap-fixtures.ts: IMU, NavSatFix,
 * CompressedImage, a custom type, a JSON channel), written in the page with
 * @mcap/core's writer, is imported from a File, through the buffered upload
 * path (http) and the streamed one (https), exported back with
 * exportRecording() and re-read with @mcap/core in the page: every message of
 * every channel equals the one written (recording-messages.ts says what the
 * bridge's defaults give for an IMU without orientation). The same File as a
 * ReadableStream is read front to back. A ROS 1 bag (bag-fixtures.ts) is
 * imported from a Blob and exported too. Every sequence is deleted afterwards.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2e } from "../../playwright.config.js";
import { bagTimeNs, ros1Custom } from "../integration/bridge/bag-fixtures.js";
import { jsonSafe } from "./fixtures/recording-messages.js";

test.describe.configure({ timeout: 120_000 });

async function openBridgePage(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`http://127.0.0.1:${e2e.pagePort}/bridge.html`);
  await page.waitForSelector("body[data-ready='1']");
  expect(errors).toEqual([]);
}

/** Deletes the named sequences from the page (missing ones are fine); resolves to those of the prefix still listed. */
async function deleteFromPage(page: Page, server: { url: string; apiKey: string }, prefix: string, names: string[]): Promise<string[]> {
  return page.evaluate(
    async ({ url, apiKey, prefix, names }) => {
      const client = await (window as any).mosaico.MosaicoClient.connect({ url, apiKey: apiKey || undefined });
      try {
        for (const name of names) await client.deleteSequence(name).catch(() => {});
        return (await client.listSequences()).filter((name: string) => name.startsWith(prefix));
      } finally {
        await client.close();
      }
    },
    { ...server, prefix, names },
  );
}

for (const [label, scheme, port, apiKey] of [
  ["buffered over http (HTTP/1.1)", "http", e2e.serverPort, e2e.manageKey],
  ["streamed over https (HTTP/2)", "https", e2e.tlsServerPort, ""],
] as const) {
  test(`an MCAP File is imported and exported back with the same messages, ${label}`, async ({ page }) => {
    await openBridgePage(page);
    const server = { url: `${scheme}://127.0.0.1:${port}`, apiKey };
    const name = `browser_bridge_${scheme}_${Date.now()}`;
    try {
      const result = await page.evaluate(
        async ({ url, apiKey, name }) => {
          const { MosaicoClient } = (window as any).mosaico;
          const { importRecording, exportRecording } = (window as any).bridge;
          const { fixtures, recordings } = window as any;
          const client = await MosaicoClient.connect({ url, apiKey: apiKey || undefined });
          try {
            const file = new File([await fixtures.ros2Recording({ json: true })], `${name}.mcap`);
            const progress: number[] = [];
            let started = performance.now();
            const imported = await importRecording(client, file, { sequence: name, onProgress: (p: { messages: number }) => progress.push(p.messages) });
            const importMs = performance.now() - started;

            started = performance.now();
            const parts: BlobPart[] = [];
            for await (const part of exportRecording(client, name, { format: "mcap" })) parts.push(part);
            const exported = new Uint8Array(await new Blob(parts).arrayBuffer());
            const exportMs = performance.now() - started;
            const read = await recordings.readMcap(exported);
            // Built here, where the recording was written (Chromium's Math.sin/cos, not Node's).
            const expected = recordings.expectedRos2RoundTrip({ json: true });

            // The same file as a stream: no random access, so read front to back, here with a topic filter.
            const streamed = await importRecording(client, file.stream(), { sequence: `${name}_stream`, topics: ["/imu", "/camera/*"] });
            return {
              fileBytes: file.size,
              imported: recordings.jsonSafe(imported),
              lastProgress: progress.at(-1),
              exportedBytes: exported.byteLength,
              read,
              expected,
              streamed: recordings.jsonSafe(streamed),
              importMs,
              exportMs,
            };
          } finally {
            await client.close();
          }
        },
        { ...server, name },
      );
      console.log(
        `${label}: import ${result.fileBytes} B in ${result.importMs.toFixed(0)} ms, export ${result.exportedBytes} B in ${result.exportMs.toFixed(0)} ms`,
      );

      expect(result.imported).toMatchObject({ sequence: name, format: "mcap", indexed: true, skipped: [], messages: 285 });
      expect(result.imported.topics.map((t: { channel: string; ontologyTag: string; messages: number }) => [t.channel, t.ontologyTag, t.messages])).toEqual([
        ["/imu", "imu", 200],
        ["/gps", "gps", 20],
        ["/camera/compressed", "compressed_image", 10],
        ["/wheel_state", "my_pkg_msg_wheelstate", 50],
        ["/labels", "detections_label", 5],
      ]);
      expect(result.lastProgress).toBe(285);

      // Exported as Foxglove opens it: ROS 2 CDR for the mapped and the kept-definition types, JSON for the JSON channel.
      expect(result.read.channels.map((c: { topic: string; messageEncoding: string; schemaName: string; schemaEncoding: string }) => [c.topic, c.messageEncoding, c.schemaName, c.schemaEncoding]).sort()).toEqual(
        [
          ["/camera/compressed", "cdr", "sensor_msgs/msg/CompressedImage", "ros2msg"],
          ["/gps", "cdr", "sensor_msgs/msg/NavSatFix", "ros2msg"],
          ["/imu", "cdr", "sensor_msgs/msg/Imu", "ros2msg"],
          ["/labels", "json", "detections.Label", "jsonschema"],
          ["/wheel_state", "cdr", "my_pkg/msg/WheelState", "ros2msg"],
        ],
      );
      expect(result.read.timeOrdered).toBe(true);
      // Every message, field by field, with its log time: the round trip of the "Done when".
      const counts = (byTopic: Record<string, unknown[]>) => Object.fromEntries(Object.entries(byTopic).map(([topic, list]) => [topic, list.length]));
      expect(counts(result.read.byTopic)).toEqual({ "/imu": 200, "/gps": 20, "/camera/compressed": 10, "/wheel_state": 50, "/labels": 5 });
      expect(result.read.byTopic).toEqual(result.expected);

      expect(result.streamed).toMatchObject({ indexed: false, messages: 210 });
      expect(result.streamed.topics.map((t: { channel: string; messages: number }) => [t.channel, t.messages])).toEqual([
        ["/imu", 200],
        ["/camera/compressed", 10],
      ]);
    } finally {
      expect(await deleteFromPage(page, server, name, [name, `${name}_stream`])).toEqual([]);
    }
  });
}

test("a ROS 1 bag is imported from a Blob in the page and exported back", async ({ page }) => {
  await openBridgePage(page);
  const server = { url: `http://127.0.0.1:${e2e.serverPort}`, apiKey: e2e.manageKey };
  const name = `browser_bridge_bag_${Date.now()}`;
  try {
    const result = await page.evaluate(
      async ({ url, apiKey, name }) => {
        const { MosaicoClient, IMU } = (window as any).mosaico;
        const { importRecording, exportRecording } = (window as any).bridge;
        const { fixtures, recordings } = window as any;
        const client = await MosaicoClient.connect({ url, apiKey });
        try {
          const blob = new Blob([fixtures.ros1Bag().bytes]);
          const started = performance.now();
          const imported = await importRecording(client, blob, { sequence: name });
          const importMs = performance.now() - started;
          const imu: unknown[] = [];
          for await (const batch of await client.topicReader(`${name}/imu`)) imu.push(...IMU.rows(batch));
          const parts: BlobPart[] = [];
          for await (const part of exportRecording(client, name, { format: "mcap" })) parts.push(part);
          const read = await recordings.readMcap(new Uint8Array(await new Blob(parts).arrayBuffer()));
          return { imported: recordings.jsonSafe(imported), imuRows: imu.length, imu7: recordings.jsonSafe(imu[7]), read, importMs, bagBytes: blob.size };
        } finally {
          await client.close();
        }
      },
      { ...server, name },
    );
    console.log(`ROS 1 bag: import ${result.bagBytes} B in ${result.importMs.toFixed(0)} ms`);

    expect(result.imported).toMatchObject({ sequence: name, format: "ros1bag", indexed: true, messages: 130 });
    expect(result.imported.topics.map((t: { topic: string; ontologyTag: string; mappedType?: string; messages: number }) => [t.topic, t.ontologyTag, t.mappedType ?? null, t.messages])).toEqual([
      ["/imu", "imu", "sensor_msgs/msg/Imu", 100],
      ["/fix", "gps", "sensor_msgs/msg/NavSatFix", 10],
      ["/wheel_state", "my_pkg_msg_wheelstate", null, 20],
    ]);
    // timestamp_ns is the bag's record time; the ROS 1 header's seq is kept as sample_counter.
    expect(result.imuRows).toBe(100);
    expect(result.imu7).toMatchObject({
      timestamp_ns: `${bagTimeNs(7)}n`,
      header: { timestamp: { seconds: "1600000000n", nanoseconds: "70000000n" }, frame_id: "imu_link", sample_counter: "1007n" },
      acceleration: { x: 0.5, y: 7 / 4, z: 9.8 },
    });

    // Mapped types go back as ROS 2 CDR; the custom type as ros1 messages with its kept definition, each as written.
    expect(result.read.channels.map((c: { topic: string; messageEncoding: string; schemaName: string }) => [c.topic, c.messageEncoding, c.schemaName]).sort()).toEqual([
      ["/fix", "cdr", "sensor_msgs/msg/NavSatFix"],
      ["/imu", "cdr", "sensor_msgs/msg/Imu"],
      ["/wheel_state", "ros1", "my_pkg/WheelState"],
    ]);
    expect(result.read.byTopic["/imu"]).toHaveLength(100);
    expect(result.read.byTopic["/fix"]).toHaveLength(10);
    expect(result.read.byTopic["/wheel_state"]).toEqual(
      Array.from({ length: 20 }, (_, k) => ({ logTime: `${bagTimeNs(200 + k)}n`, message: jsonSafe(ros1Custom(200 + k)) })),
    );
  } finally {
    expect(await deleteFromPage(page, server, name, [name])).toEqual([]);
  }
});
