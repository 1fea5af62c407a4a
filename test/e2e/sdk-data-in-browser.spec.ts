/**
 * The data layer in a real Chromium page over gRPC-Web: a million IMU rows
 * written and read back value-exact, through the buffered upload path
 * (plain http: Chromium cannot stream request bodies over HTTP/1.1) and the
 * streamed one (https: HTTP/2 with `duplex: "half"`), plus a multi-topic
 * time merge and a cancelled read.
 */
import { expect, test } from "@playwright/test";
import { e2e } from "../../playwright.config.js";

test.describe.configure({ timeout: 180_000 });

for (const [label, scheme, port] of [
  ["buffered over http (HTTP/1.1)", "http", e2e.serverPort],
  ["streamed over https (HTTP/2)", "https", e2e.tlsServerPort],
] as const) {
  test(`1,000,000 IMU rows round trip, ${label}`, async ({ page }) => {
    await page.goto(`http://127.0.0.1:${e2e.pagePort}/`);
    await page.waitForSelector("body[data-ready='1']");
    const result = await page.evaluate(
      async ({ url, apiKey, streamed }) => {
        const { MosaicoClient } = (window as any).mosaico;
        const imu = (window as any).imu;
        const client = await MosaicoClient.connect({ url, apiKey: apiKey || undefined });
        const name = `browser_data_${streamed ? "streamed" : "buffered"}_${Date.now()}`;
        const rows = 1_000_000;
        const started = performance.now();
        let progressRows = 0;
        // ~88 MB of Arrow data: above the default 64 MiB buffered cap, so raise it here.
        await client.writeSequence(name, { maxBufferedBytes: 256 * 1024 * 1024, onProgress: (p: any) => (progressRows = p.rows) }, async (w: any) => {
          const topic = await w.topicWriter("/imu", { ontologyTag: "imu", schema: imu.imuSchema });
          for (let start = 0; start < rows; start += 100_000) await topic.push(imu.imuBatch(start, 100_000));
        });
        const writeMs = performance.now() - started;
        let next = 0;
        const readStarted = performance.now();
        for await (const batch of await client.topicReader(`${name}/imu`)) next = imu.checkImuRows(batch, next);
        const readMs = performance.now() - readStarted;

        // Several topics merged in time order.
        await client.writeSequence(`${name}_multi`, {}, async (w: any) => {
          const a = await w.topicWriter("/a", { ontologyTag: "imu", schema: imu.imuSchema });
          const b = await w.topicWriter("/b", { ontologyTag: "imu", schema: imu.imuSchema });
          await a.push(imu.imuBatch(0, 3000));
          await b.push(imu.imuBatch(0, 150, imu.T0 + imu.STEP / 2n, imu.STEP * 20n));
        });
        let last = -1n;
        let ordered = true;
        let merged = 0;
        for await (const { batch } of await client.sequenceReader(`${name}_multi`)) {
          for (const t of batch.getChild("timestamp_ns").toArray()) {
            if (t < last) ordered = false;
            last = t;
            merged++;
          }
        }

        // A read cancelled after the first batch.
        const reader = await client.topicReader(`${name}/imu`);
        let firstBatchRows = 0;
        for await (const batch of reader) {
          firstBatchRows = batch.numRows;
          break;
        }
        const stillUsable = await client.sequenceExists(name);
        await client.close();
        return { next, progressRows, writeMs, readMs, ordered, merged, firstBatchRows, stillUsable };
      },
      { url: `${scheme}://127.0.0.1:${port}`, apiKey: scheme === "http" ? e2e.manageKey : "", streamed: scheme === "https" },
    );
    console.log(`${label}: write ${result.writeMs.toFixed(0)} ms, read ${result.readMs.toFixed(0)} ms`);
    expect(result.next).toBe(1_000_000);
    expect(result.progressRows).toBe(1_000_000);
    expect(result.ordered).toBe(true);
    expect(result.merged).toBe(3150);
    expect(result.firstBatchRows).toBeGreaterThan(0);
    expect(result.stillUsable).toBe(true);
  });
}

test("the upload mode follows the page's ability to stream", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${e2e.pagePort}/`);
  await page.waitForSelector("body[data-ready='1']");
  // Probe what the SDK decided, through a buffered upload above its cap over http.
  const code = await page.evaluate(
    async ({ url, apiKey }) => {
      const { MosaicoClient } = (window as any).mosaico;
      const imu = (window as any).imu;
      const client = await MosaicoClient.connect({ url, apiKey });
      try {
        await client.writeSequence(`cap_${Date.now()}`, { maxBufferedBytes: 1024 * 1024, onError: "delete" }, async (w: any) => {
          const topic = await w.topicWriter("/imu", { ontologyTag: "imu", schema: imu.imuSchema });
          await topic.push(imu.imuBatch(0, 50_000));
          await topic.push(imu.imuBatch(50_000, 50_000));
        });
        return "no error";
      } catch (error: any) {
        return `${error.codeName}: ${error.rawMessage}`;
      } finally {
        await client.close();
      }
    },
    { url: `http://127.0.0.1:${e2e.serverPort}`, apiKey: e2e.manageKey },
  );
  expect(code).toMatch(/^RESOURCE_EXHAUSTED: .*buffered upload is limited/);
});
