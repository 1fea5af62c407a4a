/**
 * Worker readers in Chromium: a million IMU rows (seeded from Node through
 * the SDK) read on the page's main thread and through `worker: true`, with
 * the page's long tasks recorded by PerformanceObserver("longtask"). Both
 * reads must deliver exactly the same rows (count and checksum); the
 * longest task of each goes to test-results/worker-reader-longtasks.json.
 * Timings are reported, not asserted: they depend on the machine.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { e2e } from "../../playwright.config.js";
import { MosaicoClient } from "../../src/node/index.js";
import { imuBatch, imuSchema } from "../integration/helpers/imu-data.js";

test.describe.configure({ timeout: 240_000 });

const url = `http://127.0.0.1:${e2e.serverPort}`;
const ROWS = 1_000_000;

test("1,000,000 rows: the same rows with and without the worker, and the page's long tasks", async ({ page }) => {
  const sequence = `worker_longtasks_${Date.now()}`;
  const seeder = await MosaicoClient.connect({ url, apiKey: e2e.manageKey });
  try {
    await seeder.writeSequence(sequence, {}, async (writer) => {
      const imu = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
      for (let start = 0; start < ROWS; start += 100_000) await imu.push(imuBatch(start, 100_000));
    });
  } finally {
    await seeder.close();
  }

  await page.goto(`http://127.0.0.1:${e2e.pagePort}/`);
  await page.waitForSelector("body[data-ready='1']");
  const result = await page.evaluate(
    async ({ url, apiKey, locator }) => {
      const { MosaicoClient } = (window as any).mosaico;
      const client = await MosaicoClient.connect({ url, apiKey });
      /** Row count and an order-sensitive 32-bit checksum of timestamp_ns and acceleration.x (cheap: int views). */
      const read = async (worker: boolean, observe: boolean) => {
        const longTasks: number[] = [];
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) longTasks.push(entry.duration);
        });
        if (observe) observer.observe({ type: "longtask" });
        const started = performance.now();
        let rows = 0;
        let hash = 0;
        let batches = 0;
        for await (const batch of await client.topicReader(locator, { worker })) {
          const ts = batch.getChild("timestamp_ns").toArray() as BigInt64Array;
          const ax = batch.getChild("acceleration").getChild("x").toArray() as Float64Array;
          const t32 = new Int32Array(ts.buffer, ts.byteOffset, ts.length * 2);
          const x32 = new Int32Array(ax.buffer, ax.byteOffset, ax.length * 2);
          for (let i = 0; i < t32.length; i++) hash = (Math.imul(hash, 31) + t32[i]! + x32[i]!) | 0;
          rows += batch.numRows;
          batches++;
        }
        const ms = performance.now() - started;
        // Let the last long-task entries arrive.
        await new Promise((resolve) => setTimeout(resolve, 200));
        observer.disconnect();
        return { rows, hash, batches, ms, longTasks: longTasks.length, longestTaskMs: Math.max(0, ...longTasks), totalLongTaskMs: longTasks.reduce((a, b) => a + b, 0) };
      };
      try {
        // Warm both paths first (JIT, the worker's start-up), so neither measured read pays for them.
        await read(false, false);
        await read(true, false);
        const mainThread = await read(false, true);
        const inWorker = await read(true, true);
        return { mainThread, inWorker };
      } finally {
        await client.close();
      }
    },
    { url, apiKey: e2e.manageKey, locator: `${sequence}/imu` },
  );

  const report = { rows: ROWS, browser: "chromium", ...result };
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/worker-reader-longtasks.json", JSON.stringify(report, null, 2) + "\n");
  console.log(`main thread: longest task ${result.mainThread.longestTaskMs.toFixed(0)} ms (${result.mainThread.longTasks} long tasks, read ${result.mainThread.ms.toFixed(0)} ms); ` +
    `worker: longest task ${result.inWorker.longestTaskMs.toFixed(0)} ms (${result.inWorker.longTasks} long tasks, read ${result.inWorker.ms.toFixed(0)} ms)`);
  expect(result.mainThread.rows).toBe(ROWS);
  expect(result.inWorker.rows).toBe(ROWS);
  expect(result.inWorker.hash).toBe(result.mainThread.hash);
  expect(result.inWorker.batches).toBe(result.mainThread.batches);
});
